import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { PROBLEM_CONTENT_TYPE, problemForStatus } from '../common/problem/problem';

class HealthCheckView {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ required: false, example: 3 }) latencyMs?: number;
}

class HealthView {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ type: Object, example: { database: { status: 'up', latencyMs: 2 } } })
  checks: Record<string, HealthCheckView>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process runs and answers' })
  @ApiOkResponse({ type: HealthView })
  live(): HealthView {
    return { status: 'up', checks: {} };
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Readiness: the service can reach its database (503 when it cannot)' })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable.' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const started = Date.now();
    let database: HealthCheckView;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      database = { status: 'up', latencyMs: Date.now() - started };
    } catch {
      database = { status: 'down' };
    }
    if (database.status === 'down') {
      // Errors are problem+json everywhere, health included; the checks ride along as an extension.
      res.status(HttpStatus.SERVICE_UNAVAILABLE).type(PROBLEM_CONTENT_TYPE);
      return {
        ...problemForStatus(503, 'The database is not reachable.'),
        status: 503,
        checks: { database },
      } as unknown as HealthView;
    }
    return { status: 'up', checks: { database } };
  }
}
