import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** A period of the statutory minimum wage (WML), indexed on 1 January and 1 July. */
@Entity('minimum_wage_period')
export class MinimumWagePeriodEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_until', nullable: true })
  validUntil: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => MinimumWageRateEntity, (r) => r.period, { cascade: ['insert'] })
  rates: MinimumWageRateEntity[];
}

/** Hourly minimum wage for one age (21 = 21 and older) and scale within a period. */
@Entity('minimum_wage_rate')
export class MinimumWageRateEntity {
  @PrimaryColumn({ name: 'period_id', type: 'integer' })
  periodId: number;

  @PrimaryColumn('text')
  scale: 'regular' | 'bbl';

  @PrimaryColumn('smallint')
  age: number;

  @Column('numeric', { precision: 5, scale: 2 })
  percentage: string;

  @Column('numeric', { precision: 8, scale: 2 })
  hourly: string;

  @ManyToOne(() => MinimumWagePeriodEntity, (p) => p.rates)
  @JoinColumn({ name: 'period_id' })
  period: MinimumWagePeriodEntity;
}

/** The percentages and limits of the LKS rule, with validity dates like the minimum wage. */
@Entity('lks_parameter_set')
export class LksParameterSetEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_until', nullable: true })
  validUntil: string | null;

  @Column('numeric', { name: 'cap_percentage', precision: 5, scale: 2 })
  capPercentage: string;

  @Column('numeric', { name: 'holiday_allowance_percentage', precision: 5, scale: 2 })
  holidayAllowancePercentage: string;

  @Column('numeric', { name: 'employer_costs_percentage', precision: 5, scale: 2 })
  employerCostsPercentage: string;

  @Column('numeric', { name: 'flat_rate_percentage', precision: 5, scale: 2 })
  flatRatePercentage: string;

  @Column('smallint', { name: 'flat_rate_max_months' })
  flatRateMaxMonths: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
