import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import { hasRole, type Principal } from '../auth/principal';
import { BusinessRuleViolation, Conflict, NotFound } from '../common/errors/domain-errors';
import { EducationPartnerEntity } from '../education-partners/education-partner.entity';
import { formatCents } from '../lks-calculation/domain';
import { CohortView, CreateCohortDto, CreateProgrammeDto, ProgrammeView } from './retraining.dto';
import { CohortEntity, ProgrammeEntity } from './retraining.entities';

function toCohortView(c: CohortEntity): CohortView {
  return { id: c.id, programmeId: c.programmeId, startDate: c.startDate, capacity: c.capacity, confirmedCount: c.confirmedCount };
}

/** Programmes and cohorts, kept by administrators; partners see their own. */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async create(actor: Principal, dto: CreateProgrammeDto): Promise<ProgrammeView> {
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(EducationPartnerEntity, { id: dto.educationPartnerId }))) {
        throw new BusinessRuleViolation('The education partner does not exist.', [
          { name: 'educationPartnerId', reason: 'unknown education partner' },
        ]);
      }
      const { id } = await m.save(
        m.create(ProgrammeEntity, {
          ...dto,
          tuitionCents: String(dto.tuitionCents),
          shareAtStartPercentage: String(dto.shareAtStartPercentage),
          active: true,
          version: 1,
        }),
      );
      const programme = await m.findOneByOrFail(ProgrammeEntity, { id });
      const view = toProgrammeView(programme, []);
      await this.audit.record(m, actor, { action: 'programme.created', entityType: 'programme', entityId: id, after: view });
      return view;
    });
  }

  async addCohort(actor: Principal, programmeId: string, dto: CreateCohortDto): Promise<CohortView> {
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(ProgrammeEntity, { id: programmeId }))) throw new NotFound('Programme', programmeId);
      if (await m.existsBy(CohortEntity, { programmeId, startDate: dto.startDate })) {
        throw new Conflict('The programme already has a cohort starting on that date.', [
          { name: 'startDate', reason: 'already has a cohort' },
        ]);
      }
      const { id } = await m.save(
        m.create(CohortEntity, { programmeId, startDate: dto.startDate, capacity: dto.capacity, confirmedCount: 0 }),
      );
      const cohort = await m.findOneByOrFail(CohortEntity, { id });
      await this.audit.record(m, actor, {
        action: 'cohort.created',
        entityType: 'cohort',
        entityId: id,
        after: toCohortView(cohort),
      });
      return toCohortView(cohort);
    });
  }

  async list(actor: Principal): Promise<ProgrammeView[]> {
    const where = hasRole(actor, 'education-partner') ? { educationPartnerId: actor.educationPartnerId ?? '' } : {};
    const programmes = await this.dataSource.getRepository(ProgrammeEntity).find({ where, order: { qualificationName: 'ASC' } });
    const cohorts = programmes.length
      ? await this.dataSource
          .getRepository(CohortEntity)
          .find({ where: { programmeId: In(programmes.map((p) => p.id)) }, order: { startDate: 'ASC' } })
      : [];
    return programmes.map((p) =>
      toProgrammeView(
        p,
        cohorts.filter((c) => c.programmeId === p.id),
      ),
    );
  }

  async get(actor: Principal, id: string): Promise<ProgrammeView> {
    const programme = await this.dataSource.getRepository(ProgrammeEntity).findOneBy({ id });
    if (!programme) throw new NotFound('Programme', id);
    if (hasRole(actor, 'education-partner'))
      this.access.requirePartnerAccess(actor, programme.educationPartnerId, 'Programme', id);
    const cohorts = await this.dataSource
      .getRepository(CohortEntity)
      .find({ where: { programmeId: id }, order: { startDate: 'ASC' } });
    return toProgrammeView(programme, cohorts);
  }
}

function toProgrammeView(p: ProgrammeEntity, cohorts: CohortEntity[]): ProgrammeView {
  return {
    id: p.id,
    qualificationName: p.qualificationName,
    creboCode: p.creboCode,
    mboLevel: p.mboLevel,
    learningPath: p.learningPath,
    educationPartnerId: p.educationPartnerId,
    durationMonths: p.durationMonths,
    tuition: formatCents(Number(p.tuitionCents)),
    shareAtStartPercentage: p.shareAtStartPercentage.replace(/\.?0+$/, ''),
    recoverOnDropout: p.recoverOnDropout,
    cohorts: cohorts.map(toCohortView),
  };
}
