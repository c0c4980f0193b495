import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import type { Actor, Principal } from '../auth/principal';
import { BusinessRuleViolation, Conflict, NotFound } from '../common/errors/domain-errors';
import { EducationPartnerEntity } from '../education-partners/education-partner.entity';
import { preparedQuery } from '../database/prepared-query';
import { EmployerEntity } from '../employers/employer.entity';
import { CreateUserDto, toUserView } from './users.dto';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<UserEntity> {
    checkRoleBinding(dto);
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : null;
    return this.dataSource.transaction((m) => this.insert(m, actor, dto, passwordHash));
  }

  /** Inside the caller's transaction (e.g. an employer registering together with its first user). */
  async createWithin(m: EntityManager, actor: Actor, dto: CreateUserDto): Promise<UserEntity> {
    checkRoleBinding(dto);
    return this.insert(m, actor, dto, dto.password ? await this.hasher.hash(dto.password) : null);
  }

  private async insert(m: EntityManager, actor: Actor, dto: CreateUserDto, passwordHash: string | null): Promise<UserEntity> {
    if (dto.employerId && !(await m.existsBy(EmployerEntity, { id: dto.employerId }))) {
      throw new BusinessRuleViolation('The employer does not exist.', [{ name: 'employerId', reason: 'unknown employer' }]);
    }
    if (dto.educationPartnerId && !(await m.existsBy(EducationPartnerEntity, { id: dto.educationPartnerId }))) {
      throw new BusinessRuleViolation('The education partner does not exist.', [
        { name: 'educationPartnerId', reason: 'unknown education partner' },
      ]);
    }
    const taken = await m
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: dto.email })
      .getExists();
    if (taken)
      throw new Conflict('A user with this email address already exists.', [{ name: 'email', reason: 'is already in use' }]);
    const user = m.create(UserEntity, {
      email: dto.email.trim(),
      displayName: dto.displayName,
      passwordHash,
      roles: dto.roles,
      employerId: dto.employerId ?? null,
      educationPartnerId: dto.educationPartnerId ?? null,
      active: true,
    });
    await m.save(user);
    await this.audit.record(m, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: toUserView(user),
    });
    return user;
  }

  list(): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ order: { email: 'ASC' } });
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new NotFound('User', id);
    return user;
  }

  /** For login only: the password hash is never selected otherwise. */
  findActiveWithPasswordByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email) AND u.active', { email })
      .getOne();
  }

  /** On every authenticated request, so a prepared statement of just what a Principal needs. */
  async findActivePrincipal(id: string): Promise<Principal | null> {
    const [user] = await preparedQuery<PrincipalColumns>(
      this.dataSource,
      'active-principal',
      `SELECT id, display_name AS "displayName", roles, employer_id AS "employerId", education_partner_id AS "educationPartnerId"
         FROM app_user WHERE id = $1 AND active`,
      [id],
    );
    return user ? toPrincipal(user) : null;
  }
}

/** External users have exactly one role and belong to one organisation; staff belong to none. */
function checkRoleBinding(dto: CreateUserDto): void {
  const isEmployer = dto.roles.includes('employer');
  const isPartner = dto.roles.includes('education-partner');
  if ((isEmployer || isPartner) && dto.roles.length > 1) {
    throw new BusinessRuleViolation('An employer or education-partner account has exactly one role.', [
      { name: 'roles', reason: 'external roles cannot be combined with other roles' },
    ]);
  }
  if (isEmployer !== Boolean(dto.employerId)) {
    throw new BusinessRuleViolation('employerId is required for the employer role and only for it.', [
      { name: 'employerId', reason: isEmployer ? 'is required for the employer role' : 'is only allowed for the employer role' },
    ]);
  }
  if (isPartner !== Boolean(dto.educationPartnerId)) {
    throw new BusinessRuleViolation('educationPartnerId is required for the education-partner role and only for it.', [
      {
        name: 'educationPartnerId',
        reason: isPartner ? 'is required for the education-partner role' : 'is only allowed for the education-partner role',
      },
    ]);
  }
}

type PrincipalColumns = Pick<UserEntity, 'id' | 'displayName' | 'roles' | 'employerId' | 'educationPartnerId'>;

export function toPrincipal(user: PrincipalColumns): Principal {
  return {
    kind: 'user',
    userId: user.id,
    displayName: user.displayName,
    roles: user.roles,
    employerId: user.employerId,
    educationPartnerId: user.educationPartnerId,
  };
}
