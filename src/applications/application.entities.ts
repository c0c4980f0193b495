import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Scale } from '../lks-calculation/domain';
import type { ApplicationStatus } from './domain/application-status';
import type { EmploymentOrigin } from './domain/application-window';

export const TARGET_GROUP_BASES = ['doelgroepregister', 'praktijkroute'] as const;
export type TargetGroupBasis = (typeof TARGET_GROUP_BASES)[number];

/** An employer's application for wage-cost subsidy for one participant in one job. */
@Entity('application')
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', name: 'application_number', insert: false, update: false })
  applicationNumber: string;

  @Column('uuid', { name: 'employer_id' })
  employerId: string;

  @Column('uuid', { name: 'participant_id' })
  participantId: string;

  @Column('text', { name: 'job_title' })
  jobTitle: string;

  @Column('text')
  sector: string;

  @Column('text', { name: 'job_plan_code' })
  jobPlanCode: string;

  @Column('date', { name: 'contract_start' })
  contractStart: string;

  @Column('date', { name: 'contract_end', nullable: true })
  contractEnd: string | null;

  @Column('numeric', { name: 'hours_per_week', precision: 4, scale: 2 })
  hoursPerWeek: string;

  @Column('numeric', { name: 'full_time_hours_per_week', precision: 4, scale: 2 })
  fullTimeHoursPerWeek: string;

  @Column('numeric', { name: 'gross_hourly_wage', precision: 8, scale: 2 })
  grossHourlyWage: string;

  @Column('text')
  scale: Scale;

  @Column('boolean', { name: 'flat_rate_requested' })
  flatRateRequested: boolean;

  /** Where the employee came from directly before the job; decides the application window (Participatiewet art. 10d). Null for applications from before it was recorded. */
  @Column('text', { name: 'employment_origin', nullable: true })
  employmentOrigin: EmploymentOrigin | null;

  /** Why the person belongs to the LKS target group (Participatiewet art. 10c): the doelgroepregister or the praktijkroute. */
  @Column('text', { name: 'target_group_basis', nullable: true })
  targetGroupBasis: TargetGroupBasis | null;

  @Column('date', { name: 'target_group_registered_on', nullable: true })
  targetGroupRegisteredOn: string | null;

  @Column('date', { name: 'target_group_assessed_on', nullable: true })
  targetGroupAssessedOn: string | null;

  @Column('text', { name: 'target_group_assessor', nullable: true })
  targetGroupAssessor: string | null;

  /** Participatiewet art. 10d lid 1 sub b: the college decided, with the employer, that the wage value need not be measured. */
  @Column('date', { name: 'no_measurement_decided_on', nullable: true })
  noMeasurementDecidedOn: string | null;

  @Column('text', { name: 'no_measurement_reason', nullable: true })
  noMeasurementReason: string | null;

  @Column('uuid', { name: 'no_measurement_decided_by', nullable: true })
  noMeasurementDecidedBy: string | null;

  @Column('text')
  status: ApplicationStatus;

  @Column('integer')
  version: number;

  @Column('date', { name: 'submitted_on', nullable: true })
  submittedOn: string | null;

  @Column('date', { name: 'decided_on', nullable: true })
  decidedOn: string | null;

  @Column('smallint', { name: 'extension_weeks', nullable: true })
  extensionWeeks: number | null;

  @Column('text', { name: 'extension_reason', nullable: true })
  extensionReason: string | null;

  @Column('date', { name: 'extended_on', nullable: true })
  extendedOn: string | null;

  @Column('text', { name: 'proposed_outcome', nullable: true })
  proposedOutcome: 'grant' | 'reject' | null;

  @Column('text', { name: 'proposed_reasons', nullable: true })
  proposedReasons: string | null;

  @Column('jsonb', { name: 'proposed_calculation', nullable: true })
  proposedCalculation: object | null;

  @Column('uuid', { name: 'proposed_by', nullable: true })
  proposedBy: string | null;

  @Column('timestamptz', { name: 'proposed_at', nullable: true })
  proposedAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A request for information to the employer; suspends the decision term while open (Awb 4:15). */
@Entity('information_request')
export class InformationRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('date', { name: 'requested_on' })
  requestedOn: string;

  @Column('text')
  question: string;

  @Column('uuid', { name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @Column('date', { name: 'received_on', nullable: true })
  receivedOn: string | null;

  @Column('text', { name: 'received_note', nullable: true })
  receivedNote: string | null;

  @Column('uuid', { name: 'received_by', nullable: true })
  receivedBy: string | null;
}

/** The wage value (loonwaarde) measured at the workplace by an assessor with a recognised method. */
@Entity('wage_value_assessment')
export class WageValueAssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('date', { name: 'assessed_on' })
  assessedOn: string;

  @Column('text', { name: 'method_code' })
  methodCode: string;

  @Column('text', { name: 'assessor_name' })
  assessorName: string;

  @Column('numeric', { precision: 5, scale: 2 })
  percentage: string;

  @Column('text', { name: 'workplace_notes', nullable: true })
  workplaceNotes: string | null;

  @Column('date', { name: 'effective_from' })
  effectiveFrom: string;

  @Column('date', { name: 'valid_until' })
  validUntil: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const DOCUMENT_KINDS = ['employment-contract', 'pay-slip', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A file the employer uploaded for an application, stored with its SHA-256. */
@Entity('application_document')
export class ApplicationDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('text')
  kind: DocumentKind;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('bytea', { select: false })
  content: Buffer;

  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
