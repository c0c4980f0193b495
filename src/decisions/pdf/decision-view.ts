/**
 * The placeholder values a decision template sees, formatted for a Dutch letter. The list is
 * documented in templates/decisions/README.md; keep the two in step.
 */
import { LocalDate } from '@js-joda/core';
import { DecisionDocumentModel } from './decision-document';
import { formatCents, formatDateNl, formatDecimalNl, formatPercentageNl } from './format-nl';

export type DecisionView = Record<string, unknown>;

const date = (iso: string | null | undefined): string | null => (iso ? formatDateNl(iso) : null);
const money = (cents: number | null | undefined): string | null => (cents == null ? null : formatCents(cents));

export function buildDecisionView(model: DecisionDocumentModel): DecisionView {
  const { facts, calculation, municipality, references } = model;
  const draft = model.draft;
  const difference =
    facts.totalCents != null && facts.previousTotalCents != null ? facts.totalCents - facts.previousTotalCents : null;
  const paymentDeadline =
    !draft && model.decisionDate && facts.paymentTermDays != null
      ? LocalDate.parse(model.decisionDate).plusDays(facts.paymentTermDays).toString()
      : null;
  const periods = calculation?.minimumWagePeriods ?? [];

  return {
    draft,
    type: model.type,
    decisionNumber: draft || !model.decisionNumber ? 'concept' : model.decisionNumber,
    decisionDate: draft ? null : date(model.decisionDate),
    sendingDate: draft ? null : date(model.sendingDate),
    objectionDeadline: draft ? null : date(model.objectionDeadline),

    municipalityName: municipality.name,
    department: municipality.department,
    municipalityAddress: municipality.addressLines.join(', '),
    phone: municipality.phone,
    email: municipality.email,
    website: municipality.website,

    addresseeOrganisation: model.addressee.organisation,
    attention: model.addressee.attention,

    applicationNumber: references.applicationNumber,
    participantNumber: references.participantNumber,
    kvkNumber: references.kvkNumber,
    previousDecisionNumber: references.previousDecisionNumber,

    employerName: facts.employerName,
    participantName: facts.participantName,
    jobTitle: facts.jobTitle,
    contractStart: date(facts.contractStart),
    contractEnd: date(facts.contractEnd),
    hoursPerWeek: formatDecimalNl(facts.hoursPerWeek),
    wageValue: facts.wageValuePercentage == null ? null : formatPercentageNl(facts.wageValuePercentage),
    flatRate: facts.flatRate,
    periodStart: date(facts.periodStart),
    periodEnd: date(facts.periodEnd),
    effectiveDate: date(facts.effectiveDate),
    targetGroupRegister: facts.targetGroup?.basis === 'doelgroepregister',
    targetGroupPractice: facts.targetGroup?.basis === 'praktijkroute',
    targetGroupRegisteredOn: date(facts.targetGroup?.registeredOn),
    targetGroupAssessedOn: date(facts.targetGroup?.assessedOn),
    targetGroupAssessorName: facts.targetGroup?.assessorName ?? null,

    total: money(facts.totalCents),
    previousTotal: money(facts.previousTotalCents),
    difference: difference == null ? null : formatCents(Math.abs(difference)),
    differenceSigned: difference == null ? null : formatCents(difference),
    differencePositive: difference != null && difference > 0,
    differenceNegative: difference != null && difference < 0,
    differenceZero: difference === 0,
    recoveryAmount: money(facts.recoveryCents),
    paymentTermDays: facts.paymentTermDays,
    paymentDeadline: date(paymentDeadline),

    hasCalculation: calculation != null,
    monthCount: calculation?.months.length ?? 0,
    cap: calculation ? formatPercentageNl(calculation.capPercentage) : null,
    holiday: calculation ? formatPercentageNl(calculation.holidayAllowancePercentage) : null,
    employerCosts: calculation ? formatPercentageNl(calculation.employerCostsPercentage) : null,
    flatRatePercentage: calculation ? formatPercentageNl(calculation.flatRatePercentage) : null,
    hasFlatRateMonths: calculation?.months.some((m) => m.flatRate) ?? false,
    minimumWagePeriods: periods.map((p, i) => ({
      from: formatDateNl(p.validFrom),
      until: date(p.validUntil),
      first: i === 0,
      last: i === periods.length - 1,
    })),

    signatoryName: draft ? null : (model.signatory?.name ?? null),
    signatoryTitle: draft ? null : (model.signatory?.title ?? null),
  };
}
