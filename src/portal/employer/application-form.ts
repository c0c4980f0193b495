import { Injectable } from '@nestjs/common';
import { LocalDate } from '@js-joda/core';
import { CreateApplicationDto, type ApplicationView } from '../../applications/applications.dto';
import { subsidySegments } from '../../applications/domain/subsidy-calculation';
import { CodeListsService } from '../../code-lists/code-lists.service';
import { InvalidInput, MissingReferenceData } from '../../common/errors/domain-errors';
import { formatCents } from '../../lks-calculation/domain';
import { LksCalculationRequest } from '../../lks-calculation/lks-calculation.dto';
import { LksCalculationService } from '../../lks-calculation/lks-calculation.service';
import { ReferenceDataService } from '../../reference-data/reference-data.service';
import { checkboxField, decimalField, numberField, textField, validateForm } from '../shared/forms';
import { euroFromDecimal, dutchDate } from '../shared/format';
import { toDutchError } from '../shared/messages-nl';
import { EMPLOYMENT_ORIGIN_OPTIONS } from '../shared/breed-offensief-labels';
import { SCALE_OPTIONS } from './employer-labels';
import { renameFields } from './employer-http';

/**
 * The application form. Its field names are the API's field paths (`participant.bsn`, `hoursPerWeek`),
 * so the API's validation reasons land on the right field without a mapping.
 */
export const APPLICATION_FIELD_LABELS: Record<string, string> = {
  participant: 'Kandidaat',
  'participant.participantNumber': 'Deelnemernummer',
  'participant.bsn': 'BSN',
  'participant.dateOfBirth': 'Geboortedatum',
  jobTitle: 'Functie',
  sector: 'Sector',
  jobPlan: 'Banenplan',
  contractStart: 'Ingangsdatum contract',
  contractEnd: 'Einddatum contract',
  hoursPerWeek: 'Uren per week in het contract',
  fullTimeHoursPerWeek: 'Uren van een volledige werkweek bij uw organisatie',
  grossHourlyWage: 'Bruto uurloon (euro)',
  scale: 'Soort minimumloon',
  flatRateRequested: 'Forfaitaire loonkostensubsidie tot de loonwaarde is vastgesteld',
  employmentOrigin: 'Waar komt de werknemer vandaan?',
  wageValuePercentage: 'Verwachte loonwaarde (%)',
  wageValueAssessments: 'Loonwaarde',
};

/** The fields the estimate reads (never the BSN or the participant number). */
export const ESTIMATE_FIELDS = [
  'participant.dateOfBirth',
  'contractStart',
  'contractEnd',
  'hoursPerWeek',
  'scale',
  'flatRateRequested',
  'wageValuePercentage',
] as const;

/** The posted form as the API's CreateApplicationDto input (strings trimmed, empty → absent, decimal comma). */
export function applicationInput(body: Record<string, unknown>): Record<string, unknown> {
  const participantNumber = textField(body['participant.participantNumber'])?.toUpperCase();
  const bsn = textField(body['participant.bsn']);
  return {
    participant: {
      // The API takes one of the two; with neither, it names the participant number as missing.
      ...(participantNumber !== undefined || bsn === undefined ? { participantNumber } : {}),
      ...(bsn !== undefined && participantNumber === undefined ? { bsn } : {}),
      dateOfBirth: textField(body['participant.dateOfBirth']),
    },
    jobTitle: textField(body.jobTitle),
    sector: textField(body.sector),
    jobPlan: textField(body.jobPlan),
    contractStart: textField(body.contractStart),
    contractEnd: textField(body.contractEnd),
    hoursPerWeek: numberField(body.hoursPerWeek),
    fullTimeHoursPerWeek: numberField(body.fullTimeHoursPerWeek),
    grossHourlyWage: decimalField(body.grossHourlyWage),
    scale: textField(body.scale),
    flatRateRequested: checkboxField(body.flatRateRequested),
    employmentOrigin: textField(body.employmentOrigin),
  };
}

export function validateApplication(body: Record<string, unknown>): Promise<CreateApplicationDto> {
  return validateForm(CreateApplicationDto, applicationInput(body));
}

/** The form filled in from a saved application (for editing a draft). The BSN is never filled in. */
export function applicationFormValues(view: ApplicationView): Record<string, string> {
  const comma = (value: string) => value.replace('.', ',');
  return {
    'participant.participantNumber': view.participant.participantNumber,
    'participant.dateOfBirth': view.participant.dateOfBirth,
    jobTitle: view.jobTitle,
    sector: view.sector,
    jobPlan: view.jobPlan,
    contractStart: view.contractStart,
    contractEnd: view.contractEnd ?? '',
    hoursPerWeek: comma(view.hoursPerWeek),
    fullTimeHoursPerWeek: comma(view.fullTimeHoursPerWeek),
    grossHourlyWage: comma(view.grossHourlyWage),
    scale: view.scale,
    flatRateRequested: view.flatRateRequested ? 'true' : '',
    employmentOrigin: view.employmentOrigin ?? '',
  };
}

/**
 * The service names the whole candidate ('participant') when it finds no one; the form shows that
 * next to the field the employer filled in.
 */
export function onParticipantField(dto: { participant?: { bsn?: string } }) {
  const field = dto.participant?.bsn !== undefined ? 'participant.bsn' : 'participant.participantNumber';
  return renameFields((name) => (name === 'participant' ? field : name));
}

/** The submitted values to show again; the BSN is never sent back to the browser. */
export function redisplayValues(values: Record<string, string>): Record<string, string> {
  const { 'participant.bsn': _bsn, ...rest } = values;
  return rest;
}

