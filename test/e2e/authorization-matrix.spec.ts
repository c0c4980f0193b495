import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../src/auth/principal';
import { minimumWageRatesFor } from '../support/fixtures';

const PARAMETERS = {
  capPercentage: '70',
  holidayAllowancePercentage: '8',
  employerCostsPercentage: '23.5',
  flatRatePercentage: '50',
  flatRateMaxMonths: 6,
};
import { proposedApplication } from '../support/scenario';
import { onDay } from '../support/clock';
import { PaymentSchedulesService } from '../../src/payments/payment-schedules.service';
import {
  bearer,
  createEducationPartner,
  createEmployer,
  createTestApp,
  createUser,
  type TestApp,
  type TestUser,
} from '../support/test-app';

type Access = 'public' | 'any' | Role[];

interface Case {
  access: Access;
  /** Status an allowed caller gets for the sample request. */
  ok: number;
  path?: (ctx: Ctx) => string;
  body?: (ctx: Ctx) => object;
  query?: (ctx: Ctx) => Record<string, string>;
  headers?: (ctx: Ctx) => Record<string, string>;
  /** Send as a multipart upload with a small PDF. */
  upload?: boolean;
}

interface Ctx {
  employerId: string;
  employerKvk: string;
  partnerId: string;
  userId: string;
  participantId: string;
  applicationId: string;
  applicationVersion: number;
  documentId: string;
  verifiedBankAccountId: string;
  decisionId: string;
  objectionId: string;
  runId: string;
  scheduleId: string;
  releasedHoldId: string;
  closedRecoveryId: string;
  jobId: string;
  partnerBrin: string;
  programmeId: string;
  cohortId: string;
  declinedEnrolmentId: string;
}

const BSN = '111222333';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const app =
  (suffix = '') =>
  (c: Ctx) =>
    `/applications/${c.applicationId}${suffix}`;
const EMPLOYER_BO: Role[] = ['employer', 'caseworker', 'approver', 'payment-officer', 'admin'];

const BACKOFFICE: Role[] = ['caseworker', 'approver', 'payment-officer', 'admin'];

/**
 * Every route of the API with the roles that may call it. The first test makes sure this table
 * lists exactly the routes in the OpenAPI document, so a new route cannot go untested.
 */
// Lifecycle actions are probed on a withdrawn application of the caller's own employer: whoever
// may act gets past authentication, roles, ownership and validation, and is stopped by the
// lifecycle (409); everyone else is stopped earlier (401/403).
let tokenAttempts = 0;

