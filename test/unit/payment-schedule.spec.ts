import fc from 'fast-check';
import {
  dueDateFor,
  planInstalments,
  recomputeSchedule,
  type ExistingInstalment,
  type MonthAmount,
} from '../../src/payments/domain/schedule';

const months = (entries: Array<[string, number]>): MonthAmount[] =>
  entries.map(([month, amountCents]) => ({ month, amountCents, breakdown: {} }));

describe('payment schedule', () => {
  it('pays each month in arrears on the 15th of the next month', () => {
    expect(dueDateFor('2026-01', 15)).toBe('2026-02-15');
    expect(dueDateFor('2026-12', 15)).toBe('2027-01-15');
    const plan = planInstalments(
      months([
        ['2026-01', 108386],
        ['2026-02', 108386],
        ['2026-03', 0],
      ]),
      15,
    );
    expect(plan.map((p) => [p.month, p.dueDate, p.amountCents])).toEqual([
      ['2026-01', '2026-02-15', 108386],
      ['2026-02', '2026-03-15', 108386],
    ]);
  });

  it('recomputes open instalments from a WML change mid-schedule and leaves paid months alone', () => {
    // Jan–Jun at 14.71 (1083.86 a month); from July the minimum wage is 14.93:
    // 14.93 × 32 × 40% × 52/12 × 1.08 × 1.23 = 14.93 × 73.68192 = 1100.0710656 → 1100.07.
    const existing: ExistingInstalment[] = ['2026-05', '2026-06', '2026-07', '2026-08'].map((month, i) => ({
      id: `i${i}`,
      month,
      amountCents: 108386,
      status: i < 2 ? 'paid' : 'open',
      dueDate: dueDateFor(month, 15),
    }));
    const result = recomputeSchedule({
      existing,
      months: months([
        ['2026-07', 110007],
        ['2026-08', 110007],
      ]),
      fromMonth: '2026-07',
      dueDay: 15,
      today: '2026-07-01',
    });
    expect(result.cancel).toEqual(['i2', 'i3']);
    expect(result.create.map((c) => [c.month, c.amountCents])).toEqual([
      ['2026-07', 110007],
      ['2026-08', 110007],
    ]);
    expect(result.correction).toBeNull();
    expect(result.recoveryCents).toBe(0);
  });

  it('turns a higher amount for paid months into a correction paid with the next instalment', () => {
    // A change decision from April: wage value 60% → 50%. April was paid 1083.86, should be
    // 14.71 × 32 × 50% × 5.7564 = 1354.826304 → 1354.83: correction 1354.83 − 1083.86 = 270.97.
    const existing: ExistingInstalment[] = [
      { id: 'apr', month: '2026-04', amountCents: 108386, status: 'paid', dueDate: '2026-05-15' },
      { id: 'may', month: '2026-05', amountCents: 108386, status: 'open', dueDate: '2026-06-15' },
    ];
    const result = recomputeSchedule({
      existing,
      months: months([
        ['2026-04', 135483],
        ['2026-05', 135483],
      ]),
      fromMonth: '2026-04',
      dueDay: 15,
      today: '2026-05-20',
    });
    expect(result.cancel).toEqual(['may']);
    expect(result.create).toEqual([expect.objectContaining({ month: '2026-05', amountCents: 135483, dueDate: '2026-06-15' })]);
    expect(result.correction).toEqual({ amountCents: 27097, dueDate: '2026-06-15', months: ['2026-04'] });
  });

  it('offsets an overpayment against the next instalments and recovers the rest', () => {
    // Wage value 60% → 80% from April: new month 14.71 × 32 × 20% × 5.7564 = 541.9305216 → 541.93.
    // April paid 1083.86: overpaid 541.93. May (open) becomes 541.93 − 541.93 = 0 → nothing to pay.
    const existing: ExistingInstalment[] = [
      { id: 'apr', month: '2026-04', amountCents: 108386, status: 'paid', dueDate: '2026-05-15' },
      { id: 'may', month: '2026-05', amountCents: 108386, status: 'open', dueDate: '2026-06-15' },
    ];
    const offset = recomputeSchedule({
      existing,
      months: months([
        ['2026-04', 54193],
        ['2026-05', 54193],
      ]),
      fromMonth: '2026-04',
      dueDay: 15,
      today: '2026-05-20',
    });
    expect(offset.create).toEqual([]);
    expect(offset.recoveryCents).toBe(0);

    // Terminated from April (nothing due from then on): April's 1083.86 cannot be offset → recovery.
    const ended = recomputeSchedule({ existing, months: [], fromMonth: '2026-04', dueDay: 15, today: '2026-05-20' });
    expect(ended.cancel).toEqual(['may']);
    expect(ended.create).toEqual([]);
    expect(ended.recoveryCents).toBe(108386);
  });

  it('never loses or invents money: paid + new − recovery − correction equals what is due', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 300000 }), fc.boolean(), fc.integer({ min: 0, max: 300000 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (rows) => {
          const existing: ExistingInstalment[] = rows.map(([amount, isPaid], i) => ({
            id: `i${i}`,
            month: `2026-${String(i + 1).padStart(2, '0')}`,
            amountCents: amount,
            status: isPaid ? 'paid' : 'open',
            dueDate: '2026-01-15',
          }));
          const wanted = months(rows.map(([, , should], i) => [`2026-${String(i + 1).padStart(2, '0')}`, should]));
          const r = recomputeSchedule({ existing, months: wanted, fromMonth: '2026-01', dueDay: 15, today: '2026-01-01' });
          const paid = existing.filter((e) => e.status === 'paid').reduce((s, e) => s + e.amountCents, 0);
          const created = r.create.reduce((s, c) => s + c.amountCents, 0);
          const due = wanted.reduce((s, m) => s + m.amountCents, 0);
          expect(paid + created + (r.correction?.amountCents ?? 0) - r.recoveryCents).toBe(due);
          expect(r.create.every((c) => c.amountCents > 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
