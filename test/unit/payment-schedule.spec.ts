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
        ['2026-01', 108827],
        ['2026-02', 108827],
        ['2026-03', 0],
      ]),
      15,
    );
    expect(plan.map((p) => [p.month, p.dueDate, p.amountCents])).toEqual([
      ['2026-01', '2026-02-15', 108827],
      ['2026-02', '2026-03-15', 108827],
    ]);
  });

  it('recomputes open instalments from a WML change mid-schedule and leaves paid months alone', () => {
    // Jan–Jun at 14.71 (1088.27 a month); from July the minimum wage is 14.99:
    // 14.99 × 32 × 40% × 52/12 × 1.08 × 1.235 = 14.99 × 73.98144 = 1035.74016 + 73.2416256 = 1108.9817856 → 1108.98.
    const existing: ExistingInstalment[] = ['2026-05', '2026-06', '2026-07', '2026-08'].map((month, i) => ({
      id: `i${i}`,
      month,
      amountCents: 108827,
      status: i < 2 ? 'paid' : 'open',
      dueDate: dueDateFor(month, 15),
    }));
    const result = recomputeSchedule({
      existing,
      months: months([
        ['2026-07', 110898],
        ['2026-08', 110898],
      ]),
      fromMonth: '2026-07',
      dueDay: 15,
      today: '2026-07-01',
    });
    expect(result.cancel).toEqual(['i2', 'i3']);
    expect(result.create.map((c) => [c.month, c.amountCents])).toEqual([
      ['2026-07', 110898],
      ['2026-08', 110898],
    ]);
    expect(result.correction).toBeNull();
    expect(result.recoveryCents).toBe(0);
  });

  it('turns a higher amount for paid months into a correction paid with the next instalment', () => {
    // A change decision from April: wage value 60% → 50%. April was paid 1088.27, should be
    // 14.71 × 32 × 50% × 5.7798 = 1360.333728 → 1360.33: correction 1360.33 − 1088.27 = 272.06.
    const existing: ExistingInstalment[] = [
      { id: 'apr', month: '2026-04', amountCents: 108827, status: 'paid', dueDate: '2026-05-15' },
      { id: 'may', month: '2026-05', amountCents: 108827, status: 'open', dueDate: '2026-06-15' },
    ];
    const result = recomputeSchedule({
      existing,
      months: months([
        ['2026-04', 136033],
        ['2026-05', 136033],
      ]),
      fromMonth: '2026-04',
      dueDay: 15,
      today: '2026-05-20',
    });
    expect(result.cancel).toEqual(['may']);
    expect(result.create).toEqual([expect.objectContaining({ month: '2026-05', amountCents: 136033, dueDate: '2026-06-15' })]);
    expect(result.correction).toEqual({ amountCents: 27206, dueDate: '2026-06-15', months: ['2026-04'] });
  });

  it('offsets an overpayment against the next instalments and recovers the rest', () => {
    // Wage value 60% → 80% from April: new month 14.71 × 32 × 20% × 5.7798 = 94.144 × 5.7798 = 544.1334912 → 544.13.
    // April paid 1088.27: overpaid 1088.27 − 544.13 = 544.14. May (open) becomes 544.13 − 544.14 < 0 → nothing
    // to pay, and the cent left over is owed back.
    const existing: ExistingInstalment[] = [
      { id: 'apr', month: '2026-04', amountCents: 108827, status: 'paid', dueDate: '2026-05-15' },
      { id: 'may', month: '2026-05', amountCents: 108827, status: 'open', dueDate: '2026-06-15' },
    ];
    const offset = recomputeSchedule({
      existing,
      months: months([
        ['2026-04', 54413],
        ['2026-05', 54413],
      ]),
      fromMonth: '2026-04',
      dueDay: 15,
      today: '2026-05-20',
    });
    expect(offset.create).toEqual([]);
    expect(offset.recoveryCents).toBe(1);

    // Terminated from April (nothing due from then on): April's 1088.27 cannot be offset → recovery.
    const ended = recomputeSchedule({ existing, months: [], fromMonth: '2026-04', dueDay: 15, today: '2026-05-20' });
    expect(ended.cancel).toEqual(['may']);
    expect(ended.create).toEqual([]);
    expect(ended.recoveryCents).toBe(108827);
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