const MATRIX: Record<string, Case> = {
  'GET /health': { access: 'public', ok: 200 },
  'GET /health/live': { access: 'public', ok: 200 },
  // A new address each time: after five wrong passwords for one address, a failing source is slowed down (429).
  'POST /auth/token': {
    access: 'public',
    ok: 401,
    body: () => ({ email: `nobody-${++tokenAttempts}@example.nl`, password: 'wrong-password' }),
  },
  'GET /users/me': { access: 'any', ok: 200 },
  'GET /users': { access: ['admin'], ok: 200 },
  'GET /users/{userId}': { access: ['admin'], ok: 200, path: (c) => `/users/${c.userId}` },
  'POST /users': {
    access: ['admin'],
    ok: 201,
    body: () => ({
      email: `new-${randomBytes(4).toString('hex')}@gemeente.nl`,
      displayName: 'New Caseworker',
      password: 'a-long-enough-password',
      roles: ['caseworker'],
    }),
  },
  'GET /employers': { access: BACKOFFICE, ok: 200 },
  'GET /employers/{employerId}': { access: ['employer', ...BACKOFFICE], ok: 200, path: (c) => `/employers/${c.employerId}` },
  'GET /education-partners': { access: BACKOFFICE, ok: 200 },
  'GET /education-partners/{educationPartnerId}': {
    access: ['education-partner', ...BACKOFFICE],
    ok: 200,
    path: (c) => `/education-partners/${c.partnerId}`,
  },
  'GET /audit-events': { access: ['admin'], ok: 200, query: (c) => ({ entityType: 'employer', entityId: c.employerId }) },
  'GET /minimum-wage-periods': { access: 'any', ok: 200 },
  // A valid but overlapping period: allowed callers reach the business rule (409), others do not.
  'POST /minimum-wage-periods': {
    access: ['admin'],
    ok: 409,
    body: () => ({
      validFrom: '2026-01-01',
      validUntil: '2026-06-30',
      rates: minimumWageRatesFor('14.71'),
    }),
  },
  'GET /lks-parameter-sets': { access: 'any', ok: 200 },
  'POST /lks-parameter-sets': {
    access: ['admin'],
    ok: 409,
    body: () => ({
      validFrom: '2024-01-01',
      capPercentage: '70',
      holidayAllowancePercentage: '8',
      employerCostsPercentage: '23',
      flatRatePercentage: '50',
      flatRateMaxMonths: 6,
    }),
  },
  // A period that overlaps: allowed callers reach the business rule (409), others do not.
  'POST /minimum-wage-periods/impact-previews': {
    access: ['admin'],
    ok: 409,
    body: () => ({ validFrom: '2026-01-01', validUntil: '2026-06-30', rates: minimumWageRatesFor('14.71') }),
  },
  'POST /lks-parameter-sets/impact-previews': {
    access: ['admin'],
    ok: 409,
    body: () => ({ ...PARAMETERS, validFrom: '2024-01-01' }),
  },
  // Corrections of an unknown period or set: allowed callers reach the lookup (404), others do not.
  'POST /minimum-wage-periods/{periodId}/correction-previews': {
    access: ['admin'],
    ok: 404,
    path: () => '/minimum-wage-periods/999999/correction-previews',
    body: () => ({ rates: minimumWageRatesFor('14.71'), reason: 'Onbekende periode.' }),
  },
  'POST /minimum-wage-periods/{periodId}/corrections': {
    access: ['admin'],
    ok: 404,
    path: () => '/minimum-wage-periods/999999/corrections',
    body: () => ({ rates: minimumWageRatesFor('14.71'), reason: 'Onbekende periode.', impactFingerprint: 'a'.repeat(64) }),
  },
  'POST /lks-parameter-sets/{setId}/correction-previews': {
    access: ['admin'],
    ok: 404,
    path: () => '/lks-parameter-sets/999999/correction-previews',
    body: () => ({ ...PARAMETERS, reason: 'Onbekende set.' }),
  },
  'POST /lks-parameter-sets/{setId}/corrections': {
    access: ['admin'],
    ok: 404,
    path: () => '/lks-parameter-sets/999999/corrections',
    body: () => ({ ...PARAMETERS, reason: 'Onbekende set.', impactFingerprint: 'a'.repeat(64) }),
  },
  'POST /lks-calculations': {
    access: 'any',
    ok: 200,
    body: () => ({
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      dateOfBirth: '1990-05-01',
      hoursPerWeek: 32,
      wageValuePercentage: 60,
      scale: 'regular',
      flatRate: false,
    }),
  },
  'POST /employers': {
    access: 'public',
    ok: 409,
    body: (c) => ({
      name: 'Duplicate B.V.',
      kvkNumber: c.employerKvk,
      payrollTaxNumber: '123456782L01',
      address: { street: 'Dam', houseNumber: '1', postalCode: '1012 JS', city: 'Amsterdam' },
      contact: { name: 'A. B.', email: 'ab@example.nl', phone: '020 1234567' },
      bankAccount: { iban: 'NL91ABNA0417164300', accountHolder: 'Duplicate B.V.' },
      account: {
        email: `dup-${randomBytes(4).toString('hex')}@example.nl`,
        displayName: 'Dup',
        password: 'a-long-enough-password',
      },
    }),
  },
  'PATCH /employers/{employerId}': {
    access: EMPLOYER_BO,
    ok: 412,
    path: (c) => `/employers/${c.employerId}`,
    headers: () => ({ 'If-Match': '"999"' }),
    body: () => ({ name: 'Renamed' }),
  },
  'GET /employers/{employerId}/bank-accounts': {
    access: EMPLOYER_BO,
    ok: 200,
    path: (c) => `/employers/${c.employerId}/bank-accounts`,
  },
  'POST /employers/{employerId}/bank-accounts': {
    access: ['employer', 'caseworker'],
    ok: 201,
    path: (c) => `/employers/${c.employerId}/bank-accounts`,
    body: () => ({ iban: 'NL44 RABO 0123 4567 89', accountHolder: 'Own Employer' }),
  },
  'GET /bank-accounts': { access: ['caseworker', 'payment-officer', 'admin'], ok: 200 },
  'POST /bank-accounts/{bankAccountId}/decision': {
    access: ['caseworker'],
    ok: 409,
    path: (c) => `/bank-accounts/${c.verifiedBankAccountId}/decision`,
    body: () => ({ decision: 'verified' }),
  },
  'GET /code-lists/{listName}/items': { access: 'any', ok: 200, path: () => '/code-lists/job-plan/items' },
  'POST /code-lists/{listName}/items': {
    access: ['admin'],
    ok: 409,
    path: () => '/code-lists/job-plan/items',
    body: () => ({ code: 'zorg', name: 'Banenplan zorg' }),
  },
  'PATCH /code-lists/{listName}/items/{code}': {
    access: ['admin'],
    ok: 200,
    path: () => '/code-lists/job-plan/items/zorg',
    body: () => ({ name: 'Banenplan zorg' }),
  },
  'GET /participants': { access: BACKOFFICE, ok: 200 },
  'POST /participants': {
    access: ['caseworker'],
    ok: 409,
    body: () => ({ givenNames: 'Dup', familyName: 'Licate', dateOfBirth: '1990-01-01', bsn: BSN }),
  },
  'POST /participants/search': { access: BACKOFFICE, ok: 200, body: () => ({ bsn: BSN }) },
  'GET /participants/{participantId}': { access: BACKOFFICE, ok: 200, path: (c) => `/participants/${c.participantId}` },
  'GET /applications': { access: EMPLOYER_BO, ok: 200 },
  'POST /applications': {
    access: ['employer'],
    ok: 422,
    body: () => ({ ...APPLICATION, participant: { participantNumber: 'P9999999', dateOfBirth: '1990-05-01' } }),
  },
  'GET /application-deadlines': { access: BACKOFFICE, ok: 200 },
  'GET /application-changes-due': { access: BACKOFFICE, ok: 200 },
  'POST /applications/{applicationId}/amend': {
    access: ['caseworker'],
    ok: 409,
    path: app('/amend'),
    body: () => ({ hoursPerWeek: 24, reason: 'Probe.' }),
  },
  'GET /applications/{applicationId}': { access: EMPLOYER_BO, ok: 200, path: app() },
  'PATCH /applications/{applicationId}': {
    access: ['employer'],
    ok: 409,
    path: app(),
    headers: (c) => ({ 'If-Match': `"${c.applicationVersion}"` }),
    body: () => ({ jobTitle: 'Changed' }),
  },
  'GET /applications/{applicationId}/lks-calculation': { access: EMPLOYER_BO, ok: 200, path: app('/lks-calculation') },
  'POST /applications/{applicationId}/submit': { access: ['employer'], ok: 409, path: app('/submit') },
  'POST /applications/{applicationId}/withdraw': { access: ['employer'], ok: 409, path: app('/withdraw'), body: () => ({}) },
  'POST /applications/{applicationId}/start-assessment': { access: ['caseworker'], ok: 409, path: app('/start-assessment') },
  'POST /applications/{applicationId}/request-information': {
    access: ['caseworker'],
    ok: 409,
    path: app('/request-information'),
    body: () => ({ question: 'Please send the contract.' }),
  },
  'POST /applications/{applicationId}/receive-information': {
    access: ['employer', 'caseworker'],
    ok: 409,
    path: app('/receive-information'),
    body: () => ({}),
  },
  'POST /applications/{applicationId}/extend-deadline': {
    access: ['caseworker'],
    ok: 409,
    path: app('/extend-deadline'),
    body: () => ({ weeks: 4, reason: 'Assessment planned.' }),
  },
  'POST /applications/{applicationId}/record-target-group': {
    access: ['caseworker'],
    ok: 409,
    path: app('/record-target-group'),
    body: () => ({ basis: 'doelgroepregister', registeredOn: '2025-06-02' }),
  },
  'POST /applications/{applicationId}/record-no-measurement': {
    access: ['caseworker'],
    ok: 409,
    path: app('/record-no-measurement'),
    body: () => ({ decidedOn: '2026-01-05', reason: 'Probe.' }),
  },
  'POST /applications/{applicationId}/propose-decision': {
    access: ['caseworker'],
    ok: 409,
    path: app('/propose-decision'),
    body: () => ({ outcome: 'grant' }),
  },
  'POST /applications/{applicationId}/return-to-assessment': {
    access: ['caseworker', 'approver'],
    ok: 409,
    path: app('/return-to-assessment'),
  },
  'GET /applications/{applicationId}/wage-value-assessments': {
    access: EMPLOYER_BO,
    ok: 200,
    path: app('/wage-value-assessments'),
  },
  'POST /applications/{applicationId}/wage-value-assessments': {
    access: ['caseworker'],
    ok: 409,
    path: app('/wage-value-assessments'),
    body: () => ({ assessedOn: '2026-03-15', method: 'dariuz', assessorName: 'J. Bakker', percentage: 60 }),
  },
  'GET /wage-value-assessments/due': { access: BACKOFFICE, ok: 200 },
  'GET /applications/{applicationId}/documents': { access: EMPLOYER_BO, ok: 200, path: app('/documents') },
  'POST /applications/{applicationId}/documents': {
    access: ['employer', 'caseworker'],
    ok: 409,
    path: app('/documents'),
    upload: true,
  },
  'GET /applications/{applicationId}/documents/{documentId}/content': {
    access: EMPLOYER_BO,
    ok: 200,
    path: (c) => `/applications/${c.applicationId}/documents/${c.documentId}/content`,
  },
};

