import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CodeListItemEntity } from './code-list-item.entity';
import { CodeListsController } from './code-lists.controller';
import { CodeListsService } from './code-lists.service';

@Module({
  imports: [TypeOrmModule.forFeature([CodeListItemEntity])],
  controllers: [CodeListsController],
  providers: [CodeListsService],
  exports: [CodeListsService],
})
export class CodeListsModule {}
