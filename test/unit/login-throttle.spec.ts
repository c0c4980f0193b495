import { decideAttempt, delaySeconds, type FailureCount } from '../../src/auth/domain/login-throttle';
import { tooManyLoginsNl } from '../../src/portal/shared/messages-nl';

const t0 = Date.parse('2026-12-01T09:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const count = (failures: number, last = 0, start = 0): FailureCount => ({
  failures,
  windowStart: at(start),
  lastFailureAt: at(last),
});

describe('login throttling rule', () => {
  it('gives five failures for free, then doubles the delay from 30 seconds up to an hour', () => {
    expect([4, 5, 6, 7, 11, 12, 99].map((n) => delaySeconds(n, 5))).toEqual([0, 30, 60, 120, 1920, 3600, 3600]);
  });

  it('never slows down a source that has not been failing, however often the account was guessed at', () => {
    expect(decideAttempt(count(50, 10), null, at(11))).toEqual({ allowed: true });
    expect(decideAttempt(count(50, 10), count(1, -2 * 3600), at(11))).toEqual({ allowed: true });
  });

  it('slows down a source that has been failing while the account is delayed', () => {
    expect(decideAttempt(count(6, 10), count(1, 5), at(11))).toEqual({
      allowed: false,
      reason: 'account-delay',
      retryAfterSeconds: 59,
    });
    expect(decideAttempt(count(6, 10), count(1, 5), at(70))).toEqual({ allowed: true });
  });

  it('refuses every source once the account has 100 failures in the window, until the window ends', () => {
    expect(decideAttempt(count(100, 500), null, at(600))).toEqual({
      allowed: false,
      reason: 'daily-cap',
      retryAfterSeconds: 86400 - 600,
    });
    expect(decideAttempt(count(100, 500), null, at(86400))).toEqual({ allowed: true });
  });

  it('slows down a source after 20 failures over all accounts', () => {
    expect(decideAttempt(null, count(20, 0), at(1))).toEqual({ allowed: false, reason: 'source-delay', retryAfterSeconds: 29 });
    expect(decideAttempt(null, count(19, 0), at(1))).toEqual({ allowed: true });
  });

  it('tells the wait in Dutch in seconds, minutes or hours', () => {
    expect([1, 30, 119, 120, 3600, 86400].map(tooManyLoginsNl)).toEqual(
      ['1 seconde', '30 seconden', '119 seconden', '2 minuten', '60 minuten', '24 uur'].map(
        (wait) => `Er is te vaak een verkeerd wachtwoord gebruikt. Probeer het over ${wait} opnieuw.`,
      ),
    );
  });
});
