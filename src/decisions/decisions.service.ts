import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entities';
import type { SubsidyCalculationView } from '../applications/applications.dto';
import { ApplicationsService } from '../applications/applications.service';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { isBackoffice, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import {
  BusinessRuleViolation,
  Conflict,
  FourEyesViolation,
  MissingReferenceData,
  NotFound,
} from '../common/errors/domain-errors';
import { assertVersion } from '../common/http/etag';
import { pageOf, type PageOf } from '../common/http/pagination';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { EmployerEntity } from '../employers/employer.entity';
import { LocalDate } from '@js-joda/core';
import { formatCents, formatScaledTrimmed, parseDecimalToScaled } from '../lks-calculation/domain';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { PaymentSettlementService } from '../payments/payment-settlement.service';
import { addDays } from '../common/dates/calendar-date';
import { ParticipantsService, toParticipantSummary } from '../participants/participants.service';
import { DecisionEntity, ObjectionEntity, OutboxEventEntity } from './decision.entities';
import {
  DecisionListQuery,
  DecisionView,
  DraftDecisionDto,
  ObjectionView,
  RegisterObjectionDto,
  UpdateDraftDecisionDto,
  UpdateObjectionDto,
} from './decisions.dto';
import { assertDecisionAction, DECISION_RULES } from './domain/decision-status';
import { isWithinObjectionTerm, objectionDeadline } from './domain/objection-term';
import type { DecisionCalculation, DecisionDocumentModel, DecisionMonthLine, DecisionType } from './pdf/decision-document';
import { renderDecisionPdf } from './pdf/decision-pdf.renderer';

/** Outbox event type, and the in-process event emitted after the issuing transaction commits. */
export const DECISION_ISSUED = 'decision.issued';

/** What other modules (payments) get of an issued decision: no reaching into decision internals. */
export interface DecisionIssuedEvent {
  decisionId: string;
  decisionNumber: string;
  type: DecisionType;
  isCorrection: boolean;
  refersToDecisionId: string | null;
  applicationId: string;
  employerId: string;
  effectiveDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  totalCents: number | null;
  /** Change/termination: the amount before; settlement: what was paid. */
  previousTotalCents: number | null;
  recoveryCents: number | null;
  paymentTermDays: number | null;
  sendingDate: string | null;
  months: Array<
    Pick<
      DecisionMonthLine,
      'month' | 'firstDay' | 'lastDay' | 'hourlyMinimumWage' | 'hoursPerWeek' | 'wageValuePercentage' | 'flatRate' | 'total'
    >
  >;
}

function cents(value: string | null): number | null {
  return value === null ? null : Number(value);
}

@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly participants: ParticipantsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly referenceData: ReferenceDataService,
    private readonly settlements: PaymentSettlementService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

  /** Employers see only their own issued decisions; drafts do not exist for them. */
  async get(actor: Principal, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<DecisionEntity> {
    const decision = await m.findOne(DecisionEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!decision || (!isBackoffice(actor) && decision.status !== 'issued')) throw new NotFound('Decision', id);
    this.access.requireEmployerAccess(actor, decision.employerId, 'Decision', id);
    return decision;
  }

  async view(actor: Principal, id: string): Promise<DecisionView> {
    return (await this.views([await this.get(actor, id)]))[0];
  }

  async list(actor: Principal, query: DecisionListQuery): Promise<PageOf<DecisionView>> {
    const qb = this.dataSource.getRepository(DecisionEntity).createQueryBuilder('d');
    const scope = this.access.employerScope(actor);
    if (scope) qb.andWhere('d.employerId = :scope AND d.status = :issued', { scope, issued: 'issued' });
    if (query.applicationId) qb.andWhere('d.applicationId = :applicationId', { applicationId: query.applicationId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.type) qb.andWhere('d.type = :type', { type: query.type });
    if (query.contested === 'true') {
      qb.andWhere(`EXISTS (SELECT 1 FROM objection o WHERE o.decision_id = d.id AND o.status <> 'withdrawn')`);
    }
    qb.orderBy('d.draftedAt', 'DESC').addOrderBy('d.id').skip(query.offset()).take(query.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return pageOf(await this.views(items), total, query);
  }

  private async views(decisions: DecisionEntity[]): Promise<DecisionView[]> {
    if (decisions.length === 0) return [];
    const m = this.dataSource.manager;
    const [applications, employers, objections] = await Promise.all([
      m.findBy(ApplicationEntity, { id: In([...new Set(decisions.map((d) => d.applicationId))]) }),
      m.findBy(EmployerEntity, { id: In([...new Set(decisions.map((d) => d.employerId))]) }),
      m.find(ObjectionEntity, { where: { decisionId: In(decisions.map((d) => d.id)) }, order: { receivedOn: 'ASC' } }),
    ]);
    return decisions.map((d) => ({
      id: d.id,
      type: d.type,
      status: d.status,
      decisionNumber: d.decisionNumber,
      applicationId: d.applicationId,
      applicationNumber: applications.find((a) => a.id === d.applicationId)?.applicationNumber ?? '',
      employerId: d.employerId,
      employerName: employers.find((e) => e.id === d.employerId)?.name ?? '',
      refersToDecisionId: d.refersToDecisionId,
      isCorrection: d.isCorrection,
      effectiveDate: d.effectiveDate,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      total: d.totalCents === null ? null : formatCents(Number(d.totalCents)),
      previousTotal: d.previousTotalCents === null ? null : formatCents(Number(d.previousTotalCents)),
      recoveryAmount: d.recoveryCents === null ? null : formatCents(Number(d.recoveryCents)),
      reasons: d.reasons,
      decisionDate: d.decisionDate,
      sendingDate: d.sendingDate,
      objectionDeadline: d.objectionDeadline,
      pdfSha256: d.pdfSha256,
      draftedBy: d.draftedBy,
      approvedBy: d.approvedBy,
      objections: objections.filter((o) => o.decisionId === d.id).map(toObjectionView),
      version: d.version,
    }));
  }

  // ---- drafting ------------------------------------------------------------------------------

  async draft(actor: Principal, dto: DraftDecisionDto): Promise<DecisionEntity> {
    return this.dataSource.transaction((m) => this.draftWithin(m, actor, dto));
  }

  /** Drafts a decision inside the caller's transaction (a reference-data correction drafts its change decisions so). */
  async draftWithin(m: EntityManager, actor: Principal, dto: DraftDecisionDto): Promise<DecisionEntity> {
    const application = await this.applications.get(actor, dto.applicationId, m, true);
    const corrected = dto.correctsDecisionId ? await this.issuedDecision(m, dto.correctsDecisionId) : null;
    if (corrected && (corrected.applicationId !== application.id || corrected.type !== dto.type)) {
      throw new BusinessRuleViolation('A correction is a decision of the same type on the same application.', [
        { name: 'correctsDecisionId', reason: 'must be an issued decision of the same type for this application' },
      ]);
    }
    const rules = DECISION_RULES[dto.type];
    if (!corrected && !rules.applicationStatuses.includes(application.status)) {
      throw new Conflict(`A ${dto.type} decision cannot be drafted while the application is '${application.status}'.`, [
        { name: 'type', reason: `needs an application in status ${rules.applicationStatuses.join(' or ')}` },
      ]);
    }
    if ((dto.type === 'grant' || dto.type === 'rejection') && !corrected) {
      const expected = dto.type === 'grant' ? 'grant' : 'reject';
      if (application.proposedOutcome !== expected) {
        throw new Conflict(`The proposal for this application is '${application.proposedOutcome}', not '${expected}'.`, [
          { name: 'type', reason: 'does not match the proposed outcome' },
        ]);
      }
    }
    const open = await m.findOneBy(DecisionEntity, { applicationId: application.id, status: 'draft' });
    if (open) {
      throw new Conflict('This application already has a draft decision; edit or discard it first.', [
        { name: 'applicationId', reason: `draft decision ${open.id} exists` },
      ]);
    }

    const content = await this.content(m, application, dto, corrected);
    const reasons = dto.reasons ?? (dto.type === 'grant' || dto.type === 'rejection' ? application.proposedReasons : null);
    if (!reasons) {
      throw new BusinessRuleViolation('A decision states its reasons.', [{ name: 'reasons', reason: 'is required' }]);
    }
    const model = await this.model(m, application, dto.type, content, reasons, corrected);
    const { id } = await m.save(
      m.create(DecisionEntity, {
        type: dto.type,
        status: 'draft',
        applicationId: application.id,
        employerId: application.employerId,
        refersToDecisionId: corrected?.id ?? content.refersTo?.id ?? null,
        isCorrection: Boolean(corrected),
        effectiveDate: dto.effectiveDate ?? null,
        periodStart: content.calculation?.periodStart ?? null,
        periodEnd: content.calculation?.periodEnd ?? null,
        totalCents: content.totalCents === null ? null : String(content.totalCents),
        previousTotalCents: content.previousTotalCents === null ? null : String(content.previousTotalCents),
        recoveryCents: dto.recoveryCents === undefined ? null : String(dto.recoveryCents),
        paymentTermDays: dto.paymentTermDays ?? null,
        reasons,
        snapshot: model,
        draftedBy: actor.userId,
        version: 1,
      }),
    );
    const decision = await m.findOneByOrFail(DecisionEntity, { id });
    await this.audit.record(m, actor, {
      action: 'decision.drafted',
      entityType: 'decision',
      entityId: id,
      after: auditView(decision),
    });
    return decision;
  }

  /**
   * The month amounts that the latest issued grant or change decision of an application fixed, for
   * comparing them with a recalculation; null when none is issued.
   */
  async decidedMonths(
    m: EntityManager,
    applicationId: string,
  ): Promise<{
    decisionId: string;
    decisionNumber: string;
    periodStart: string;
    /** Where the latest decision's restated months begin (a change: its effective date). */
    latestPeriodStart: string;
    periodEnd: string;
    months: Array<{ month: string; totalCents: number }>;
  } | null> {
    const grant = await this.latestIssued(m, applicationId, ['grant']);
    const calculation = grant?.snapshot.calculation;
    if (!grant || !calculation) return null;
    // A change decision restates the months from its effective date; earlier months stay as granted.
    const byMonth = new Map(calculation.months.map((l) => [l.month, l.total]));
    const changes = await m.find(DecisionEntity, {
      where: { applicationId, status: 'issued', type: 'change' },
      order: { approvedAt: 'ASC' },
    });
    let latest: DecisionEntity = grant;
    for (const change of changes) {
      if (!change.approvedAt || !grant.approvedAt || change.approvedAt < grant.approvedAt) continue;
      const lines = change.snapshot.calculation?.months ?? [];
      const from = (change.effectiveDate as string).slice(0, 7);
      for (const month of [...byMonth.keys()]) if (month >= from) byMonth.delete(month);
      for (const l of lines) byMonth.set(l.month, l.total);
      latest = change;
    }
    return {
      decisionId: latest.id,
      decisionNumber: latest.decisionNumber as string,
      periodStart: calculation.periodStart,
      latestPeriodStart: latest.snapshot.calculation?.periodStart ?? calculation.periodStart,
      periodEnd: calculation.periodEnd,
      months: [...byMonth.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, total]) => ({ month, totalCents: parseDecimalToScaled(total, 2) as number })),
    };
  }

  /** The draft decision waiting for approval on an application, if any. */
  async openDraftId(m: EntityManager, applicationId: string): Promise<string | null> {
    return (await m.findOneBy(DecisionEntity, { applicationId, status: 'draft' }))?.id ?? null;
  }

  /** The amounts of a new decision, by type, all from the LKS calculation. */
  private async content(
    m: EntityManager,
    application: ApplicationEntity,
    dto: DraftDecisionDto,
    corrected: DecisionEntity | null,
  ): Promise<{
    calculation: DecisionCalculation | null;
    totalCents: number | null;
    previousTotalCents: number | null;
    refersTo: DecisionEntity | null;
  }> {
    switch (dto.type) {
      case 'rejection':
        return { calculation: null, totalCents: null, previousTotalCents: null, refersTo: null };
      case 'grant': {
        const calc =
          !corrected && application.proposedCalculation
            ? (application.proposedCalculation as SubsidyCalculationView)
            : await this.applications.calculateFor(application, m);
        const calculation = toDecisionCalculation(calc, await this.flatRatePercentage(m, calc.periodStart));
        if (calculation.totalCents <= 0) {
          throw new BusinessRuleViolation('A grant needs a subsidy amount above zero.', [
            { name: 'type', reason: 'the calculated subsidy is 0' },
          ]);
        }
        return { calculation, totalCents: calculation.totalCents, previousTotalCents: null, refersTo: null };
      }
      case 'change':
      case 'termination': {
        const previous = await this.latestIssued(m, application.id, ['grant', 'change']);
        if (!previous?.snapshot.calculation) {
          throw new Conflict('There is no issued grant to change or terminate.', [
            { name: 'applicationId', reason: 'has no issued grant' },
          ]);
        }
        const effective = dto.effectiveDate as string;
        const old = previous.snapshot.calculation;
        if (effective < old.periodStart || effective > old.periodEnd) {
          throw new BusinessRuleViolation(
            `The effective date must fall within the granted period ${old.periodStart} – ${old.periodEnd}.`,
            [{ name: 'effectiveDate', reason: `must be between ${old.periodStart} and ${old.periodEnd}` }],
          );
        }
        const fresh =
          dto.type === 'termination'
            ? effective === old.periodStart
              ? null
              : await this.applications.calculateFor(application, m, { contractEnd: addDays(effective, -1) })
            : await this.applications.calculateFor(application, m);
        const fromMonth = effective.slice(0, 7);
        const recalculated = fresh ? toDecisionCalculation(fresh, old.flatRatePercentage) : null;
        const newLines = (recalculated?.months ?? []).filter((l) => l.month >= fromMonth && l.month <= old.periodEnd.slice(0, 7));
        const oldLines = old.months.filter((l) => l.month >= fromMonth);
        const sum = (lines: DecisionMonthLine[]) => lines.reduce((s, l) => s + (parseDecimalToScaled(l.total, 2) as number), 0);
        // The parameters and minimum wage periods the new amounts were calculated with, not the old
        // decision's: a corrected employer-cost percentage must show in the letter that applies it.
        const calculation: DecisionCalculation = {
          ...old,
          ...(recalculated
            ? {
                capPercentage: recalculated.capPercentage,
                holidayAllowancePercentage: recalculated.holidayAllowancePercentage,
                employerCostsPercentage: recalculated.employerCostsPercentage,
                minimumWagePeriods: recalculated.minimumWagePeriods.filter((p) => !p.validUntil || p.validUntil >= effective),
              }
            : {}),
          periodStart: effective,
          periodEnd: old.periodEnd,
          months: newLines,
          totalCents: sum(newLines),
        };
        return { calculation, totalCents: sum(newLines), previousTotalCents: sum(oldLines), refersTo: previous };
      }
      case 'settlement': {
        if (dto.dueCents !== undefined && dto.paidCents !== undefined) {
          return { calculation: null, totalCents: dto.dueCents, previousTotalCents: dto.paidCents, refersTo: null };
        }
        if (!corrected && (await this.latestIssued(m, application.id, ['settlement']))) {
          throw new Conflict('This subsidy has already been settled; correct that settlement decision instead.', [
            { name: 'type', reason: 'a settlement was already issued' },
          ]);
        }
        // What was due with the hours actually worked, against what was paid (vaststelling).
        const settlement = await this.settlements.settlement(application.id, m);
        return { calculation: null, totalCents: settlement.dueCents, previousTotalCents: settlement.paidCents, refersTo: null };
      }
      case 'recovery':
        return {
          calculation: null,
          totalCents: null,
          previousTotalCents: null,
          refersTo: await this.latestIssued(m, application.id, ['settlement']),
        };
    }
  }

  private async model(
    m: EntityManager,
    application: ApplicationEntity,
    type: DecisionType,
    content: {
      calculation: DecisionCalculation | null;
      totalCents: number | null;
      previousTotalCents: number | null;
      refersTo: DecisionEntity | null;
    },
    reasons: string,
    corrected: DecisionEntity | null,
  ): Promise<DecisionDocumentModel> {
    const employer = await m.findOneByOrFail(EmployerEntity, { id: application.employerId });
    const participant = toParticipantSummary(await this.participants.get(application.participantId, m));
    const municipality = this.config.municipality;
    const firstMonth = content.calculation?.months[0];
    return {
      type,
      draft: true,
      decisionNumber: null,
      decisionDate: null,
      sendingDate: null,
      objectionDeadline: null,
      municipality: {
        name: municipality.name,
        department: municipality.department,
        addressLines: municipality.addressLines,
        phone: municipality.phone,
        email: municipality.email,
        website: municipality.website,
      },
      addressee: {
        organisation: employer.name,
        attention: employer.contactName,
        street: employer.street ?? '',
        houseNumber: employer.houseNumber ?? '',
        postalCode: employer.postalCode ?? '',
        city: employer.city ?? '',
      },
      references: {
        applicationNumber: application.applicationNumber,
        participantNumber: participant.participantNumber,
        kvkNumber: employer.kvkNumber,
        previousDecisionNumber: (corrected ?? content.refersTo)?.decisionNumber ?? null,
      },
      facts: {
        employerName: employer.name,
        participantName: participant.name,
        jobTitle: application.jobTitle,
        contractStart: application.contractStart,
        contractEnd: application.contractEnd,
        hoursPerWeek: application.hoursPerWeek.replace(/\.?0+$/, ''),
        wageValuePercentage:
          firstMonth && !firstMonth.flatRate
            ? firstMonth.wageValuePercentage
            : (content.calculation?.months.find((l) => !l.flatRate)?.wageValuePercentage ?? null),
        flatRate: Boolean(content.calculation?.months.some((l) => l.flatRate)),
        periodStart: content.calculation?.periodStart ?? null,
        periodEnd: content.calculation?.periodEnd ?? null,
        effectiveDate: type === 'change' || type === 'termination' ? (content.calculation?.periodStart ?? null) : null,
        totalCents: content.totalCents,
        previousTotalCents: content.previousTotalCents,
        recoveryCents: null,
        paymentTermDays: null,
        reasons,
        targetGroup: application.targetGroupBasis
          ? {
              basis: application.targetGroupBasis,
              registeredOn: application.targetGroupRegisteredOn,
              assessedOn: application.targetGroupAssessedOn,
              assessorName: application.targetGroupAssessor,
            }
          : null,
      },
      calculation: content.calculation,
      signatory: null,
    };
  }

  async updateDraft(
    actor: Principal,
    id: string,
    version: number | undefined,
    dto: UpdateDraftDecisionDto,
  ): Promise<DecisionEntity> {
    return this.dataSource.transaction(async (m) => {
      const decision = await this.get(actor, id, m, true);
      assertDecisionAction(decision.status, 'edit');
      assertVersion('Decision', decision.version, version);
      const before = auditView(decision);
      decision.reasons = dto.reasons;
      decision.snapshot = { ...decision.snapshot, facts: { ...decision.snapshot.facts, reasons: dto.reasons } };
      decision.version += 1;
      await m.save(decision);
      await this.audit.record(m, actor, {
        action: 'decision.edited',
        entityType: 'decision',
        entityId: id,
        before,
        after: auditView(decision),
      });
      return decision;
    });
  }

  async discard(actor: Principal, id: string, version: number | undefined): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const decision = await this.get(actor, id, m, true);
      assertDecisionAction(decision.status, 'discard');
      assertVersion('Decision', decision.version, version);
      await m.delete(DecisionEntity, { id });
      await this.audit.record(m, actor, {
        action: 'decision.discarded',
        entityType: 'decision',
        entityId: id,
        before: auditView(decision),
      });
    });
  }

  // ---- issuing -------------------------------------------------------------------------------

  /**
   * Four eyes: an approver other than the drafter approves, which issues the decision: it gets the
   * next number of the year, its dates, the rendered PDF and its hash, all in one transaction with
   * the application's new status and the outbox event for payments.
   */
  async approve(actor: Principal, id: string, version: number | undefined): Promise<DecisionEntity> {
    const issued = await this.dataSource.transaction(async (m) => {
      const decision = await this.get(actor, id, m, true);
      assertDecisionAction(decision.status, 'approve');
      assertVersion('Decision', decision.version, version);
      if (decision.draftedBy === actor.userId) {
        throw new FourEyesViolation('A decision must be approved by someone other than the person who drafted it.');
      }
      const rules = DECISION_RULES[decision.type];
      if (rules.needsAmounts && decision.type !== 'recovery' && decision.totalCents === null) {
        throw new Conflict('This decision has no amounts and cannot be issued.');
      }
      if (decision.type === 'recovery' && decision.recoveryCents === null) {
        throw new Conflict('A recovery decision needs the amount to be paid back.');
      }
      if (!decision.isCorrection) await this.assertStillCurrent(m, decision);
      const today = this.clock.today();
      const number = await this.nextNumber(m, Number(today.slice(0, 4)));
      const sendingDate = today;
      const deadline = objectionDeadline(sendingDate);
      const model: DecisionDocumentModel = {
        ...decision.snapshot,
        draft: false,
        decisionNumber: number,
        decisionDate: today,
        sendingDate,
        objectionDeadline: deadline,
        facts: {
          ...decision.snapshot.facts,
          recoveryCents: cents(decision.recoveryCents),
          paymentTermDays: decision.paymentTermDays,
        },
        signatory: { name: actor.displayName, title: this.config.municipality.signatoryTitle },
      };
      const pdf = await renderDecisionPdf(model, { creationDate: this.clock.now() });
      const sha = createHash('sha256').update(pdf).digest('hex');
      const before = auditView(decision);
      await m.update(
        DecisionEntity,
        { id },
        {
          status: 'issued',
          decisionNumber: number,
          decisionDate: today,
          sendingDate,
          objectionDeadline: deadline,
          snapshot: model,
          pdf,
          pdfSha256: sha,
          approvedBy: actor.userId,
          approvedAt: this.clock.now(),
          version: decision.version + 1,
        },
      );
      const after = await m.findOneByOrFail(DecisionEntity, { id });
      await this.audit.record(m, actor, {
        action: 'decision.issued',
        entityType: 'decision',
        entityId: id,
        before,
        after: auditView(after),
      });
      if (!decision.isCorrection && rules.applicationActions.length) {
        await this.applications.applyDecisionWithin(m, actor, decision.applicationId, rules.applicationActions, today);
      }
      const event = issuedEvent(after);
      await m.insert(OutboxEventEntity, { type: DECISION_ISSUED, payload: event });
      return { decision: after, event };
    });
    this.events.emit(DECISION_ISSUED, issued.event);
    return issued.decision;
  }

  /**
   * A draft reflects the application as it was when drafted. If the application has moved on (taken
   * back into assessment, proposed anew, decided otherwise), the draft may no longer be issued.
   */
  private async assertStillCurrent(m: EntityManager, decision: DecisionEntity): Promise<void> {
    const application = await m.findOne(ApplicationEntity, {
      where: { id: decision.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    const rules = DECISION_RULES[decision.type];
    let stale = !application || !rules.applicationStatuses.includes(application.status);
    if (application && !stale && (decision.type === 'grant' || decision.type === 'rejection')) {
      const proposedTotal = (application.proposedCalculation as { totalCents?: number } | null)?.totalCents ?? null;
      stale =
        application.proposedOutcome !== (decision.type === 'grant' ? 'grant' : 'reject') ||
        !application.proposedAt ||
        application.proposedAt > decision.draftedAt ||
        (decision.type === 'grant' && proposedTotal !== Number(decision.totalCents));
    }
    if (!stale && decision.type === 'settlement') {
      // Payments made (or a recomputation) after the draft would be paid or recovered twice.
      const now = await this.settlements.settlement(decision.applicationId, m);
      stale = now.dueCents !== Number(decision.totalCents) || now.paidCents !== Number(decision.previousTotalCents);
    }
    if (stale) {
      throw new Conflict('The application has changed since this decision was drafted; discard the draft and draft it again.');
    }
  }

  /** Gap-free per year: the counter row stays locked until this transaction ends, and rolls back with it. */
  private async nextNumber(m: EntityManager, year: number): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO decision_number_counter (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = decision_number_counter.last_value + 1
       RETURNING last_value`,
      [year],
    );
    return `LKS-${year}-${String(row.last_value).padStart(6, '0')}`;
  }

  /** The stored PDF of an issued decision (exactly the issued bytes), or a fresh preview of a draft. */
  async pdf(actor: Principal, id: string): Promise<{ bytes: Buffer; sha256: string; fileName: string; issued: boolean }> {
    const decision = await this.get(actor, id);
    // A decision names the participant and the amounts: every download is traceable (API and portals).
    await this.audit.record(this.dataSource.manager, actor, {
      action: 'decision.pdf-downloaded',
      entityType: 'decision',
      entityId: decision.id,
      after: { issued: decision.status === 'issued' },
    });
    if (decision.status === 'issued') {
      const row = await this.dataSource
        .getRepository(DecisionEntity)
        .createQueryBuilder('d')
        .addSelect('d.pdf')
        .where('d.id = :id', { id })
        .getOneOrFail();
      return {
        bytes: row.pdf as Buffer,
        sha256: row.pdfSha256 as string,
        fileName: `${decision.decisionNumber}.pdf`,
        issued: true,
      };
    }
    const bytes = await renderDecisionPdf(decision.snapshot, { creationDate: this.clock.now() });
    return {
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      fileName: `concept-${decision.id}.pdf`,
      issued: false,
    };
  }

  // ---- objections ----------------------------------------------------------------------------

  async registerObjection(actor: Principal, decisionId: string, dto: RegisterObjectionDto): Promise<ObjectionEntity> {
    return this.dataSource.transaction(async (m) => {
      const decision = await this.get(actor, decisionId, m, true);
      assertDecisionAction(decision.status, 'register-objection');
      if (dto.receivedOn < (decision.sendingDate as string)) {
        throw new BusinessRuleViolation('An objection cannot be received before the decision was sent.', [
          { name: 'receivedOn', reason: `must be on or after ${decision.sendingDate}` },
        ]);
      }
      if (dto.receivedOn > this.clock.today()) {
        throw new BusinessRuleViolation('The receipt date cannot be in the future.', [
          { name: 'receivedOn', reason: 'must not be in the future' },
        ]);
      }
      const { id } = await m.save(
        m.create(ObjectionEntity, {
          decisionId,
          receivedOn: dto.receivedOn,
          withinTerm: isWithinObjectionTerm(dto.receivedOn, decision.objectionDeadline as string),
          status: 'received',
          grounds: dto.grounds ?? null,
          registeredBy: actor.userId,
          version: 1,
        }),
      );
      const objection = await m.findOneByOrFail(ObjectionEntity, { id });
      await this.audit.record(m, actor, {
        action: 'objection.registered',
        entityType: 'objection',
        entityId: id,
        after: toObjectionView(objection),
      });
      return objection;
    });
  }

  async updateObjection(
    actor: Principal,
    decisionId: string,
    objectionId: string,
    version: number | undefined,
    dto: UpdateObjectionDto,
  ) {
    return this.dataSource.transaction(async (m) => {
      await this.get(actor, decisionId, m);
      const objection = await m.findOne(ObjectionEntity, {
        where: { id: objectionId, decisionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!objection) throw new NotFound('Objection', objectionId);
      assertVersion('Objection', objection.version, version);
      const before = toObjectionView(objection);
      objection.status = dto.status;
      objection.version += 1;
      await m.save(objection);
      await this.audit.record(m, actor, {
        action: 'objection.updated',
        entityType: 'objection',
        entityId: objectionId,
        before,
        after: toObjectionView(objection),
      });
      return objection;
    });
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The flat-rate percentage in force at the start of the period, for the explanation of the rule. */
  private async flatRatePercentage(m: EntityManager, periodStart: string): Promise<string> {
    const reference = await this.referenceData.preparedCalculationReferenceData(m);
    const parameters = reference.parametersOn(LocalDate.parse(periodStart).toEpochDay());
    if (!parameters) throw new MissingReferenceData(`No LKS parameters are known for ${periodStart}.`);
    return formatScaledTrimmed(parameters.flatRate, 2);
  }

  private async issuedDecision(m: EntityManager, id: string): Promise<DecisionEntity> {
    const decision = await m.findOneBy(DecisionEntity, { id, status: 'issued' });
    if (!decision)
      throw new BusinessRuleViolation('Only an issued decision can be corrected.', [
        { name: 'correctsDecisionId', reason: 'unknown issued decision' },
      ]);
    return decision;
  }

  private latestIssued(m: EntityManager, applicationId: string, types: DecisionType[]): Promise<DecisionEntity | null> {
    return m.findOne(DecisionEntity, {
      where: { applicationId, status: 'issued', type: In(types) },
      order: { approvedAt: 'DESC' },
    });
  }
}

function toDecisionCalculation(calc: SubsidyCalculationView, flatRatePercentage: string): DecisionCalculation {
  const months = calc.segments.flatMap((s) =>
    s.calculation.months.map((l): DecisionMonthLine => ({
      month: l.month,
      firstDay: l.firstDay,
      lastDay: l.lastDay,
      daysCovered: l.daysCovered,
      daysInMonth: l.daysInMonth,
      hourlyMinimumWage: l.hourlyMinimumWage,
      hoursPerWeek: l.hoursPerWeek,
      wageValuePercentage: l.wageValuePercentage,
      flatRate: l.flatRate,
      minimumWageMonthly: l.minimumWageMonthly,
      cappedGap: l.cappedGap,
      capApplied: l.capApplied,
      holidayAllowance: l.holidayAllowance,
      employerCosts: l.employerCosts,
      total: l.total,
    })),
  );
  const all = calc.segments.flatMap((s) => s.calculation.months);
  const first = all[0];
  const periods = new Map<string, { validFrom: string; validUntil: string | null }>();
  for (const l of all) periods.set(l.minimumWagePeriod.validFrom, l.minimumWagePeriod);
  return {
    periodStart: calc.periodStart,
    periodEnd: calc.periodEnd,
    months,
    totalCents: calc.totalCents,
    capPercentage: first?.capPercentage ?? '',
    holidayAllowancePercentage: first?.holidayAllowancePercentage ?? '',
    employerCostsPercentage: first?.employerCostsPercentage ?? '',
    flatRatePercentage,
    minimumWagePeriods: [...periods.values()],
  };
}

function issuedEvent(d: DecisionEntity): DecisionIssuedEvent {
  return {
    decisionId: d.id,
    decisionNumber: d.decisionNumber as string,
    type: d.type,
    isCorrection: d.isCorrection,
    refersToDecisionId: d.refersToDecisionId,
    applicationId: d.applicationId,
    employerId: d.employerId,
    effectiveDate: d.effectiveDate,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    totalCents: cents(d.totalCents),
    previousTotalCents: cents(d.previousTotalCents),
    recoveryCents: cents(d.recoveryCents),
    paymentTermDays: d.paymentTermDays,
    sendingDate: d.sendingDate,
    months: (d.snapshot.calculation?.months ?? []).map((l) => ({
      month: l.month,
      firstDay: l.firstDay,
      lastDay: l.lastDay,
      hourlyMinimumWage: l.hourlyMinimumWage,
      hoursPerWeek: l.hoursPerWeek,
      wageValuePercentage: l.wageValuePercentage,
      flatRate: l.flatRate,
      total: l.total,
    })),
  };
}

export function toObjectionView(o: ObjectionEntity): ObjectionView {
  return {
    id: o.id,
    decisionId: o.decisionId,
    receivedOn: o.receivedOn,
    withinTerm: o.withinTerm,
    status: o.status,
    grounds: o.grounds,
    version: o.version,
  };
}

/** The audit trail keeps the decision's fields and the hash, not the PDF bytes or the full snapshot. */
function auditView(d: DecisionEntity) {
  const { snapshot, pdf, ...rest } = d;
  return rest;
}