Object.assign(MATRIX, {
  'GET /decisions': { access: EMPLOYER_BO, ok: 200 },
  'POST /decisions': {
    access: ['caseworker'],
    ok: 409,
    body: (c: Ctx) => ({ applicationId: c.applicationId, type: 'grant' }),
  },
  'GET /decisions/{decisionId}': { access: EMPLOYER_BO, ok: 200, path: (c: Ctx) => `/decisions/${c.decisionId}` },
  'PATCH /decisions/{decisionId}': {
    access: ['caseworker'],
    ok: 409,
    path: (c: Ctx) => `/decisions/${c.decisionId}`,
    body: () => ({ reasons: 'Changed.' }),
  },
  'DELETE /decisions/{decisionId}': { access: ['caseworker'], ok: 409, path: (c: Ctx) => `/decisions/${c.decisionId}` },
  'POST /decisions/{decisionId}/approve': {
    access: ['approver'],
    ok: 409,
    path: (c: Ctx) => `/decisions/${c.decisionId}/approve`,
  },
  'GET /decisions/{decisionId}/pdf': { access: EMPLOYER_BO, ok: 200, path: (c: Ctx) => `/decisions/${c.decisionId}/pdf` },
  'POST /decisions/{decisionId}/objections': {
    access: ['caseworker'],
    ok: 422,
    path: (c: Ctx) => `/decisions/${c.decisionId}/objections`,
    body: () => ({ receivedOn: '2099-01-01' }),
  },
  'PATCH /decisions/{decisionId}/objections/{objectionId}': {
    access: ['caseworker'],
    ok: 412,
    path: (c: Ctx) => `/decisions/${c.decisionId}/objections/${c.objectionId}`,
    headers: () => ({ 'If-Match': '"999"' }),
    body: () => ({ status: 'in-treatment' }),
  },
  'GET /outbox-events': { access: ['admin'], ok: 200, query: () => ({ status: 'failed' }) },
  'POST /outbox-events/{eventId}/retries': {
    access: ['admin'],
    ok: 404,
    path: () => '/outbox-events/999999/retries',
  },
  'POST /payment-runs': { access: ['payment-officer'], ok: 422, body: () => ({ runDate: '2026-12-31' }) },
  'GET /payment-runs': { access: ['payment-officer', 'admin'], ok: 200 },
  'GET /payment-runs/{runId}': { access: ['payment-officer', 'admin'], ok: 200, path: (c: Ctx) => `/payment-runs/${c.runId}` },
  'GET /payment-runs/{runId}/transfers': {
    access: ['payment-officer', 'admin'],
    ok: 200,
    path: (c: Ctx) => `/payment-runs/${c.runId}/transfers`,
  },
  'GET /payment-runs/{runId}/sepa-file': {
    access: ['payment-officer', 'admin'],
    ok: 200,
    path: (c: Ctx) => `/payment-runs/${c.runId}/sepa-file`,
  },
  'GET /payment-runs/{runId}/export': {
    access: ['payment-officer', 'admin'],
    ok: 200,
    path: (c: Ctx) => `/payment-runs/${c.runId}/export`,
  },
  'POST /payment-runs/{runId}/approve': {
    access: ['payment-officer'],
    ok: 409,
    path: (c: Ctx) => `/payment-runs/${c.runId}/approve`,
  },
  'POST /payment-runs/{runId}/mark-sent': {
    access: ['payment-officer'],
    ok: 409,
    path: (c: Ctx) => `/payment-runs/${c.runId}/mark-sent`,
  },
  'POST /payment-runs/{runId}/settle': {
    access: ['payment-officer'],
    ok: 409,
    path: (c: Ctx) => `/payment-runs/${c.runId}/settle`,
    body: () => ({ rejections: [] }),
  },
  'POST /payment-runs/{runId}/cancel': {
    access: ['payment-officer'],
    ok: 409,
    path: (c: Ctx) => `/payment-runs/${c.runId}/cancel`,
    body: () => ({ reason: 'Probe.' }),
  },
  'GET /payment-schedules': { access: EMPLOYER_BO, ok: 200 },
  'GET /payment-schedules/{scheduleId}': { access: EMPLOYER_BO, ok: 200, path: (c: Ctx) => `/payment-schedules/${c.scheduleId}` },
  'POST /applications/{applicationId}/actual-hours': {
    access: ['caseworker'],
    ok: 422,
    path: app('/actual-hours'),
    body: () => ({ month: '2026-03', hoursPerWeek: 24, source: 'Probe' }),
  },
  'GET /applications/{applicationId}/settlement': { access: BACKOFFICE, ok: 404, path: app('/settlement') },
  'GET /payment-holds/held-items': { access: ['caseworker', 'payment-officer', 'admin'], ok: 200 },
  'GET /payment-holds': { access: ['caseworker', 'payment-officer', 'admin'], ok: 200 },
  'POST /payment-holds': {
    access: ['caseworker', 'payment-officer'],
    ok: 201,
    body: (c: Ctx) => ({ employerId: c.employerId, reason: 'Matrix probe.' }),
  },
  'DELETE /payment-holds/{holdId}': {
    access: ['caseworker', 'payment-officer'],
    ok: 409,
    path: (c: Ctx) => `/payment-holds/${c.releasedHoldId}`,
  },
  'POST /payment-schedules/recomputations': {
    access: ['admin', 'payment-officer'],
    ok: 200,
    body: () => ({ fromDate: '2026-07-01' }),
  },
  'POST /payment-schedules/recomputation-jobs': {
    access: ['admin', 'payment-officer'],
    ok: 202,
    body: () => ({ fromDate: '2026-07-01' }),
  },
  'GET /jobs/{jobId}': { access: ['admin', 'payment-officer'], ok: 200, path: (c: Ctx) => `/jobs/${c.jobId}` },
  'GET /recovery-items': { access: ['caseworker', 'payment-officer', 'admin'], ok: 200 },
  'PATCH /recovery-items/{recoveryItemId}': {
    access: ['payment-officer'],
    ok: 409,
    path: (c: Ctx) => `/recovery-items/${c.closedRecoveryId}`,
    body: () => ({ status: 'written-off' }),
  },
  'GET /education-partners/{educationPartnerId}/bank-accounts': {
    access: ['education-partner', ...BACKOFFICE],
    ok: 200,
    path: (c: Ctx) => `/education-partners/${c.partnerId}/bank-accounts`,
  },
  'POST /education-partners/{educationPartnerId}/bank-accounts': {
    access: ['education-partner', 'caseworker'],
    ok: 201,
    path: (c: Ctx) => `/education-partners/${c.partnerId}/bank-accounts`,
    body: () => ({ iban: 'NL44 RABO 0123 4567 89', accountHolder: 'Own ROC' }),
  },
  'POST /education-partners': {
    access: ['admin'],
    ok: 409,
    body: (c: Ctx) => ({
      name: 'Duplicate ROC',
      brinCode: c.partnerBrin,
      contact: { name: 'A', email: 'a@roc.example.nl', phone: '020 1234567' },
      bankAccount: { iban: 'NL91ABNA0417164300', accountHolder: 'Duplicate ROC' },
    }),
  },
  'GET /programmes': { access: ['education-partner', ...BACKOFFICE], ok: 200 },
  'GET /programmes/{programmeId}': {
    access: ['education-partner', ...BACKOFFICE],
    ok: 200,
    path: (c: Ctx) => `/programmes/${c.programmeId}`,
  },
  'POST /programmes': {
    access: ['admin'],
    ok: 422,
    body: () => ({
      qualificationName: 'Helpende Zorg en Welzijn',
      creboCode: '25498',
      mboLevel: 2,
      learningPath: 'BOL',
      educationPartnerId: '00000000-0000-4000-8000-000000000000',
      durationMonths: 18,
      tuitionCents: 450000,
      shareAtStartPercentage: 40,
      recoverOnDropout: false,
    }),
  },
  'POST /programmes/{programmeId}/cohorts': {
    access: ['admin'],
    ok: 409,
    path: (c: Ctx) => `/programmes/${c.programmeId}/cohorts`,
    body: () => ({ startDate: '2026-09-01', capacity: 10 }),
  },
  'POST /enrolments': {
    access: ['caseworker'],
    ok: 422,
    body: (c: Ctx) => ({ participantId: c.participantId, cohortId: '00000000-0000-4000-8000-000000000000' }),
  },
  'GET /enrolments': { access: ['education-partner', ...BACKOFFICE], ok: 200 },
  'GET /enrolments/unanswered-nominations': { access: BACKOFFICE, ok: 200 },
  'GET /enrolments/open-nominations-export': { access: ['education-partner'], ok: 200 },
  'GET /enrolments/{enrolmentId}': {
    access: ['education-partner', ...BACKOFFICE],
    ok: 200,
    path: (c: Ctx) => `/enrolments/${c.declinedEnrolmentId}`,
  },
  'POST /enrolments/{enrolmentId}/confirm': {
    access: ['education-partner'],
    ok: 409,
    path: (c: Ctx) => `/enrolments/${c.declinedEnrolmentId}/confirm`,
    body: () => ({ studentNumber: 'S1', actualStartDate: '2026-09-01' }),
  },
  'POST /enrolments/{enrolmentId}/decline': {
    access: ['education-partner'],
    ok: 409,
    path: (c: Ctx) => `/enrolments/${c.declinedEnrolmentId}/decline`,
    body: () => ({ reason: 'Again.' }),
  },
  'POST /enrolments/{enrolmentId}/progress-reports': {
    access: ['education-partner'],
    ok: 409,
    path: (c: Ctx) => `/enrolments/${c.declinedEnrolmentId}/progress-reports`,
    body: () => ({ periodStart: '2026-09-01', periodEnd: '2026-09-30', attendancePercentage: 90, resultSummary: 'x' }),
  },
  'POST /enrolments/{enrolmentId}/complete': {
    access: ['education-partner'],
    ok: 409,
    path: (c: Ctx) => `/enrolments/${c.declinedEnrolmentId}/complete`,
    body: () => ({ diplomaDate: '2028-01-01' }),
  },
  'POST /enrolments/{enrolmentId}/drop-out': {
    access: ['education-partner', 'caseworker'],
    ok: 409,
    path: (c: Ctx) => `/enrolments/${c.declinedEnrolmentId}/drop-out`,
    body: () => ({ dropoutDate: '2026-10-01', reason: 'x' }),
  },
  'POST /cohorts/{cohortId}/confirmations': {
    access: ['education-partner'],
    ok: 422,
    path: (c: Ctx) => `/cohorts/${c.cohortId}/confirmations`,
    body: (c: Ctx) => ({
      confirmations: [{ enrolmentId: c.declinedEnrolmentId, studentNumber: 'S1', actualStartDate: '2026-09-01' }],
    }),
  },
  'POST /cohorts/{cohortId}/declines': {
    access: ['education-partner'],
    ok: 422,
    path: (c: Ctx) => `/cohorts/${c.cohortId}/declines`,
    body: (c: Ctx) => ({ enrolmentIds: [c.declinedEnrolmentId], reason: 'x' }),
  },
} satisfies Record<string, Case>);

