import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BACKOFFICE_ROLES } from '../../../auth/principal';
import { CodeListsService } from '../../../code-lists/code-lists.service';
import { CreateCodeListItemDto } from '../../../code-lists/code-lists.dto';
import { Clock } from '../../../common/clock';
import { Conflict } from '../../../common/errors/domain-errors';
import { uuidParam } from '../../../common/problem/uuid-param';
import { EducationPartnersService } from '../../../education-partners/education-partners.service';
import { CreateLksParameterSetDto, CreateMinimumWagePeriodDto } from '../../../reference-data/reference-data.dto';
import { ReferenceDataService } from '../../../reference-data/reference-data.service';
import { ProgrammesService } from '../../../retraining/programmes.service';
import { CreateCohortDto, CreateProgrammeDto } from '../../../retraining/retraining.dto';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { checkboxField, formValues, numberField, submitForm, textField, validateForm } from '../../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import { withFormFieldNames } from '../../partner/partner-views';
import { FormNumbers } from './form-numbers';
import { minimumWageFormInput, PARAMETER_LABELS, parameterFormInput, WAGE_ROWS, wageRowLabels } from './reference-data-forms';
import { renderImpactPage } from './reference-corrections-portal.controller';
import type { CorrectionImpactView } from '../../../reference-corrections/reference-corrections.dto';
import { ReferenceCorrectionsService } from '../../../reference-corrections/reference-corrections.service';

const BASE = '/portaal/backoffice/referentiegegevens';
const TEMPLATES = 'backoffice/referentiegegevens';

const JOB_PLAN_CATEGORIES = [
  { value: 'sector', label: 'Sectorgericht banenplan' },
  { value: 'area', label: 'Gebiedsgericht banenplan' },
];

/**
 * Referentiegegevens: the minimum wage table, the LKS parameters, the job plans and the retraining
 * programmes with their cohorts. Everyone in the backoffice may read them (the API lets any role
 * read); only administrators add to them, through the same services and DTOs as the API.
 */
@PortalController('backoffice/referentiegegevens')
export class ReferenceDataPortalController {
  constructor(
    private readonly referenceData: ReferenceDataService,
    private readonly codeLists: CodeListsService,
    private readonly programmes: ProgrammesService,
    private readonly partners: EducationPartnersService,
    private readonly sessions: PortalSessionService,
    private readonly clock: Clock,
    private readonly corrections: ReferenceCorrectionsService,
  ) {}

  @Get()
  @PortalRoles(...BACKOFFICE_ROLES)
  async overview(@CurrentSession() session: PortalSession, @Res() res: Response) {
    const [periods, coverage, parameterSets, jobPlans, programmes, partners] = await Promise.all([
      this.referenceData.listMinimumWagePeriods(),
      this.referenceData.minimumWageCoverage(this.clock.today()),
      this.referenceData.listLksParameterSets(),
      this.codeLists.list('job-plan'),
      this.programmes.list(session.principal),
      this.partners.list(),
    ]);
    res.render(`${TEMPLATES}/overzicht.njk`, {
      title: 'Referentiegegevens',
      canEdit: session.principal.roles.includes('admin'),
      coverage,
      periods: [...periods].reverse().map((p) => ({
        ...p,
        adult: p.rates.find((r) => r.scale === 'regular' && r.age === 21)?.hourly ?? null,
        rateCount: p.rates.length,
      })),
      parameterSets: [...parameterSets].reverse(),
      jobPlans,
      categories: Object.fromEntries(JOB_PLAN_CATEGORIES.map((c) => [c.value, c.label])),
      programmes: programmes.map((p) => ({ ...p, partnerName: partners.find((x) => x.id === p.educationPartnerId)?.name ?? '' })),
    });
  }

  // ---- minimum wage -------------------------------------------------------------------------

  @Get('minimumloon/nieuw')
  @PortalRoles('admin')
  async minimumWageForm(@Res() res: Response) {
    const values: Record<string, string> = {};
    WAGE_ROWS.forEach((row, i) => (values[`rates[${i}].percentage`] = row.percentage.replace('.', ',')));
    res.render(`${TEMPLATES}/minimumloon.njk`, { ...(await this.minimumWageContext()), values });
  }

  @Post('minimumloon/nieuw')
  @PortalRoles('admin')
  async createMinimumWagePeriod(
    @CurrentSession() session: PortalSession,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const form = { template: `${TEMPLATES}/minimumloon.njk`, context: await this.minimumWageContext(), values: formValues(body) };
    let impact: CorrectionImpactView | null = null;
    const ok = await submitForm(res, form, async () => {
      const dto = await validateForm(CreateMinimumWagePeriodDto, {
        validFrom: textField(body.validFrom),
        validUntil: textField(body.validUntil),
        ...minimumWageFormInput(body),
      });
      // Usually nothing decided changes; if it does (the latest period was open ended), show it first.
      impact = await this.corrections.previewNewMinimumWagePeriod(session.principal, dto);
      if (impact.subsidies.length === 0) {
        await this.corrections.addMinimumWagePeriod(session.principal, dto);
        impact = null;
      }
    });
    if (!ok) return;
    if (impact) return this.showImpact(res, `${BASE}/minimumloon/nieuw`, impact, formValues(body));
    await this.done(session, res, 'De nieuwe periode van het minimumloon is vastgelegd.');
  }

