import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An employer organisation (werkgever) that applies for wage-cost subsidy. */
@Entity('employer')
export class EmployerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('char', { name: 'kvk_number', length: 8 })
  kvkNumber: string;

  @Column('char', { name: 'payroll_tax_number', length: 12, nullable: true })
  payrollTaxNumber: string | null;

  @Column('text', { nullable: true })
  street: string | null;

  @Column('text', { name: 'house_number', nullable: true })
  houseNumber: string | null;

  @Column('char', { name: 'postal_code', length: 6, nullable: true })
  postalCode: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { name: 'contact_name', nullable: true })
  contactName: string | null;

  @Column('text', { name: 'contact_email', nullable: true })
  contactEmail: string | null;

  @Column('text', { name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column('integer')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
