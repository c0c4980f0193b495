import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EnrolmentStatus } from './domain/enrolment-status';

/** A retraining programme (opleiding) of an education partner, e.g. Helpende Zorg en Welzijn (MBO 2, BBL). */
@Entity('programme')
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'qualification_name' }) qualificationName: string;
  @Column('char', { name: 'crebo_code', length: 5 }) creboCode: string;
  @Column('smallint', { name: 'mbo_level' }) mboLevel: number;
  @Column('text', { name: 'learning_path' }) learningPath: 'BBL' | 'BOL';
  @Column('uuid', { name: 'education_partner_id' }) educationPartnerId: string;
  @Column('smallint', { name: 'duration_months' }) durationMonths: number;
  @Column('bigint', { name: 'tuition_cents' }) tuitionCents: string;
  @Column('numeric', { name: 'share_at_start_percentage', precision: 5, scale: 2 }) shareAtStartPercentage: string;
  @Column('boolean', { name: 'recover_on_dropout' }) recoverOnDropout: boolean;
  @Column('boolean') active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('integer') version: number;
}

/** A start moment of a programme with a number of places. */
@Entity('cohort')
export class CohortEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'programme_id' }) programmeId: string;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('integer') capacity: number;
  @Column('integer', { name: 'confirmed_count' }) confirmedCount: number;
}

/** A participant's place in a cohort, from nomination by a caseworker to diploma or drop-out. */
@Entity('enrolment')
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'participant_id' }) participantId: string;
  @Column('uuid', { name: 'cohort_id' }) cohortId: string;
  @Column('uuid', { name: 'programme_id' }) programmeId: string;
  @Column('uuid', { name: 'education_partner_id' }) educationPartnerId: string;
  /** For BBL: the work placement, an LKS application at a care employer. */
  @Column('uuid', { name: 'application_id', nullable: true }) applicationId: string | null;
  @Column('text') status: EnrolmentStatus;
  @Column('date', { name: 'nominated_on' }) nominatedOn: string;
  @Column('uuid', { name: 'nominated_by' }) nominatedBy: string;
  @Column('text', { name: 'student_number', nullable: true }) studentNumber: string | null;
  @Column('date', { name: 'actual_start_date', nullable: true }) actualStartDate: string | null;
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason: string | null;
  @Column('date', { name: 'diploma_date', nullable: true }) diplomaDate: string | null;
  @Column('date', { name: 'dropout_date', nullable: true }) dropoutDate: string | null;
  @Column('text', { name: 'dropout_reason', nullable: true }) dropoutReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
}

@Entity('progress_report')
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'enrolment_id' }) enrolmentId: string;
  @Column('date', { name: 'period_start' }) periodStart: string;
  @Column('date', { name: 'period_end' }) periodEnd: string;
  @Column('numeric', { name: 'attendance_percentage', precision: 5, scale: 2 }) attendancePercentage: string;
  @Column('text', { name: 'result_summary' }) resultSummary: string;
  @Column('uuid', { name: 'reported_by' }) reportedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
