import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

/** argon2id password hashes (OWASP-recommended parameters are argon2's defaults). */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  /** A valid hash of a random secret, to spend the same time when an account does not exist. */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(32).toString('hex'));
    return this.dummy;
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