export interface Estimate {
  periodStart: string;
  periodEnd: string;
  totalCents: number;
  /** The amount of the first fully covered month (the usual monthly payment). */
  monthCents: number;
  /** Plain Dutch sentences, ready to show. */
  lines: string[];
}

export type EstimateOutcome = { ok: true; estimate: Estimate } | { ok: false; message: string; fields: Record<string, string> };

/** LksCalculationRequest's names → the form's names. */
const ESTIMATE_NAMES: Record<string, string> = {
  periodStart: 'contractStart',
  periodEnd: 'contractEnd',
  contractStart: 'contractStart',
  dateOfBirth: 'participant.dateOfBirth',
  flatRate: 'flatRateRequested',
};

/**
 * The live LKS estimate while the employer fills in the form: the same period split (flat rate first,
 * at most the grant period) as the application's own calculation, each part through the one LKS
 * calculation service. The expected wage value stands in for the assessment that follows later.
 */
@Injectable()
export class ApplicationFormService {
  constructor(
    private readonly calculations: LksCalculationService,
    private readonly referenceData: ReferenceDataService,
    private readonly codeLists: CodeListsService,
  ) {}

  /** Options for the form's selects. */
  async formOptions() {
    const plans = await this.codeLists.list('job-plan');
    return {
      jobPlans: plans.filter((p) => p.active).map((p) => ({ value: p.code, label: p.name })),
      scales: SCALE_OPTIONS,
      origins: EMPLOYMENT_ORIGIN_OPTIONS,
      labels: APPLICATION_FIELD_LABELS,
      estimateFields: ESTIMATE_FIELDS.join(' '),
    };
  }

  async estimate(body: Record<string, unknown>): Promise<EstimateOutcome> {
    try {
      return { ok: true, estimate: await this.calculate(body) };
    } catch (error) {
      const dutch = toDutchError(error);
      if (dutch.status >= 500) throw error;
      const fields: Record<string, string> = {};
      for (const [name, text] of Object.entries(dutch.fields)) fields[ESTIMATE_NAMES[name] ?? name] ??= text;
      return {
        ok: false,
        message: Object.keys(fields).length ? 'Vul de gegevens aan om een schatting te zien.' : dutch.message,
        fields,
      };
    }
  }

  private async calculate(body: Record<string, unknown>): Promise<Estimate> {
    const flatRate = checkboxField(body.flatRateRequested);
    const contractStart = textField(body.contractStart);
    const contractEnd = textField(body.contractEnd);
    const request = await validateForm(LksCalculationRequest, {
      periodStart: contractStart,
      periodEnd: contractEnd ?? contractStart,
      contractStart,
      dateOfBirth: textField(body['participant.dateOfBirth']),
      hoursPerWeek: numberField(body.hoursPerWeek),
      wageValuePercentage: numberField(body.wageValuePercentage),
      scale: textField(body.scale),
      flatRate,
    });
    if (contractEnd && contractEnd < request.periodStart) {
      throw new InvalidInput([{ name: 'contractEnd', reason: 'must not be before contractStart' }]);
    }
    // A wage value is assessed as a percentage up to 100 (as the caseworker's assessment form allows).
    if (request.wageValuePercentage !== undefined && request.wageValuePercentage > 100) {
      throw new InvalidInput([{ name: 'wageValuePercentage', reason: 'must not be more than 100' }]);
    }
    const start = LocalDate.parse(request.periodStart);
    const parameters = (await this.referenceData.preparedCalculationReferenceData()).parametersOn(start.toEpochDay());
    if (!parameters) throw new MissingReferenceData(`No LKS parameters are known for ${request.periodStart}.`);
    const percentage = request.wageValuePercentage;
    const plan = subsidySegments({
      contractStart: request.periodStart,
      contractEnd: contractEnd ?? null,
      dateOfBirth: request.dateOfBirth,
      hoursPerWeek: String(request.hoursPerWeek),
      scale: request.scale,
      flatRateRequested: flatRate,
      flatRateMaxMonths: parameters.flatRateMaxMonths,
      // With the flat rate, the wage value is assumed to be assessed when the flat-rate period ends.
      assessments:
        percentage === undefined
          ? []
          : [
              {
                id: 'estimate',
                effectiveFrom: (flatRate ? start.plusMonths(parameters.flatRateMaxMonths) : start).toString(),
                percentage: String(percentage),
              },
            ],
    });
    let totalCents = 0;
    const months = [];
    const lines: string[] = [];
    for (const segment of plan.segments) {
      const result = await this.calculations.calculate(segment.input);
      totalCents += result.totalCents;
      months.push(...result.months);
      const basis =
        segment.basis === 'flat-rate' ? 'forfaitair (vóór de loonwaardebepaling)' : `bij een loonwaarde van ${percentage}%`;
      lines.push(
        `${dutchDate(segment.input.periodStart)} tot en met ${dutchDate(segment.input.periodEnd)}, ${basis}: ${euroFromDecimal(result.total)}.`,
      );
    }
    const month = months.find((m) => m.daysCovered === m.daysInMonth) ?? months[0];
    const monthCents = month?.totalCents ?? 0;
    return {
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      totalCents,
      monthCents,
      lines: [
        `Geschatte loonkostensubsidie per volledige maand: ${euroFromDecimal(formatCents(monthCents))}.`,
        `Totaal van ${dutchDate(plan.periodStart)} tot en met ${dutchDate(plan.periodEnd)}: ${euroFromDecimal(formatCents(totalCents))}.`,
        ...(plan.segments.length > 1 ? lines : []),
      ],
    };
  }
}
