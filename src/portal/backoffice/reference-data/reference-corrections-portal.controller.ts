import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Conflict, NotFound } from '../../../common/errors/domain-errors';
import { serialIdParam } from '../../../common/problem/uuid-param';
import type { CorrectionImpactView, CorrectionResultView } from '../../../reference-corrections/reference-corrections.dto';
import { ReferenceCorrectionsService } from '../../../reference-corrections/reference-corrections.service';
import {
  ConfirmLksParameterSetCorrectionDto,
  ConfirmMinimumWagePeriodCorrectionDto,
  CorrectLksParameterSetDto,
  CorrectMinimumWagePeriodDto,
  CreateLksParameterSetDto,
  CreateMinimumWagePeriodDto,
} from '../../../reference-data/reference-data.dto';
import { ReferenceDataService } from '../../../reference-data/reference-data.service';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { formValues, submitForm, textField, validateForm } from '../../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import { FormNumbers } from './form-numbers';
import { minimumWageFormInput, PARAMETER_LABELS, parameterFormInput, WAGE_ROWS, wageRowLabels } from './reference-data-forms';

const BASE = '/portaal/backoffice/referentiegegevens';
const TEMPLATES = 'backoffice/referentiegegevens';
const REASON_LABEL = 'Reden van de correctie';
const PAYMENT_LABELS = { paid: 'betaald', 'in-run': 'in een betaalronde', open: 'nog te betalen', none: 'geen termijn' };

/**
 * Corrections of a published reference value, for administrators: the form with the current values
 * and a reason, then a page with what the correction does to every running subsidy (nothing is
 * changed yet), then the confirmation, which drafts the change decisions for four-eyes approval.
 * The rules are the reference-corrections module's; these pages only read forms and render.
 */
@PortalController('backoffice/referentiegegevens')
export class ReferenceCorrectionsPortalController {
  constructor(
    private readonly referenceData: ReferenceDataService,
    private readonly corrections: ReferenceCorrectionsService,
    private readonly sessions: PortalSessionService,
  ) {}

  // ---- minimum wage ---------------------------------------------------------------------------

  @Get('minimumloon/:periodId/corrigeren')
  @PortalRoles('admin')
  async minimumWageForm(@Param('periodId', serialIdParam('periodId')) id: number, @Res() res: Response) {
    const period = await this.period(id);
    const values: Record<string, string> = {};
    WAGE_ROWS.forEach((row, i) => {
      const rate = period.rates.find((r) => r.scale === row.scale && r.age === row.age);
      values[`rates[${i}].percentage`] = (rate?.percentage ?? row.percentage).replace('.', ',');
      values[`rates[${i}].hourly`] = rate ? rate.hourly.replace('.', ',') : '';
    });
    res.render(`${TEMPLATES}/correctie-minimumloon.njk`, { ...this.minimumWageContext(period), values });
  }

  @Post('minimumloon/:periodId/corrigeren')
  @HttpCode(200)
  @PortalRoles('admin')
  async previewMinimumWage(
    @CurrentSession() session: PortalSession,
    @Param('periodId', serialIdParam('periodId')) id: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const period = await this.period(id);
    const values = formValues(body);
    let impact: CorrectionImpactView | undefined;
    const form = { template: `${TEMPLATES}/correctie-minimumloon.njk`, context: this.minimumWageContext(period), values };
    const ok = await submitForm(res, form, async () => {
      const dto = await validateForm(CorrectMinimumWagePeriodDto, this.minimumWageInput(body));
      impact = await this.corrections.previewMinimumWagePeriod(session.principal, id, dto);
    });
    if (ok) this.renderImpact(res, `${BASE}/minimumloon/${id}`, impact as CorrectionImpactView, values, false);
  }

  @Post('minimumloon/:periodId/corrigeren/bevestigen')
  @HttpCode(200)
  @PortalRoles('admin')
  async confirmMinimumWage(
    @CurrentSession() session: PortalSession,
    @Param('periodId', serialIdParam('periodId')) id: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const input = this.minimumWageInput(body);
    await this.confirm(session, res, `${BASE}/minimumloon/${id}`, formValues(body), {
      confirm: async () =>
        this.corrections.confirmMinimumWagePeriod(
          session.principal,
          id,
          await validateForm(ConfirmMinimumWagePeriodCorrectionDto, {
            ...input,
            impactFingerprint: textField(body.impactFingerprint),
          }),
        ),
      preview: async () =>
        this.corrections.previewMinimumWagePeriod(session.principal, id, await validateForm(CorrectMinimumWagePeriodDto, input)),
    });
  }

