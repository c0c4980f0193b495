import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { BsnProtector } from '../common/privacy/bsn-protector';
import { BusinessRuleViolation, Conflict, NotFound } from '../common/errors/domain-errors';
import { ParticipantEntity } from './participant.entity';
import { CreateParticipantDto, ParticipantSummary, ParticipantView } from './participants.dto';

export function toParticipantSummary(
  p: Pick<ParticipantEntity, 'participantNumber' | 'givenNames' | 'familyName' | 'dateOfBirth'>,
): ParticipantSummary {
  return { participantNumber: p.participantNumber, name: `${p.givenNames} ${p.familyName}`, dateOfBirth: p.dateOfBirth };
}

/** How an employer names a candidate: the participant number or the BSN, with the date of birth. */
export type ParticipantReference = { participantNumber: string; dateOfBirth: string } | { bsn: string; dateOfBirth: string };

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bsn: BsnProtector,
  ) {}

  async view(p: ParticipantEntity): Promise<ParticipantView> {
    const { bsnEncrypted } = await this.dataSource
      .getRepository(ParticipantEntity)
      .createQueryBuilder('p')
      .select('p.bsnEncrypted', 'bsnEncrypted')
      .where('p.id = :id', { id: p.id })
      .getRawOne();
    return {
      id: p.id,
      participantNumber: p.participantNumber,
      givenNames: p.givenNames,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      bsnMasked: BsnProtector.mask(this.bsn.decrypt(bsnEncrypted)),
      email: p.email,
      phone: p.phone,
      educationLevel: p.educationLevel,
    };
  }

  async create(actor: Actor, dto: CreateParticipantDto): Promise<ParticipantEntity> {
    const bsnHash = this.bsn.lookupHash(dto.bsn);
    return this.dataSource.transaction(async (m) => {
      const existing = await m.findOne(ParticipantEntity, { where: { bsnHash } });
      if (existing) {
        throw new Conflict(`A participant with this BSN already exists (${existing.participantNumber}).`, [
          { name: 'bsn', reason: `already registered as ${existing.participantNumber}` },
        ]);
      }
      const { id } = await m.save(
        m.create(ParticipantEntity, {
          givenNames: dto.givenNames,
          familyName: dto.familyName,
          dateOfBirth: dto.dateOfBirth,
          bsnEncrypted: this.bsn.encrypt(dto.bsn),
          bsnHash,
          email: dto.email ?? null,
          phone: dto.phone ?? null,
          educationLevel: dto.educationLevel ?? null,
          createdBy: actor.kind === 'user' ? actor.userId : null,
          version: 1,
        }),
      );
      const participant = await m.findOneByOrFail(ParticipantEntity, { id });
      await this.audit.record(m, actor, {
        action: 'participant.created',
        entityType: 'participant',
        entityId: id,
        // Never the BSN, not even encrypted: the audit trail is read by more people.
        after: { ...toParticipantSummary(participant), educationLevel: participant.educationLevel },
      });
      return participant;
    });
  }

  list(limit: number, offset: number): Promise<[ParticipantEntity[], number]> {
    return this.dataSource
      .getRepository(ParticipantEntity)
      .findAndCount({ order: { participantNumber: 'ASC' }, take: limit, skip: offset });
  }

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<ParticipantEntity> {
    const participant = await m.findOneBy(ParticipantEntity, { id });
    if (!participant) throw new NotFound('Participant', id);
    return participant;
  }

  findByBsn(bsn: string): Promise<ParticipantEntity | null> {
    return this.dataSource.getRepository(ParticipantEntity).findOneBy({ bsnHash: this.bsn.lookupHash(bsn) });
  }

  /**
   * A staff member looks a person up by BSN. Every search is in the audit trail (a read of personal
   * data, also when nobody is found), as "a BSN search" with the participant found, never the BSN.
   */
  async searchByBsn(actor: Actor, bsn: string): Promise<ParticipantEntity | null> {
    const participant = await this.findByBsn(bsn);
    await this.audit.record(this.dataSource.manager, actor, {
      action: 'participant.searched-by-bsn',
      entityType: 'participant',
      entityId: participant?.id ?? 'none',
      after: { found: participant !== null },
    });
    return participant;
  }

  /**
   * Resolves the candidate an employer names. An unknown reference gives the same answer whatever
   * the reason, so an employer cannot probe which BSNs belong to people on social assistance.
   */
  async resolve(m: EntityManager, ref: ParticipantReference, field: string): Promise<ParticipantEntity> {
    const participant =
      'participantNumber' in ref
        ? await m.findOneBy(ParticipantEntity, { participantNumber: ref.participantNumber, dateOfBirth: ref.dateOfBirth })
        : await m.findOneBy(ParticipantEntity, { bsnHash: this.bsn.lookupHash(ref.bsn), dateOfBirth: ref.dateOfBirth });
    if (!participant) {
      throw new BusinessRuleViolation(
        'The municipality knows no participant with these details. Ask the consultant for the participant number.',
        [{ name: field, reason: 'no matching participant' }],
      );
    }
    return participant;
  }
}
