import { Body, Controller, Get, Injectable, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { LocalDate } from '@js-joda/core';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { CodeListsService } from '../code-lists/code-lists.service';
import { Clock } from '../common/clock';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { BusinessRuleViolation } from '../common/errors/domain-errors';
import { IfMatchVersion } from '../common/http/etag';
import { uuidParam } from '../common/problem/uuid-param';
import { IsDecimalNumber } from '../common/validation/is-decimal-number';
import { WageValueAssessmentEntity } from './application.entities';
import { ApplicationsService } from './applications.service';
import { RequiredText } from '../common/validation/required-text';

export class CreateWageValueAssessmentDto {
  @ApiProperty({
    format: 'date',
    example: '2026-04-15',
    description: 'Day of the assessment at the workplace (not in the future).',
  })
  @IsCalendarDate()
  assessedOn: string;

  @ApiProperty({ example: 'dariuz', description: 'Code from the assessment-method list.' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be an assessment-method code like dariuz' })
  method: string;

  @ApiProperty({ example: 'J. Bakker (loonwaardedeskundige)' })
  @RequiredText(200)
  assessorName: string;

  @ApiProperty({ example: 60, minimum: 1, maximum: 100, description: 'Wage value as a percentage of a regular employee.' })
  @IsDecimalNumber(2)
  @Min(1, { message: 'must be at least 1' })
  @Max(100, { message: 'must not be more than 100' })
  percentage: number;

  @ApiPropertyOptional({ example: 'Works steadily; needs instruction for new tasks.' })
  @IsOptional()
  @IsString()
  @Length(1, 8000)
  workplaceNotes?: string;

  @ApiPropertyOptional({ format: 'date', description: 'From when the wage value counts; defaults to assessedOn.' })
  @IsOptional()
  @IsCalendarDate()
  effectiveFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Re-assessment due; defaults to one year after effectiveFrom.' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string;
}

export class WageValueAssessmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'date' }) assessedOn: string;
  @ApiProperty({ example: 'dariuz' }) method: string;
  @ApiProperty() assessorName: string;
  @ApiProperty({ example: '60' }) percentage: string;
  @ApiProperty({ nullable: true, type: String }) workplaceNotes: string | null;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
}

export class DueReassessmentView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'AV-0000001' }) applicationNumber: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty({ description: 'Negative when the re-assessment is overdue.' }) daysLeft: number;
}