  private async minimumWageContext() {
    const periods = await this.referenceData.listMinimumWagePeriods();
    const latest = periods[periods.length - 1];
    const labels = { validFrom: 'Geldig vanaf', validUntil: 'Geldig tot en met', ...wageRowLabels() };
    return { title: 'Nieuwe periode minimumloon', rows: WAGE_ROWS, latest, labels };
  }

  // ---- LKS parameters -----------------------------------------------------------------------

  @Get('lks-parameters/nieuw')
  @PortalRoles('admin')
  async parameterForm(@Res() res: Response) {
    const sets = await this.referenceData.listLksParameterSets();
    const latest = sets[sets.length - 1];
    const values: Record<string, string> = latest
      ? {
          capPercentage: latest.capPercentage.replace('.', ','),
          holidayAllowancePercentage: latest.holidayAllowancePercentage.replace('.', ','),
          employerCostsPercentage: latest.employerCostsPercentage.replace('.', ','),
          flatRatePercentage: latest.flatRatePercentage.replace('.', ','),
          flatRateMaxMonths: String(latest.flatRateMaxMonths),
        }
      : {};
    res.render(`${TEMPLATES}/lks-parameters.njk`, { ...this.parameterContext(latest ?? null), values });
  }

  @Post('lks-parameters/nieuw')
  @PortalRoles('admin')
  async createParameterSet(
    @CurrentSession() session: PortalSession,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const sets = await this.referenceData.listLksParameterSets();
    const form = {
      template: `${TEMPLATES}/lks-parameters.njk`,
      context: this.parameterContext(sets[sets.length - 1] ?? null),
      values: formValues(body),
    };
    let impact: CorrectionImpactView | null = null;
    const ok = await submitForm(res, form, async () => {
      const numbers = new FormNumbers();
      const dto = await numbers.validate(CreateLksParameterSetDto, {
        validFrom: textField(body.validFrom),
        validUntil: textField(body.validUntil),
        ...parameterFormInput(body, numbers),
      });
      impact = await this.corrections.previewNewLksParameterSet(session.principal, dto);
      if (impact.subsidies.length === 0) {
        await this.corrections.addLksParameterSet(session.principal, dto);
        impact = null;
      }
    });
    if (!ok) return;
    if (impact) return this.showImpact(res, `${BASE}/lks-parameters/nieuw`, impact, formValues(body));
    await this.done(session, res, 'De nieuwe LKS-parameters zijn vastgelegd.');
  }

  /** An addition that changes decided amounts: its impact first, with a form to confirm it. */
  private showImpact(res: Response, path: string, impact: CorrectionImpactView, values: Record<string, string>): void {
    renderImpactPage(res, { impact, values, stale: false, backHref: path, confirmAction: `${path}/bevestigen` });
  }

  private parameterContext(latest: { validFrom: string; validUntil: string | null } | null) {
    return {
      title: 'Nieuwe LKS-parameters',
      latest,
      labels: { validFrom: 'Geldig vanaf', validUntil: 'Geldig tot en met', ...PARAMETER_LABELS },
    };
  }

  // ---- job plans ----------------------------------------------------------------------------

  @Get('banenplannen/nieuw')
  @PortalRoles('admin')
  jobPlanForm(@Res() res: Response) {
    res.render(`${TEMPLATES}/banenplan.njk`, { ...this.jobPlanContext(), values: {} });
  }

  @Post('banenplannen/nieuw')
  @PortalRoles('admin')
  async createJobPlan(@CurrentSession() session: PortalSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const form = { template: `${TEMPLATES}/banenplan.njk`, context: this.jobPlanContext(), values: formValues(body) };
    const ok = await submitForm(res, form, async () => {
      const dto = await validateForm(CreateCodeListItemDto, {
        code: textField(body.code),
        name: textField(body.name),
        category: textField(body.category),
      });
      await this.codeLists.create(session.principal, 'job-plan', dto);
    });
    if (ok) await this.done(session, res, 'Het banenplan is toegevoegd.');
  }

  /** Inactive job plans stay on existing applications but cannot be chosen for new ones. */
  @Post('banenplannen/:code/actief')
  @PortalRoles('admin')
  async toggleJobPlan(
    @CurrentSession() session: PortalSession,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const active = checkboxField(body.active);
    await this.codeLists.update(session.principal, 'job-plan', code, { active });
    await this.done(session, res, active ? 'Het banenplan is weer te kiezen.' : 'Het banenplan is niet meer te kiezen.');
  }

