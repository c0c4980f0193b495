import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { binary } from '../support/http';
import {
  createParticipant,
  issueDecision,
  proposedApplication,
  registerEmployer,
  verifyPendingBankAccount,
} from '../support/scenario';
import { validatePain001 } from '../support/sepa';
import { onDay } from '../support/clock';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

/** Small chunks, so even a few transfers span several, and cuts fall inside elements. */
const CHUNK = 300;

/** Approval streams the SEPA file into chunks in its transaction; download streams them back. */
describe('SEPA file stored and downloaded in chunks', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let officer: TestUser;
  let officer2: TestUser;

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const chunksOf = async (runId: string): Promise<Array<{ seq: number; bytes: Buffer }>> =>
    t.dataSource.query(`SELECT seq, bytes FROM payment_run_file_chunk WHERE run_id = $1 ORDER BY seq`, [runId]);
  const createRun = async (runDate: string) =>
    (await onDay(t, runDate, () => t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate }).expect(201))).body;
  const approve = (runId: string, idempotencyKey = `approve-${runId}`) =>
    t.http.post(`/api/v1/payment-runs/${runId}/approve`).set(bearer(officer2)).set('Idempotency-Key', idempotencyKey);
  const download = (runId: string) =>
    binary(t.http.get(`/api/v1/payment-runs/${runId}/sepa-file`).set(bearer(officer))).expect(200);

  beforeAll(async () => {
    t = await createTestApp({ SEPA_FILE_CHUNK_BYTES: String(CHUNK) });
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => '2026-01-20');
    caseworker = await createUser(t, ['caseworker']);
    const caseworker2 = await createUser(t, ['caseworker']);
    const approver = await createUser(t, ['approver']);
    officer = await createUser(t, ['payment-officer']);
    officer2 = await createUser(t, ['payment-officer']);
    const payees: Array<[string, string, string]> = [
      ['12345678', 'Zorggroep Amstelland B.V.', '111222333'],
      ['87654321', 'Thuiszorg Noord B.V.', '123456782'],
      ['11223344', 'Kuçük Zorg & Welzijn <Zuidoost>', '100000009'],
    ];
    for (const [kvk, name, bsn] of payees) {
      const employer = await registerEmployer(t, kvk, `hr-${kvk}@zorg.nl`, name);
      await verifyPendingBankAccount(t, employer.employerId, caseworker2);
      const applicationId = await proposedApplication(t, employer.user, caseworker, await createParticipant(t, caseworker, bsn));
      await issueDecision(t, caseworker, approver, { applicationId, type: 'grant' });
    }
  });
  afterAll(() => t.close());

  it('downloads the chunks in order as one valid file whose SHA-256 is the one stored at approval', async () => {
    const run = await createRun('2026-03-15');
    expect(run).toEqual(expect.objectContaining({ payeeCount: 3, itemCount: 6, total: '6529.62' }));
    const approved = await approve(run.id).expect(200);

    const chunks = await chunksOf(run.id);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    expect(chunks.slice(0, -1).every((c) => c.bytes.length === CHUNK)).toBe(true);
    const stored = Buffer.concat(chunks.map((c) => c.bytes));

    const file = await download(run.id);
    expect(file.body.equals(stored)).toBe(true);
    expect(sha256(file.body)).toBe(approved.body.sepaSha256);
    expect(file.headers.etag).toBe(`"${approved.body.sepaSha256}"`);
    expect(file.headers['content-type']).toMatch(/^application\/xml/);
    expect(file.headers['content-length']).toBe(String(file.body.length));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${run.runNumber}.xml"`);

    expect((await validatePain001(file.body)).errors).toEqual([]);
    const xml = file.body.toString('utf8');
    expect(xml).toContain('<GrpHdr><MsgId>');
    expect(xml).toContain('<NbOfTxs>3</NbOfTxs><CtrlSum>6529.62</CtrlSum>');
    expect(xml.match(/<InstdAmt Ccy="EUR">2176.54<\/InstdAmt>/g)).toHaveLength(3);
    expect(xml).toContain('<Nm>Kucuk Zorg Welzijn Zuidoost</Nm>');
    expect(xml).toMatch(/<Ustrd>Werkkans BR-\d{6} LKS-2026-00000\d 2026-01 2026-02<\/Ustrd>/);
    expect(xml.endsWith('</PmtInf></CstmrCdtTrfInitn></Document>')).toBe(true);
  });

  it('keeps no part of the file when approval fails midway through the export, and the retry writes it once', async () => {
    const run = await createRun('2026-04-15');
    const query = EntityManager.prototype.query;
    let written = 0;
    const crash = jest.spyOn(EntityManager.prototype, 'query').mockImplementation(function (this: EntityManager, sql, params) {
      if (sql.startsWith('INSERT INTO payment_run_file_chunk') && ++written === 3) {
        return Promise.reject(new Error('simulated crash while the file is being written'));
      }
      return query.call(this, sql, params);
    });
    try {
      expect((await approve(run.id)).status).toBe(500);
    } finally {
      crash.mockRestore();
    }
    expect(written).toBe(3);
    expect(await chunksOf(run.id)).toEqual([]);
    const after = await t.http.get(`/api/v1/payment-runs/${run.id}`).set(bearer(officer)).expect(200);
    expect(after.body).toEqual(expect.objectContaining({ status: 'created', sepaSha256: null }));
    await t.http.get(`/api/v1/payment-runs/${run.id}/sepa-file`).set(bearer(officer)).expect(409);

    const retried = await approve(run.id).expect(200);
    const again = await approve(run.id).expect(200);
    expect(again.body).toEqual(retried.body);
    const chunks = await chunksOf(run.id);
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    const file = await download(run.id);
    expect(file.body.equals(Buffer.concat(chunks.map((c) => c.bytes)))).toBe(true);
    expect(sha256(file.body)).toBe(retried.body.sepaSha256);
    expect((await validatePain001(file.body)).errors).toEqual([]);
  });

  it('pages through more transfers than one cursor fetch holds, in the same order as the transfer list', async () => {
    const payees = 1_234;
    // Payees straight in the database: employers with a verified account and a correction due each.
    await t.dataSource.query(
      `WITH e AS (
         INSERT INTO employer (name, kvk_number) SELECT 'Bulk Zorg ' || i || ' B.V.', (20000000 + i)::text FROM generate_series(1, $1::int) i
         RETURNING id, kvk_number),
       b AS (
         INSERT INTO bank_account (employer_id, iban, account_holder, bic, status, requested_by, decided_by, decided_at)
         SELECT id, 'NL91ABNA0417164300', 'Bulk', 'ABNANL2A', 'verified', $2::uuid, $3::uuid, now() FROM e)
       INSERT INTO payable_item (kind, employer_id, due_date, amount_cents, description, status)
       SELECT 'lks-correction', id, '2026-05-01', 100 + kvk_number::int % 1000, 'Bulk correction', 'open' FROM e`,
      [payees, caseworker.id, officer.id],
    );
    const run = await createRun('2026-05-15');
    expect(run.payeeCount).toBe(payees + 3);
    const approved = await approve(run.id).expect(200);
    const file = await download(run.id);
    expect(sha256(file.body)).toBe(approved.body.sepaSha256);
    expect((await validatePain001(file.body)).errors).toEqual([]);
    const xml = file.body.toString('utf8');
    expect(xml).toContain(`<NbOfTxs>${payees + 3}</NbOfTxs><CtrlSum>${approved.body.total}</CtrlSum>`);
    const transfers = await t.http.get(`/api/v1/payment-runs/${run.id}/transfers`).set(bearer(officer)).expect(200);
    const endToEndIds = [...xml.matchAll(/<EndToEndId>([^<]+)<\/EndToEndId>/g)].map((m) => m[1]);
    expect(endToEndIds).toEqual(transfers.body.map((x: { endToEndId: string }) => x.endToEndId));
  });
});
