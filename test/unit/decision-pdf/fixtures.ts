import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecisionCalculation, DecisionDocumentModel, DecisionType } from '../../../src/decisions/pdf/decision-document';
import { LksInput, calculateLks, prepareReferenceData } from '../../../src/lks-calculation/domain';
import { minimumWageRatesFromCsv } from '../../../src/reference-data/minimum-wage-csv';

const reference = prepareReferenceData({
  minimumWageRates: minimumWageRatesFromCsv(readFileSync(join(__dirname, '../../../reference/minimum-wage.csv')), '2026-06-30'),
  parameters: [
    {
      validFrom: '2018-01-01',
      validUntil: null,
      capPercentage: '70.00',
      holidayAllowancePercentage: '8.00',
      employerCostsPercentage: '23.50',
      flatRatePercentage: '50.00',
      flatRateMaxMonths: 6,
    },
  ],
});

/** The month-by-month amounts as the decisions service passes them: from the real LKS calculation. */
export function decisionCalculation(input: Partial<LksInput> = {}): DecisionCalculation {
  const lksInput: LksInput = {
    periodStart: '2025-07-14',
    periodEnd: '2026-06-30',
    dateOfBirth: '1988-04-02',
    hoursPerWeek: '32',
    wageValuePercentage: '55',
    scale: 'regular',
    flatRate: false,
    ...input,
  };
  const result = calculateLks(lksInput, reference);
  const periods = new Map<string, { validFrom: string; validUntil: string | null }>();
  for (const m of result.months) periods.set(m.minimumWagePeriod.validFrom, m.minimumWagePeriod);
  return {
    periodStart: lksInput.periodStart,
    periodEnd: lksInput.periodEnd,
    months: result.months.map((m) => ({
      month: m.month,
      daysCovered: m.daysCovered,
      daysInMonth: m.daysInMonth,
      hourlyMinimumWage: m.hourlyMinimumWage,
      hoursPerWeek: m.hoursPerWeek,
      wageValuePercentage: m.wageValuePercentage,
      flatRate: m.flatRate,
      minimumWageMonthly: m.minimumWageMonthly,
      cappedGap: m.cappedGap,
      capApplied: m.capApplied,
      holidayAllowance: m.holidayAllowance,
      employerCosts: m.employerCosts,
      total: m.total,
    })),
    totalCents: result.totalCents,
    capPercentage: '70.00',
    holidayAllowancePercentage: '8.00',
    employerCostsPercentage: '23.50',
    flatRatePercentage: '50.00',
    minimumWagePeriods: [...periods.values()],
  };
}

const REASONS_GRANT =
  'Mevrouw Ö. Yılmaz-de Vries ontvangt een bijstandsuitkering en behoort tot de doelgroep van de Participatiewet. ' +
  'Zij kan met voltijdse inzet niet het wettelijk minimumloon verdienen.\n\n' +
  'Onze arbeidsdeskundige heeft op 12 juni 2025 op de werkplek de loonwaarde vastgesteld op 55%. ' +
  'De functie van zorghulp past bij haar mogelijkheden; u begeleidt haar met een vaste werkbegeleider.';

/** A grant (verlening) with 12 months, issued (not a draft). */
export function grantModel(overrides: Partial<DecisionDocumentModel> = {}): DecisionDocumentModel {
  const calculation = decisionCalculation();
  return {
    type: 'grant',
    draft: false,
    decisionNumber: 'LKS-2026-000123',
    decisionDate: '2026-03-02',
    sendingDate: '2026-03-03',
    objectionDeadline: '2026-04-14',
    municipality: {
      name: 'Gemeente Amstelveen',
      department: 'Team Werk en Inkomen',
      addressLines: ['Postbus 4', '1180 BA  Amstelveen'],
      phone: '14 020',
      email: 'werkgeversservice@amstelveen.example.nl',
      website: 'www.amstelveen.example.nl',
    },
    addressee: {
      organisation: 'Zorggroep Amstelland B.V.',
      attention: 'mevrouw J. Brouwer, afdeling P&O',
      street: 'Bovenkerkerweg',
      houseNumber: '6-8',
      postalCode: '1185 XE',
      city: 'Amstelveen',
    },
    references: {
      applicationNumber: 'AANV-2025-004711',
      participantNumber: 'D-0012345',
      kvkNumber: '34567890',
      previousDecisionNumber: null,
    },
    facts: {
      employerName: 'Zorggroep Amstelland B.V.',
      participantName: 'mevrouw Ö. Yılmaz-de Vries',
      jobTitle: 'zorghulp (niveau 1)',
      contractStart: '2025-07-14',
      contractEnd: '2026-07-13',
      hoursPerWeek: '32',
      wageValuePercentage: '55',
      flatRate: false,
      periodStart: calculation.periodStart,
      periodEnd: calculation.periodEnd,
      effectiveDate: null,
      totalCents: calculation.totalCents,
      previousTotalCents: null,
      recoveryCents: null,
      paymentTermDays: null,
      reasons: REASONS_GRANT,
      targetGroup: { basis: 'doelgroepregister', registeredOn: '2025-05-20', assessedOn: null, assessorName: null },
    },
    calculation,
    signatory: { name: 'drs. P.J. (Pieter) van den Bérg', title: 'teammanager Werk en Inkomen' },
    ...overrides,
  };
}

