import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BankAccountStatus = 'pending' | 'verified' | 'rejected' | 'superseded';

/**
 * A payee's bank account. A new or changed account is pending until backoffice verifies it (a
 * second person when backoffice entered it); payment runs only use the verified one.
 */
@Entity('bank_account')
export class BankAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'employer_id', nullable: true })
  employerId: string | null;

  @Column('uuid', { name: 'education_partner_id', nullable: true })
  educationPartnerId: string | null;

  @Column('varchar', { length: 34 })
  iban: string;

  @Column('text', { name: 'account_holder' })
  accountHolder: string;

  @Column('varchar', { length: 11, nullable: true })
  bic: string | null;

  @Column('text')
  status: BankAccountStatus;

  @Column('uuid', { name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  requestedAt: Date;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason: string | null;
}
