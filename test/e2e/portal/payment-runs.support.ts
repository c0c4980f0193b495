import { Clock } from '../../../src/common/clock';
import {
  createParticipant,
  issueDecision,
  proposedApplication,
  registerEmployer,
  verifyPendingBankAccount,
} from '../../support/scenario';
import { createUser, type TestApp, type TestUser } from '../../support/test-app';

export interface DuePayments {
  caseworker: TestUser;
  officer: TestUser;
  officer2: TestUser;
  admin: TestUser;
  employerA: { employerId: string; user: TestUser };
  employerB: { employerId: string; user: TestUser };
}

/**
 * Two employers with a verified bank account and a granted LKS each (1088.27 a month from January
 * 2026, due the 15th of the next month), on 20 January 2026: a run dated 15 March 2026 pays January
 * and February to both, 4 payments, € 4.353,08. The officers are Petra de Betaler and Omar Tweede.
 */
export async function duePayments(t: TestApp): Promise<DuePayments> {
  jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => '2026-01-20');
  const caseworker = await createUser(t, ['caseworker']);
  const caseworker2 = await createUser(t, ['caseworker']);
  const approver = await createUser(t, ['approver']);
  const employerA = await registerEmployer(t, '12345678', 'hr@zorg-a.nl', 'Zorggroep Amstelland B.V.');
  const employerB = await registerEmployer(t, '87654321', 'hr@zorg-b.nl', 'Thuiszorg Noord B.V.');
  for (const [employer, bsn] of [
    [employerA, '111222333'],
    [employerB, '123456782'],
  ] as const) {
    await verifyPendingBankAccount(t, employer.employerId, caseworker2);
    const applicationId = await proposedApplication(t, employer.user, caseworker, await createParticipant(t, caseworker, bsn));
    await issueDecision(t, caseworker, approver, { applicationId, type: 'grant' });
  }
  const officer = await createUser(t, ['payment-officer']);
  const officer2 = await createUser(t, ['payment-officer']);
  await t.dataSource.query(`UPDATE app_user SET display_name = 'Petra de Betaler' WHERE id = $1`, [officer.id]);
  await t.dataSource.query(`UPDATE app_user SET display_name = 'Omar Tweede' WHERE id = $1`, [officer2.id]);
  return {
    caseworker,
    officer,
    officer2,
    admin: await createUser(t, ['admin']),
    employerA,
    employerB,
  };
}
