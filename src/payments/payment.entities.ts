import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The monthly payments of one granted subsidy. */
@Entity('payment_schedule')
export class PaymentScheduleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column('uuid', { name: 'employer_id' }) employerId: string;
  @Column('uuid', { name: 'grant_decision_id' }) grantDecisionId: string;
  @Column('text') status: 'active' | 'ended';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
}

export type PayableKind = 'lks-instalment' | 'lks-correction' | 'settlement-payment' | 'tuition';

/** Something the municipality owes a payee on a due date. */
@Entity('payable_item')
export class PayableItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: PayableKind;
  @Column('uuid', { name: 'employer_id', nullable: true }) employerId: string | null;
  @Column('uuid', { name: 'education_partner_id', nullable: true }) educationPartnerId: string | null;
  @Column('uuid', { name: 'schedule_id', nullable: true }) scheduleId: string | null;
  @Column('char', { length: 7, nullable: true }) month: string | null;
  @Column('date', { name: 'due_date' }) dueDate: string;
  @Column('bigint', { name: 'amount_cents' }) amountCents: string;
  @Column('jsonb', { nullable: true }) breakdown: object | null;
  @Column('uuid', { name: 'decision_id', nullable: true }) decisionId: string | null;
  @Column('uuid', { name: 'enrolment_id', nullable: true }) enrolmentId: string | null;
  @Column('text') description: string;
  @Column('text') status: 'open' | 'paid' | 'cancelled';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Payments to an employer or a schedule are held (skipped by runs) until released. */
@Entity('payment_hold')
export class PaymentHoldEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'employer_id', nullable: true }) employerId: string | null;
  @Column('uuid', { name: 'schedule_id', nullable: true }) scheduleId: string | null;
  @Column('text') reason: string;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('uuid', { name: 'released_by', nullable: true }) releasedBy: string | null;
  @Column('timestamptz', { name: 'released_at', nullable: true }) releasedAt: Date | null;
}

export type PaymentRunStatus = 'created' | 'approved' | 'sent' | 'settled' | 'cancelled';

@Entity('payment_run')
export class PaymentRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', name: 'run_number', insert: false, update: false }) runNumber: string;
  @Column('date', { name: 'run_date' }) runDate: string;
  @Column('text') status: PaymentRunStatus;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('uuid', { name: 'approved_by', nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { name: 'approved_at', nullable: true }) approvedAt: Date | null;
  @Column('integer', { name: 'item_count' }) itemCount: number;
  @Column('bigint', { name: 'total_cents' }) totalCents: string;
  @Column('char', { name: 'sepa_sha256', length: 64, nullable: true }) sepaSha256: string | null;
  @Column('text', { name: 'message_id', nullable: true }) messageId: string | null;
  @Column('integer') version: number;
}

export type RunItemStatus = 'included' | 'sent' | 'settled' | 'rejected';

@Entity('payment_run_item')
export class PaymentRunItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'run_id' }) runId: string;
  @Column('uuid', { name: 'payable_item_id' }) payableItemId: string;
  @Column('uuid', { name: 'employer_id', nullable: true }) employerId: string | null;
  @Column('uuid', { name: 'education_partner_id', nullable: true }) educationPartnerId: string | null;
  @Column('uuid', { name: 'bank_account_id' }) bankAccountId: string;
  @Column('bigint', { name: 'amount_cents' }) amountCents: string;
  @Column('text') status: RunItemStatus;
  @Column('text', { name: 'rejection_reason', nullable: true }) rejectionReason: string | null;
}

/** Money a payee owes back (terugvordering): offset against later payments, paid, or written off. */
@Entity('recovery_item')
export class RecoveryItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'employer_id', nullable: true }) employerId: string | null;
  @Column('uuid', { name: 'education_partner_id', nullable: true }) educationPartnerId: string | null;
  @Column('uuid', { name: 'application_id', nullable: true }) applicationId: string | null;
  @Column('uuid', { name: 'decision_id', nullable: true }) decisionId: string | null;
  @Column('uuid', { name: 'enrolment_id', nullable: true }) enrolmentId: string | null;
  @Column('bigint', { name: 'amount_cents' }) amountCents: string;
  @Column('text') reason: string;
  @Column('date', { name: 'due_date' }) dueDate: string;
  @Column('text') status: 'open' | 'offset' | 'paid' | 'written-off';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
