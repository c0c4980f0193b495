import { Injectable } from '@nestjs/common';
import { toPrincipal, UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher';
import type { Principal } from './principal';

/** Email + password check shared by the API's token login and the portals' session login. */
@Injectable()
export class PasswordLogin {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The active user with this email and password, or null. */
  async verify(email: string, password: string): Promise<Principal | null> {
    const user = await this.users.findActiveWithPasswordByEmail(email);
    // Unknown accounts are verified against a dummy hash, so timing does not reveal which exist.
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.hasher.dummyHash()), password);
    return user && user.passwordHash && ok ? toPrincipal(user) : null;
  }
}
