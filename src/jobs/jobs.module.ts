import { Controller, Get, Global, Module, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { uuidParam } from '../common/problem/uuid-param';
import { JobView, JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':jobId')
  @Roles('admin', 'payment-officer')
  @ApiOperation({ summary: 'Progress of long work started through the API' })
  @ApiOkResponse({ type: JobView })
  get(@Param('jobId', uuidParam('jobId')) id: string): JobView {
    return this.jobs.get(id);
  }
}

@Global()
@Module({ controllers: [JobsController], providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
