import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { InvalidInput, NotFound } from '../common/errors/domain-errors';
import { prepareReferenceData, type LksReferenceData, type PreparedLksReferenceData } from '../lks-calculation/domain';
import { minimumWageCoverage, type MinimumWageCoverage } from './minimum-wage-coverage';
import { minimumWageRateProblems } from './minimum-wage-rates';
import {
  CorrectLksParameterSetDto,
  CorrectMinimumWagePeriodDto,
  CreateLksParameterSetDto,
  CreateMinimumWagePeriodDto,
  toLksParameterSetView,
  toMinimumWagePeriodView,
} from './reference-data.dto';
import { LksParameterSetEntity, MinimumWagePeriodEntity, MinimumWageRateEntity } from './reference-data.entities';
import { placeNewPeriod } from './validity-periods';

/** The minimum wage table and the LKS parameters, kept by administrators, read by calculations. */
const FINGERPRINT_TTL_MS = 1000;

@Injectable()
export class ReferenceDataService {
  private prepared?: { fingerprint: string; data: PreparedLksReferenceData; checkedAt: number };
  /**
   * Transactions that changed the reference data and have not ended: calculations inside them read
   * the tables as that transaction sees them, never the shared cache (and never fill it).
   */
  private readonly uncommitted = new WeakSet<EntityManager>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  listMinimumWagePeriods(): Promise<MinimumWagePeriodEntity[]> {
    return this.dataSource.getRepository(MinimumWagePeriodEntity).find({
      relations: { rates: true },
      order: { validFrom: 'ASC' },
    });
  }

  /** Until when the minimum wage table reaches on `today`, and whether the backoffice must be warned. */
  async minimumWageCoverage(today: string): Promise<MinimumWageCoverage> {
    const latest: Array<{ validFrom: string; validUntil: string | null }> = await this.dataSource.query(
      `SELECT valid_from::text AS "validFrom", valid_until::text AS "validUntil"
       FROM minimum_wage_period ORDER BY valid_from DESC LIMIT 1`,
    );
    return minimumWageCoverage(latest, today);
  }

  listLksParameterSets(): Promise<LksParameterSetEntity[]> {
    return this.dataSource.getRepository(LksParameterSetEntity).find({ order: { validFrom: 'ASC' } });
  }

  async createMinimumWagePeriod(actor: Actor, dto: CreateMinimumWagePeriodDto): Promise<MinimumWagePeriodEntity> {
    return this.afterReferenceChange(this.dataSource.transaction((m) => this.createMinimumWagePeriodWithin(m, actor, dto)));
  }

  /**
   * Adds the next minimum wage period inside the caller's transaction (which then calculates with it
   * apart from everyone else until it ends: see referenceTransactionEnded).
   */
  async createMinimumWagePeriodWithin(
    m: EntityManager,
    actor: Actor,
    dto: CreateMinimumWagePeriodDto,
  ): Promise<MinimumWagePeriodEntity> {
    const problems = minimumWageRateProblems(dto.rates);
    if (problems.length) throw new InvalidInput(problems, 'The minimum wage table is incomplete or inconsistent.');
    // Serialises concurrent additions so two admins cannot both append "after the latest".
    await m.query('LOCK TABLE minimum_wage_period IN SHARE ROW EXCLUSIVE MODE');
    const existing = await m.find(MinimumWagePeriodEntity, { order: { validFrom: 'ASC' } });
    const validUntil = dto.validUntil ?? null;
    const placement = placeNewPeriod(existing, dto.validFrom, validUntil);
    this.uncommitted.add(m);
    if (placement.closePrevious) {
      await this.closePeriod(m, actor, MinimumWagePeriodEntity, 'minimum-wage-period', placement.closePrevious);
    }
    const { id } = await m.save(m.create(MinimumWagePeriodEntity, { validFrom: dto.validFrom, validUntil }));
    await m.insert(
      MinimumWageRateEntity,
      dto.rates.map((r) => ({ scale: r.scale, age: r.age, percentage: r.percentage, hourly: r.hourly, periodId: id })),
    );
    const period = await m.findOneOrFail(MinimumWagePeriodEntity, { where: { id }, relations: { rates: true } });
    await this.audit.record(m, actor, {
      action: 'minimum-wage-period.created',
      entityType: 'minimum-wage-period',
      entityId: String(period.id),
      after: toMinimumWagePeriodView(period),
    });
    return period;
  }

  async createLksParameterSet(actor: Actor, dto: CreateLksParameterSetDto): Promise<LksParameterSetEntity> {
    return this.afterReferenceChange(this.dataSource.transaction((m) => this.createLksParameterSetWithin(m, actor, dto)));
  }

