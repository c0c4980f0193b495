import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { LocalDate } from '@js-joda/core';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AUDIT_EVENT_COLUMNS, AuditService, auditEventValues } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { hasRole, isBackoffice, type Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { parseCalendarDate } from '../common/dates/calendar-date';
import {
  BusinessRuleViolation,
  Conflict,
  DomainError,
  InvalidInput,
  MissingReferenceData,
  NotFound,
} from '../common/errors/domain-errors';
import { assertVersion } from '../common/http/etag';
import { pageOf, type PageOf } from '../common/http/pagination';
import { CodeListsService } from '../code-lists/code-lists.service';
import { entityColumnList } from '../database/entity-columns';
import { preparedQuery } from '../database/prepared-query';
import { EmployerEntity } from '../employers/employer.entity';
import { ageOn, formatCents, parseDecimalToScaled } from '../lks-calculation/domain';
import { LksCalculationService } from '../lks-calculation/lks-calculation.service';
import { ParticipantEntity } from '../participants/participant.entity';
import type { ParticipantSummary } from '../participants/participants.dto';
import { ParticipantsService, toParticipantSummary, type ParticipantReference } from '../participants/participants.service';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ApplicationEntity, InformationRequestEntity, WageValueAssessmentEntity } from './application.entities';
import {
  AmendActiveApplicationDto,
  ApplicationListQuery,
  ChangeDueView,
  ApplicationView,
  CreateApplicationDto,
  ExtendDeadlineDto,
  ParticipantReferenceDto,
  ProposeDecisionDto,
  ReceiveInformationDto,
  RecordNoMeasurementDto,
  RecordTargetGroupDto,
  RequestInformationDto,
  SubsidyCalculationView,
  UpdateApplicationDto,
  WithdrawDto,
} from './applications.dto';
import {
  APPLICATION_TRANSITIONS,
  applyAction,
  UNDECIDED,
  type ApplicationAction,
  type ApplicationStatus,
} from './domain/application-status';
import { applicationWindow, checkApplicationWindow, flatRateWindowEnd, type EmploymentOrigin } from './domain/application-window';
import { applicationDecisionClock, wageValueEstablished, type DecisionClock } from './domain/decision-deadline';
import { subsidySegments } from './domain/subsidy-calculation';

