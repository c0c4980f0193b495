import { Body, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { CsrfRejected } from '../shared/portal-errors';
import { ApplicationListQuery } from '../../applications/applications.dto';
import { UNDECIDED } from '../../applications/domain/application-status';
import { ApplicationsService } from '../../applications/applications.service';
import { BankAccountInput, toBankAccountView } from '../../bank-accounts/bank-accounts.dto';
import { NotFound } from '../../common/errors/domain-errors';
import { DecisionListQuery } from '../../decisions/decisions.dto';
import { DecisionsService } from '../../decisions/decisions.service';
import { RegisterEmployerDto, UpdateEmployerDto, type EmployerView } from '../../employers/employers.dto';
import { EmployersService } from '../../employers/employers.service';
import { PaymentHoldsAndSchedulesService } from '../../payments/payment-holds-and-schedules.service';
import { formValues, submitForm, textField, validateForm } from '../shared/forms';
import { homeFor } from '../shared/navigation';
import { CurrentSession, PortalController, PortalPublic, PortalRoles } from '../shared/portal-decorators';
import { PortalSessionService, sameToken, type PortalSession } from '../session/portal-session.service';
import type { Principal } from '../../auth/principal';
import { EMPLOYER_LABELS } from './employer-labels';
import { formVersion, renameFields } from './employer-http';

const ORGANISATION = '/portaal/werkgever/organisatie';
const REGISTER_CSRF_COOKIE = 'werkkans_register_csrf';

export const ORGANISATION_FIELD_LABELS: Record<string, string> = {
  name: 'Naam van de organisatie',
  kvkNumber: 'KvK-nummer',
  payrollTaxNumber: 'Loonheffingennummer',
  'address.street': 'Straat',
  'address.houseNumber': 'Huisnummer',
  'address.postalCode': 'Postcode',
  'address.city': 'Plaats',
  'contact.name': 'Naam contactpersoon',
  'contact.email': 'E-mailadres contactpersoon',
  'contact.phone': 'Telefoonnummer contactpersoon',
  'bankAccount.iban': 'IBAN',
  'bankAccount.accountHolder': 'Naam rekeninghouder',
  'bankAccount.bic': 'BIC (niet verplicht)',
  'account.email': 'Uw e-mailadres (om in te loggen)',
  'account.displayName': 'Uw naam',
  'account.password': 'Wachtwoord',
};

/** Form fields named by the API's paths (`address.street`) → the nested object the API's DTO takes. */
function nested(body: Record<string, unknown>, group: string, fields: string[]): Record<string, string | undefined> {
  return Object.fromEntries(fields.map((f) => [f, textField(body[`${group}.${f}`])]));
}

const ADDRESS = ['street', 'houseNumber', 'postalCode', 'city'];
const CONTACT = ['name', 'email', 'phone'];
const BANK_ACCOUNT = ['iban', 'accountHolder', 'bic'];

function organisationValues(view: EmployerView): Record<string, string> {
  return {
    name: view.name,
    payrollTaxNumber: view.payrollTaxNumber ?? '',
    ...Object.fromEntries(ADDRESS.map((f) => [`address.${f}`, view.address?.[f as keyof EmployerView['address']] ?? ''])),
    ...Object.fromEntries(CONTACT.map((f) => [`contact.${f}`, view.contact?.[f as keyof EmployerView['contact']] ?? ''])),
    version: String(view.version),
  };
}

function ownEmployerId(principal: Principal): string {
  if (!principal.employerId) throw new NotFound('Employer');
  return principal.employerId;
}

/**
 * The employer's home (overview), its organisation's registration (view and edit what the API lets
 * an employer change; a new bank account waits for the municipality's check), and the public
 * registration of a new employer organisation (POST /employers is public in the API too).
 */
@PortalController('werkgever')
export class EmployerOrganisationController {
  constructor(
    private readonly employers: EmployersService,
    private readonly applications: ApplicationsService,
    private readonly decisions: DecisionsService,
    private readonly schedules: PaymentHoldsAndSchedulesService,
    private readonly sessions: PortalSessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @PortalRoles('employer')
  async overview(@CurrentSession() session: PortalSession, @Res() res: Response): Promise<void> {
    const actor = session.principal;
    const [employer, applications, decisions, schedules] = await Promise.all([
      this.employers.view(actor, ownEmployerId(actor)),
      this.applications.list(actor, Object.assign(new ApplicationListQuery(), { pageSize: 100 })),
      this.decisions.list(actor, Object.assign(new DecisionListQuery(), { pageSize: 5 })),
      this.schedules.schedules(actor),
    ]);
    const open = applications.items.filter((a) => a.status === 'draft' || UNDECIDED.includes(a.status));
    const numbers = new Map(applications.items.map((a) => [a.id, a.applicationNumber]));
    const nextPayments = schedules
      .flatMap((s) => s.items.filter((i) => i.status === 'open').map((i) => ({ ...i, applicationId: s.applicationId })))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .slice(0, 6)
      .map((i) => ({ ...i, applicationNumber: numbers.get(i.applicationId) ?? '' }));
    res.render('employer/overview.njk', {
      title: 'Overzicht',
      employer,
      open,
      totalApplications: applications.total,
      decisions: decisions.items,
      nextPayments,
      labels: EMPLOYER_LABELS,
    });
  }

  // ---- organisation ----------------------------------------------------------------------------

  @Get('organisatie')
  @PortalRoles('employer')
  async organisation(@CurrentSession() session: PortalSession, @Res() res: Response): Promise<void> {
    res.render('employer/organisation.njk', await this.organisationContext(session.principal));
  }

  private async organisationContext(actor: Principal) {
    const employerId = ownEmployerId(actor);
    const [employer, accounts] = await Promise.all([
      this.employers.view(actor, employerId),
      this.employers.bankAccountsOf(actor, employerId),
    ]);
    return {
      title: 'Organisatie',
      employer,
      // Newest first, as the API lists them.
      accounts: accounts.map(toBankAccountView),
      labels: EMPLOYER_LABELS,
      fieldLabels: ORGANISATION_FIELD_LABELS,
    };
  }

  @Get('organisatie/wijzigen')
  @PortalRoles('employer')
  async editOrganisation(@CurrentSession() session: PortalSession, @Res() res: Response): Promise<void> {
    const employer = await this.employers.view(session.principal, ownEmployerId(session.principal));
    res.render('employer/organisation-form.njk', {
      title: 'Organisatiegegevens wijzigen',
      employer,
      values: organisationValues(employer),
      labels: ORGANISATION_FIELD_LABELS,
    });
  }

  @Post('organisatie/wijzigen')
  @PortalRoles('employer')
  @HttpCode(200)
  async updateOrganisation(
    @CurrentSession() session: PortalSession,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const actor = session.principal;
    const employerId = ownEmployerId(actor);
    const employer = await this.employers.view(actor, employerId);
    const context = { title: 'Organisatiegegevens wijzigen', employer, labels: ORGANISATION_FIELD_LABELS };
    const ok = await submitForm(
      res,
      { template: 'employer/organisation-form.njk', context, values: formValues(body) },
      async () => {
        const dto = await validateForm(UpdateEmployerDto, {
          name: textField(body.name),
          payrollTaxNumber: textField(body.payrollTaxNumber),
          address: nested(body, 'address', ADDRESS),
          contact: nested(body, 'contact', CONTACT),
        });
        await this.employers.update(actor, employerId, formVersion(body.version) ?? 0, dto);
      },
    );
    if (!ok) return;
    await this.sessions.setFlash(session, 'De gegevens van uw organisatie zijn opgeslagen.');
    res.redirect(303, ORGANISATION);
  }

  /** A new bank account: pending until a caseworker has checked it; payments keep going to the verified one. */
  @Post('organisatie/bankrekening')
  @PortalRoles('employer')
  @HttpCode(200)
  async requestBankAccount(
    @CurrentSession() session: PortalSession,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const actor = session.principal;
    const context = await this.organisationContext(actor);
    const ok = await submitForm(res, { template: 'employer/organisation.njk', context, values: formValues(body) }, async () => {
      const toForm = renameFields((name) => `bankAccount.${name}`);
      const dto = await validateForm(BankAccountInput, nested(body, 'bankAccount', BANK_ACCOUNT)).catch(toForm);
      await this.employers.requestBankAccount(actor, ownEmployerId(actor), dto).catch(toForm);
    });
    if (!ok) return;
    await this.sessions.setFlash(
      session,
      'Het nieuwe rekeningnummer is ontvangen. De gemeente controleert het; tot dan betalen wij op het oude rekeningnummer.',
    );
    res.redirect(303, ORGANISATION);
  }

  // ---- registration (no login) -----------------------------------------------------------------

  @Get('registreren')
  @PortalPublic()
  registrationForm(@Res() res: Response): void {
    if (res.locals.principal) return res.redirect(303, homeFor(res.locals.principal));
    res.render('employer/register.njk', { ...this.registrationContext(res), values: {} });
  }

  /**
   * Before login there is no session: like the login form, the form's CSRF token is paired with a
   * SameSite=Strict cookie, so only a page loaded from this site can register.
   */
  private registrationContext(res: Response) {
    const csrfToken = randomBytes(32).toString('base64url');
    const secure = this.config.portal.secureCookies;
    res.cookie(REGISTER_CSRF_COOKIE, csrfToken, {
      httpOnly: true,
      secure,
      sameSite: 'strict',
      path: '/portaal/werkgever/registreren',
    });
    return { title: 'Organisatie registreren', labels: ORGANISATION_FIELD_LABELS, csrfToken };
  }

  /** Registers the organisation, its first user and its bank account (pending), as POST /employers does. */
  @Post('registreren')
  @PortalPublic()
  @HttpCode(200)
  async register(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!sameToken(typeof body._csrf === 'string' ? body._csrf : undefined, req.cookies?.[REGISTER_CSRF_COOKIE] ?? '')) {
      throw new CsrfRejected();
    }
    // The password is never sent back to the browser.
    const { 'account.password': _password, ...values } = formValues(body);
    const context = this.registrationContext(res);
    const ok = await submitForm(res, { template: 'employer/register.njk', context, values }, async () => {
      const dto = await validateForm(RegisterEmployerDto, {
        name: textField(body.name),
        kvkNumber: textField(body.kvkNumber),
        payrollTaxNumber: textField(body.payrollTaxNumber),
        address: nested(body, 'address', ADDRESS),
        contact: nested(body, 'contact', CONTACT),
        bankAccount: nested(body, 'bankAccount', BANK_ACCOUNT),
        account: {
          email: textField(body['account.email']),
          displayName: textField(body['account.displayName']),
          password:
            typeof body['account.password'] === 'string' && body['account.password'] ? body['account.password'] : undefined,
        },
      });
      await this.employers.register(dto);
    });
    if (!ok) return;
    res.clearCookie(REGISTER_CSRF_COOKIE, { path: '/portaal/werkgever/registreren' });
    res.redirect(303, '/portaal/werkgever/registreren/ontvangen');
  }

  @Get('registreren/ontvangen')
  @PortalPublic()
  registered(@Res() res: Response): void {
    res.render('employer/registered.njk', { title: 'Registratie ontvangen' });
  }
}
