import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { AuditService } from '../audit/audit.service';
import { type Principal } from '../auth/principal';
import { Conflict, DomainError } from '../common/errors/domain-errors';
import { DecisionsService } from '../decisions/decisions.service';
import { formatDateNl } from '../decisions/pdf/format-nl';
import { formatCents } from '../lks-calculation/domain';
import { PaymentSchedulesService } from '../payments/payment-schedules.service';
import {
  ConfirmLksParameterSetCorrectionDto,
  ConfirmMinimumWagePeriodCorrectionDto,
  CorrectLksParameterSetDto,
  CorrectMinimumWagePeriodDto,
  CreateLksParameterSetDto,
  CreateMinimumWagePeriodDto,
} from '../reference-data/reference-data.dto';
import { LksParameterSetEntity, MinimumWagePeriodEntity } from '../reference-data/reference-data.entities';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import type {
  CorrectionImpactView,
  CorrectionResultView,
  DraftedChangeView,
  ImpactedSubsidyView,
  ImpactMonthView,
} from './reference-corrections.dto';

type Target =
  | { kind: 'minimum-wage-period'; id: number; dto: CorrectMinimumWagePeriodDto }
  | { kind: 'lks-parameter-set'; id: number; dto: CorrectLksParameterSetDto }
  | { kind: 'new-minimum-wage-period'; dto: CreateMinimumWagePeriodDto }
  | { kind: 'new-lks-parameter-set'; dto: CreateLksParameterSetDto };

type Recalculation = { applicationNumber: string; months?: Map<string, number>; problem?: string };
type Recalculations = Map<string, Recalculation>;

/** The reason an administrator gave, for a correction; an addition has none. */
function correctionReason(target: Target): string | null {
  return target.kind === 'minimum-wage-period' || target.kind === 'lks-parameter-set' ? target.dto.reason : null;
}

type Applied = { changes: boolean; entity: MinimumWagePeriodEntity | LksParameterSetEntity };

/**
 * A published reference value (a minimum wage amount, an LKS percentage) can be wrong and be
 * corrected. Before the correction is made the administrator sees what it does to running subsidies:
 * every active subsidy is recalculated with the corrected values, inside a transaction that is then
 * rolled back, and compared month by month with what its issued decisions fixed. Confirming makes the
 * same correction for real, checks that the impact is still the one that was seen, and drafts a
 * change decision (wijziging, Awb 4:48 and 4:51 via the grant's terms) for each subsidy whose decided
 * amounts change: an issued decision never changes, and its amounts change only by a new decision.
 * Issuing that decision (four eyes) recomputes the payment schedule through the outbox as any change
 * does: unpaid instalments follow, and paid months are corrected or recovered.
 * Safe to repeat: a subsidy that already has a draft decision is reported, not drafted twice, and
 * once the change decisions are issued the impact is empty.
 */
