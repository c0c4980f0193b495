import { Injectable } from '@nestjs/common';
import { todayInAmsterdam } from './dates/calendar-date';

/** The current date as the municipality counts it (Europe/Amsterdam); injectable so tests can move time. */
@Injectable()
export class Clock {
  today(): string {
    return todayInAmsterdam(this.now());
  }

  now(): Date {
    return new Date();
  }
}
