import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TooManyAttempts } from '../common/errors/domain-errors';
import { updateReturning } from '../database/update-returning';
import { toPrincipal, UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher';
import type { Principal } from './principal';

/** After this many wrong passwords within the window, the account's login is locked for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;

/**
 * Email + password check shared by the API's token login and the portals' session login, with a
 * lock against password guessing: MAX_FAILURES wrong passwords for one email address within
 * WINDOW_MINUTES lock that address's login for LOCK_MINUTES (also for the right password).
 * Unknown addresses are counted the same way, so the lock does not reveal which accounts exist.
 */
@Injectable()
export class PasswordLogin {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The active user with this email and password, or null; throws TooManyAttempts while locked. */
  async verify(email: string, password: string): Promise<Principal | null> {
    const key = createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest();
    const locked: Array<{ seconds: number }> = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM login_throttle WHERE account_key = $1 AND locked_until > now()`,
      [key],
    );
    if (locked.length) throw this.tooMany(locked[0].seconds);

    const user = await this.users.findActiveWithPasswordByEmail(email);
    // Unknown accounts are verified against a dummy hash, so timing does not reveal which exist.
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.hasher.dummyHash()), password);
    if (user && user.passwordHash && ok) {
      await this.dataSource.query(`DELETE FROM login_throttle WHERE account_key = $1`, [key]);
      return toPrincipal(user);
    }
    const [row] = await updateReturning<{ seconds: number | null }>(
      this.dataSource.manager,
      `INSERT INTO login_throttle AS t (account_key, failures, window_start, locked_until)
       VALUES ($1, 1, now(), CASE WHEN 1 >= $3 THEN now() + make_interval(mins => $4) END)
       ON CONFLICT (account_key) DO UPDATE SET
         failures = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
         window_start = CASE WHEN t.window_start <= now() - make_interval(mins => $2) THEN now() ELSE t.window_start END,
         locked_until = CASE WHEN t.window_start > now() - make_interval(mins => $2) AND t.failures + 1 >= $3
                             THEN now() + make_interval(mins => $4) END
       RETURNING CASE WHEN t.locked_until IS NOT NULL THEN $4 * 60 END AS seconds`,
      [key, WINDOW_MINUTES, MAX_FAILURES, LOCK_MINUTES],
    );
    if (row?.seconds) throw this.tooMany(row.seconds);
    return null;
  }

  private tooMany(seconds: number): TooManyAttempts {
    return new TooManyAttempts(
      `Too many failed logins for this account. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      seconds,
    );
  }
}
