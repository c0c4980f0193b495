import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { InvalidInput } from '../common/errors/domain-errors';
import { prepareReferenceData, type LksReferenceData, type PreparedLksReferenceData } from '../lks-calculation/domain';
import { minimumWageCoverage, type MinimumWageCoverage } from './minimum-wage-coverage';
import { minimumWageRateProblems } from './minimum-wage-rates';
import {
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
    const problems = minimumWageRateProblems(dto.rates);
    if (problems.length) throw new InvalidInput(problems, 'The minimum wage table is incomplete or inconsistent.');
    return this.afterReferenceChange(
      this.dataSource.transaction(async (m) => {
        // Serialises concurrent additions so two admins cannot both append "after the latest".
        await m.query('LOCK TABLE minimum_wage_period IN SHARE ROW EXCLUSIVE MODE');
        const existing = await m.find(MinimumWagePeriodEntity, { order: { validFrom: 'ASC' } });
        const validUntil = dto.validUntil ?? null;
        const placement = placeNewPeriod(existing, dto.validFrom, validUntil);
        if (placement.closePrevious) {
          await this.closePeriod(m, actor, MinimumWagePeriodEntity, 'minimum-wage-period', placement.closePrevious);
        }
        const { id } = await m.save(m.create(MinimumWagePeriodEntity, { validFrom: dto.validFrom, validUntil }));
        await m.insert(
          MinimumWageRateEntity,
          dto.rates.map((r) => ({ ...r, periodId: id })),
        );
        const period = await m.findOneOrFail(MinimumWagePeriodEntity, { where: { id }, relations: { rates: true } });
        await this.audit.record(m, actor, {
          action: 'minimum-wage-period.created',
          entityType: 'minimum-wage-period',
          entityId: String(period.id),
          after: toMinimumWagePeriodView(period),
        });
        return period;
      }),
    );
  }

  async createLksParameterSet(actor: Actor, dto: CreateLksParameterSetDto): Promise<LksParameterSetEntity> {
    const zero = (['capPercentage', 'flatRatePercentage'] as const).filter((f) => Number(dto[f]) === 0);
    if (zero.length) throw new InvalidInput(zero.map((name) => ({ name, reason: 'must be more than 0' })));
    return this.afterReferenceChange(
      this.dataSource.transaction(async (m) => {
        await m.query('LOCK TABLE lks_parameter_set IN SHARE ROW EXCLUSIVE MODE');
        const existing = await m.find(LksParameterSetEntity, { order: { validFrom: 'ASC' } });
        const validUntil = dto.validUntil ?? null;
        const placement = placeNewPeriod(existing, dto.validFrom, validUntil);
        if (placement.closePrevious) {
          await this.closePeriod(m, actor, LksParameterSetEntity, 'lks-parameter-set', placement.closePrevious);
        }
        const { id } = await m.save(m.create(LksParameterSetEntity, { ...dto, validUntil }));
        // Read back what Postgres stored (numeric normalised to two decimals) for the response and audit.
        const set = await m.findOneByOrFail(LksParameterSetEntity, { id });
        await this.audit.record(m, actor, {
          action: 'lks-parameter-set.created',
          entityType: 'lks-parameter-set',
          entityId: String(set.id),
          after: toLksParameterSetView(set),
        });
        return set;
      }),
    );
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
   * tables changed. Rates are only ever inserted with their period, and periods only change by being
   * added or closed, so ids and end dates identify the content; other instances' changes are seen too.
   * Inside a transaction, pass its EntityManager: taking a second pooled connection while holding
   * one deadlocks under load once every connection is held by a waiting transaction.
   */
  async preparedCalculationReferenceData(m: EntityManager = this.dataSource.manager): Promise<PreparedLksReferenceData> {
    // Changes made here clear the cache at once; another instance's are seen within a second.
    if (this.prepared && Date.now() - this.prepared.checkedAt < FINGERPRINT_TTL_MS) return this.prepared.data;
    const [{ fingerprint }] = await m.query(`
      SELECT concat_ws('|',
        (SELECT string_agg(id || ':' || coalesce(valid_until::text, '-'), ',' ORDER BY id) FROM minimum_wage_period),
        (SELECT string_agg(id || ':' || coalesce(valid_until::text, '-'), ',' ORDER BY id) FROM lks_parameter_set)
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
