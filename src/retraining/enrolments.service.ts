import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetText } from '../common/csv/spreadsheet-text';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entities';
import { updateReturning } from '../database/update-returning';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { isBackoffice, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { workingDaysBetween } from '../common/dates/working-days';
import { BusinessRuleViolation, Conflict, InvalidInput, NotFound, type InvalidParam } from '../common/errors/domain-errors';
import { assertVersion } from '../common/http/etag';
import { pageOf, type PageOf } from '../common/http/pagination';
import { ParticipantEntity } from '../participants/participant.entity';
import { toParticipantSummary } from '../participants/participants.service';
import { PayableItemEntity, RecoveryItemEntity } from '../payments/payment.entities';
import { applyEnrolmentAction, tuitionParts, type EnrolmentAction } from './domain/enrolment-status';
import {
  BulkConfirmDto,
  BulkDeclineDto,
  CompleteDto,
  ConfirmDto,
  DeclineDto,
  DropOutDto,
  EnrolmentQuery,
  EnrolmentView,
  NominateDto,
  ProgressReportDto,
} from './retraining.dto';
import { CohortEntity, EnrolmentEntity, ProgrammeEntity, ProgressReportEntity } from './retraining.entities';

/** Nominations are answered within this many working days; older ones are listed for caseworkers. */
export const NOMINATION_ANSWER_WORKING_DAYS = 10;

@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

  /** Partners see only enrolments in their own programmes (404 otherwise); backoffice sees all. */
  async get(actor: Principal, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<EnrolmentEntity> {
    const enrolment = await m.findOne(EnrolmentEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!enrolment) throw new NotFound('Enrolment', id);
    this.access.requirePartnerAccess(actor, enrolment.educationPartnerId, 'Enrolment', id);
    return enrolment;
  }

  async view(actor: Principal, id: string): Promise<EnrolmentView> {
    return (await this.views([await this.get(actor, id)]))[0];
  }

  async list(actor: Principal, query: EnrolmentQuery): Promise<PageOf<EnrolmentView>> {
    const qb = this.dataSource.getRepository(EnrolmentEntity).createQueryBuilder('e');
    if (!isBackoffice(actor)) qb.andWhere('e.educationPartnerId = :partner', { partner: actor.educationPartnerId ?? '' });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.cohortId) qb.andWhere('e.cohortId = :cohortId', { cohortId: query.cohortId });
    qb.orderBy('e.nominatedOn', 'ASC').addOrderBy('e.id').skip(query.offset()).take(query.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return pageOf(await this.views(items), total, query);
  }

  /** Nominations a partner has not answered within 10 working days (for caseworkers to chase). */
  async unanswered(): Promise<EnrolmentView[]> {
    const today = this.clock.today();
    const open = await this.dataSource
      .getRepository(EnrolmentEntity)
      .find({ where: { status: 'nominated' }, order: { nominatedOn: 'ASC' } });
    return this.views(open.filter((e) => workingDaysBetween(e.nominatedOn, today) > NOMINATION_ANSWER_WORKING_DAYS));
  }

  /** A partner's open nominations as CSV: only what the partner needs (no BSN). */
  async openNominationsCsv(actor: Principal): Promise<string> {
    const page = await this.list(actor, Object.assign(new EnrolmentQuery(), { status: 'nominated', page: 1, pageSize: 100 }));
    const all = [...page.items];
    for (let p = 2; (p - 1) * 100 < page.total; p++) {
      all.push(
        ...(await this.list(actor, Object.assign(new EnrolmentQuery(), { status: 'nominated', page: p, pageSize: 100 }))).items,
      );
    }
    return stringify(
      all.map((e) => [
        e.id,
        e.participant.participantNumber,
        spreadsheetText(e.participant.name),
        e.participant.dateOfBirth,
        spreadsheetText(e.qualificationName),
        e.cohortStartDate,
        e.nominatedOn,
      ]),
      {
        header: true,
        columns: ['enrolmentId', 'participantNumber', 'name', 'dateOfBirth', 'programme', 'cohortStart', 'nominatedOn'],
      },
    );
  }

  private async views(enrolments: EnrolmentEntity[]): Promise<EnrolmentView[]> {
    if (enrolments.length === 0) return [];
    const m = this.dataSource.manager;
    const ids = enrolments.map((e) => e.id);
    const [participants, programmes, cohorts, applications, reports] = await Promise.all([
      m.findBy(ParticipantEntity, { id: In([...new Set(enrolments.map((e) => e.participantId))]) }),
      m.findBy(ProgrammeEntity, { id: In([...new Set(enrolments.map((e) => e.programmeId))]) }),
      m.findBy(CohortEntity, { id: In([...new Set(enrolments.map((e) => e.cohortId))]) }),
      m.findBy(ApplicationEntity, {
        id: In(
          enrolments
            .map((e) => e.applicationId)
            .filter((x): x is string => x !== null)
            .concat('00000000-0000-0000-0000-000000000000'),
        ),
      }),
      m.find(ProgressReportEntity, { where: { enrolmentId: In(ids) }, order: { periodStart: 'ASC' } }),
    ]);
    return enrolments.map((e) => {
      const application = applications.find((a) => a.id === e.applicationId);
      return {
        id: e.id,
        status: e.status,
        participant: toParticipantSummary(participants.find((p) => p.id === e.participantId)!),
        programmeId: e.programmeId,
        qualificationName: programmes.find((p) => p.id === e.programmeId)?.qualificationName ?? '',
        cohortId: e.cohortId,
        cohortStartDate: cohorts.find((c) => c.id === e.cohortId)?.startDate ?? '',
        educationPartnerId: e.educationPartnerId,
        placement: application
          ? { id: application.id, applicationNumber: application.applicationNumber, status: application.status }
          : null,
        nominatedOn: e.nominatedOn,
        studentNumber: e.studentNumber,
        actualStartDate: e.actualStartDate,
        declineReason: e.declineReason,
        diplomaDate: e.diplomaDate,
        dropoutDate: e.dropoutDate,
        dropoutReason: e.dropoutReason,
        progressReports: reports
          .filter((r) => r.enrolmentId === e.id)
          .map((r) => ({
            periodStart: r.periodStart,
            periodEnd: r.periodEnd,
            attendancePercentage: r.attendancePercentage.replace(/\.?0+$/, ''),
            resultSummary: r.resultSummary,
          })),
        version: e.version,
      };
    });
  }

  // ---- nomination ----------------------------------------------------------------------------

  async nominate(actor: Principal, dto: NominateDto): Promise<EnrolmentEntity> {
    return this.dataSource.transaction(async (m) => {
      const participant = await m.findOneBy(ParticipantEntity, { id: dto.participantId });
      if (!participant)
        throw new BusinessRuleViolation('Unknown participant.', [{ name: 'participantId', reason: 'unknown participant' }]);
      const cohort = await m.findOneBy(CohortEntity, { id: dto.cohortId });
      if (!cohort) throw new BusinessRuleViolation('Unknown cohort.', [{ name: 'cohortId', reason: 'unknown cohort' }]);
      const programme = await m.findOneByOrFail(ProgrammeEntity, { id: cohort.programmeId });
      if (!programme.active)
        throw new BusinessRuleViolation('The programme is no longer offered.', [
          { name: 'cohortId', reason: 'programme is inactive' },
        ]);
      if (programme.learningPath === 'BBL') {
        // BBL is work-study: the enrolment needs the work placement, a BBL contract for this participant.
        const application = dto.applicationId ? await m.findOneBy(ApplicationEntity, { id: dto.applicationId }) : null;
        const reason = !dto.applicationId
          ? 'is required for a BBL programme (the work placement)'
          : !application
            ? 'unknown application'
            : application.participantId !== participant.id
              ? 'is an application for another participant'
              : application.scale !== 'bbl'
                ? 'is not a BBL contract (scale bbl)'
                : ['withdrawn', 'rejected', 'ended'].includes(application.status)
                  ? `is ${application.status}`
                  : null;
        if (reason)
          throw new BusinessRuleViolation('A BBL enrolment needs its work placement.', [{ name: 'applicationId', reason }]);
      }
      const existing = await m.findOne(EnrolmentEntity, {
        where: {
          participantId: participant.id,
          cohortId: cohort.id,
          status: In(['nominated', 'confirmed', 'in-progress', 'completed', 'dropped-out']),
        },
      });
      if (existing)
        throw new Conflict('The participant is already nominated for this cohort.', [
          { name: 'participantId', reason: 'already nominated for this cohort' },
        ]);
      const { id } = await m.save(
        m.create(EnrolmentEntity, {
          participantId: participant.id,
          cohortId: cohort.id,
          programmeId: programme.id,
          educationPartnerId: programme.educationPartnerId,
          applicationId: dto.applicationId ?? null,
          status: 'nominated',
          nominatedOn: this.clock.today(),
          nominatedBy: actor.userId,
          version: 1,
        }),
      );
      const enrolment = await m.findOneByOrFail(EnrolmentEntity, { id });
      await this.audit.record(m, actor, {
        action: 'enrolment.nominated',
        entityType: 'enrolment',
        entityId: id,
        after: auditView(enrolment),
      });
      return enrolment;
    });
  }

  // ---- the partner's answers -----------------------------------------------------------------

  private async change(
    actor: Principal,
    id: string,
    version: number | undefined,
    action: EnrolmentAction,
    mutate: (e: EnrolmentEntity, m: EntityManager) => Promise<void>,
  ): Promise<EnrolmentEntity> {
    return this.dataSource.transaction(async (m) => {
      const enrolment = await this.get(actor, id, m, true);
      assertVersion('Enrolment', enrolment.version, version);
      const before = auditView(enrolment);
      const next = applyEnrolmentAction(enrolment.status, action);
      await mutate(enrolment, m);
      enrolment.status = next;
      enrolment.version += 1;
      await m.save(enrolment);
      await this.audit.record(m, actor, {
        action: `enrolment.${action}`,
        entityType: 'enrolment',
        entityId: id,
        before,
        after: auditView(enrolment),
      });
      return enrolment;
    });
  }

  confirm(actor: Principal, id: string, version: number | undefined, dto: ConfirmDto): Promise<EnrolmentEntity> {
    return this.change(actor, id, version, 'confirm', (e, m) => this.applyConfirmation(m, e, dto, 'actualStartDate'));
  }

  /**
   * Takes a place in the cohort (the database refuses more confirmations than places, whatever runs
   * at the same time) and creates the tuition due at the start.
   */
  private async applyConfirmation(m: EntityManager, e: EnrolmentEntity, dto: ConfirmDto, field: string): Promise<void> {
    const taken = await updateReturning<{ id: string }>(
      m,
      `UPDATE cohort SET confirmed_count = confirmed_count + 1 WHERE id = $1 AND confirmed_count < capacity RETURNING id`,
      [e.cohortId],
    );
    if (taken.length === 0) {
      throw new BusinessRuleViolation('The cohort is full: every place has been confirmed.', [
        { name: field, reason: 'the cohort has no places left' },
      ]);
    }
    e.studentNumber = dto.studentNumber;
    e.actualStartDate = dto.actualStartDate;
    const programme = await m.findOneByOrFail(ProgrammeEntity, { id: e.programmeId });
    const { atStart } = tuitionParts(Number(programme.tuitionCents), programme.shareAtStartPercentage);
    if (atStart > 0) await this.addTuition(m, e, programme, atStart, dto.actualStartDate, 'start');
  }

  /** All-or-nothing: every row is checked first; any problem is reported per row and nothing changes. */
  async bulkConfirm(actor: Principal, cohortId: string, dto: BulkConfirmDto): Promise<EnrolmentEntity[]> {
    return this.dataSource.transaction(async (m) => {
      const cohort = await m.findOne(CohortEntity, { where: { id: cohortId }, lock: { mode: 'pessimistic_write' } });
      if (!cohort) throw new NotFound('Cohort', cohortId);
      const programme = await m.findOneByOrFail(ProgrammeEntity, { id: cohort.programmeId });
      this.access.requirePartnerAccess(actor, programme.educationPartnerId, 'Cohort', cohortId);
      const enrolments = await m.find(EnrolmentEntity, {
        where: { id: In(dto.confirmations.map((c) => c.enrolmentId)) },
        lock: { mode: 'pessimistic_write' },
      });
      const problems: InvalidParam[] = [];
      const seen = new Set<string>();
      dto.confirmations.forEach((c, i) => {
        const e = enrolments.find((x) => x.id === c.enrolmentId);
        if (seen.has(c.enrolmentId)) problems.push({ name: `confirmations[${i}].enrolmentId`, reason: 'appears twice' });
        seen.add(c.enrolmentId);
        if (!e || e.cohortId !== cohortId)
          problems.push({ name: `confirmations[${i}].enrolmentId`, reason: 'not a nomination in this cohort' });
        else if (e.status !== 'nominated')
          problems.push({ name: `confirmations[${i}].enrolmentId`, reason: `is ${e.status}, not nominated` });
      });
      const free = cohort.capacity - cohort.confirmedCount;
      if (dto.confirmations.length > free) {
        dto.confirmations
          .slice(free)
          .forEach((_, j) =>
            problems.push({ name: `confirmations[${free + j}]`, reason: `the cohort has only ${free} places left` }),
          );
      }
      if (problems.length)
        throw new BusinessRuleViolation('None of the confirmations were recorded; correct the rows named.', problems);
      const confirmed: EnrolmentEntity[] = [];
      for (const c of dto.confirmations) {
        const e = enrolments.find((x) => x.id === c.enrolmentId)!;
        const before = auditView(e);
        await this.applyConfirmation(m, e, c, 'confirmations');
        e.status = applyEnrolmentAction(e.status, 'confirm');
        e.version += 1;
        await m.save(e);
        await this.audit.record(m, actor, {
          action: 'enrolment.confirm',
          entityType: 'enrolment',
          entityId: e.id,
          before,
          after: auditView(e),
        });
        confirmed.push(e);
      }
      return confirmed;
    });
  }

  /**
   * Declines several nominations of a cohort with one reason, all-or-nothing like bulkConfirm: every
   * row is checked first; any problem is reported per row (`enrolmentIds[i]`) and nothing changes.
   */
  async bulkDecline(actor: Principal, cohortId: string, dto: BulkDeclineDto): Promise<EnrolmentEntity[]> {
    return this.dataSource.transaction(async (m) => {
      const cohort = await m.findOne(CohortEntity, { where: { id: cohortId }, lock: { mode: 'pessimistic_write' } });
      if (!cohort) throw new NotFound('Cohort', cohortId);
      const programme = await m.findOneByOrFail(ProgrammeEntity, { id: cohort.programmeId });
      this.access.requirePartnerAccess(actor, programme.educationPartnerId, 'Cohort', cohortId);
      const enrolments = await m.find(EnrolmentEntity, {
        where: { id: In(dto.enrolmentIds) },
        lock: { mode: 'pessimistic_write' },
      });
      const problems: InvalidParam[] = [];
      const seen = new Set<string>();
      dto.enrolmentIds.forEach((id, i) => {
        const e = enrolments.find((x) => x.id === id);
        if (seen.has(id)) problems.push({ name: `enrolmentIds[${i}]`, reason: 'appears twice' });
        seen.add(id);
        if (!e || e.cohortId !== cohortId)
          problems.push({ name: `enrolmentIds[${i}]`, reason: 'not a nomination in this cohort' });
        else if (e.status !== 'nominated') problems.push({ name: `enrolmentIds[${i}]`, reason: `is ${e.status}, not nominated` });
      });
      if (problems.length)
        throw new BusinessRuleViolation('None of the nominations were declined; correct the rows named.', problems);
      const declined: EnrolmentEntity[] = [];
      for (const id of dto.enrolmentIds) {
        const e = enrolments.find((x) => x.id === id)!;
        const before = auditView(e);
        e.status = applyEnrolmentAction(e.status, 'decline');
        e.declineReason = dto.reason;
        e.version += 1;
        await m.save(e);
        await this.audit.record(m, actor, {
          action: 'enrolment.decline',
          entityType: 'enrolment',
          entityId: e.id,
          before,
          after: auditView(e),
        });
        declined.push(e);
      }
      return declined;
    });
  }

  decline(actor: Principal, id: string, version: number | undefined, dto: DeclineDto) {
    return this.change(actor, id, version, 'decline', async (e) => {
      e.declineReason = dto.reason;
    });
  }

  reportProgress(actor: Principal, id: string, version: number | undefined, dto: ProgressReportDto) {
    if (dto.periodEnd < dto.periodStart)
      throw new InvalidInput([{ name: 'periodEnd', reason: 'must not be before periodStart' }]);
    return this.change(actor, id, version, 'report-progress', async (e, m) => {
      // A report covers a period that has passed, from the start: a report ahead of time would move
      // the enrolment to in progress before the participant began.
      const problems: InvalidParam[] = [];
      if (e.actualStartDate && dto.periodStart < e.actualStartDate)
        problems.push({ name: 'periodStart', reason: `must be on or after the start ${e.actualStartDate}` });
      if (dto.periodEnd > this.clock.today()) problems.push({ name: 'periodEnd', reason: 'must not be in the future' });
      if (problems.length) throw new BusinessRuleViolation('Progress is reported for a period that has passed.', problems);
      await m.insert(ProgressReportEntity, {
        enrolmentId: e.id,
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        attendancePercentage: String(dto.attendancePercentage),
        resultSummary: dto.resultSummary,
        reportedBy: actor.userId,
      });
    });
  }

  complete(actor: Principal, id: string, version: number | undefined, dto: CompleteDto) {
    return this.change(actor, id, version, 'complete', async (e, m) => {
      if (dto.diplomaDate > this.clock.today()) {
        throw new BusinessRuleViolation('A diploma is recorded once it has been awarded.', [
          { name: 'diplomaDate', reason: 'must not be in the future' },
        ]);
      }
      if (e.actualStartDate && dto.diplomaDate < e.actualStartDate) {
        throw new BusinessRuleViolation('The diploma cannot be dated before the start.', [
          { name: 'diplomaDate', reason: `must be on or after ${e.actualStartDate}` },
        ]);
      }
      e.diplomaDate = dto.diplomaDate;
      const programme = await m.findOneByOrFail(ProgrammeEntity, { id: e.programmeId });
      const { atDiploma } = tuitionParts(Number(programme.tuitionCents), programme.shareAtStartPercentage);
      if (atDiploma > 0) await this.addTuition(m, e, programme, atDiploma, dto.diplomaDate, 'diploma');
    });
  }

  /**
   * Drop-out: open tuition is cancelled; where the programme says so, tuition already paid is
   * recovered. For BBL the work placement's LKS application is shown with the enrolment.
   */
  dropOut(actor: Principal, id: string, version: number | undefined, dto: DropOutDto) {
    return this.change(actor, id, version, 'drop-out', async (e, m) => {
      const problems: InvalidParam[] = [];
      if (e.actualStartDate && dto.dropoutDate < e.actualStartDate)
        problems.push({ name: 'dropoutDate', reason: `must be on or after the start ${e.actualStartDate}` });
      if (dto.dropoutDate > this.clock.today()) problems.push({ name: 'dropoutDate', reason: 'must not be in the future' });
      if (problems.length) throw new BusinessRuleViolation('The drop-out date is not possible.', problems);
      e.dropoutDate = dto.dropoutDate;
      e.dropoutReason = dto.reason;
      // Tuition already on its way to the bank (in a live run) counts as paid; the rest is cancelled.
      await m.query(
        `UPDATE payable_item p SET status = 'cancelled', updated_at = now()
          WHERE p.enrolment_id = $1 AND p.status = 'open'
            AND NOT EXISTS (SELECT 1 FROM payment_run_item r WHERE r.payable_item_id = p.id AND r.status <> 'rejected')`,
        [e.id],
      );
      const programme = await m.findOneByOrFail(ProgrammeEntity, { id: e.programmeId });
      if (programme.recoverOnDropout) {
        const [{ paid }] = await m.query(
          `SELECT coalesce(sum(p.amount_cents), 0)::bigint AS paid FROM payable_item p
            WHERE p.enrolment_id = $1 AND (p.status = 'paid' OR (p.status = 'open'
              AND EXISTS (SELECT 1 FROM payment_run_item r WHERE r.payable_item_id = p.id AND r.status <> 'rejected')))`,
          [e.id],
        );
        if (Number(paid) > 0) {
          await m.insert(RecoveryItemEntity, {
            educationPartnerId: e.educationPartnerId,
            enrolmentId: e.id,
            amountCents: String(paid),
            reason: `Uitval opleiding ${programme.qualificationName} per ${dto.dropoutDate}`.slice(0, 2000),
            dueDate: dto.dropoutDate,
            status: 'open',
          });
        }
      }
    });
  }

  private async addTuition(
    m: EntityManager,
    e: EnrolmentEntity,
    programme: ProgrammeEntity,
    cents: number,
    dueDate: string,
    moment: 'start' | 'diploma',
  ) {
    await m.insert(PayableItemEntity, {
      kind: 'tuition',
      educationPartnerId: e.educationPartnerId,
      enrolmentId: e.id,
      dueDate,
      amountCents: String(cents),
      breakdown: { programme: programme.qualificationName, crebo: programme.creboCode, moment, studentNumber: e.studentNumber },
      description:
        `Scholingskosten ${programme.creboCode} ${e.studentNumber ?? ''} ${moment === 'start' ? 'start' : 'diploma'}`.slice(
          0,
          140,
        ),
      status: 'open',
    });
  }
}

function auditView(e: EnrolmentEntity) {
  const { createdAt, updatedAt, ...rest } = e;
  return rest;
}