  private jobPlanContext() {
    return {
      title: 'Nieuw banenplan',
      categories: JOB_PLAN_CATEGORIES,
      labels: { code: 'Code', name: 'Naam', category: 'Soort banenplan' },
    };
  }

  // ---- programmes and cohorts ---------------------------------------------------------------

  @Get('opleidingen/nieuw')
  @PortalRoles('admin')
  async programmeForm(@Res() res: Response) {
    res.render(`${TEMPLATES}/opleiding.njk`, {
      ...(await this.programmeContext()),
      values: { mboLevel: '2', learningPath: 'BBL', shareAtStartPercentage: '40' },
    });
  }

  @Post('opleidingen/nieuw')
  @PortalRoles('admin')
  async createProgramme(@CurrentSession() session: PortalSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const form = { template: `${TEMPLATES}/opleiding.njk`, context: await this.programmeContext(), values: formValues(body) };
    const ok = await submitForm(res, form, () =>
      withFormFieldNames(
        (name) => (name === 'tuitionCents' ? 'tuition' : name),
        async () => {
          const numbers = new FormNumbers();
          const dto = await numbers.validate(CreateProgrammeDto, {
            qualificationName: textField(body.qualificationName),
            creboCode: textField(body.creboCode),
            mboLevel: numbers.wholeNumber(body.mboLevel, 'mboLevel'),
            learningPath: textField(body.learningPath),
            educationPartnerId: textField(body.educationPartnerId),
            durationMonths: numbers.wholeNumber(body.durationMonths, 'durationMonths'),
            tuitionCents: numbers.cents(body.tuition, 'tuitionCents'),
            shareAtStartPercentage: numberField(body.shareAtStartPercentage),
            recoverOnDropout: checkboxField(body.recoverOnDropout),
          });
          await this.programmes.create(session.principal, dto);
        },
      ),
    );
    if (ok) await this.done(session, res, 'De opleiding is toegevoegd. Voeg nu een groep (startmoment) toe.');
  }

  private async programmeContext() {
    const partners = await this.partners.list();
    return {
      title: 'Nieuwe opleiding',
      partners: partners.map((p) => ({ value: p.id, label: `${p.name} (${p.brinCode})` })),
      levels: [1, 2, 3, 4].map((n) => ({ value: String(n), label: `Niveau ${n}` })),
      paths: [
        { value: 'BBL', label: 'BBL (werken en leren)' },
        { value: 'BOL', label: 'BOL (voltijd school)' },
      ],
      labels: {
        qualificationName: 'Naam van de opleiding',
        creboCode: 'Crebocode',
        mboLevel: 'Mbo-niveau',
        learningPath: 'Leerweg',
        educationPartnerId: 'Onderwijspartner',
        durationMonths: 'Duur (maanden)',
        tuition: 'Scholingskosten per deelnemer (euro)',
        shareAtStartPercentage: 'Deel bij de start (procent)',
        recoverOnDropout: 'Terugvorderen bij uitval',
      },
    };
  }

  @Get('opleidingen/:programmeId/groepen/nieuw')
  @PortalRoles('admin')
  async cohortForm(
    @CurrentSession() session: PortalSession,
    @Param('programmeId', uuidParam('programmeId')) id: string,
    @Res() res: Response,
  ) {
    res.render(`${TEMPLATES}/groep.njk`, { ...(await this.cohortContext(session, id)), values: {} });
  }

  @Post('opleidingen/:programmeId/groepen/nieuw')
  @PortalRoles('admin')
  async createCohort(
    @CurrentSession() session: PortalSession,
    @Param('programmeId', uuidParam('programmeId')) id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const form = { template: `${TEMPLATES}/groep.njk`, context: await this.cohortContext(session, id), values: formValues(body) };
    const ok = await submitForm(res, form, async () => {
      const numbers = new FormNumbers();
      const dto = await numbers.validate(CreateCohortDto, {
        startDate: textField(body.startDate),
        capacity: numbers.wholeNumber(body.capacity, 'capacity'),
      });
      await this.programmes.addCohort(session.principal, id, dto).catch((error: unknown) => {
        // The shared Dutch text for 'already has a cohort' speaks of a participant; here it is a start date.
        if (error instanceof Conflict)
          throw new Conflict(error.message, [{ name: 'startDate', reason: 'a cohort starts on this date' }]);
        throw error;
      });
    });
    if (ok) await this.done(session, res, 'De groep is toegevoegd.');
  }

  private async cohortContext(session: PortalSession, id: string) {
    const programme = await this.programmes.get(session.principal, id);
    return {
      title: `Nieuwe groep voor ${programme.qualificationName}`,
      programme,
      labels: { startDate: 'Startdatum', capacity: 'Aantal plaatsen' },
    };
  }

  private async done(session: PortalSession, res: Response, message: string): Promise<void> {
    await this.sessions.setFlash(session, message);
    res.redirect(303, BASE);
  }
}
