import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { ParticipantsModule } from '../participants/participants.module';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { PaymentsModule } from '../payments/payments.module';
import { DecisionEntity, ObjectionEntity, OutboxEventEntity } from './decision.entities';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([DecisionEntity, ObjectionEntity, OutboxEventEntity]),
    ApplicationsModule,
    ParticipantsModule,
    ReferenceDataModule,
    PaymentsModule,
  ],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
