import { LocalDate } from '@js-joda/core';
import { BusinessRuleViolation } from '../../common/errors/domain-errors';
import type { LksInput, Scale } from '../../lks-calculation/domain';
import { flatRateWindowEndDate } from './application-window';

/** Months granted at most per decision; the wage value is re-assessed (typically yearly) after that. */
export const MAX_GRANT_MONTHS = 12;

export interface SubsidyFacts {
  contractStart: string;
  contractEnd: string | null;
  dateOfBirth: string;
  hoursPerWeek: string;
  scale: Scale;
  flatRateRequested: boolean;
  flatRateMaxMonths: number;
  assessments: Array<{ id: string; effectiveFrom: string; percentage: string }>;
}

export interface SubsidySegment {
  basis: 'flat-rate' | 'wage-value';
  assessmentId: string | null;
  input: LksInput;
}

/**
 * Splits the subsidy period of an application into the stretches that one LKS calculation each
 * covers: a flat-rate start (before the wage value is assessed, at most the flat-rate maximum), then
 * each assessment from its effective date until the next one takes over.
 */
export function subsidySegments(facts: SubsidyFacts): { periodStart: string; periodEnd: string; segments: SubsidySegment[] } {
  const start = LocalDate.parse(facts.contractStart);
  const maxEnd = start.plusMonths(MAX_GRANT_MONTHS).minusDays(1);
  const end =
    facts.contractEnd && LocalDate.parse(facts.contractEnd).isBefore(maxEnd) ? LocalDate.parse(facts.contractEnd) : maxEnd;
  const assessments = [...facts.assessments]
    .map((a) => ({ ...a, from: LocalDate.parse(a.effectiveFrom) }))
    .filter((a) => !a.from.isAfter(end))
    .sort((a, b) => a.from.compareTo(b.from));

  const base = {
    contractStart: facts.contractStart,
    dateOfBirth: facts.dateOfBirth,
    hoursPerWeek: facts.hoursPerWeek,
    scale: facts.scale,
  };
  const segments: SubsidySegment[] = [];
  const firstAssessed = assessments.length ? (assessments[0].from.isBefore(start) ? start : assessments[0].from) : null;

  if (facts.flatRateRequested && (!firstAssessed || firstAssessed.isAfter(start))) {
    const flatMaxEnd = flatRateWindowEndDate(start, facts.flatRateMaxMonths);
    let flatEnd = firstAssessed ? firstAssessed.minusDays(1) : end;
    if (flatEnd.isAfter(flatMaxEnd)) flatEnd = flatMaxEnd;
    if (flatEnd.isAfter(end)) flatEnd = end;
    segments.push({
      basis: 'flat-rate',
      assessmentId: null,
      input: { ...base, periodStart: start.toString(), periodEnd: flatEnd.toString(), flatRate: true, wageValuePercentage: null },
    });
  }
  assessments.forEach((a, i) => {
    const from = a.from.isBefore(start) ? start : a.from;
    const next = assessments[i + 1];
    const until = next && !next.from.isAfter(end) ? next.from.minusDays(1) : end;
    if (until.isBefore(from)) return; // superseded on its first day
    segments.push({
      basis: 'wage-value',
      assessmentId: a.id,
      input: {
        ...base,
        periodStart: from.toString(),
        periodEnd: until.toString(),
        flatRate: false,
        wageValuePercentage: a.percentage,
      },
    });
  });
  if (segments.length === 0) {
    throw new BusinessRuleViolation(
      'No subsidy can be calculated yet: record a wage-value assessment, or request the flat rate for the period before it.',
      [{ name: 'wageValueAssessments', reason: 'at least one assessment is needed (no flat rate requested)' }],
    );
  }
  return { periodStart: start.toString(), periodEnd: end.toString(), segments };
}