  private minimumWageInput(body: Record<string, unknown>) {
    return { ...minimumWageFormInput(body), reason: textField(body.reason) };
  }

  private async period(id: number) {
    const period = (await this.referenceData.listMinimumWagePeriods()).find((p) => p.id === id);
    if (!period) throw new NotFound('Minimum wage period', String(id));
    return period;
  }

  private minimumWageContext(period: { id: number; validFrom: string; validUntil: string | null }) {
    return {
      title: 'Minimumloon corrigeren',
      rows: WAGE_ROWS,
      period,
      labels: { ...wageRowLabels(), reason: REASON_LABEL },
    };
  }

  // ---- LKS parameters -------------------------------------------------------------------------

  @Get('lks-parameters/:setId/corrigeren')
  @PortalRoles('admin')
  async parameterForm(@Param('setId', serialIdParam('setId')) id: number, @Res() res: Response) {
    const set = await this.parameterSet(id);
    const values: Record<string, string> = {
      capPercentage: set.capPercentage.replace('.', ','),
      holidayAllowancePercentage: set.holidayAllowancePercentage.replace('.', ','),
      employerCostsPercentage: set.employerCostsPercentage.replace('.', ','),
      flatRatePercentage: set.flatRatePercentage.replace('.', ','),
      flatRateMaxMonths: String(set.flatRateMaxMonths),
    };
    res.render(`${TEMPLATES}/correctie-lks-parameters.njk`, { ...this.parameterContext(set), values });
  }

  @Post('lks-parameters/:setId/corrigeren')
  @HttpCode(200)
  @PortalRoles('admin')
  async previewParameters(
    @CurrentSession() session: PortalSession,
    @Param('setId', serialIdParam('setId')) id: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const set = await this.parameterSet(id);
    const values = formValues(body);
    let impact: CorrectionImpactView | undefined;
    const form = { template: `${TEMPLATES}/correctie-lks-parameters.njk`, context: this.parameterContext(set), values };
    const ok = await submitForm(res, form, async () => {
      const numbers = new FormNumbers();
      const dto = await numbers.validate(CorrectLksParameterSetDto, this.parameterInput(body, numbers));
      impact = await this.corrections.previewLksParameterSet(session.principal, id, dto);
    });
    if (ok) this.renderImpact(res, `${BASE}/lks-parameters/${id}`, impact as CorrectionImpactView, values, false);
  }

  @Post('lks-parameters/:setId/corrigeren/bevestigen')
  @HttpCode(200)
  @PortalRoles('admin')
  async confirmParameters(
    @CurrentSession() session: PortalSession,
    @Param('setId', serialIdParam('setId')) id: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.confirm(session, res, `${BASE}/lks-parameters/${id}`, formValues(body), {
      confirm: async () => {
        const numbers = new FormNumbers();
        const dto = await numbers.validate(ConfirmLksParameterSetCorrectionDto, {
          ...this.parameterInput(body, numbers),
          impactFingerprint: textField(body.impactFingerprint),
        });
        return this.corrections.confirmLksParameterSet(session.principal, id, dto);
      },
      preview: async () => {
        const numbers = new FormNumbers();
        const dto = await numbers.validate(CorrectLksParameterSetDto, this.parameterInput(body, numbers));
        return this.corrections.previewLksParameterSet(session.principal, id, dto);
      },
    });
  }

  private parameterInput(body: Record<string, unknown>, numbers: FormNumbers) {
    return { ...parameterFormInput(body, numbers), reason: textField(body.reason) };
  }

  private async parameterSet(id: number) {
    const set = (await this.referenceData.listLksParameterSets()).find((s) => s.id === id);
    if (!set) throw new NotFound('LKS parameter set', String(id));
    return set;
  }

  private parameterContext(set: { id: number; validFrom: string; validUntil: string | null }) {
    return { title: 'LKS-parameters corrigeren', set, labels: { ...PARAMETER_LABELS, reason: REASON_LABEL } };
  }

  // ---- additions that change decided amounts -----------------------------------------------

