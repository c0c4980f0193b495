import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { NotFound } from '../common/errors/domain-errors';

export class JobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'payment-schedules.recomputation' }) kind: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status: 'running' | 'done' | 'failed';
  @ApiProperty({ example: 420, description: 'Units of work done so far.' }) done: number;
  @ApiProperty({ example: 1000, description: 'Units of work in total (0 until known).' }) total: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ type: Object, nullable: true, description: 'The outcome once done.' }) result: unknown;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

/**
 * Long work started through the API runs in the background and reports progress here. Jobs live in
 * the memory of the instance that runs them (and are forgotten an hour after they finish); the work
 * itself is safe to repeat, so a lost job is simply started again.
 */
@Injectable()
export class JobsService {
  private readonly jobs = new Map<string, JobView>();

  start<T>(kind: string, work: (progress: (done: number, total: number) => void) => Promise<T>): JobView {
    const job = {
      id: randomUUID(),
      kind,
      status: 'running' as JobView['status'],
      done: 0,
      total: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null as string | null,
      result: null as unknown,
      error: null as string | null,
    };
    this.jobs.set(job.id, job);
    void work((done, total) => {
      job.done = done;
      job.total = total;
    })
      .then((result) => Object.assign(job, { status: 'done', result }))
      .catch((error: unknown) =>
        Object.assign(job, { status: 'failed', error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        job.finishedAt = new Date().toISOString();
        setTimeout(() => this.jobs.delete(job.id), 60 * 60 * 1000).unref();
      });
    return this.view(job);
  }

  get(id: string): JobView {
    const job = this.jobs.get(id);
    if (!job) throw new NotFound('Job', id);
    return this.view(job);
  }

  private view(job: JobView): JobView {
    return { ...job };
  }
}