/** The same letter as an unsigned draft. */
export function draftGrantModel(): DecisionDocumentModel {
  return grantModel({
    draft: true,
    decisionNumber: null,
    decisionDate: null,
    sendingDate: null,
    objectionDeadline: null,
    signatory: null,
  });
}

export function rejectionModel(): DecisionDocumentModel {
  const base = grantModel();
  return {
    ...base,
    type: 'rejection',
    decisionNumber: 'LKS-2026-000124',
    calculation: null,
    facts: {
      ...base.facts,
      wageValuePercentage: '100',
      totalCents: null,
      periodStart: null,
      periodEnd: null,
      reasons:
        'Onze arbeidsdeskundige heeft de loonwaarde op de werkplek vastgesteld op 100%. ' +
        'Er is dan geen loonkloof die met loonkostensubsidie moet worden overbrugd.\n\n' +
        'Loonkostensubsidie is alleen mogelijk voor iemand die met voltijdse arbeid niet het wettelijk minimumloon kan verdienen (artikel 10d, eerste lid, Participatiewet).',
    },
  };
}

/** A letter of another type, sharing the grant's parties; amounts as that type needs them. */
export function modelOfType(type: DecisionType): DecisionDocumentModel {
  const base = grantModel();
  const calculation = decisionCalculation({ periodStart: '2026-01-01', periodEnd: '2026-06-30', hoursPerWeek: '24' });
  switch (type) {
    case 'grant':
      return base;
    case 'rejection':
      return rejectionModel();
    case 'change':
      return {
        ...base,
        type,
        decisionNumber: 'LKS-2026-000130',
        references: { ...base.references, previousDecisionNumber: 'LKS-2025-000087' },
        calculation,
        facts: {
          ...base.facts,
          hoursPerWeek: '24',
          effectiveDate: '2026-01-01',
          totalCents: calculation.totalCents,
          previousTotalCents: calculation.totalCents + 211_734,
          reasons: 'U hebt ons laten weten dat de arbeidsduur per 1 januari 2026 is verlaagd van 32 naar 24 uur per week.',
        },
      };
    case 'termination':
      return {
        ...base,
        type,
        decisionNumber: 'LKS-2026-000131',
        references: { ...base.references, previousDecisionNumber: 'LKS-2025-000087' },
        calculation: null,
        facts: {
          ...base.facts,
          contractEnd: '2026-03-31',
          effectiveDate: '2026-04-01',
          totalCents: null,
          reasons: 'De arbeidsovereenkomst is op verzoek van de werknemer beëindigd per 31 maart 2026.',
        },
      };
    case 'settlement':
      return {
        ...base,
        type,
        decisionNumber: 'LKS-2026-000132',
        references: { ...base.references, previousDecisionNumber: 'LKS-2025-000087' },
        facts: {
          ...base.facts,
          previousTotalCents: (base.facts.totalCents ?? 0) + 54_321,
          reasons: 'Uit de loonstroken blijkt dat de werknemer in november 2025 onbetaald verlof had.',
        },
      };
    case 'recovery':
      return {
        ...base,
        type,
        decisionNumber: 'LKS-2026-000133',
        references: { ...base.references, previousDecisionNumber: 'LKS-2026-000132' },
        calculation: null,
        facts: {
          ...base.facts,
          recoveryCents: 54_321,
          paymentTermDays: 42,
          reasons: 'Bij de vaststelling van de subsidie bleek dat u € 543,21 te veel voorschot hebt ontvangen.',
        },
      };
  }
}