  /** Adds the next LKS parameter set inside the caller's transaction; see createMinimumWagePeriodWithin. */
  async createLksParameterSetWithin(
    m: EntityManager,
    actor: Actor,
    dto: CreateLksParameterSetDto,
  ): Promise<LksParameterSetEntity> {
    assertParametersAboveZero(dto);
    await m.query('LOCK TABLE lks_parameter_set IN SHARE ROW EXCLUSIVE MODE');
    const existing = await m.find(LksParameterSetEntity, { order: { validFrom: 'ASC' } });
    const validUntil = dto.validUntil ?? null;
    const placement = placeNewPeriod(existing, dto.validFrom, validUntil);
    this.uncommitted.add(m);
    if (placement.closePrevious) {
      await this.closePeriod(m, actor, LksParameterSetEntity, 'lks-parameter-set', placement.closePrevious);
    }
    const { id } = await m.save(
      m.create(LksParameterSetEntity, {
        validFrom: dto.validFrom,
        validUntil,
        capPercentage: dto.capPercentage,
        holidayAllowancePercentage: dto.holidayAllowancePercentage,
        employerCostsPercentage: dto.employerCostsPercentage,
        flatRatePercentage: dto.flatRatePercentage,
        flatRateMaxMonths: dto.flatRateMaxMonths,
      }),
    );
    // Read back what Postgres stored (numeric normalised to two decimals) for the response and audit.
    const set = await m.findOneByOrFail(LksParameterSetEntity, { id });
    await this.audit.record(m, actor, {
      action: 'lks-parameter-set.created',
      entityType: 'lks-parameter-set',
      entityId: String(set.id),
      after: toLksParameterSetView(set),
    });
    return set;
  }

  // ---- corrections ---------------------------------------------------------------------------

  /**
   * Corrects the amounts of an existing minimum wage period (a published amount was entered wrongly,
   * or was itself corrected), inside the caller's transaction: the caller works out what the
   * correction does to running subsidies before it commits (ReferenceCorrectionsService). The period's
   * dates stay as they are, so the table keeps joining without gaps. Returns whether anything changed.
   */
  async correctMinimumWagePeriodWithin(
    m: EntityManager,
    actor: Actor,
    id: number,
    dto: CorrectMinimumWagePeriodDto,
  ): Promise<{ period: MinimumWagePeriodEntity; changed: boolean }> {
    const problems = minimumWageRateProblems(dto.rates);
    if (problems.length) throw new InvalidInput(problems, 'The minimum wage table is incomplete or inconsistent.');
    await m.query('LOCK TABLE minimum_wage_period IN SHARE ROW EXCLUSIVE MODE');
    const before = await m.findOne(MinimumWagePeriodEntity, { where: { id }, relations: { rates: true } });
    if (!before) throw new NotFound('Minimum wage period', String(id));
    const beforeView = toMinimumWagePeriodView(before);
    this.uncommitted.add(m);
    await m.delete(MinimumWageRateEntity, { periodId: id });
    await m.insert(
      MinimumWageRateEntity,
      dto.rates.map((r) => ({ scale: r.scale, age: r.age, percentage: r.percentage, hourly: r.hourly, periodId: id })),
    );
    const period = await m.findOneOrFail(MinimumWagePeriodEntity, { where: { id }, relations: { rates: true } });
    const afterView = toMinimumWagePeriodView(period);
    const changed = JSON.stringify(beforeView.rates) !== JSON.stringify(afterView.rates);
    if (changed) {
      await this.audit.record(m, actor, {
        action: 'minimum-wage-period.corrected',
        entityType: 'minimum-wage-period',
        entityId: String(id),
        before: { rates: beforeView.rates },
        after: { rates: afterView.rates, reason: dto.reason },
      });
    }
    return { period, changed };
  }

  /** Corrects the percentages of an existing LKS parameter set; see correctMinimumWagePeriodWithin. */
  async correctLksParameterSetWithin(
    m: EntityManager,
    actor: Actor,
    id: number,
    dto: CorrectLksParameterSetDto,
  ): Promise<{ set: LksParameterSetEntity; changed: boolean }> {
    assertParametersAboveZero(dto);
    await m.query('LOCK TABLE lks_parameter_set IN SHARE ROW EXCLUSIVE MODE');
    const before = await m.findOneBy(LksParameterSetEntity, { id });
    if (!before) throw new NotFound('LKS parameter set', String(id));
    this.uncommitted.add(m);
    await m.update(
      LksParameterSetEntity,
      { id },
      {
        capPercentage: dto.capPercentage,
        holidayAllowancePercentage: dto.holidayAllowancePercentage,
        employerCostsPercentage: dto.employerCostsPercentage,
        flatRatePercentage: dto.flatRatePercentage,
        flatRateMaxMonths: dto.flatRateMaxMonths,
      },
    );
    const set = await m.findOneByOrFail(LksParameterSetEntity, { id });
    const { validFrom, validUntil, ...beforeValues } = toLksParameterSetView(before);
    const { validFrom: _f, validUntil: _u, ...afterValues } = toLksParameterSetView(set);
    const changed = JSON.stringify(beforeValues) !== JSON.stringify(afterValues);
    if (changed) {
      await this.audit.record(m, actor, {
        action: 'lks-parameter-set.corrected',
        entityType: 'lks-parameter-set',
        entityId: String(id),
        before: beforeValues,
        after: { ...afterValues, reason: dto.reason },
      });
    }
    return { set, changed };
  }

