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
} from '../reference-data/reference-data.dto';
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
  | { kind: 'lks-parameter-set'; id: number; dto: CorrectLksParameterSetDto };

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

  private async preview(actor: Principal, target: Target): Promise<CorrectionImpactView> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const changes = await this.apply(runner.manager, actor, target);
      return await this.impact(runner.manager, actor, target, changes);
    } finally {
      // Nothing of a preview stays: not the correction, not its audit row.
      await runner.rollbackTransaction();
      this.referenceData.referenceTransactionEnded(runner.manager);
      await runner.release();
    }
  }

  private async confirm(actor: Principal, target: Target, impactFingerprint: string): Promise<CorrectionResultView> {
    let manager: EntityManager | undefined;
    try {
      return await this.dataSource.transaction(async (m) => {
        manager = m;
        const changes = await this.apply(m, actor, target);
        const impact = await this.impact(m, actor, target, changes);
        if (impact.impactFingerprint !== impactFingerprint) {
          throw new Conflict(
            'What the correction does to running subsidies has changed since the preview (a decision, payment or value changed); preview it again.',
            [{ name: 'impactFingerprint', reason: 'does not match the impact as it is now: preview the correction again' }],
          );
        }
        const changeDecisions: DraftedChangeView[] = [];
        for (const subsidy of impact.subsidies) {
          if (subsidy.problem || !subsidy.effectiveDate) continue;
          changeDecisions.push(await this.draftChange(m, actor, target, subsidy));
        }
        await this.audit.record(m, actor, {
          action: 'reference-data.correction-confirmed',
          entityType: target.kind,
          entityId: String(target.id),
          after: {
            reason: target.dto.reason,
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
        return { ...impact, changeDecisions };
      });
    } finally {
      if (manager) this.referenceData.referenceTransactionEnded(manager);
    }
  }

  private async apply(m: EntityManager, actor: Principal, target: Target): Promise<boolean> {
    if (target.kind === 'minimum-wage-period') {
      return (await this.referenceData.correctMinimumWagePeriodWithin(m, actor, target.id, target.dto)).changed;
    }
    return (await this.referenceData.correctLksParameterSetWithin(m, actor, target.id, target.dto)).changed;
  }

  /** Every active subsidy recalculated with the reference data as `m` sees it, against its decided months. */
  private async impact(m: EntityManager, actor: Principal, target: Target, changes: boolean): Promise<CorrectionImpactView> {
    const applicationIds = await this.schedules.activeSubsidyApplicationIds(m);
    const subsidies: ImpactedSubsidyView[] = [];
    for (const applicationId of applicationIds) {
      const subsidy = await this.subsidyImpact(m, actor, applicationId);
      if (subsidy) subsidies.push(subsidy);
    }
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ target: { kind: target.kind, id: target.id, dto: target.dto }, changes, subsidies }))
      .digest('hex');
    return { activeSubsidies: applicationIds.length, subsidies, referenceDataChanges: changes, impactFingerprint: fingerprint };
  }

  private async subsidyImpact(m: EntityManager, actor: Principal, applicationId: string): Promise<ImpactedSubsidyView | null> {
    const decided = await this.decisions.decidedMonths(m, applicationId);
    if (!decided) return null;
    const application = await this.applications.get(actor, applicationId, m);
    const base = { applicationId, applicationNumber: application.applicationNumber, decisionNumber: decided.decisionNumber };
    let recalculated: Map<string, number>;
    try {
      const fresh = await this.applications.calculateFor(application, m);
      recalculated = new Map(fresh.segments.flatMap((s) => s.calculation.months).map((l) => [l.month, l.totalCents]));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        ...base,
        effectiveDate: null,
        months: [],
        unpaidDifference: '0.00',
        paidDifference: '0.00',
        problem: error.message,
      };
    }
    const instalments = await this.schedules.instalmentsByMonth(m, applicationId);
    let unpaid = 0;
    let paid = 0;
    const months = decided.months
      .filter((d) => recalculated.has(d.month) && recalculated.get(d.month) !== d.totalCents)
      .map((d) => {
        const now = recalculated.get(d.month) as number;
        const payment: ImpactMonthView['payment'] = instalments.get(d.month)?.state ?? 'none';
        if (payment === 'open') unpaid += now - d.totalCents;
        else if (payment !== 'none') paid += now - d.totalCents;
        return {
          month: d.month,
          decided: formatCents(d.totalCents),
          recalculated: formatCents(now),
          difference: formatCents(now - d.totalCents),
          payment,
        };
      });
    if (months.length === 0) return null;
    // From the first month that changes, but not before the period the latest decision restates.
    const firstDay = `${months[0].month}-01`;
    const effectiveDate = firstDay > decided.latestPeriodStart ? firstDay : decided.latestPeriodStart;
    return {
      ...base,
      effectiveDate,
      months,
      unpaidDifference: formatCents(unpaid),
      paidDifference: formatCents(paid),
      problem: null,
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
      return { ...base, status: 'draft-exists', decisionId: existing, reason: 'A draft decision is waiting for approval.' };
    }
    const what =
      target.kind === 'minimum-wage-period'
        ? 'het wettelijk minimumloon waarmee wij rekenen'
        : 'de percentages waarmee wij de loonkostensubsidie berekenen (maximum, vakantiebijslag, werkgeverslasten, forfaitaire subsidie)';
    const reasons =
      `Wij hebben ${what} gecorrigeerd. Reden van de correctie: ${target.dto.reason}\n\n` +
      `Daarom hebben wij de subsidie opnieuw berekend met ingang van ${formatDateNl(subsidy.effectiveDate as string)}. ` +
      'De nieuwe bedragen per maand staan in de tabel. Wat wij al hebben betaald, verrekenen wij met de volgende betalingen.';
    try {
      const draft = await this.decisions.draftWithin(m, actor, {
        applicationId: subsidy.applicationId,
        type: 'change',
        effectiveDate: subsidy.effectiveDate as string,
        reasons,
      });
      return { ...base, status: 'drafted', decisionId: draft.id, reason: null };
    } catch (error) {
      // A rule of the decision itself (e.g. the application is no longer active) leaves this one to a caseworker.
      if (!(error instanceof DomainError)) throw error;
      return { ...base, status: 'not-drafted', decisionId: null, reason: error.message };
    }
  }
}