/** Emitted after commit when a new wage value is recorded on an active subsidy (a change decision is due). */
export const WAGE_VALUE_REASSESSED = 'application.wage-value-reassessed';

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly participants: ParticipantsService,
    private readonly codeLists: CodeListsService,
    private readonly referenceData: ReferenceDataService,
    private readonly calculations: LksCalculationService,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {}

  // ---- reading ---------------------------------------------------------------------------

  /** The application if the caller may see it; 404 otherwise (also for other employers' ones). */
  async get(actor: Principal, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<ApplicationEntity> {
    const application = await m.findOne(ApplicationEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!application) throw new NotFound('Application', id);
    this.access.requireEmployerAccess(actor, application.employerId, 'Application', id);
    return application;
  }

  async view(actor: Principal, id: string): Promise<ApplicationView> {
    const application = await this.get(actor, id);
    return (await this.views([application]))[0];
  }

  /** The view of an application the caller has just been allowed to change. */
  async viewOf(application: ApplicationEntity): Promise<ApplicationView> {
    return (await this.views([application]))[0];
  }

  async list(actor: Principal, query: ApplicationListQuery): Promise<PageOf<ApplicationView>> {
    const qb = this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('a');
    const scope = this.access.employerScope(actor);
    if (scope) qb.andWhere('a.employerId = :scope', { scope });
    else if (query.employerId) qb.andWhere('a.employerId = :employerId', { employerId: query.employerId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.jobPlan) qb.andWhere('a.jobPlanCode = :jobPlan', { jobPlan: query.jobPlan });
    if (query.submittedFrom) qb.andWhere('a.submittedOn >= :from', { from: query.submittedFrom });
    if (query.submittedTo) qb.andWhere('a.submittedOn <= :to', { to: query.submittedTo });
    const sort = query.sort ?? '-createdAt';
    const column = sort.replace(/^-/, '') as 'createdAt' | 'submittedOn' | 'applicationNumber';
    qb.orderBy(`a.${column}`, sort.startsWith('-') ? 'DESC' : 'ASC', 'NULLS LAST').addOrderBy('a.id', 'ASC');
    qb.skip(query.offset()).take(query.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return pageOf(await this.views(items), total, query);
  }

  /** Undecided applications that are overdue or due within `withinDays`, most urgent first (backoffice). */
  async deadlines(withinDays: number): Promise<ApplicationView[]> {
    const open = await this.dataSource.getRepository(ApplicationEntity).find({ where: UNDECIDED.map((status) => ({ status })) });
    const views = await this.views(open);
    return views
      .filter((v) => v.decisionClock && v.decisionClock.daysLeft <= withinDays)
      .sort(
        (a, b) =>
          a.decisionClock!.deadline.localeCompare(b.decisionClock!.deadline) ||
          a.applicationNumber.localeCompare(b.applicationNumber),
      );
  }

  /** Views for several applications with their related rows loaded in a few queries. */
  private async views(applications: ApplicationEntity[]): Promise<ApplicationView[]> {
    if (applications.length === 0) return [];
    const ids = applications.map((a) => a.id);
    const m = this.dataSource.manager;
    const [employers, participants, requests, firstAssessed, reference] = await Promise.all([
      m
        .createQueryBuilder(EmployerEntity, 'e')
        .where('e.id IN (:...ids)', { ids: [...new Set(applications.map((a) => a.employerId))] })
        .getMany(),
      m
        .createQueryBuilder(ParticipantEntity, 'p')
        .where('p.id IN (:...ids)', { ids: [...new Set(applications.map((a) => a.participantId))] })
        .getMany(),
      m
        .createQueryBuilder(InformationRequestEntity, 'r')
        .where('r.applicationId IN (:...ids)', { ids })
        .orderBy('r.requestedOn', 'ASC')
        .getMany(),
      this.firstAssessedOn(m, ids),
      this.referenceData.preparedCalculationReferenceData(m),
    ]);
    const today = this.clock.today();
    return applications.map((a) =>
      this.toView(
        a,
        employers.find((e) => e.id === a.employerId)?.name ?? '',
        toParticipantSummary(participants.find((p) => p.id === a.participantId)!),
        requests.filter((r) => r.applicationId === a.id),
        today,
        {
          firstAssessedOn: firstAssessed.get(a.id) ?? null,
          flatRateMaxMonths: reference.parametersOn(parseCalendarDate(a.contractStart).toEpochDay())?.flatRateMaxMonths ?? null,
        },
      ),
    );
  }

  /** The day of each application's first wage-value assessment: the wage value was established then (Participatiewet art. 10d). */
  private async firstAssessedOn(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: Array<{ application_id: string; first: string }> = await m.query(
      `SELECT application_id, min(assessed_on)::text AS first FROM wage_value_assessment WHERE application_id = ANY($1) GROUP BY application_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.application_id, r.first]));
  }

  private toView(
    a: ApplicationEntity,
    employerName: string,
    participant: ParticipantSummary,
    requests: InformationRequestFields[],
    today: string,
    wageValue: { firstAssessedOn: string | null; flatRateMaxMonths: number | null },
  ): ApplicationView {
    return {
      id: a.id,
      applicationNumber: a.applicationNumber,
      status: a.status,
      employerId: a.employerId,
      employerName,
      participant,
      jobTitle: a.jobTitle,
      sector: a.sector,
      jobPlan: a.jobPlanCode,
      contractStart: a.contractStart,
      contractEnd: a.contractEnd,
      hoursPerWeek: trimDecimal(a.hoursPerWeek),
      fullTimeHoursPerWeek: trimDecimal(a.fullTimeHoursPerWeek),
      grossHourlyWage: a.grossHourlyWage,
      scale: a.scale,
      flatRateRequested: a.flatRateRequested,
      flatRateWindowEnd:
        wageValue.flatRateMaxMonths === null ? null : flatRateWindowEnd(a.contractStart, wageValue.flatRateMaxMonths),
      employmentOrigin: a.employmentOrigin,
      applicationWindow: applicationWindow(a.contractStart, a.employmentOrigin),
      targetGroup: a.targetGroupBasis
        ? {
            basis: a.targetGroupBasis,
            registeredOn: a.targetGroupRegisteredOn,
            assessedOn: a.targetGroupAssessedOn,
            assessorName: a.targetGroupAssessor,
          }
        : null,
      noMeasurement:
        a.noMeasurementDecidedOn && a.noMeasurementReason
          ? { decidedOn: a.noMeasurementDecidedOn, reason: a.noMeasurementReason, decidedBy: a.noMeasurementDecidedBy }
          : null,
      submittedOn: a.submittedOn,
      decidedOn: a.decidedOn,
      decisionClock: this.clockOf(a, requests, today, wageValue.firstAssessedOn),
      extensionReason: a.extensionReason,
      informationRequests: requests.map((r) => ({
        id: r.id,
        requestedOn: r.requestedOn,
        question: r.question,
        receivedOn: r.receivedOn,
        receivedNote: r.receivedNote,
      })),
      proposal:
        a.proposedOutcome && a.proposedAt
          ? {
              outcome: a.proposedOutcome,
              reasons: a.proposedReasons,
              proposedAt: a.proposedAt.toISOString(),
              proposedBy: a.proposedBy,
            }
          : null,
      allowedActions: (Object.keys(APPLICATION_TRANSITIONS) as ApplicationAction[]).filter((action) =>
        APPLICATION_TRANSITIONS[action].from.includes(a.status),
      ),
      version: a.version,
      createdAt: a.createdAt.toISOString(),
    };
  }

  /**
   * The decision clock while the application is undecided: the Awb term, and once the wage value is
   * established (its first assessment, or the decision that no measurement is needed) the five-week
   * term of Participatiewet art. 10d besides it. The one rule for every view, list and queue.
   */
  private clockOf(
    a: ApplicationEntity,
    requests: InformationRequestFields[],
    today: string,
    firstAssessedOn: string | null,
  ): DecisionClock | null {
    if (!a.submittedOn || !UNDECIDED.includes(a.status)) return null;
    return applicationDecisionClock(
      {
        submittedOn: a.submittedOn,
        extensionWeeks: a.extensionWeeks,
        wageValueEstablished: wageValueEstablished(firstAssessedOn ? [firstAssessedOn] : [], a.noMeasurementDecidedOn),
      },
      requests,
      today,
    );
  }

  // ---- the employer's draft ----------------------------------------------------------------

  async create(actor: Principal, dto: CreateApplicationDto): Promise<ApplicationEntity> {
    if (!actor.employerId) throw new BusinessRuleViolation('Only an employer user can apply.');
    const employerId = actor.employerId;
    return this.dataSource.transaction(async (m) => {
      const participant = await this.participants.resolve(m, participantRef(dto.participant), 'participant');
      await this.codeLists.requireActive(m, 'job-plan', dto.jobPlan, 'jobPlan');
      await this.checkWage(dto, participant.dateOfBirth, m);
      const { id } = await m.save(
        m.create(ApplicationEntity, {
          employerId,
          participantId: participant.id,
          ...contractColumns(dto),
          status: 'draft',
          version: 1,
          createdBy: actor.userId,
        }),
      );
      const application = await m.findOneByOrFail(ApplicationEntity, { id });
      await this.audit.record(m, actor, {
        action: 'application.created',
        entityType: 'application',
        entityId: id,
        after: auditView(application),
      });
      return application;
    });
  }

  async update(actor: Principal, id: string, expectedVersion: number, dto: UpdateApplicationDto): Promise<ApplicationEntity> {
    return this.change(actor, id, expectedVersion, 'edit', async (application, m) => {
      if (dto.participant) {
        application.participantId = (await this.participants.resolve(m, participantRef(dto.participant), 'participant')).id;
      }
      if (dto.jobPlan !== undefined && dto.jobPlan !== application.jobPlanCode) {
        await this.codeLists.requireActive(m, 'job-plan', dto.jobPlan, 'jobPlan');
      }
      Object.assign(application, contractColumns({ ...entityAsDto(application), ...dto }));
      const participant = await this.participants.get(application.participantId, m);
      await this.checkWage(entityAsDto(application), participant.dateOfBirth, m);
      if (application.contractEnd && application.contractEnd < application.contractStart) {
        throw new BusinessRuleViolation('The contract cannot end before it starts.', [
          { name: 'contractEnd', reason: 'must not be before contractStart' },
        ]);
      }
      if (Number(application.hoursPerWeek) > Number(application.fullTimeHoursPerWeek)) {
        throw new BusinessRuleViolation('Contract hours cannot exceed the full-time week.', [
          { name: 'hoursPerWeek', reason: 'must not be more than fullTimeHoursPerWeek' },
        ]);
      }
    });
  }

  /**
   * The gross hourly wage must be at least the statutory minimum wage for the employee's age at the
   * contract start and the scale; otherwise the employer underpays and no subsidy can be granted.
   */
  private async checkWage(
    dto: Pick<
      CreateApplicationDto,
      'contractStart' | 'scale' | 'grossHourlyWage' | 'hoursPerWeek' | 'fullTimeHoursPerWeek' | 'contractEnd'
    >,
    dateOfBirth: string,
    m: EntityManager,
  ): Promise<void> {
    const problems = [];
    if (dto.hoursPerWeek > dto.fullTimeHoursPerWeek)
      problems.push({ name: 'hoursPerWeek', reason: 'must not be more than fullTimeHoursPerWeek' });
    if (dto.contractEnd && dto.contractEnd < dto.contractStart)
      problems.push({ name: 'contractEnd', reason: 'must not be before contractStart' });
    if (problems.length) throw new BusinessRuleViolation('The contract details are inconsistent.', problems);

    const reference = await this.referenceData.preparedCalculationReferenceData(m);
    const start = parseCalendarDate(dto.contractStart);
    const age = ageOn(parseCalendarDate(dateOfBirth), start);
    const rate = reference.minimumWageFor(dto.scale, age, start.toEpochDay());
    if (!rate) {
      throw new MissingReferenceData(
        `No minimum wage is known for ${dto.contractStart} (scale ${dto.scale}, age ${age}); an administrator must add it first.`,
      );
    }
    const wageCents = parseDecimalToScaled(dto.grossHourlyWage, 2)!;
    if (wageCents < rate.hourlyCents) {
      const minimum = formatCents(rate.hourlyCents);
      throw new BusinessRuleViolation(
        `The gross hourly wage €${dto.grossHourlyWage} is below the minimum wage of €${minimum} per hour that applies on ${dto.contractStart} ` +
          `to an employee aged ${age} (scale ${rate.scale}).`,
        [{ name: 'grossHourlyWage', reason: `must be at least ${minimum} (minimum wage for age ${age}, scale ${rate.scale})` }],
      );
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /**
   * Every change goes through here: lock the row, check access, the version (If-Match) and the
   * lifecycle, apply the change, bump the version and write the audit row, in one transaction.
   */
  private async change(
    actor: Principal,
    id: string,
    expectedVersion: number | undefined,
    action: ApplicationAction,
    mutate: (application: ApplicationEntity, m: EntityManager) => Promise<void> = async () => undefined,
    auditDetails: object = {},
  ): Promise<ApplicationEntity> {
    return this.dataSource.transaction(async (m) => {
      const application = await this.get(actor, id, m, true);
      assertVersion('Application', application.version, expectedVersion);
      const before = auditView(application);
      const next = applyAction(application.status, action);
      await mutate(application, m);
      application.status = next;
      application.version += 1;
      // One UPDATE of the columns this service owns (save() would first SELECT the row again).
      const { id: _id, applicationNumber: _number, createdAt: _created, updatedAt: _updated, ...columns } = application;
      await m.update(ApplicationEntity, { id }, columns);
      await this.audit.record(m, actor, {
        action: `application.${action}`,
        entityType: 'application',
        entityId: id,
        before,
        after: { ...auditView(application), ...auditDetails },
      });
      return application;
    });
  }

  /**
   * Submission is the busiest change, so it first tries a shorter road to the same outcome (see
   * submitAtOnce); when that road does not lead there, it goes the way of every other change.
   */
  async submit(actor: Principal, id: string, version?: number): Promise<ApplicationView> {
    const view = await this.submitAtOnce(actor, id, version);
    if (view) return view;
    return this.viewOf(
      await this.change(actor, id, version, 'submit', async (a, m) => {
        const today = this.clock.today();
        checkWindow(a, today);
        const participant = await this.participants.get(a.participantId, m);
        await this.checkWage(entityAsDto(a), participant.dateOfBirth, m);
        a.submittedOn = today;
      }),
    );
  }

  /**
   * Submission in two statements instead of a transaction of ten. The first reads the application
   * and what its view shows of its neighbours, without a lock, for the checks of `change` and
   * `submit`. The second updates the row only if its version is still the one checked (the UPDATE
   * takes the row lock and re-reads the version under it, and every change raises the version, so
   * the row is then exactly the one checked) and writes the audit row with it; the view is the row
   * read with the submission's changes. Null when a check fails or another change came first: the
   * caller then goes the locked way, so every refusal is decided on the locked row exactly as
   * before, and a lost race costs one more try, not a different answer.
   */
  private async submitAtOnce(actor: Principal, id: string, expectedVersion: number | undefined): Promise<ApplicationView | null> {
    const sql = this.submissionSql();
    const [row] = await preparedQuery<ApplicationEntity & ViewNeighbours>(
      this.dataSource,
      'application-submission-read',
      sql.read,
      [id],
    );
    if (!row) return null;
    const { employerName, participantNumber, givenNames, familyName, dateOfBirth, informationRequests, ...application } = row;
    const today = this.clock.today();
    let next: ApplicationStatus;
    try {
      this.access.requireEmployerAccess(actor, application.employerId, 'Application', id);
      assertVersion('Application', application.version, expectedVersion);
      next = applyAction(application.status, 'submit');
      checkWindow(application, today);
      await this.checkWage(entityAsDto(application), dateOfBirth, this.dataSource.manager);
    } catch (e) {
      if (e instanceof DomainError) return null;
      throw e;
    }
    const submitted: ApplicationEntity = { ...application, status: next, version: application.version + 1, submittedOn: today };
    const audit = auditEventValues(actor, {
      action: 'application.submit',
      entityType: 'application',
      entityId: id,
      before: auditView(application),
      after: auditView(submitted),
    });
    const written = await preparedQuery(this.dataSource, 'application-submission-write', sql.write, [
      id,
      application.version,
      next,
      today,
      ...audit,
    ]);
    if (written.length === 0) return null;
    const participant = toParticipantSummary({ participantNumber, givenNames, familyName, dateOfBirth });
    // A draft has no wage-value assessment yet (they are recorded in assessment); the parameters are cached.
    const parameters = (await this.referenceData.preparedCalculationReferenceData()).parametersOn(
      parseCalendarDate(submitted.contractStart).toEpochDay(),
    );
    return this.toView(submitted, employerName, participant, informationRequests, today, {
      firstAssessedOn: null,
      flatRateMaxMonths: parameters?.flatRateMaxMonths ?? null,
    });
  }

  private submissionStatements?: { read: string; write: string };

  private submissionSql(): { read: string; write: string } {
    this.submissionStatements ??= {
      read: `SELECT ${entityColumnList(this.dataSource, ApplicationEntity, 'a')}, e.name AS "employerName",
                    p.participant_number AS "participantNumber", p.given_names AS "givenNames", p.family_name AS "familyName",
                    p.date_of_birth AS "dateOfBirth",
                    coalesce((SELECT json_agg(json_build_object('id', r.id, 'requestedOn', r.requested_on, 'question', r.question,
                                'receivedOn', r.received_on, 'receivedNote', r.received_note) ORDER BY r.requested_on)
                                FROM information_request r WHERE r.application_id = a.id), '[]') AS "informationRequests"
               FROM application a JOIN employer e ON e.id = a.employer_id JOIN participant p ON p.id = a.participant_id
              WHERE a.id = $1`,
      write: `WITH submitted AS (
                UPDATE application SET status = $3, version = version + 1, submitted_on = $4, updated_at = CURRENT_TIMESTAMP
                 WHERE id = $1 AND version = $2
                RETURNING id
              )
              INSERT INTO audit_event (${AUDIT_EVENT_COLUMNS})
              SELECT $5, $6, $7, $8, $9, $10, $11, $12 FROM submitted
              RETURNING id`,
    };
    return this.submissionStatements;
  }

  withdraw(actor: Principal, id: string, version: number | undefined, dto: WithdrawDto) {
    return this.change(actor, id, version, 'withdraw', undefined, { reason: dto.reason ?? null });
  }

  startAssessment(actor: Principal, id: string, version?: number) {
    return this.change(actor, id, version, 'start-assessment');
  }

  requestInformation(actor: Principal, id: string, version: number | undefined, dto: RequestInformationDto) {
    return this.change(actor, id, version, 'request-information', async (a, m) => {
      await m.insert(InformationRequestEntity, {
        applicationId: a.id,
        requestedOn: this.clock.today(),
        question: dto.question,
        requestedBy: actor.userId,
      });
    });
  }

  receiveInformation(actor: Principal, id: string, version: number | undefined, dto: ReceiveInformationDto) {
    return this.change(actor, id, version, 'receive-information', async (a, m) => {
      const open = await m.findOneByOrFail(InformationRequestEntity, {
        applicationId: a.id,
        receivedOn: IsNull(),
      });
      await m.update(
        InformationRequestEntity,
        { id: open.id },
        { receivedOn: this.clock.today(), receivedNote: dto.note ?? null, receivedBy: actor.userId },
      );
    });
  }

  extendDeadline(actor: Principal, id: string, version: number | undefined, dto: ExtendDeadlineDto) {
    return this.change(actor, id, version, 'extend-deadline', async (a, m) => {
      if (a.extensionWeeks !== null) {
        throw new Conflict('The decision term has already been extended once (Awb 4:14 allows one extension).', [
          { name: 'weeks', reason: 'the term was already extended' },
        ]);
      }
      // Awb 4:14: the extension is announced before the term ends; afterwards it is simply overdue.
      const requests = await m.find(InformationRequestEntity, { where: { applicationId: a.id } });
      const clock = this.clockOf(a, requests, this.clock.today(), (await this.firstAssessedOn(m, [a.id])).get(a.id) ?? null);
      if (clock && clock.state === 'overdue') {
        throw new Conflict(`The decision term ended on ${clock.deadline}; it can no longer be extended.`, [
          { name: 'weeks', reason: 'the term has already ended' },
        ]);
      }
      a.extensionWeeks = dto.weeks;
      a.extensionReason = dto.reason;
      a.extendedOn = this.clock.today();
    });
  }

  /** Why the person belongs to the LKS target group: the doelgroepregister (registration date) or the praktijkroute (assessment date, assessor). */
  async recordTargetGroup(actor: Principal, id: string, version: number | undefined, dto: RecordTargetGroupDto) {
    const misplaced = (
      dto.basis === 'doelgroepregister' ? (['assessedOn', 'assessorName'] as const) : (['registeredOn'] as const)
    ).filter((name) => dto[name] !== undefined);
    if (misplaced.length) {
      throw new InvalidInput(misplaced.map((name) => ({ name, reason: `is not used with basis ${dto.basis}` })));
    }
    const date = dto.basis === 'doelgroepregister' ? 'registeredOn' : 'assessedOn';
    if ((dto[date] as string) > this.clock.today()) {
      throw new BusinessRuleViolation('The target-group date cannot be in the future.', [
        { name: date, reason: 'must not be in the future' },
      ]);
    }
    return this.change(actor, id, version, 'record-target-group', async (a) => {
      a.targetGroupBasis = dto.basis;
      a.targetGroupRegisteredOn = dto.registeredOn ?? null;
      a.targetGroupAssessedOn = dto.assessedOn ?? null;
      a.targetGroupAssessor = dto.assessorName ?? null;
    });
  }

  /**
   * Participatiewet art. 10d lid 1 sub b: the college decides, with the employer, that the wage value
   * need not be measured. Recorded once, with its date and reason; it starts the five-week term.
   */
  async recordNoMeasurement(actor: Principal, id: string, version: number | undefined, dto: RecordNoMeasurementDto) {
    if (dto.decidedOn > this.clock.today()) {
      throw new BusinessRuleViolation('The decision date cannot be in the future.', [
        { name: 'decidedOn', reason: 'must not be in the future' },
      ]);
    }
    return this.change(actor, id, version, 'record-no-measurement', async (a, m) => {
      if (a.noMeasurementDecidedOn) {
        throw new Conflict(`No measurement was already decided on ${a.noMeasurementDecidedOn}.`, [
          { name: 'decidedOn', reason: 'the decision that no measurement is needed was already recorded' },
        ]);
      }
      if ((await this.firstAssessedOn(m, [a.id])).has(a.id)) {
        throw new Conflict('The wage value has already been measured for this application.', [
          { name: 'decidedOn', reason: 'the wage value has already been measured' },
        ]);
      }
      if (a.submittedOn && dto.decidedOn < a.submittedOn) {
        throw new BusinessRuleViolation('The decision cannot precede the application.', [
          { name: 'decidedOn', reason: `must be on or after ${a.submittedOn}` },
        ]);
      }
      a.noMeasurementDecidedOn = dto.decidedOn;
      a.noMeasurementReason = dto.reason;
      a.noMeasurementDecidedBy = actor.userId;
    });
  }

  proposeDecision(actor: Principal, id: string, version: number | undefined, dto: ProposeDecisionDto) {
    return this.change(actor, id, version, 'propose-decision', async (a, m) => {
      // Participatiewet art. 10c/10d: LKS is granted only for a person of the LKS target group; why the
      // person belongs to it is on record before a grant is proposed (the decision states it). A
      // rejection needs no basis: not belonging to the target group is itself a reason to reject.
      if (dto.outcome === 'grant' && !a.targetGroupBasis) {
        throw new BusinessRuleViolation(
          'Record why the person belongs to the LKS target group (doelgroepregister or praktijkroute) before proposing a grant.',
          [{ name: 'targetGroup', reason: 'must be recorded before a grant is proposed' }],
        );
      }
      if (dto.outcome === 'grant') {
        const calculation = await this.calculateFor(a, m);
        if (calculation.totalCents <= 0) {
          throw new BusinessRuleViolation('A grant needs a subsidy amount above zero; propose a rejection instead.', [
            { name: 'outcome', reason: 'the calculated subsidy is 0' },
          ]);
        }
        a.proposedCalculation = calculation;
      } else {
        a.proposedCalculation = null;
      }
      a.proposedOutcome = dto.outcome;
      a.proposedReasons = dto.reasons ?? null;
      a.proposedBy = actor.userId;
      a.proposedAt = this.clock.now();
    });
  }

  /** Hours or contract end of a running subsidy changed: recorded here, the decision follows. */
  amend(actor: Principal, id: string, version: number | undefined, dto: AmendActiveApplicationDto) {
    if (dto.hoursPerWeek === undefined && dto.contractEnd === undefined) {
      throw new InvalidInput([{ name: 'hoursPerWeek', reason: 'give new hours, a new contract end, or both' }]);
    }
    return this.change(
      actor,
      id,
      version,
      'amend',
      async (a) => {
        if (dto.hoursPerWeek !== undefined) {
          if (dto.hoursPerWeek > Number(a.fullTimeHoursPerWeek)) {
            throw new BusinessRuleViolation('Contract hours cannot exceed the full-time week.', [
              { name: 'hoursPerWeek', reason: 'must not be more than fullTimeHoursPerWeek' },
            ]);
          }
          a.hoursPerWeek = formatCents(parseDecimalToScaled(dto.hoursPerWeek, 2) as number);
        }
        if (dto.contractEnd !== undefined) {
          if (dto.contractEnd !== null && dto.contractEnd < a.contractStart) {
            throw new BusinessRuleViolation('The contract cannot end before it starts.', [
              { name: 'contractEnd', reason: 'must not be before contractStart' },
            ]);
          }
          a.contractEnd = dto.contractEnd;
        }
      },
      { reason: dto.reason },
    );
  }

  /**
   * Running subsidies where something changed after the last decision (a new wage value, new hours
   * or contract end): a change or termination decision is due.
   */
  async changesDue(): Promise<ChangeDueView[]> {
    const rows: Array<{ id: string; application_number: string; name: string; reason: ChangeDueView['reason']; since: Date }> =
      await this.dataSource.query(
        `WITH last_decision AS (
           SELECT application_id, max(approved_at) AS at FROM decision
            WHERE status = 'issued' AND type IN ('grant', 'change', 'termination') GROUP BY application_id)
         SELECT a.id, a.application_number, e.name, x.reason, x.since
           FROM application a
           JOIN employer e ON e.id = a.employer_id
           JOIN last_decision d ON d.application_id = a.id
           JOIN LATERAL (
             SELECT 'wage-value-assessment' AS reason, max(w.created_at) AS since FROM wage_value_assessment w
              WHERE w.application_id = a.id AND w.created_at > d.at
             UNION ALL
             SELECT 'contract-change', max(ev.occurred_at) FROM audit_event ev
              WHERE ev.entity_type = 'application' AND ev.entity_id = a.id::text AND ev.action = 'application.amend' AND ev.occurred_at > d.at
           ) x ON x.since IS NOT NULL
          WHERE a.status = 'active'
          ORDER BY x.since`,
      );
    return rows.map((r) => ({
      applicationId: r.id,
      applicationNumber: r.application_number,
      employerName: r.name,
      reason: r.reason,
      since: new Date(r.since).toISOString(),
    }));
  }

  returnToAssessment(actor: Principal, id: string, version?: number) {
    return this.change(actor, id, version, 'return-to-assessment', async (a) => {
      a.proposedOutcome = null;
      a.proposedReasons = null;
      a.proposedCalculation = null;
      a.proposedBy = null;
      a.proposedAt = null;
    });
  }

  // ---- amounts -------------------------------------------------------------------------------

  async calculation(actor: Principal, id: string): Promise<SubsidyCalculationView> {
    const application = await this.get(actor, id);
    if (!isBackoffice(actor) && !hasRole(actor, 'employer')) throw new NotFound('Application', id);
    return this.calculateFor(application, this.dataSource.manager);
  }

  /** The subsidy for the application's period, segment by segment, all from the LKS calculation module. */
  async calculateFor(
    application: ApplicationEntity,
    m: EntityManager,
    overrides: { contractEnd?: string | null } = {},
  ): Promise<SubsidyCalculationView> {
    const participant = await this.participants.get(application.participantId, m);
    const assessments = await m.find(WageValueAssessmentEntity, {
      where: { applicationId: application.id },
      order: { effectiveFrom: 'ASC', createdAt: 'ASC' },
    });
    const reference = await this.referenceData.preparedCalculationReferenceData(m);
    const parameters = reference.parametersOn(LocalDate.parse(application.contractStart).toEpochDay());
    if (!parameters) throw new MissingReferenceData(`No LKS parameters are known for ${application.contractStart}.`);
    const plan = subsidySegments({
      contractStart: application.contractStart,
      contractEnd: overrides.contractEnd !== undefined ? overrides.contractEnd : application.contractEnd,
      dateOfBirth: participant.dateOfBirth,
      hoursPerWeek: application.hoursPerWeek,
      scale: application.scale,
      flatRateRequested: application.flatRateRequested,
      flatRateMaxMonths: parameters.flatRateMaxMonths,
      assessments: latestPerEffectiveDate(assessments).map((a) => ({
        id: a.id,
        effectiveFrom: a.effectiveFrom,
        percentage: a.percentage,
      })),
    });
    const segments = [];
    let totalCents = 0;
    for (const segment of plan.segments) {
      const calculation = await this.calculations.calculate(segment.input, m);
      totalCents += calculation.totalCents;
      segments.push({
        basis: segment.basis,
        assessmentId: segment.assessmentId,
        periodStart: segment.input.periodStart,
        periodEnd: segment.input.periodEnd,
        calculation,
      });
    }
    return { periodStart: plan.periodStart, periodEnd: plan.periodEnd, segments, total: formatCents(totalCents), totalCents };
  }

  /** For the assessments module: a change on the application inside its transaction (lifecycle, version, audit). */
  recordAssessmentChange(
    actor: Principal,
    id: string,
    version: number | undefined,
    mutate: (a: ApplicationEntity, m: EntityManager) => Promise<void>,
  ) {
    return this.change(actor, id, version, 'record-assessment', mutate);
  }

  documentChange(actor: Principal, id: string, mutate: (a: ApplicationEntity, m: EntityManager) => Promise<void>) {
    return this.change(actor, id, undefined, 'upload-document', mutate);
  }

  /**
   * For the decisions module: the lifecycle consequences of an issued decision (granted and active,
   * rejected, ended), in the decision's own transaction.
   */
  async applyDecisionWithin(
    m: EntityManager,
    actor: Principal,
    applicationId: string,
    actions: ApplicationAction[],
    decidedOn: string | null,
  ): Promise<ApplicationEntity> {
    const application = await m.findOne(ApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw new NotFound('Application', applicationId);
    const before = auditView(application);
    for (const action of actions) application.status = applyAction(application.status, action);
    if (decidedOn) application.decidedOn = decidedOn;
    application.version += 1;
    await m.save(application);
    await this.audit.record(m, actor, {
      action: `application.${actions.join('+')}`,
      entityType: 'application',
      entityId: applicationId,
      before,
      after: auditView(application),
    });
    return application;
  }

  emitReassessed(applicationId: string, assessmentId: string): void {
    this.events.emit(WAGE_VALUE_REASSESSED, { applicationId, assessmentId });
  }
}

/** What a view and the decision clock use of an information request. */
type InformationRequestFields = Pick<InformationRequestEntity, 'id' | 'requestedOn' | 'question' | 'receivedOn' | 'receivedNote'>;

/** What the submission reads with the application for its view. */
interface ViewNeighbours {
  employerName: string;
  participantNumber: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  informationRequests: InformationRequestFields[];
}

/** When an assessment is corrected for the same effective date, the latest one counts. */
function latestPerEffectiveDate(assessments: WageValueAssessmentEntity[]): WageValueAssessmentEntity[] {
  const byDate = new Map<string, WageValueAssessmentEntity>();
  for (const a of assessments) byDate.set(a.effectiveFrom, a);
  return [...byDate.values()];
}

function participantRef(dto: ParticipantReferenceDto): ParticipantReference {
  return dto.participantNumber !== undefined
    ? { participantNumber: dto.participantNumber, dateOfBirth: dto.dateOfBirth }
    : { bsn: dto.bsn as string, dateOfBirth: dto.dateOfBirth };
}

/** The employer's own fields; an application from before the origin was recorded keeps null until the employer gives it. */
type ContractFields = Omit<CreateApplicationDto, 'participant' | 'employmentOrigin'> & {
  employmentOrigin: EmploymentOrigin | null;
};

function contractColumns(dto: ContractFields) {
  return {
    jobTitle: dto.jobTitle,
    sector: dto.sector,
    jobPlanCode: dto.jobPlan,
    contractStart: dto.contractStart,
    contractEnd: dto.contractEnd ?? null,
    hoursPerWeek: formatCents(parseDecimalToScaled(dto.hoursPerWeek, 2) as number),
    fullTimeHoursPerWeek: formatCents(parseDecimalToScaled(dto.fullTimeHoursPerWeek, 2) as number),
    grossHourlyWage: formatCents(parseDecimalToScaled(dto.grossHourlyWage, 2) as number),
    scale: dto.scale,
    flatRateRequested: dto.flatRateRequested,
    employmentOrigin: dto.employmentOrigin,
  };
}

/**
 * Participatiewet art. 10d: an application is received in its window (before the start, or within six
 * months after it for the groups of lid 2); otherwise it is refused, naming the window and its last day.
 */
function checkWindow(a: ApplicationEntity, submittedOn: string): void {
  const check = checkApplicationWindow(a.contractStart, a.employmentOrigin, submittedOn);
  if (!check.allowed) {
    throw new BusinessRuleViolation(`The application is too late: ${check.reason}.`, [
      { name: 'contractStart', reason: check.reason },
    ]);
  }
}

function entityAsDto(a: ApplicationEntity): ContractFields {
  return {
    jobTitle: a.jobTitle,
    sector: a.sector,
    jobPlan: a.jobPlanCode,
    contractStart: a.contractStart,
    contractEnd: a.contractEnd,
    hoursPerWeek: Number(a.hoursPerWeek),
    fullTimeHoursPerWeek: Number(a.fullTimeHoursPerWeek),
    grossHourlyWage: a.grossHourlyWage,
    scale: a.scale,
    flatRateRequested: a.flatRateRequested,
    employmentOrigin: a.employmentOrigin,
  };
}

/** '32.00' → '32', '32.50' → '32.5' */
function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** What the audit trail keeps of an application: its own fields, not the participant's identity. */
function auditView(a: ApplicationEntity) {
  const { proposedCalculation, createdAt, updatedAt, ...rest } = a;
  return { ...rest, proposedTotal: proposedCalculation ? (proposedCalculation as { total: string }).total : null };
}
