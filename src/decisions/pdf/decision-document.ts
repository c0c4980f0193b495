/**
 * Everything a decision letter (beschikking) shows, as plain data. The decisions service builds it
 * from the application, the calculation and the approval; the renderer turns it into a PDF using the
 * text template of its type (templates/decisions/<type>.txt). Nothing here is formatted yet: dates
 * are ISO calendar dates, money is integer cents or the calculation's decimal strings.
 */
export const DECISION_TYPES = ['grant', 'rejection', 'change', 'termination', 'settlement', 'recovery'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

export interface DecisionMonthLine {
  /** 'YYYY-MM' */
  month: string;
  /** The days of the month this line covers (a month can have two lines when the wage value changes in it). */
  firstDay?: string;
  lastDay?: string;
  daysCovered: number;
  daysInMonth: number;
  hourlyMinimumWage: string;
  hoursPerWeek: string;
  /** null for flat-rate months. */
  wageValuePercentage: string | null;
  flatRate: boolean;
  minimumWageMonthly: string;
  cappedGap: string;
  capApplied: boolean;
  holidayAllowance: string;
  employerCosts: string;
  /** The month amount, euros with two decimals. */
  total: string;
}

export interface DecisionCalculation {
  periodStart: string;
  periodEnd: string;
  months: DecisionMonthLine[];
  totalCents: number;
  /** Parameters used, shown in the explanation of the rule. */
  capPercentage: string;
  holidayAllowancePercentage: string;
  employerCostsPercentage: string;
  flatRatePercentage: string;
  /** Minimum wage periods used: validFrom..validUntil with the adult hourly amount, for the explanation. */
  minimumWagePeriods: Array<{ validFrom: string; validUntil: string | null }>;
}

export interface DecisionTargetGroup {
  basis: 'doelgroepregister' | 'praktijkroute';
  /** Doelgroepregister: the registration date. */
  registeredOn: string | null;
  /** Praktijkroute: the day the municipality assessed it, and who did. */
  assessedOn: string | null;
  assessorName: string | null;
}

export interface DecisionDocumentModel {
  type: DecisionType;
  /** A draft is rendered with CONCEPT marks and without number, dates and signature. */
  draft: boolean;
  decisionNumber: string | null;
  decisionDate: string | null;
  sendingDate: string | null;
  objectionDeadline: string | null;
  municipality: {
    name: string;
    department: string;
    addressLines: string[];
    phone: string;
    email: string;
    website: string;
  };
  addressee: {
    organisation: string;
    attention: string | null;
    street: string;
    houseNumber: string;
    postalCode: string;
    city: string;
  };
  references: {
    applicationNumber: string;
    participantNumber: string;
    kvkNumber: string;
    /** For a change, termination, settlement, recovery or correction: the decision it follows. */
    previousDecisionNumber: string | null;
  };
  /** Values for the template's {{placeholders}} (already in the shape the template expects). */
  facts: {
    employerName: string;
    participantName: string;
    jobTitle: string;
    contractStart: string;
    contractEnd: string | null;
    hoursPerWeek: string;
    wageValuePercentage: string | null;
    flatRate: boolean;
    periodStart: string | null;
    periodEnd: string | null;
    effectiveDate: string | null;
    totalCents: number | null;
    /** For change/settlement: the amount before (or already paid), to compare with totalCents. */
    previousTotalCents: number | null;
    /** For recovery: the amount to pay back and the term to pay it in. */
    recoveryCents: number | null;
    paymentTermDays: number | null;
    /** The caseworker's reasoning, free text (paragraphs separated by blank lines). */
    reasons: string;
    /**
     * Why the person belongs to the LKS target group (Participatiewet art. 10c), as recorded before the
     * proposal. Absent in decisions drafted before it was recorded.
     */
    targetGroup?: DecisionTargetGroup | null;
  };
  /** Month-by-month amounts; absent for a rejection. */
  calculation: DecisionCalculation | null;
  signatory: {
    name: string;
    title: string;
  } | null;
}
