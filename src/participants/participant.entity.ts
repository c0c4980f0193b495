import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const EDUCATION_LEVELS = ['none', 'primary', 'vmbo', 'havo-vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo-wo'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** A person receiving social assistance (bijstandsgerechtigde) who is helped into work. */
@Entity('participant')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Given by the municipality; safe to show to employers and education partners. */
  @Column({ type: 'text', name: 'participant_number', insert: false, update: false })
  participantNumber: string;

  @Column('text', { name: 'given_names' })
  givenNames: string;

  @Column('text', { name: 'family_name' })
  familyName: string;

  @Column('date', { name: 'date_of_birth' })
  dateOfBirth: string;

  /** AES-256-GCM ciphertext; never selected unless needed. */
  @Column('text', { name: 'bsn_encrypted', select: false })
  bsnEncrypted: string;

  /** Keyed hash (HMAC) for look-up by BSN without decrypting. */
  @Column('char', { name: 'bsn_hash', length: 64, select: false })
  bsnHash: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { name: 'education_level', nullable: true })
  educationLevel: EducationLevel | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('integer')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