class DueQuery {
  @ApiPropertyOptional({ minimum: 0, maximum: 366, default: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays: number = 60;
}

function toView(a: WageValueAssessmentEntity): WageValueAssessmentView {
  return {
    id: a.id,
    applicationId: a.applicationId,
    assessedOn: a.assessedOn,
    method: a.methodCode,
    assessorName: a.assessorName,
    percentage: a.percentage.replace(/\.?0+$/, ''),
    workplaceNotes: a.workplaceNotes,
    effectiveFrom: a.effectiveFrom,
    validUntil: a.validUntil,
  };
}

@Injectable()
export class WageValueAssessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly codeLists: CodeListsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(
    actor: Principal,
    applicationId: string,
    version: number | undefined,
    dto: CreateWageValueAssessmentDto,
  ): Promise<WageValueAssessmentEntity> {
    const effectiveFrom = dto.effectiveFrom ?? dto.assessedOn;
    const validUntil = dto.validUntil ?? LocalDate.parse(effectiveFrom).plusYears(1).toString();
    const problems = [];
    if (dto.assessedOn > this.clock.today()) problems.push({ name: 'assessedOn', reason: 'must not be in the future' });
    if (validUntil <= effectiveFrom) problems.push({ name: 'validUntil', reason: 'must be after effectiveFrom' });
    if (problems.length) throw new BusinessRuleViolation('The assessment dates are inconsistent.', problems);

    let created!: WageValueAssessmentEntity;
    const application = await this.applications.recordAssessmentChange(actor, applicationId, version, async (app, m) => {
      await this.codeLists.requireActive(m, 'assessment-method', dto.method, 'method');
      if (effectiveFrom < app.contractStart) {
        throw new BusinessRuleViolation('The wage value cannot take effect before the contract starts.', [
          { name: 'effectiveFrom', reason: `must be on or after the contract start ${app.contractStart}` },
        ]);
      }
      const { id } = await m.save(
        m.create(WageValueAssessmentEntity, {
          applicationId: app.id,
          assessedOn: dto.assessedOn,
          methodCode: dto.method,
          assessorName: dto.assessorName,
          percentage: String(dto.percentage),
          workplaceNotes: dto.workplaceNotes ?? null,
          effectiveFrom,
          validUntil,
          createdBy: actor.userId,
        }),
      );
      created = await m.findOneByOrFail(WageValueAssessmentEntity, { id });
      await this.audit.record(m, actor, {
        action: 'wage-value-assessment.recorded',
        entityType: 'wage-value-assessment',
        entityId: id,
        after: toView(created),
      });
    });
    if (application.status === 'active') this.applications.emitReassessed(application.id, created.id);
    return created;
  }

  async list(actor: Principal, applicationId: string): Promise<WageValueAssessmentEntity[]> {
    await this.applications.get(actor, applicationId);
    return this.dataSource
      .getRepository(WageValueAssessmentEntity)
      .find({ where: { applicationId }, order: { effectiveFrom: 'ASC', createdAt: 'ASC' } });
  }

  /** Subsidies whose latest wage value runs out within `withinDays` (or already did): re-assessment is due. */
  async due(withinDays: number): Promise<DueReassessmentView[]> {
    const today = LocalDate.parse(this.clock.today());
    const rows: Array<{
      application_id: string;
      application_number: string;
      employer_name: string;
      id: string;
      valid_until: string;
    }> = await this.dataSource.query(
      `SELECT DISTINCT ON (a.id) a.id AS application_id, a.application_number, e.name AS employer_name, w.id, w.valid_until
           FROM application a
           JOIN employer e ON e.id = a.employer_id
           JOIN wage_value_assessment w ON w.application_id = a.id
          WHERE a.status IN ('granted', 'active')
          ORDER BY a.id, w.effective_from DESC, w.created_at DESC`,
    );
    return rows
      .map((r) => ({
        applicationId: r.application_id,
        applicationNumber: r.application_number,
        employerName: r.employer_name,
        assessmentId: r.id,
        validUntil: r.valid_until,
        daysLeft: LocalDate.parse(r.valid_until).toEpochDay() - today.toEpochDay(),
      }))
      .filter((r) => r.daysLeft <= withinDays)
      .sort((a, b) => a.validUntil.localeCompare(b.validUntil));
  }
}

@ApiTags('wage-value-assessments')
@Controller()
export class WageValueAssessmentsController {
  constructor(private readonly assessments: WageValueAssessmentsService) {}

  @Post('applications/:applicationId/wage-value-assessments')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Record a wage-value assessment; on an active subsidy it leads to a change decision' })
  @ApiCreatedResponse({ type: WageValueAssessmentView })
  async record(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) applicationId: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: CreateWageValueAssessmentDto,
  ): Promise<WageValueAssessmentView> {
    return toView(await this.assessments.record(actor, applicationId, version, dto));
  }

  @Get('applications/:applicationId/wage-value-assessments')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Wage-value assessments of an application, oldest first' })
  @ApiOkResponse({ type: [WageValueAssessmentView] })
  async list(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) applicationId: string,
  ): Promise<WageValueAssessmentView[]> {
    return (await this.assessments.list(actor, applicationId)).map(toView);
  }

  @Get('wage-value-assessments/due')
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Subsidies whose wage value must be re-assessed within withinDays days (or is overdue)' })
  @ApiOkResponse({ type: [DueReassessmentView] })
  due(@Query() query: DueQuery): Promise<DueReassessmentView[]> {
    return this.assessments.due(query.withinDays);
  }
}
