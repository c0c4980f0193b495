import { bearer, type TestApp, type TestUser } from '../../support/test-app';

/** API steps the education partner portal tests (e2e and browser) share: a partner, a programme with cohorts, nominations. */

export async function registerPartner(
  t: TestApp,
  admin: TestUser,
  name: string,
  brinCode: string,
  iban: string,
): Promise<string> {
  const res = await t.http
    .post('/api/v1/education-partners')
    .set(bearer(admin))
    .send({
      name,
      brinCode,
      contact: { name: 'M. Jansen', email: 'zorg@roc.example.nl', phone: '020 555 0000' },
      bankAccount: { iban, accountHolder: name },
    })
    .expect(201);
  return res.body.id;
}

/** A BOL programme (€ 4,500.00, 40% at the start) with one cohort per start date; returns the cohort ids. */
export async function programmeWithCohorts(
  t: TestApp,
  admin: TestUser,
  partnerId: string,
  cohorts: Array<{ startDate: string; capacity: number }>,
): Promise<string[]> {
  const programme = await t.http
    .post('/api/v1/programmes')
    .set(bearer(admin))
    .send({
      qualificationName: 'Helpende Zorg en Welzijn',
      creboCode: '25498',
      mboLevel: 2,
      learningPath: 'BOL',
      educationPartnerId: partnerId,
      durationMonths: 12,
      tuitionCents: 450000,
      shareAtStartPercentage: 40,
      recoverOnDropout: false,
    })
    .expect(201);
  const ids: string[] = [];
  for (const cohort of cohorts) {
    const res = await t.http.post(`/api/v1/programmes/${programme.body.id}/cohorts`).set(bearer(admin)).send(cohort).expect(201);
    ids.push(res.body.id);
  }
  return ids;
}

/** A caseworker registers a participant and nominates them for the cohort; returns the enrolment id. */
export async function nominateNew(
  t: TestApp,
  caseworker: TestUser,
  cohortId: string,
  person: { givenNames: string; familyName: string; bsn: string; dateOfBirth: string },
): Promise<string> {
  const participant = await t.http.post('/api/v1/participants').set(bearer(caseworker)).send(person).expect(201);
  const [{ id }] = await t.dataSource.query('SELECT id FROM participant WHERE participant_number = $1', [
    participant.body.participantNumber,
  ]);
  const res = await t.http.post('/api/v1/enrolments').set(bearer(caseworker)).send({ participantId: id, cohortId }).expect(201);
  return res.body.id;
}

export async function enrolmentStatus(t: TestApp, enrolmentId: string): Promise<string> {
  const [row] = await t.dataSource.query('SELECT status FROM enrolment WHERE id = $1', [enrolmentId]);
  return row.status;
}
