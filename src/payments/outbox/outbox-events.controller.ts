import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { Page, pageOf } from '../../common/http/pagination';
import { serialIdParam } from '../../common/problem/uuid-param';
import { OutboxEventQuery, OutboxEventView } from './outbox-events.dto';
import { OutboxEventsService } from './outbox-events.service';

class OutboxEventPage extends Page(OutboxEventView) {}

@ApiTags('outbox')
@Controller('outbox-events')
export class OutboxEventsController {
  constructor(private readonly outbox: OutboxEventsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Events between modules by status: set aside after their last attempt (failed, with the error), pending or processed',
  })
  @ApiOkResponse({ type: OutboxEventPage })
  async list(@Query() query: OutboxEventQuery): Promise<OutboxEventPage> {
    const [items, total] = await this.outbox.list(query.status, query.pageSize, query.offset());
    return pageOf(items, total, query);
  }

  @Post(':eventId/retries')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Retry an event that was set aside: it is due again at once, with a fresh count of attempts' })
  @ApiOkResponse({ type: OutboxEventView })
  retry(@CurrentPrincipal() actor: Principal, @Param('eventId', serialIdParam('eventId')) eventId: number) {
    return this.outbox.retry(actor, eventId);
  }
}
