import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import type { Role, SystemActor } from '../auth/principal';

/** The password of every demo account (documented in the README; never for production). */
export const DEMO_PASSWORD = 'werkkans-demo-2026';

export const DEMO_EMPLOYER = { name: 'Zorggroep Amstelland B.V. (demo)', kvkNumber: '90000001' };
export const DEMO_PARTNER = { name: 'ROC Amstelstad (demo)', brinCode: '99XX' };

export const DEMO_ACCOUNTS: Array<{ email: string; displayName: string; role: Role }> = [
  { email: 'werkgever@demo.werkkans.nl', displayName: 'Wendy Werkgever (Zorggroep Amstelland)', role: 'employer' },
  { email: 'onderwijs@demo.werkkans.nl', displayName: 'Otto Onderwijs (ROC Amstelstad)', role: 'education-partner' },
  { email: 'consulent@demo.werkkans.nl', displayName: 'Carla Consulent', role: 'caseworker' },
  { email: 'fiatteur@demo.werkkans.nl', displayName: 'Frank Fiatteur', role: 'approver' },
  { email: 'betaling@demo.werkkans.nl', displayName: 'Bea Betaling', role: 'payment-officer' },
  { email: 'betaling2@demo.werkkans.nl', displayName: 'Bart Betaling', role: 'payment-officer' },
  { email: 'beheer@demo.werkkans.nl', displayName: 'Anton Admin', role: 'admin' },
];

const ACTOR: SystemActor = { kind: 'system', name: 'demo-seed' };

/**
 * Creates the demo employer, education partner and one account per role. Safe to run again:
 * what exists is left alone. Refuses to run in production.
 */
export function assertDemoAllowed(env: string): void {
  if (env === 'production') throw new Error('Demo data is never created in production (NODE_ENV=production).');
}

export async function seedDemoData(dataSource: DataSource, env: string): Promise<{ created: string[] }> {
  assertDemoAllowed(env);
  const hasher = new PasswordHasher();
  const audit = new AuditService(dataSource);
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  const created: string[] = [];
  await dataSource.transaction(async (m) => {
    const employerId = await upsertOrganisation(
      m.query.bind(m),
      'employer',
      'kvk_number',
      DEMO_EMPLOYER.kvkNumber,
      DEMO_EMPLOYER.name,
    );
    const partnerId = await upsertOrganisation(
      m.query.bind(m),
      'education_partner',
      'brin_code',
      DEMO_PARTNER.brinCode,
      DEMO_PARTNER.name,
    );
    for (const id of [employerId, partnerId]) {
      if (id.created) {
        created.push(`${id.table} ${id.id}`);
        await audit.record(m, ACTOR, {
          action: `${id.table.replace('_', '-')}.created`,
          entityType: id.table.replace('_', '-'),
          entityId: id.id,
        });
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await m.query(
        `INSERT INTO app_user (email, display_name, password_hash, roles, employer_id, education_partner_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
        [
          account.email,
          account.displayName,
          passwordHash,
          [account.role],
          account.role === 'employer' ? employerId.id : null,
          account.role === 'education-partner' ? partnerId.id : null,
        ],
      );
      if (row) {
        created.push(`user ${account.email}`);
        await audit.record(m, ACTOR, {
          action: 'user.created',
          entityType: 'user',
          entityId: row.id,
          after: { email: account.email, roles: [account.role] },
        });
      }
    }
  });
  return { created };
}

async function upsertOrganisation(
  query: (sql: string, params: unknown[]) => Promise<Array<{ id: string }>>,
  table: 'employer' | 'education_partner',
  keyColumn: string,
  key: string,
  name: string,
): Promise<{ id: string; created: boolean; table: string }> {
  const existing = await query(`SELECT id FROM ${table} WHERE ${keyColumn} = $1`, [key]);
  if (existing.length) return { id: existing[0].id, created: false, table };
  const [row] = await query(`INSERT INTO ${table} (name, ${keyColumn}) VALUES ($1, $2) RETURNING id`, [name, key]);
  return { id: row.id, created: true, table };
}
