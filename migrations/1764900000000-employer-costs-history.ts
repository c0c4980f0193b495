import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The employer-cost compensation (werkgeverslasten) as the law has had it. The percentage is set by
 * the minister in art. 1 of the Regeling loonkostensubsidie Participatiewet and reviewed yearly:
 * 23% from 2015-01-01 and 23.5% from 2018-01-01 (Stcrt. 2017, 22 November 2017), unchanged since.
 * The foundation seeded 23% for every date from 2024-01-01. This corrects the seeded rows and gives
 * the history before them:
 * - every set valid from 2018-01-01 that still carries 23.00 gets 23.50;
 * - a set 2018-01-01 until the day before the earliest set, at 23.50;
 * - a set 2015-01-01 – 2017-12-31 at 23.00.
 * The new historic sets copy the other parameters (70% cap, 8% holiday allowance, flat rate) of the
 * earliest set: only the employer-cost percentage is sourced for those years.
 * Each change is written to the audit trail. Amounts already decided at 23% are not changed here,
 * and the correction flow does not pick them up either (it counts what a change itself alters): a
 * database that holds decisions made at 23% after 2017 needs change decisions for them (any later
 * change decision of such a subsidy recalculates at 23.5%).
 */
const REASON =
  'Regeling loonkostensubsidie Participatiewet art. 1: werkgeverslasten 23% van 2015-01-01 tot en met 2017-12-31, ' +
  '23,5% vanaf 2018-01-01 (Stcrt. 22 november 2017); de eerder ingevoerde 23% was onjuist.';

interface Row {
  id: number;
  valid_from: string;
  valid_until: string | null;
  cap_percentage: string;
  holiday_allowance_percentage: string;
  employer_costs_percentage: string;
  flat_rate_percentage: string;
  flat_rate_max_months: number;
}

export class EmployerCostsHistory1764900000000 implements MigrationInterface {
  name = 'EmployerCostsHistory1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const rows: Row[] = await q.query(`
      SELECT id, valid_from::text, valid_until::text, cap_percentage::text, holiday_allowance_percentage::text,
             employer_costs_percentage::text, flat_rate_percentage::text, flat_rate_max_months
      FROM lks_parameter_set ORDER BY valid_from`);
    if (rows.length === 0) return;

    for (const row of rows.filter((r) => r.valid_from >= '2018-01-01' && r.employer_costs_percentage === '23.00')) {
      await q.query(`UPDATE lks_parameter_set SET employer_costs_percentage = 23.50 WHERE id = $1`, [row.id]);
      await audit(
        q,
        'lks-parameter-set.corrected',
        row.id,
        { employerCostsPercentage: '23.00' },
        { employerCostsPercentage: '23.50' },
      );
    }

    const earliest = rows[0];
    const insert = async (validFrom: string, validUntil: string, employerCosts: string) => {
      const [{ id }] = await q.query(
        `INSERT INTO lks_parameter_set (valid_from, valid_until, cap_percentage, holiday_allowance_percentage,
           employer_costs_percentage, flat_rate_percentage, flat_rate_max_months)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          validFrom,
          validUntil,
          earliest.cap_percentage,
          earliest.holiday_allowance_percentage,
          employerCosts,
          earliest.flat_rate_percentage,
          earliest.flat_rate_max_months,
        ],
      );
      await audit(q, 'lks-parameter-set.created', id, null, {
        validFrom,
        validUntil,
        capPercentage: earliest.cap_percentage,
        holidayAllowancePercentage: earliest.holiday_allowance_percentage,
        employerCostsPercentage: employerCosts,
        flatRatePercentage: earliest.flat_rate_percentage,
        flatRateMaxMonths: earliest.flat_rate_max_months,
      });
    };
    const dayBefore = async (date: string): Promise<string> =>
      (await q.query(`SELECT ($1::date - 1)::text AS d`, [date]))[0].d as string;

    if (earliest.valid_from > '2018-01-01') await insert('2018-01-01', await dayBefore(earliest.valid_from), '23.50');
    if (earliest.valid_from > '2015-01-01') {
      const until = earliest.valid_from > '2018-01-01' ? '2017-12-31' : await dayBefore(earliest.valid_from);
      await insert('2015-01-01', until < '2017-12-31' ? until : '2017-12-31', '23.00');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Only the rows this migration added; the corrected percentage stays (23% after 2017 was wrong).
    await q.query(
      `DELETE FROM lks_parameter_set WHERE valid_from IN ('2015-01-01', '2018-01-01') AND valid_until < '2024-01-01'`,
    );
  }
}

async function audit(q: QueryRunner, action: string, id: number, before: unknown, after: unknown): Promise<void> {
  await q.query(
    `INSERT INTO audit_event (actor_user_id, actor_role, action, entity_type, entity_id, before, after)
     VALUES (NULL, 'system:migration', $1, 'lks-parameter-set', $2, $3, $4)`,
    [
      action,
      String(id),
      before === null ? null : JSON.stringify(before),
      JSON.stringify({ ...(after as object), reason: REASON }),
    ],
  );
}
