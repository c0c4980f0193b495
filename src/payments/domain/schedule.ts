import { LocalDate } from '@js-joda/core';

/** One month of subsidy as a decision fixed it: the amount and what it was computed from. */
export interface MonthAmount {
  /** 'YYYY-MM' */
  month: string;
  amountCents: number;
  breakdown: Record<string, unknown>;
}

export interface ExistingInstalment {
  id: string;
  month: string;
  amountCents: number;
  status: 'open' | 'paid' | 'cancelled';
  dueDate: string;
}

export interface PlannedInstalment {
  month: string;
  dueDate: string;
  amountCents: number;
  breakdown: Record<string, unknown>;
}

/** Paid in arrears: a month's subsidy is due on `dueDay` of the following month. */
export function dueDateFor(month: string, dueDay: number): string {
  return LocalDate.parse(`${month}-01`).plusMonths(1).withDayOfMonth(dueDay).toString();
}

/** One instalment per month with a positive amount. */
export function planInstalments(months: MonthAmount[], dueDay: number): PlannedInstalment[] {
  return months
    .filter((m) => m.amountCents > 0)
    .map((m) => ({ month: m.month, dueDate: dueDateFor(m.month, dueDay), amountCents: m.amountCents, breakdown: m.breakdown }));
}

export interface Recomputation {
  /** Open instalments from the effective month on, replaced by `create`. */
  cancel: string[];
  create: PlannedInstalment[];
  /** Paid too little for months already paid: an extra payment, due with the next instalment. */
  correction: { amountCents: number; dueDate: string; months: string[] } | null;
  /** Paid too much and nothing left to offset it against: to be recovered (by decision). */
  recoveryCents: number;
}

/**
 * A change, termination or indexation from `fromMonth`: months already paid stay paid; the
 * difference between what they should have been and what was paid becomes a correction. An
 * extra amount is paid with the next instalment; a shortfall is offset against the next open
 * instalments, earliest first, and what cannot be offset becomes a recovery.
 */
export function recomputeSchedule(input: {
  existing: ExistingInstalment[];
  months: MonthAmount[];
  fromMonth: string;
  dueDay: number;
  today: string;
}): Recomputation {
  const live = input.existing.filter((i) => i.status !== 'cancelled' && i.month >= input.fromMonth);
  const paid = new Map(live.filter((i) => i.status === 'paid').map((i) => [i.month, i]));
  const cancel = live.filter((i) => i.status === 'open').map((i) => i.id);
  const wanted = new Map(input.months.filter((m) => m.month >= input.fromMonth).map((m) => [m.month, m]));

  let difference = 0;
  const correctedMonths: string[] = [];
  for (const [month, instalment] of paid) {
    const should = wanted.get(month)?.amountCents ?? 0;
    if (should !== instalment.amountCents) {
      difference += should - instalment.amountCents;
      correctedMonths.push(month);
    }
  }
  const create = planInstalments(
    [...wanted.values()].filter((m) => !paid.has(m.month)).sort((a, b) => a.month.localeCompare(b.month)),
    input.dueDay,
  );

  let correction: Recomputation['correction'] = null;
  let recoveryCents = 0;
  if (difference > 0) {
    const next = create[0]?.dueDate ?? laterOf(input.today, dueDateFor(input.today.slice(0, 7), input.dueDay));
    correction = { amountCents: difference, dueDate: next, months: correctedMonths.sort() };
  } else if (difference < 0) {
    let toOffset = -difference;
    for (const instalment of create) {
      const offset = Math.min(toOffset, instalment.amountCents);
      if (offset === 0) break;
      instalment.amountCents -= offset;
      instalment.breakdown = { ...instalment.breakdown, offsetCents: offset, offsetMonths: correctedMonths };
      toOffset -= offset;
    }
    recoveryCents = toOffset;
  }
  return { cancel, create: create.filter((i) => i.amountCents > 0), correction, recoveryCents };
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
