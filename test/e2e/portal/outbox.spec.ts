import { portalLogin, type PortalAgent } from '../../support/portal';
import { createTestApp, createUser, type TestApp } from '../../support/test-app';

const BASE = '/portaal/backoffice/verwerking';

describe('portal: processing of issued decisions (the outbox), for admins', () => {
  let t: TestApp;
  let admin: PortalAgent;
  let failedId: string;

  beforeAll(async () => {
    // A slow poll: the page is looked at, not the processing.
    t = await createTestApp({ OUTBOX_POLL_MS: '600000' });
    admin = await portalLogin(t, await createUser(t, ['admin']));
    const payload = {
      type: 'recovery',
      decisionId: '00000000-0000-4000-8000-000000000042',
      decisionNumber: 'LKS-2026-000042',
      applicationId: '00000000-0000-4000-8000-000000000043',
      months: [],
    };
    [{ id: failedId }] = await t.dataSource.query(
      `INSERT INTO outbox_event (type, payload, attempts, last_error, failed_at, processed_at)
       VALUES ('decision.issued', $1, 8, 'TypeError: event.months is not iterable', now(), NULL) RETURNING id::text`,
      [payload],
    );
    await t.dataSource.query(
      `INSERT INTO outbox_event (type, payload, attempts, last_error, next_attempt_at)
       VALUES ('decision.issued', $1, 2, 'QueryFailedError: Connection terminated unexpectedly', now() + interval '1 hour')`,
      [{ ...payload, decisionId: '00000000-0000-4000-8000-000000000044', decisionNumber: 'LKS-2026-000044', type: 'change' }],
    );
  }, 60_000);
  afterAll(() => t.close());

  it('is for admins only, and only they see it in the menu', async () => {
    for (const role of ['caseworker', 'approver', 'payment-officer'] as const) {
      const other = await portalLogin(t, await createUser(t, [role]));
      const denied = await other.agent.get(BASE).expect(403);
      expect(denied.text).toContain('Geen toegang');
      await other.agent.post(`${BASE}/${failedId}/opnieuw`).type('form').send({ _csrf: other.csrf }).expect(403);
      const home = await other.agent.get('/portaal/backoffice').expect(200);
      expect(home.text).not.toContain(`href="${BASE}"`);
    }
    const [{ failed_at }] = await t.dataSource.query(`SELECT failed_at FROM outbox_event WHERE id = $1`, [failedId]);
    expect(failed_at).not.toBeNull();
  });

  it('lists the decisions set aside with their error and those being retried, in Dutch', async () => {
    const page = await admin.agent.get(BASE).expect(200);
    expect(page.text).toContain('<h1 class="ams-heading ams-heading--level-1">Verwerking van besluiten</h1>');
    expect(page.text).toMatch(new RegExp(`<a class="wk-nav__link" href="${BASE}" aria-current="page">Verwerking</a>`));
    expect(page.text).toContain('Niet verwerkt (1)');
    expect(page.text).toContain('LKS-2026-000042');
    expect(page.text).toContain('Terugvorderingsbesluit');
    expect(page.text).toContain('TypeError: event.months is not iterable');
    expect(page.text).toContain(`action="${BASE}/${failedId}/opnieuw"`);
    expect(page.text).toContain('Opnieuw verwerken');
    // Being retried: shown with its next attempt, without a retry button.
    expect(page.text).toContain('LKS-2026-000044');
    expect(page.text).toContain('Wijzigingsbesluit');
    expect(page.text).toContain('QueryFailedError: Connection terminated unexpectedly');
    expect(page.text.match(/Opnieuw verwerken<span/g)).toHaveLength(1);
  });

  it('retries a set-aside event with the CSRF token, audited, and refuses a post without it', async () => {
    await admin.agent.post(`${BASE}/${failedId}/opnieuw`).type('form').send({ _csrf: 'wrong' }).expect(403);
    const res = await admin.agent.post(`${BASE}/${failedId}/opnieuw`).type('form').send({ _csrf: admin.csrf }).expect(303);
    expect(res.headers.location).toBe(BASE);
    const [event] = await t.dataSource.query(`SELECT attempts, failed_at FROM outbox_event WHERE id = $1`, [failedId]);
    expect(event).toEqual({ attempts: 0, failed_at: null });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'outbox-event.retried' AND entity_id = $1`,
      [failedId],
    );
    expect(n).toBe(1);
    const page = await admin.agent.get(BASE).expect(200);
    expect(page.text).toContain('Besluit LKS-2026-000042 wordt opnieuw verwerkt.');
    expect(page.text).toContain('Niet verwerkt (0)');
    // Retrying it again: it is no longer set aside.
    const again = await admin.agent.post(`${BASE}/${failedId}/opnieuw`).type('form').send({ _csrf: admin.csrf }).expect(409);
    expect(again.text).toContain('Dit kan nu niet');
    await admin.agent.post(`${BASE}/abc/opnieuw`).type('form').send({ _csrf: admin.csrf }).expect(400);
  });
});
