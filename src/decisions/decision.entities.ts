import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DecisionDocumentModel, DecisionType } from './pdf/decision-document';

export type DecisionStatus = 'draft' | 'issued';

/** A formal decision (beschikking) under the Awb. Issued decisions are final (a trigger enforces it). */
@Entity('decision')
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  type: DecisionType;

  @Column('text')
  status: DecisionStatus;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'employer_id' })
  employerId: string;

  @Column('uuid', { name: 'refers_to_decision_id', nullable: true })
  refersToDecisionId: string | null;

  @Column('boolean', { name: 'is_correction' })
  isCorrection: boolean;

  @Column('date', { name: 'effective_date', nullable: true })
  effectiveDate: string | null;

  @Column('date', { name: 'period_start', nullable: true })
  periodStart: string | null;

  @Column('date', { name: 'period_end', nullable: true })
  periodEnd: string | null;

  @Column('bigint', { name: 'total_cents', nullable: true })
  totalCents: string | null;

  @Column('bigint', { name: 'previous_total_cents', nullable: true })
  previousTotalCents: string | null;

  @Column('bigint', { name: 'recovery_cents', nullable: true })
  recoveryCents: string | null;

  @Column('smallint', { name: 'payment_term_days', nullable: true })
  paymentTermDays: number | null;

  @Column('text')
  reasons: string;

  /** Everything the letter shows, fixed when drafted; the PDF is rendered from it at issue. */
  @Column('jsonb')
  snapshot: DecisionDocumentModel;

  @Column('text', { name: 'decision_number', nullable: true })
  decisionNumber: string | null;

  @Column('date', { name: 'decision_date', nullable: true })
  decisionDate: string | null;

  @Column('date', { name: 'sending_date', nullable: true })
  sendingDate: string | null;

  @Column('date', { name: 'objection_deadline', nullable: true })
  objectionDeadline: string | null;

  @Column('bytea', { nullable: true, select: false })
  pdf: Buffer | null;

  @Column('char', { name: 'pdf_sha256', length: 64, nullable: true })
  pdfSha256: string | null;

  @Column('uuid', { name: 'drafted_by' })
  draftedBy: string;

  @CreateDateColumn({ name: 'drafted_at', type: 'timestamptz' })
  draftedAt: Date;

  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Column('integer')
  version: number;
}

export const OBJECTION_STATUSES = [
  'received',
  'in-treatment',
  'upheld',
  'partly-upheld',
  'dismissed',
  'inadmissible',
  'withdrawn',
] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** An objection (bezwaar, Awb 6:4) against an issued decision. */
@Entity('objection')
export class ObjectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  /** Received within the six weeks of Awb 6:7 (after that: late, Awb 6:11 may still excuse it). */
  @Column('boolean', { name: 'within_term' })
  withinTerm: boolean;

  @Column('text')
  status: ObjectionStatus;

  @Column('text', { nullable: true })
  grounds: string | null;

  @Column('uuid', { name: 'registered_by' })
  registeredBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('integer')
  version: number;
}

/** A domain event written in the transaction of the change it reports; consumers mark it processed. */
@Entity('outbox_event')
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('text')
  type: string;

  @Column('jsonb')
  payload: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'processed_at', nullable: true })
  processedAt: Date | null;

  /** Failed attempts so far; the consumer retries with backoff and sets the event aside after too many. */
  @Column('integer')
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt: Date;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt: Date | null;
}
