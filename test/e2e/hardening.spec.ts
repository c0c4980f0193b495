import { APPLICATION, createParticipant, employerRegistration, registerEmployer } from '../support/scenario';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

/** Issue #14: inputs that used to answer 500 (or pass) are refused with a 400 naming the field. */
describe('hostile and sloppy input is refused with 400 naming the field', () => {
  let t: TestApp;
  let admin: TestUser;
  let caseworker: TestUser;
  let employer: TestUser;
  let employerId: string;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, ['admin']);
    caseworker = await createUser(t, ['caseworker']);
    ({ employerId, user: employer } = await registerEmployer(t, '69599084', 'hr@hardening.example.nl'));
    const participantNumber = await createParticipant(t, caseworker, '111222333');
    const created = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send({ ...APPLICATION, participant: { participantNumber, dateOfBirth: '1990-05-01' } })
      .expect(201);
    applicationId = created.body.id;
  });
  afterAll(() => t.close());

  function expectInvalid(res: { status: number; body: any; headers: any }, name: string) {
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toContain(name);
  }

  describe('a lone UTF-16 surrogate', () => {
    it('refuses it in the login e-mail, unauthenticated, instead of 500', async () => {
      const res = await t.http
        .post('/api/v1/auth/token')
        .set('Content-Type', 'application/json')
        .send('{"email":"\\ud800x","password":"x"}');
      expectInvalid(res, 'email');
      expect(res.body.invalidParams).toContainEqual({ name: 'email', reason: 'must be valid Unicode text' });
    });

    it('refuses it in the e-mails and names of an employer registration, naming each field', async () => {
      const body = JSON.stringify(employerRegistration('68750110', 'x@example.nl'))
        .replace('"hr@example.nl"', '"\\udc00hr@example.nl"')
        .replace('"x@example.nl"', '"x\\ud800@example.nl"')
        .replace('"Amstelplein"', '"Amstel\\ud83dplein"');
      const res = await t.http.post('/api/v1/employers').set('Content-Type', 'application/json').send(body);
      expectInvalid(res, 'contact.email');
      expect(res.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
        'account.email',
        'address.street',
        'contact.email',
      ]);
    });

    it('refuses it in PATCH /employers, POST /participants and POST /users', async () => {
      const patch = await t.http
        .patch(`/api/v1/employers/${employerId}`)
        .set(bearer(employer))
        .set({ 'If-Match': '"1"', 'Content-Type': 'application/json' })
        .send('{"contact":{"name":"A","email":"\\ud800x","phone":"020 1234567"}}');
      expectInvalid(patch, 'contact.email');
      const participant = await t.http
        .post('/api/v1/participants')
        .set(bearer(caseworker))
        .set('Content-Type', 'application/json')
        .send('{"givenNames":"A","familyName":"B","dateOfBirth":"1990-05-01","bsn":"123456782","email":"\\ud800@x.nl"}');
      expectInvalid(participant, 'email');
      const user = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .set('Content-Type', 'application/json')
        .send('{"email":"a\\udfffb@x.nl","displayName":"X","password":"a-long-enough-password","roles":["caseworker"]}');
      expectInvalid(user, 'email');
    });

    it('accepts a proper surrogate pair (an emoji) where text is free', async () => {
      const res = await t.http
        .post('/api/v1/auth/token')
        .set('Content-Type', 'application/json')
        .send('{"email":"nobody@example.nl","password":"\\ud83d\\ude00-wrong"}');
      expect(res.status).toBe(401);
    });
  });

  describe('numbers in exponent form', () => {
    it.each([
      ['hoursPerWeek', 1e-7],
      ['fullTimeHoursPerWeek', 1e-300],
      ['hoursPerWeek', 5e-324],
    ])('refuses %s = %s on create and update', async (field, value) => {
      const created = await t.http
        .post('/api/v1/applications')
        .set(bearer(employer))
        .send({ ...APPLICATION, participant: { participantNumber: 'P-000000', dateOfBirth: '1990-05-01' }, [field]: value });
      expectInvalid(created, field);
      const updated = await t.http
        .patch(`/api/v1/applications/${applicationId}`)
        .set(bearer(employer))
        .set('If-Match', '"1"')
        .send({ [field]: value });
      expectInvalid(updated, field);
      expect(updated.body.invalidParams).toContainEqual({ name: field, reason: 'must be a number with at most 2 decimals' });
    });
  });

  describe('nested arrays of objects', () => {
    it.each([[[[]]], [[1]], [['x']], [[null]], [[[{}]]]])('refuses rates = %j naming the element', async (rates) => {
      const res = await t.http.post('/api/v1/minimum-wage-periods').set(bearer(admin)).send({ validFrom: '2027-01-01', rates });
      expectInvalid(res, 'rates[0]');
      expect(res.body.invalidParams).toContainEqual({ name: 'rates[0]', reason: 'must be an object' });
    });

    it('refuses a non-object nested object, naming it', async () => {
      const res = await t.http
        .post('/api/v1/employers')
        .send({ ...employerRegistration('68750110', 'y@example.nl'), address: [] });
      expectInvalid(res, 'address');
    });
  });

  describe('names and reasons must have content', () => {
    it('refuses an employer name of one space, on registration and on update', async () => {
      const created = await t.http
        .post('/api/v1/employers')
        .send({ ...employerRegistration('68750110', 'z@example.nl'), name: ' ' });
      expectInvalid(created, 'name');
      const updated = await t.http
        .patch(`/api/v1/employers/${employerId}`)
        .set(bearer(employer))
        .set('If-Match', '"1"')
        .send({ name: '  \t ' });
      expectInvalid(updated, 'name');
    });

    it('stores a name trimmed', async () => {
      const view = await t.http.get(`/api/v1/employers/${employerId}`).set(bearer(employer)).expect(200);
      const res = await t.http
        .patch(`/api/v1/employers/${employerId}`)
        .set(bearer(employer))
        .set('If-Match', view.headers.etag)
        .send({ name: '  Zorggroep Getrimd B.V. ' })
        .expect(200);
      expect(res.body.name).toBe('Zorggroep Getrimd B.V.');
    });

    it('refuses a blank participant name and a blank reason', async () => {
      const participant = await t.http
        .post('/api/v1/participants')
        .set(bearer(caseworker))
        .send({ givenNames: ' ', familyName: 'B', dateOfBirth: '1990-05-01', bsn: '123456782' });
      expectInvalid(participant, 'givenNames');
      const hold = await t.http.post('/api/v1/payment-holds').set(bearer(caseworker)).send({ employerId, reason: '   ' });
      expectInvalid(hold, 'reason');
    });
  });

  describe('headers on API responses', () => {
    it('sends Cache-Control: no-store and X-Content-Type-Options: nosniff on answers and errors', async () => {
      const ok = await t.http.get('/api/v1/users/me').set(bearer(admin)).expect(200);
      const unauthenticated = await t.http.get('/api/v1/users/me').expect(401);
      const invalid = await t.http.post('/api/v1/auth/token').send({ email: 1 }).expect(400);
      const unknown = await t.http.get('/api/v1/no-such-route').expect(404);
      const notJson = await t.http.post('/api/v1/auth/token').set('Content-Type', 'text/plain').send('x').expect(415);
      for (const res of [ok, unauthenticated, invalid, unknown, notJson]) {
        expect([res.status, res.headers['cache-control'], res.headers['x-content-type-options']]).toEqual([
          res.status,
          'no-store',
          'nosniff',
        ]);
      }
    });
  });
});
