import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';

export const OUTBOX_STATUSES = ['pending', 'failed', 'processed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export class OutboxEventQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: OUTBOX_STATUSES,
    default: 'failed',
    description: 'failed: set aside after the last attempt; pending: waiting or being retried; processed: applied.',
  })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: 'must be one of the following values: pending, failed, processed' })
  status: OutboxStatus = 'failed';
}

/** An event between modules (today: an issued decision for payments) and how far its processing is. */
export class OutboxEventView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'decision.issued' }) type: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decisionId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'LKS-2026-000123' }) decisionNumber: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'grant' }) decisionType: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) applicationId: string | null;
  @ApiProperty({ example: 3, description: 'Failed attempts so far.' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed.' }) lastError: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it is tried next (pending only).' })
  nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) processedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