const APPLICATION = {
  jobTitle: 'Helpende zorg en welzijn',
  sector: 'Zorg',
  jobPlan: 'zorg',
  contractStart: '2026-01-01',
  contractEnd: '2026-06-30',
  hoursPerWeek: 32,
  fullTimeHoursPerWeek: 36,
  grossHourlyWage: '15.00',
  scale: 'regular',
  flatRateRequested: true,
  employmentOrigin: 'municipality-placement',
};

describe('authorization matrix', () => {
  let t: TestApp;
  let ctx: Ctx;
  const users = {} as Record<Role, TestUser>;
  let otherEmployerUser: TestUser;
  let otherPartnerUser: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const employerId = await createEmployer(t, 'Own Employer');
    const partnerId = await createEducationPartner(t, 'Own ROC');
    for (const role of ROLES) {
      users[role] = await createUser(
        t,
        [role],
        role === 'employer' ? { employerId } : role === 'education-partner' ? { educationPartnerId: partnerId } : {},
      );
    }
    otherEmployerUser = await createUser(t, ['employer'], { employerId: await createEmployer(t, 'Other Employer') });
    otherPartnerUser = await createUser(t, ['education-partner'], {
      educationPartnerId: await createEducationPartner(t, 'Other ROC'),
    });
    const [{ kvk_number: employerKvk }] = await t.dataSource.query('SELECT kvk_number FROM employer WHERE id = $1', [employerId]);
    const participant = await t.http
      .post('/api/v1/participants')
      .set(bearer(users.caseworker))
      .send({ givenNames: 'Test', familyName: 'Participant', dateOfBirth: '1990-05-01', bsn: BSN })
      .expect(201);
    const created = await t.http
      .post('/api/v1/applications')
      .set(bearer(users.employer))
      .send({ ...APPLICATION, participant: { participantNumber: participant.body.participantNumber, dateOfBirth: '1990-05-01' } })
      .expect(201);
    const document = await t.http
      .post(`/api/v1/applications/${created.body.id}/documents`)
      .set(bearer(users.employer))
      .field('kind', 'employment-contract')
      .attach('file', PDF, 'contract.pdf')
      .expect(201);
    const withdrawn = await t.http
      .post(`/api/v1/applications/${created.body.id}/withdraw`)
      .set(bearer(users.employer))
      .send({})
      .expect(200);
    const account = await t.http
      .post(`/api/v1/employers/${employerId}/bank-accounts`)
      .set(bearer(users.employer))
      .send({ iban: 'NL91ABNA0417164300', accountHolder: 'Own Employer' })
      .expect(201);
    await t.http
      .post(`/api/v1/bank-accounts/${account.body.id}/decision`)
      .set(bearer(users.caseworker))
      .send({ decision: 'verified' })
      .expect(200);
    const granted = await proposedApplication(t, users.employer, users.caseworker, participant.body.participantNumber);
    const decision = await t.http
      .post('/api/v1/decisions')
      .set(bearer(users.caseworker))
      .send({ applicationId: granted, type: 'grant' })
      .expect(201);
    await t.http.post(`/api/v1/decisions/${decision.body.id}/approve`).set(bearer(users.approver)).expect(200);
    const [{ sending_date }] = await t.dataSource.query('SELECT sending_date FROM decision WHERE id = $1', [decision.body.id]);
    const objection = await t.http
      .post(`/api/v1/decisions/${decision.body.id}/objections`)
      .set(bearer(users.caseworker))
      .send({ receivedOn: sending_date })
      .expect(201);
    await t.app.get(PaymentSchedulesService).processOutbox();
    const secondOfficer = await createUser(t, ['payment-officer']);
    const run = await onDay(t, '2026-12-31', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(users['payment-officer'])).send({ runDate: '2026-12-31' }).expect(201),
    );
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/approve`).set(bearer(secondOfficer)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/mark-sent`).set(bearer(secondOfficer)).expect(200);
    await t.http
      .post(`/api/v1/payment-runs/${run.body.id}/settle`)
      .set(bearer(secondOfficer))
      .send({ rejections: [] })
      .expect(200);
    const schedules = await t.http.get('/api/v1/payment-schedules').set(bearer(users.employer)).expect(200);
    const hold = await t.http
      .post('/api/v1/payment-holds')
      .set(bearer(users.caseworker))
      .send({ employerId, reason: 'Released at once.' })
      .expect(201);
    await t.http.delete(`/api/v1/payment-holds/${hold.body.id}`).set(bearer(users.caseworker)).expect(200);
    const [recovery] = await t.dataSource.query(
      `INSERT INTO recovery_item (employer_id, amount_cents, reason, due_date, status) VALUES ($1, 100, 'Matrix probe', '2026-12-31', 'paid') RETURNING id`,
      [employerId],
    );
    const [{ brin_code: partnerBrin }] = await t.dataSource.query('SELECT brin_code FROM education_partner WHERE id = $1', [
      partnerId,
    ]);
    const programme = await t.http
      .post('/api/v1/programmes')
      .set(bearer(users.admin))
      .send({
        qualificationName: 'Helpende Zorg en Welzijn',
        creboCode: '25498',
        mboLevel: 2,
        learningPath: 'BOL',
        educationPartnerId: partnerId,
        durationMonths: 18,
        tuitionCents: 450000,
        shareAtStartPercentage: 40,
        recoverOnDropout: false,
      })
      .expect(201);
    const cohort = await t.http
      .post(`/api/v1/programmes/${programme.body.id}/cohorts`)
      .set(bearer(users.admin))
      .send({ startDate: '2026-09-01', capacity: 10 })
      .expect(201);
    const enrolment = await t.http
      .post('/api/v1/enrolments')
      .set(bearer(users.caseworker))
      .send({ participantId: participant.body.id, cohortId: cohort.body.id })
      .expect(201);
    await t.http
      .post(`/api/v1/enrolments/${enrolment.body.id}/decline`)
      .set(bearer(users['education-partner']))
      .send({ reason: 'Declined.' })
      .expect(200);
    const job = await t.http
      .post('/api/v1/payment-schedules/recomputation-jobs')
      .set(bearer(users.admin))
      .send({ fromDate: '2026-07-01' })
      .expect(202);
    ctx = {
      jobId: job.body.id,
      partnerBrin,
      programmeId: programme.body.id,
      cohortId: cohort.body.id,
      declinedEnrolmentId: enrolment.body.id,
      closedRecoveryId: recovery.id,
      runId: run.body.id,
      scheduleId: schedules.body[0].id,
      releasedHoldId: hold.body.id,
      decisionId: decision.body.id,
      objectionId: objection.body.id,
      employerId,
      employerKvk,
      partnerId,
      userId: users.caseworker.id,
      participantId: participant.body.id,
      applicationId: created.body.id,
      applicationVersion: withdrawn.body.version,
      documentId: document.body.id,
      verifiedBankAccountId: account.body.id,
    };
  });
  afterAll(() => t.close());

  it('lists every route of the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    const routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  function send(route: string, c: Case, user?: TestUser) {
    const [method, template] = route.split(' ');
    const path = `/api/v1${c.path ? c.path(ctx) : template}`;
    let req =
      method === 'GET'
        ? t.http.get(path)
        : method === 'PATCH'
          ? t.http.patch(path)
          : method === 'DELETE'
            ? t.http.delete(path)
            : t.http.post(path);
    if (c.query) req = req.query(c.query(ctx));
    if (c.headers) req = req.set(c.headers(ctx));
    if (user) req = req.set(bearer(user));
    if (c.upload) return req.field('kind', 'pay-slip').attach('file', PDF, 'slip.pdf');
    return c.body ? req.send(c.body(ctx)) : req;
  }

  for (const [route, c] of Object.entries(MATRIX)) {
    it(`${route}: anonymous gets ${c.access === 'public' ? c.ok : 401}`, async () => {
      const res = await send(route, c);
      expect(res.status).toBe(c.access === 'public' ? c.ok : 401);
    });

    for (const role of ROLES) {
      const allowed = c.access === 'public' || c.access === 'any' || c.access.includes(role);
      it(`${route}: ${role} gets ${allowed ? c.ok : 403}`, async () => {
        const res = await send(route, c, users[role]);
        expect({ status: res.status, body: res.status === (allowed ? c.ok : 403) ? undefined : res.body }).toEqual({
          status: allowed ? c.ok : 403,
          body: undefined,
        });
      });
    }
  }

  it("gives an employer 404 for another employer's organisation", async () => {
    const res = await t.http.get(`/api/v1/employers/${ctx.employerId}`).set(bearer(otherEmployerUser));
    expect(res.status).toBe(404);
    expect(res.body.detail).not.toMatch(/Own Employer/);
  });

  it("gives an education partner 404 for another partner's institution", async () => {
    const res = await t.http.get(`/api/v1/education-partners/${ctx.partnerId}`).set(bearer(otherPartnerUser));
    expect(res.status).toBe(404);
  });

  it('answers 404 the same way for an employer id that does not exist', async () => {
    const missing = await t.http.get('/api/v1/employers/00000000-0000-4000-8000-000000000000').set(bearer(otherEmployerUser));
    expect(missing.status).toBe(404);
  });

  it('refuses a deactivated account at once, even with a valid token', async () => {
    const user = await createUser(t, ['caseworker']);
    await t.http.get('/api/v1/users/me').set(bearer(user)).expect(200);
    await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [user.id]);
    await t.http.get('/api/v1/users/me').set(bearer(user)).expect(401);
  });
});