  /** A new period whose impact was shown (see ReferenceDataPortalController.createMinimumWagePeriod). */
  @Post('minimumloon/nieuw/bevestigen')
  @HttpCode(200)
  @PortalRoles('admin')
  async confirmNewMinimumWage(
    @CurrentSession() session: PortalSession,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const input = { validFrom: textField(body.validFrom), validUntil: textField(body.validUntil), ...minimumWageFormInput(body) };
    await this.confirm(session, res, `${BASE}/minimumloon/nieuw`, formValues(body), {
      confirm: async () => {
        const dto = await validateForm(CreateMinimumWagePeriodDto, input);
        const added = await this.corrections.addMinimumWagePeriod(session.principal, dto, textField(body.impactFingerprint));
        return { changeDecisions: added.changeDecisions };
      },
      preview: async () =>
        this.corrections.previewNewMinimumWagePeriod(session.principal, await validateForm(CreateMinimumWagePeriodDto, input)),
    });
  }

  /** A new LKS parameter set whose impact was shown. */
  @Post('lks-parameters/nieuw/bevestigen')
  @HttpCode(200)
  @PortalRoles('admin')
  async confirmNewParameters(
    @CurrentSession() session: PortalSession,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const read = async () => {
      const numbers = new FormNumbers();
      return numbers.validate(CreateLksParameterSetDto, {
        validFrom: textField(body.validFrom),
        validUntil: textField(body.validUntil),
        ...parameterFormInput(body, numbers),
      });
    };
    await this.confirm(session, res, `${BASE}/lks-parameters/nieuw`, formValues(body), {
      confirm: async () => {
        const added = await this.corrections.addLksParameterSet(
          session.principal,
          await read(),
          textField(body.impactFingerprint),
        );
        return { changeDecisions: added.changeDecisions };
      },
      preview: async () => this.corrections.previewNewLksParameterSet(session.principal, await read()),
    });
  }

  // ---- shared ---------------------------------------------------------------------------------

  private renderImpact(
    res: Response,
    base: string,
    impact: CorrectionImpactView,
    values: Record<string, string>,
    stale: boolean,
  ) {
    // Corrections live at …/{id}/corrigeren, additions at …/nieuw.
    const path = base.endsWith('/nieuw') ? base : `${base}/corrigeren`;
    renderImpactPage(res, { impact, values, stale, backHref: path, confirmAction: `${path}/bevestigen` });
  }

  /**
   * Confirms; when the impact changed since it was shown, shows the impact as it is now instead
   * (nothing was written: the confirmation rolled back).
   */
  private async confirm(
    session: PortalSession,
    res: Response,
    base: string,
    values: Record<string, string>,
    actions: {
      confirm: () => Promise<Pick<CorrectionResultView, 'changeDecisions'>>;
      preview: () => Promise<CorrectionImpactView>;
    },
  ): Promise<void> {
    let result: Pick<CorrectionResultView, 'changeDecisions'>;
    try {
      result = await actions.confirm();
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      this.renderImpact(res, base, await actions.preview(), values, true);
      return;
    }
    const drafted = result.changeDecisions.filter((d) => d.status === 'drafted').length;
    const waiting = result.changeDecisions.length - drafted;
    const message =
      (base.endsWith('/nieuw') ? 'De nieuwe periode is vastgelegd. ' : 'De correctie is vastgelegd. ') +
      (drafted
        ? `${drafted} ${drafted === 1 ? 'wijzigingsbesluit staat' : 'wijzigingsbesluiten staan'} klaar voor goedkeuring door een fiatteur.`
        : 'Er is geen wijzigingsbesluit nodig.') +
      (waiting
        ? ` Bij ${waiting} ${waiting === 1 ? 'subsidie' : 'subsidies'} wacht al een besluit of kon geen besluit worden opgesteld: zie de aanvraag.`
        : '');
    await this.sessions.setFlash(session, message);
    res.redirect(303, BASE);
  }
}

/** The impact page of a correction or addition; its confirm form carries the submitted values and the fingerprint shown. */
export function renderImpactPage(
  res: Response,
  page: { impact: CorrectionImpactView; values: Record<string, string>; stale: boolean; backHref: string; confirmAction: string },
): void {
  const hidden: Record<string, string> = { ...page.values, impactFingerprint: page.impact.impactFingerprint };
  delete hidden._csrf;
  res.render(`${TEMPLATES}/correctie-gevolgen.njk`, {
    title: 'Gevolgen van de wijziging',
    impact: page.impact,
    stale: page.stale,
    hidden,
    paymentLabels: PAYMENT_LABELS,
    backHref: page.backHref,
    confirmAction: page.confirmAction,
  });
}
