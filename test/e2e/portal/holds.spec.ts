import { portalLogin, type PortalAgent } from '../../support/portal';
import { createTestApp, createUser, type TestApp } from '../../support/test-app';
import { duePayments, type DuePayments } from './payment-runs.support';

const BASE = '/portaal/backoffice/blokkades';

describe('portal: backoffice payment holds', () => {
  let t: TestApp;
  let s: DuePayments;
  let caseworker: PortalAgent;

  const activeHolds = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM payment_hold WHERE released_at IS NULL`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    s = await duePayments(t);
    caseworker = await portalLogin(t, s.caseworker);
  }, 60_000);
  afterAll(() => t.close());

  it('is closed to employers; an administrator sees the holds but cannot place or lift one', async () => {
    const employer = await portalLogin(t, await createUser(t, ['employer'], { employerId: s.employerA.employerId }));
    const denied = await employer.agent.get(BASE).expect(403);
    expect(denied.text).toContain('Geen toegang');
    await employer.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: employer.csrf, employerId: s.employerA.employerId, reason: 'x' })
      .expect(403);

    const admin = await portalLogin(t, s.admin);
    const page = await admin.agent.get(BASE).expect(200);
    expect(page.text).toContain('Er gelden geen blokkades.');
    expect(page.text).not.toContain('Blokkade plaatsen</button>');
    await admin.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: admin.csrf, employerId: s.employerA.employerId, reason: 'Onderzoek.' })
      .expect(403);
    expect(await activeHolds()).toBe(0);
  });

  it('refuses an incomplete or contradictory hold in Dutch, writing nothing', async () => {
    const page = await caseworker.agent.get(BASE).expect(200);
    expect(page.text).toContain('Zorggroep Amstelland B.V. (KvK 12345678)');
    expect(page.text).toMatch(/<option value="[0-9a-f-]{36}">Aanvraag AV-\d{7} – Thuiszorg Noord B.V.<\/option>/);

    const noReason = await caseworker.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: caseworker.csrf, employerId: s.employerA.employerId, reason: ' ' })
      .expect(400);
    expect(noReason.text).toContain('id="reason-error"');
    expect(noReason.text).toMatch(/<option value="[^"]+" selected>Zorggroep Amstelland B.V./);

    const nothingChosen = await caseworker.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: caseworker.csrf, employerId: '', scheduleId: '', reason: 'Onderzoek.' })
      .expect(400);
    expect(nothingChosen.text).toContain('id="employerId-error"');
    expect(nothingChosen.text).toContain('Kies een werkgever of een betaalschema.');

    const [schedule] = await t.dataSource.query(`SELECT id FROM payment_schedule WHERE employer_id = $1`, [
      s.employerB.employerId,
    ]);
    const both = await caseworker.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: caseworker.csrf, employerId: s.employerA.employerId, scheduleId: schedule.id, reason: 'Onderzoek.' })
      .expect(400);
    expect(both.text).toContain('Kies een werkgever of een betaalschema, niet allebei.');
    expect(both.text).not.toMatch(/give either|Error/);
    expect(await activeHolds()).toBe(0);
  });

  it('places a hold on an employer and on a schedule, shows the held payments, and lifts a hold', async () => {
    await caseworker.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: caseworker.csrf, employerId: s.employerA.employerId, reason: 'Onderzoek naar de urenregistratie.' })
      .expect(303);
    const [schedule] = await t.dataSource.query(`SELECT id FROM payment_schedule WHERE employer_id = $1`, [
      s.employerB.employerId,
    ]);
    const officer = await portalLogin(t, s.officer);
    await officer.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: officer.csrf, scheduleId: schedule.id, reason: 'Loonstroken ontbreken.' })
      .expect(303);
    const holds = await t.dataSource.query(`SELECT employer_id, schedule_id, reason FROM payment_hold ORDER BY created_at`);
    expect(holds).toEqual([
      { employer_id: s.employerA.employerId, schedule_id: null, reason: 'Onderzoek naar de urenregistratie.' },
      { employer_id: null, schedule_id: schedule.id, reason: 'Loonstroken ontbreken.' },
    ]);

    const page = await caseworker.agent.get(BASE).expect(200);
    expect(page.text).toContain('De blokkade is geplaatst.');
    expect(page.text).toContain('Werkgever Zorggroep Amstelland B.V.');
    expect(page.text).toMatch(/Betaalschema: Aanvraag AV-\d{7} – Thuiszorg Noord B.V./);
    // Both employers' six instalments are held.
    expect(page.text.match(/Termijn loonkostensubsidie/g)).toHaveLength(12);

    const [hold] = await t.dataSource.query(`SELECT id FROM payment_hold WHERE employer_id = $1`, [s.employerA.employerId]);
    await caseworker.agent.post(`${BASE}/${hold.id}/opheffen`).type('form').send({ _csrf: caseworker.csrf }).expect(303);
    const [released] = await t.dataSource.query(`SELECT released_at, released_by FROM payment_hold WHERE id = $1`, [hold.id]);
    expect(released.released_by).toBe(s.caseworker.id);
    const after = await caseworker.agent.get(BASE).expect(200);
    expect(after.text).toContain('De blokkade is opgeheven.');
    expect(after.text.match(/Termijn loonkostensubsidie/g)).toHaveLength(6);

    const again = await caseworker.agent
      .post(`${BASE}/${hold.id}/opheffen`)
      .type('form')
      .send({ _csrf: caseworker.csrf })
      .expect(409);
    expect(again.text).toContain('Dit kan nu niet');
    const missing = await caseworker.agent
      .post(`${BASE}/00000000-0000-4000-8000-000000000000/opheffen`)
      .type('form')
      .send({ _csrf: caseworker.csrf })
      .expect(404);
    expect(missing.text).toContain('Niet gevonden');
    const forged = await caseworker.agent.post(`${BASE}/${hold.id}/opheffen`).type('form').send({ _csrf: 'fout' }).expect(403);
    expect(forged.text).toContain('Formulier verlopen');
  });
});