@Injectable()
export class ReferenceCorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referenceData: ReferenceDataService,
    private readonly applications: ApplicationsService,
    private readonly decisions: DecisionsService,
    private readonly schedules: PaymentSchedulesService,
    private readonly audit: AuditService,
  ) {}

  previewMinimumWagePeriod(actor: Principal, id: number, dto: CorrectMinimumWagePeriodDto): Promise<CorrectionImpactView> {
    return this.preview(actor, { kind: 'minimum-wage-period', id, dto });
  }

  previewLksParameterSet(actor: Principal, id: number, dto: CorrectLksParameterSetDto): Promise<CorrectionImpactView> {
    return this.preview(actor, { kind: 'lks-parameter-set', id, dto });
  }

  confirmMinimumWagePeriod(
    actor: Principal,
    id: number,
    dto: ConfirmMinimumWagePeriodCorrectionDto,
  ): Promise<CorrectionResultView> {
    const { impactFingerprint, ...correction } = dto;
    return this.confirm(actor, { kind: 'minimum-wage-period', id, dto: correction }, impactFingerprint);
  }

  confirmLksParameterSet(actor: Principal, id: number, dto: ConfirmLksParameterSetCorrectionDto): Promise<CorrectionResultView> {
    const { impactFingerprint, ...correction } = dto;
    return this.confirm(actor, { kind: 'lks-parameter-set', id, dto: correction }, impactFingerprint);
  }

  previewNewMinimumWagePeriod(actor: Principal, dto: CreateMinimumWagePeriodDto): Promise<CorrectionImpactView> {
    return this.preview(actor, { kind: 'new-minimum-wage-period', dto });
  }

  previewNewLksParameterSet(actor: Principal, dto: CreateLksParameterSetDto): Promise<CorrectionImpactView> {
    return this.preview(actor, { kind: 'new-lks-parameter-set', dto });
  }

  /**
   * Adds the next minimum wage period. Usually it changes no decided amount (the table cannot be
   * calculated past its end); when it does (the latest period was open ended), the addition needs the
   * fingerprint of its preview and drafts the change decisions, as a correction does.
   */
  async addMinimumWagePeriod(
    actor: Principal,
    dto: CreateMinimumWagePeriodDto,
    impactFingerprint?: string,
  ): Promise<{ period: MinimumWagePeriodEntity; changeDecisions: DraftedChangeView[] }> {
    const { entity, changeDecisions } = await this.commit(actor, { kind: 'new-minimum-wage-period', dto }, impactFingerprint);
    return { period: entity as MinimumWagePeriodEntity, changeDecisions };
  }

  /** Adds the next LKS parameter set; see addMinimumWagePeriod. */
  async addLksParameterSet(
    actor: Principal,
    dto: CreateLksParameterSetDto,
    impactFingerprint?: string,
  ): Promise<{ set: LksParameterSetEntity; changeDecisions: DraftedChangeView[] }> {
    const { entity, changeDecisions } = await this.commit(actor, { kind: 'new-lks-parameter-set', dto }, impactFingerprint);
    return { set: entity as LksParameterSetEntity, changeDecisions };
  }

  private async preview(actor: Principal, target: Target): Promise<CorrectionImpactView> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const before = await this.recalculateAll(runner.manager, actor);
      const { changes } = await this.apply(runner.manager, actor, target);
      return await this.impact(runner.manager, actor, target, changes, before);
    } finally {
      // Nothing of a preview stays: not the correction, not its audit row.
      await runner.rollbackTransaction();
      this.referenceData.referenceTransactionEnded(runner.manager);
      await runner.release();
    }
  }

  private async confirm(actor: Principal, target: Target, impactFingerprint: string): Promise<CorrectionResultView> {
    const { impact, changeDecisions } = await this.commit(actor, target, impactFingerprint);
    return { ...impact, changeDecisions };
  }

  /**
   * Makes the change for real and checks its impact: a correction always confirms the impact it was
   * shown; an addition only when it changes decided amounts. Then drafts the change decisions.
   */
  private async commit(
    actor: Principal,
    target: Target,
    impactFingerprint: string | undefined,
  ): Promise<{ entity: Applied['entity']; impact: CorrectionImpactView; changeDecisions: DraftedChangeView[] }> {
    let manager: EntityManager | undefined;
    try {
      return await this.dataSource.transaction(async (m) => {
        manager = m;
        const before = await this.recalculateAll(m, actor);
        const { changes, entity } = await this.apply(m, actor, target);
        const impact = await this.impact(m, actor, target, changes, before);
        const isAddition = target.kind === 'new-minimum-wage-period' || target.kind === 'new-lks-parameter-set';
        const mustConfirm = !isAddition || impact.subsidies.length > 0 || impactFingerprint !== undefined;
        if (mustConfirm && impact.impactFingerprint !== impactFingerprint) {
          throw new Conflict(
            impactFingerprint === undefined
              ? `This addition changes the decided amounts of ${impact.subsidies.length} running subsidies; preview it and confirm it with the preview's impactFingerprint.`
              : 'What the change does to running subsidies has changed since the preview (a decision, payment or value changed); preview it again.',
            [
              {
                name: 'impactFingerprint',
                reason:
                  impactFingerprint === undefined
                    ? 'is required: the addition changes decided amounts of running subsidies'
                    : 'does not match the impact as it is now: preview the correction again',
              },
            ],
          );
        }
        const changeDecisions: DraftedChangeView[] = [];
        for (const subsidy of impact.subsidies) {
          if (subsidy.problem || !subsidy.effectiveDate) continue;
          changeDecisions.push(await this.draftChange(m, actor, target, subsidy));
        }
        if (mustConfirm) {
          await this.audit.record(m, actor, {
            action: isAddition ? 'reference-data.addition-confirmed' : 'reference-data.correction-confirmed',
            entityType: target.kind.replace(/^new-/, ''),
            entityId: String(entity.id),
            after: {
              reason: correctionReason(target),
              referenceDataChanges: changes,
              impactFingerprint,
              subsidies: impact.subsidies.map((s) => ({
                applicationNumber: s.applicationNumber,
                unpaidDifference: s.unpaidDifference,
                paidDifference: s.paidDifference,
              })),
              changeDecisions,
            },
          });
        }
        return { entity, impact, changeDecisions };
      });
    } finally {
      if (manager) this.referenceData.referenceTransactionEnded(manager);
    }
  }

  private async apply(m: EntityManager, actor: Principal, target: Target): Promise<Applied> {
    switch (target.kind) {
      case 'minimum-wage-period': {
        const { period, changed } = await this.referenceData.correctMinimumWagePeriodWithin(m, actor, target.id, target.dto);
        return { changes: changed, entity: period };
      }
      case 'lks-parameter-set': {
        const { set, changed } = await this.referenceData.correctLksParameterSetWithin(m, actor, target.id, target.dto);
        return { changes: changed, entity: set };
      }
      case 'new-minimum-wage-period':
        return { changes: true, entity: await this.referenceData.createMinimumWagePeriodWithin(m, actor, target.dto) };
      case 'new-lks-parameter-set':
        return { changes: true, entity: await this.referenceData.createLksParameterSetWithin(m, actor, target.dto) };
    }
  }

  /** Each active subsidy's months recalculated with the reference data as `m` sees it now. */
  private async recalculateAll(m: EntityManager, actor: Principal): Promise<Recalculations> {
    const result: Recalculations = new Map();
    for (const applicationId of await this.schedules.activeSubsidyApplicationIds(m)) {
      const application = await this.applications.get(actor, applicationId, m);
      try {
        const fresh = await this.applications.calculateFor(application, m);
        const months = new Map(fresh.segments.flatMap((s) => s.calculation.months).map((l) => [l.month, l.totalCents]));
        result.set(applicationId, { applicationNumber: application.applicationNumber, months });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.set(applicationId, { applicationNumber: application.applicationNumber, problem: error.message });
      }
    }
    return result;
  }

  /**
   * What the change does: the subsidies with months whose recalculated amount differs before and
   * after it (so a change decision still waiting for approval elsewhere does not count twice), each
   * month with what its decisions fixed, the new amount and where its instalment is.
   */
  private async impact(
    m: EntityManager,
    actor: Principal,
    target: Target,
    changes: boolean,
    before: Recalculations,
  ): Promise<CorrectionImpactView> {
    const after = await this.recalculateAll(m, actor);
    const subsidies: ImpactedSubsidyView[] = [];
    for (const [applicationId, now] of after) {
      const subsidy = await this.subsidyImpact(m, applicationId, before.get(applicationId), now);
      if (subsidy) subsidies.push(subsidy);
    }
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify({
          target: { kind: target.kind, id: 'id' in target ? target.id : null, dto: target.dto },
          changes,
          subsidies,
        }),
      )
      .digest('hex');
    return { activeSubsidies: after.size, subsidies, referenceDataChanges: changes, impactFingerprint: fingerprint };
  }

  private async subsidyImpact(
    m: EntityManager,
    applicationId: string,
    before: Recalculation | undefined,
    after: Recalculation,
  ): Promise<ImpactedSubsidyView | null> {
    const decided = await this.decisions.decidedMonths(m, applicationId);
    if (!decided) return null;
    const base = { applicationId, applicationNumber: after.applicationNumber, decisionNumber: decided.decisionNumber };
    if (!after.months) {
      // It could be recalculated before the change but not after: say so rather than leave it out.
      if (before && !before.months) return null;
      return {
        ...base,
        effectiveDate: null,
        months: [],
        unpaidDifference: '0.00',
        paidDifference: '0.00',
        problem: after.problem ?? null,
        note: null,
      };
    }
    const now = after.months;
    const was = before?.months;
    const instalments = await this.schedules.instalmentsByMonth(m, applicationId);
    let unpaid = 0;
    let paid = 0;
    const months = decided.months
      .filter((d) => now.has(d.month) && now.get(d.month) !== (was ? was.get(d.month) : d.totalCents))
      .filter((d) => now.get(d.month) !== d.totalCents)
      .map((d) => {
        const amount = now.get(d.month) as number;
        const payment: ImpactMonthView['payment'] = instalments.get(d.month)?.state ?? 'none';
        if (payment === 'open') unpaid += amount - d.totalCents;
        else if (payment !== 'none') paid += amount - d.totalCents;
        return {
          month: d.month,
          decided: formatCents(d.totalCents),
          recalculated: formatCents(amount),
          difference: formatCents(amount - d.totalCents),
          payment,
        };
      });
    if (months.length === 0) return null;
    // From the first month that changes, but not before the period the latest decision restates.
    const firstDay = `${months[0].month}-01`;
    const effectiveDate = firstDay > decided.latestPeriodStart ? firstDay : decided.latestPeriodStart;
    const notes: string[] = [];
    // A change decision restates from its own effective date; earlier months need a correction of
    // the earlier decision, which stays a caseworker's (it would be lost silently otherwise).
    if (firstDay < decided.latestPeriodStart) {
      notes.push(
        `Months before ${decided.latestPeriodStart} change too, but the change decision restates from that date: a caseworker must correct the earlier decision for them.`,
      );
    }
    if (await this.decisions.openDraftId(m, applicationId)) {
      notes.push('A draft decision is waiting for approval: approve or discard it first, or the correction is refused.');
    }
    return {
      ...base,
      effectiveDate,
      months,
      unpaidDifference: formatCents(unpaid),
      paidDifference: formatCents(paid),
      problem: null,
      note: notes.length ? notes.join(' ') : null,
    };
  }

  private async draftChange(
    m: EntityManager,
    actor: Principal,
    target: Target,
    subsidy: ImpactedSubsidyView,
  ): Promise<DraftedChangeView> {
    const base = { applicationId: subsidy.applicationId, applicationNumber: subsidy.applicationNumber };
    const existing = await this.decisions.openDraftId(m, subsidy.applicationId);
    if (existing) {
      // A draft computed with the old values would, once approved, pay them: the correction would be
      // lost. So the whole correction waits until that draft is decided or discarded.
      throw new Conflict(
        `Application ${subsidy.applicationNumber} has a draft decision waiting for approval; approve or discard it, then confirm the correction again.`,
        [{ name: 'impactFingerprint', reason: 'does not match the impact as it is now: preview the correction again' }],
      );
    }
    const effective = formatDateNl(subsidy.effectiveDate as string);
    const from = 'validFrom' in target.dto ? formatDateNl(target.dto.validFrom) : '';
    const what: Record<Target['kind'], string> = {
      'minimum-wage-period': 'Wij hebben het wettelijk minimumloon waarmee wij rekenen gecorrigeerd.',
      'lks-parameter-set':
        'Wij hebben de percentages waarmee wij de loonkostensubsidie berekenen (maximum, vakantiebijslag, werkgeverslasten, forfaitaire subsidie) gecorrigeerd.',
      'new-minimum-wage-period': `Het wettelijk minimumloon is gewijzigd met ingang van ${from}.`,
      'new-lks-parameter-set': `De percentages voor de loonkostensubsidie zijn gewijzigd met ingang van ${from}.`,
    };
    const reasons =
      what[target.kind] +
      (correctionReason(target) ? ` Reden van de correctie: ${correctionReason(target)}` : '') +
      `\n\nDaarom hebben wij de subsidie opnieuw berekend met ingang van ${effective}. ` +
      'De nieuwe bedragen per maand staan in de tabel. Wat wij al hebben betaald, verrekenen wij met de volgende betalingen.';
    try {
      const draft = await this.decisions.draftWithin(m, actor, {
        applicationId: subsidy.applicationId,
        type: 'change',
        effectiveDate: subsidy.effectiveDate as string,
        reasons,
      });
      return { ...base, status: 'drafted', decisionId: draft.id, note: null };
    } catch (error) {
      // A rule of the decision itself (e.g. the application is no longer active) leaves this one to a caseworker.
      if (!(error instanceof DomainError)) throw error;
      return { ...base, status: 'not-drafted', decisionId: null, note: error.message };
    }
  }
}