  /** After a transaction that corrected the reference data ended (committed or rolled back). */
  referenceTransactionEnded(m: EntityManager): void {
    this.uncommitted.delete(m);
    this.prepared = undefined;
  }

  /** Once a change to the reference data has committed, calculations here use it at once. */
  private async afterReferenceChange<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    this.prepared = undefined;
    return result;
  }

  private async closePeriod(
    m: EntityManager,
    actor: Actor,
    entity: typeof MinimumWagePeriodEntity | typeof LksParameterSetEntity,
    entityType: string,
    close: { id: number; validUntil: string },
  ): Promise<void> {
    await m.update(entity, { id: close.id }, { validUntil: close.validUntil });
    await this.audit.record(m, actor, {
      action: `${entityType}.closed`,
      entityType,
      entityId: String(close.id),
      before: { validUntil: null },
      after: { validUntil: close.validUntil },
    });
  }

  /**
   * The reference data prepared (validated and indexed) for the calculation, rebuilt only when the
   * tables changed: periods are added or closed, and amounts corrected in place, so the fingerprint
   * covers ids, end dates and values; other instances' changes are seen too.
   * Inside a transaction, pass its EntityManager: taking a second pooled connection while holding
   * one deadlocks under load once every connection is held by a waiting transaction.
   */
  async preparedCalculationReferenceData(m: EntityManager = this.dataSource.manager): Promise<PreparedLksReferenceData> {
    // A transaction that is correcting the tables calculates with what it sees, apart from everyone else.
    if (this.uncommitted.has(m)) return prepareReferenceData(await this.loadCalculationReferenceData(m));
    // Changes made here clear the cache at once; another instance's are seen within a second.
    if (this.prepared && Date.now() - this.prepared.checkedAt < FINGERPRINT_TTL_MS) return this.prepared.data;
    // Periods are added or closed, and their amounts corrected in place: the fingerprint covers all three.
    const [{ fingerprint }] = await m.query(`
      SELECT concat_ws('|',
        (SELECT string_agg(id || ':' || coalesce(valid_until::text, '-'), ',' ORDER BY id) FROM minimum_wage_period),
        (SELECT md5(string_agg(period_id || scale || age || ':' || hourly, ',' ORDER BY period_id, scale, age)) FROM minimum_wage_rate),
        (SELECT string_agg(concat_ws(':', id, valid_until, cap_percentage, holiday_allowance_percentage,
           employer_costs_percentage, flat_rate_percentage, flat_rate_max_months), ',' ORDER BY id) FROM lks_parameter_set)
      ) AS fingerprint`);
    const cached = this.prepared;
    if (cached && cached.fingerprint === fingerprint) {
      cached.checkedAt = Date.now();
      return cached.data;
    }
    const data = prepareReferenceData(await this.loadCalculationReferenceData(m));
    this.prepared = { fingerprint, data, checkedAt: Date.now() };
    return data;
  }

  /** Everything the LKS calculation needs, in the shape of its pure input. */
  async loadCalculationReferenceData(m: EntityManager = this.dataSource.manager): Promise<LksReferenceData> {
    const periods = await m.find(MinimumWagePeriodEntity, { relations: { rates: true }, order: { validFrom: 'ASC' } });
    const parameters = await m.find(LksParameterSetEntity, { order: { validFrom: 'ASC' } });
    return {
      minimumWageRates: periods.flatMap((p) =>
        p.rates.map((r) => ({ validFrom: p.validFrom, validUntil: p.validUntil, scale: r.scale, age: r.age, hourly: r.hourly })),
      ),
      parameters: parameters.map((p) => ({
        validFrom: p.validFrom,
        validUntil: p.validUntil,
        capPercentage: p.capPercentage,
        holidayAllowancePercentage: p.holidayAllowancePercentage,
        employerCostsPercentage: p.employerCostsPercentage,
        flatRatePercentage: p.flatRatePercentage,
        flatRateMaxMonths: p.flatRateMaxMonths,
      })),
    };
  }
}

/** A cap or flat rate of 0% would grant nothing; the DTO allows 0 for the other percentages. */
function assertParametersAboveZero(dto: CreateLksParameterSetDto | CorrectLksParameterSetDto): void {
  const zero = (['capPercentage', 'flatRatePercentage'] as const).filter((f) => Number(dto[f]) === 0);
  if (zero.length) throw new InvalidInput(zero.map((name) => ({ name, reason: 'must be more than 0' })));
}
