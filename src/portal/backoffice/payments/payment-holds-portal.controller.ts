import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService } from '../../../applications/applications.service';
import { hasRole } from '../../../auth/principal';
import { InvalidInput } from '../../../common/errors/domain-errors';
import { uuidParam } from '../../../common/problem/uuid-param';
import { EmployersService } from '../../../employers/employers.service';
import { CreateHoldDto } from '../../../payments/payments.dto';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { formValues, submitForm, textField, validateForm } from '../../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import { ITEM_KIND } from './payment-run-views';
import { PaymentServices } from './payment-services';

const BASE = '/portaal/backoffice/blokkades';
const TEMPLATE = 'backoffice/blokkades/index.njk';
const LABELS = { employerId: 'Werkgever', scheduleId: 'Betaalschema', reason: 'Reden van de blokkade', formulier: 'Formulier' };

/**
 * Holds on payments: which holds are in force and which open payments they keep out of payment
 * runs; place a hold on an employer or one payment schedule, with a reason; lift a hold.
 * PaymentHoldsAndSchedulesService does the work, with the roles of the API's payment-holds endpoints.
 */
@PortalController('backoffice/blokkades')
export class PaymentHoldsPortalController {
  constructor(
    private readonly payments: PaymentServices,
    private readonly employers: EmployersService,
    private readonly applications: ApplicationsService,
    private readonly sessions: PortalSessionService,
  ) {}

  @Get()
  @PortalRoles('caseworker', 'payment-officer', 'admin')
  async list(@CurrentSession() session: PortalSession, @Res() res: Response) {
    res.render(TEMPLATE, await this.context(session, {}));
  }

  @Post()
  @PortalRoles('caseworker', 'payment-officer')
  async place(@CurrentSession() session: PortalSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values = formValues(body);
    const ok = await submitForm(res, { template: TEMPLATE, context: () => this.context(session, values), values }, async () => {
      const input = {
        employerId: textField(body.employerId),
        scheduleId: textField(body.scheduleId),
        reason: textField(body.reason),
      };
      if (!input.employerId && !input.scheduleId) {
        // The API says 'must be a UUID' for both; on the page the user simply chose neither.
        throw new InvalidInput([{ name: 'employerId', reason: 'choose an employer or a schedule' }]);
      }
      const dto = await validateForm(CreateHoldDto, input);
      await this.payments.holds.hold(session.principal, dto);
    });
    if (!ok) return;
    await this.sessions.setFlash(
      session,
      'De blokkade is geplaatst. Betaalrondes slaan deze betalingen over tot de blokkade is opgeheven.',
    );
    res.redirect(303, BASE);
  }

  @Post(':holdId/opheffen')
  @PortalRoles('caseworker', 'payment-officer')
  async release(
    @CurrentSession() session: PortalSession,
    @Param('holdId', uuidParam('holdId')) holdId: string,
    @Res() res: Response,
  ) {
    await this.payments.holds.release(session.principal, holdId);
    await this.sessions.setFlash(session, 'De blokkade is opgeheven. De betalingen gaan mee in de volgende betaalronde.');
    res.redirect(303, BASE);
  }

  private async context(session: PortalSession, values: Record<string, string>) {
    const [holds, heldItems, employers, schedules] = await Promise.all([
      this.payments.holds.activeHolds(),
      this.payments.holds.heldItems(),
      this.employers.list(),
      this.payments.holds.schedules(session.principal),
    ]);
    const employerName = new Map(employers.map((e) => [e.id, e.name]));
    const scheduleOptions = await Promise.all(
      schedules
        .filter((s) => s.status === 'active')
        .map(async (s) => {
          const application = await this.applications.get(session.principal, s.applicationId);
          return {
            value: s.id,
            label: `Aanvraag ${application.applicationNumber} – ${employerName.get(s.employerId) ?? 'onbekende werkgever'}`,
          };
        }),
    );
    const scheduleLabel = new Map(scheduleOptions.map((o) => [o.value, o.label]));
    return {
      title: 'Blokkades',
      labels: LABELS,
      values,
      canHold: hasRole(session.principal, 'caseworker', 'payment-officer'),
      holds: holds.map((h) => ({
        ...h,
        scope: h.employerId
          ? `Werkgever ${employerName.get(h.employerId) ?? ''}`
          : `Betaalschema: ${scheduleLabel.get(h.scheduleId as string) ?? ''}`,
      })),
      heldItems: heldItems.map((i) => ({ ...i, kindLabel: ITEM_KIND[i.kind] ?? i.kind })),
      employerOptions: employers.map((e) => ({ value: e.id, label: `${e.name} (KvK ${e.kvkNumber})` })),
      scheduleOptions,
    };
  }
}
