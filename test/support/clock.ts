import { Clock } from '../../src/common/clock';
import type { TestApp } from './test-app';

/**
 * Runs `action` with the app's clock on `day`, then puts back whatever clock the test had (a spy
 * or the real one). A payment run's date must be today or at most PAYMENT_RUN_MAX_DAYS_AHEAD days
 * later, so tests that pin the clock to one date and make runs for later dates make each run on
 * its own date. Not for actions running at once with another `onDay`: wrap them together.
 */
export async function onDay<T>(t: TestApp, day: string, action: () => PromiseLike<T>): Promise<T> {
  const clock = t.app.get(Clock);
  const own = Object.getOwnPropertyDescriptor(clock, 'today');
  clock.today = () => day;
  try {
    return await action();
  } finally {
    if (own) Object.defineProperty(clock, 'today', own);
    else delete (clock as Partial<Clock>).today;
  }
}
