import { Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { serialIdParam } from '../../../common/problem/uuid-param';
import { OutboxEventsService } from '../../../payments/outbox/outbox-events.service';
import type { OutboxEventView } from '../../../payments/outbox/outbox-events.dto';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import { DECISION_TYPE_LABELS } from '../applications/labels';

const BASE = '/portaal/backoffice/verwerking';
const TEMPLATE = 'backoffice/verwerking/index.njk';
const PAGE_SIZE = 25;

/**
 * For admins: issued decisions whose processing into payment schedules failed. Events set aside
 * after their last attempt are listed with the error and can be retried; events still being
 * retried are shown with their next attempt. OutboxEventsService does the work, as in the API's
 * /outbox-events (admin only).
 */
@PortalController('backoffice/verwerking')
export class OutboxPortalController {
  constructor(
    private readonly outbox: OutboxEventsService,
    private readonly sessions: PortalSessionService,
  ) {}

  @Get()
  @PortalRoles('admin')
  async list(@Query('pagina') pageParam: string | undefined, @Res() res: Response) {
    const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    const [[failed, failedTotal], [pending, pendingTotal]] = await Promise.all([
      this.outbox.list('failed', PAGE_SIZE, (page - 1) * PAGE_SIZE),
      this.outbox.list('pending', PAGE_SIZE, 0),
    ]);
    res.render(TEMPLATE, {
      title: 'Verwerking van besluiten',
      failed: failed.map(labelled),
      failedTotal,
      // Pending events without a failure are simply next in line; only those being retried matter here.
      retrying: pending.filter((e) => e.attempts > 0).map(labelled),
      pendingTotal,
      page,
      pages: Math.max(1, Math.ceil(failedTotal / PAGE_SIZE)),
    });
  }

  @Post(':eventId/opnieuw')
  @PortalRoles('admin')
  async retry(
    @CurrentSession() session: PortalSession,
    @Param('eventId', serialIdParam('eventId')) eventId: number,
    @Res() res: Response,
  ) {
    const event = await this.outbox.retry(session.principal, eventId);
    await this.sessions.setFlash(
      session,
      `Besluit ${event.decisionNumber ?? event.id} wordt opnieuw verwerkt. Lukt het weer niet, dan staat het straks opnieuw in deze lijst.`,
    );
    res.redirect(303, BASE);
  }
}

function labelled(e: OutboxEventView) {
  return {
    ...e,
    decisionTypeLabel: DECISION_TYPE_LABELS[e.decisionType as keyof typeof DECISION_TYPE_LABELS] ?? e.decisionType ?? e.type,
  };
}
