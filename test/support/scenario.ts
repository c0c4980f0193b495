import { Clock } from '../../src/common/clock';
import { bearer, type TestApp, type TestUser } from './test-app';

/** Steps through the API that many tests need: an employer, a participant, an application up to a proposal. */

export function employerRegistration(kvk: string, email: string, name = `Zorggroep ${kvk} B.V.`) {
  return {
    name,
    kvkNumber: kvk,
    payrollTaxNumber: '123456782L01',
    address: { street: 'Amstelplein', houseNumber: '12a', postalCode: '1096 BC', city: 'Amsterdam' },
    contact: { name: 'H. de Vries', email: 'hr@example.nl', phone: '020 123 4567' },
    bankAccount: { iban: 'NL91 ABNA 0417 1643 00', accountHolder: name, bic: 'ABNANL2A' },
    account: { email, displayName: 'Hanna de Vries', password: 'a-long-enough-password' },
  };
}

export async function registerEmployer(
  t: TestApp,
  kvk: string,
  email: string,
  name?: string,
): Promise<{ employerId: string; user: TestUser }> {
  const res = await t.http
    .post('/api/v1/employers')
    .send(employerRegistration(kvk, email, name))
    .expect(201);
  const login = await t.http.post('/api/v1/auth/token').send({ email, password: 'a-long-enough-password' }).expect(200);
  return {
    employerId: res.body.employer.id,
    user: { id: res.body.userId, email, token: login.body.accessToken, employerId: res.body.employer.id },
  };
}

export async function createParticipant(
  t: TestApp,
  caseworker: TestUser,
  bsn: string,
  dateOfBirth = '1990-05-01',
): Promise<string> {
  const res = await t.http
    .post('/api/v1/participants')
    .set(bearer(caseworker))
    .send({ givenNames: 'Fatima', familyName: 'El Amrani', dateOfBirth, bsn })
    .expect(201);
  return res.body.participantNumber;
}

export const APPLICATION = {
  jobTitle: 'Helpende zorg en welzijn',
  sector: 'Zorg en welzijn',
  jobPlan: 'zorg',
  contractStart: '2026-01-01',
  contractEnd: '2026-06-30',
  hoursPerWeek: 32,
  fullTimeHoursPerWeek: 36,
  grossHourlyWage: '15.20',
  scale: 'regular',
  flatRateRequested: false,
  // Participatiewet art. 10d: the municipality helped the candidate to the job, so the employer may
  // apply up to 6 months after the start.
  employmentOrigin: 'municipality-placement',
};

/** Why the fixture's participant belongs to the LKS target group (recorded before a grant is proposed). */
export const TARGET_GROUP = { basis: 'doelgroepregister', registeredOn: '2025-06-02' };

/** Clocks pinned by submitApplication, with how many submissions are using the pin (they may run at once). */
const pinned = new WeakMap<Clock, { date: string; users: number; today: PropertyDescriptor | undefined }>();

/**
 * Submits a draft as its employer. The fixtures' contracts start on fixed dates, so a test running on
 * the real date can lie past the application window (Participatiewet art. 10d); the submission is
 * then dated as an employer applying in time would have: on the contract start when the window runs
 * after it, else on the window's last day. Within the window (a test that sets the clock itself) the
 * submission is dated today, as always.
 */
export async function submitApplication(t: TestApp, employer: TestUser, id: string) {
  const view = await t.http.get(`/api/v1/applications/${id}`).set(bearer(employer)).expect(200);
  const clock = t.app.get(Clock);
  const { lastDay } = view.body.applicationWindow as { lastDay: string };
  const pin = pinned.get(clock);
  if (!pin && clock.today() <= lastDay) return t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(200);
  const start = view.body.contractStart as string;
  const inTime = start <= lastDay ? start : lastDay;
  if (pin && pin.date !== inTime)
    throw new Error(`submitApplication: the clock is pinned to ${pin.date} by a submission running at once`);
  if (pin) pin.users++;
  else {
    pinned.set(clock, { date: inTime, users: 1, today: Object.getOwnPropertyDescriptor(clock, 'today') });
    clock.today = () => inTime;
  }
  try {
    return await t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(200);
  } finally {
    const current = pinned.get(clock)!;
    if (--current.users === 0) {
      pinned.delete(clock);
      if (current.today) Object.defineProperty(clock, 'today', current.today);
      else delete (clock as Partial<Clock>).today;
    }
  }
}

/**
 * An application with an assessment of `percentage` from the contract start, proposed for `outcome`.
 * Returns its id.
 */
export async function proposedApplication(
  t: TestApp,
  employer: TestUser,
  caseworker: TestUser,
  participantNumber: string,
  options: { outcome?: 'grant' | 'reject'; percentage?: number; application?: object; dateOfBirth?: string } = {},
): Promise<string> {
  const draft = await t.http
    .post('/api/v1/applications')
    .set(bearer(employer))
    .send({
      ...APPLICATION,
      ...options.application,
      participant: { participantNumber, dateOfBirth: options.dateOfBirth ?? '1990-05-01' },
    })
    .expect(201);
  const id = draft.body.id;
  await submitApplication(t, employer, id);
  await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
  await t.http.post(`/api/v1/applications/${id}/record-target-group`).set(bearer(caseworker)).send(TARGET_GROUP).expect(200);
  const start = (options.application as { contractStart?: string } | undefined)?.contractStart ?? APPLICATION.contractStart;
  await t.http
    .post(`/api/v1/applications/${id}/wage-value-assessments`)
    .set(bearer(caseworker))
    .send({
      assessedOn: start,
      method: 'dariuz',
      assessorName: 'J. Bakker',
      percentage: options.percentage ?? 60,
      effectiveFrom: start,
    })
    .expect(201);
  const outcome = options.outcome ?? 'grant';
  await t.http
    .post(`/api/v1/applications/${id}/propose-decision`)
    .set(bearer(caseworker))
    .send(
      outcome === 'grant'
        ? { outcome, reasons: 'De loonwaarde is vastgesteld op 60% met de Dariuz-methode.' }
        : { outcome, reasons: 'De werknemer heeft een volledige loonwaarde.' },
    )
    .expect(200);
  return id;
}

/** A caseworker other than the one who entered it verifies the employer's pending bank account. */
export async function verifyPendingBankAccount(t: TestApp, employerId: string, verifier: TestUser): Promise<void> {
  const accounts = await t.http.get(`/api/v1/employers/${employerId}/bank-accounts`).set(bearer(verifier)).expect(200);
  const pending = accounts.body.find((a: { status: string }) => a.status === 'pending');
  await t.http
    .post(`/api/v1/bank-accounts/${pending.id}/decision`)
    .set(bearer(verifier))
    .send({ decision: 'verified' })
    .expect(200);
}

/** Drafts a decision, has it approved by another person, and lets payments process it. Returns the draft. */
export async function issueDecision(t: TestApp, drafter: TestUser, approver: TestUser, body: object) {
  const draft = await t.http.post('/api/v1/decisions').set(bearer(drafter)).send(body).expect(201);
  await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(200);
  const { PaymentSchedulesService } = await import('../../src/payments/payment-schedules.service');
  await t.app.get(PaymentSchedulesService).processOutbox();
  return draft.body;
}
