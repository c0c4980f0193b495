import { Clock } from '../../../src/common/clock';
import { portalLogin, type PortalAgent } from '../../support/portal';
import { enrolmentStatus, nominateNew, programmeWithCohorts, registerPartner } from './partner-scenario';
import { createEmployer, createTestApp, createUser, type TestApp, type TestUser } from '../../support/test-app';

/** Education partner portal: nominations per cohort, confirm/decline (one and whole cohort), progress, diploma, drop-out. */
describe('education partner portal', () => {
  let t: TestApp;
  let admin: TestUser;
  let caseworker: TestUser;
  let partner: PortalAgent;
  let otherPartner: PortalAgent;
  let employer: PortalAgent;
  let smallCohort: string; // 2 places
  let bigCohort: string; // 10 places
  let otherCohort: string; // another partner's
  const today = '2026-09-15';

  let nextParticipant = 0;
  // BSNs that pass the elfproef, one per participant.
  const BSNS = ['111222333', '123456782', '100000009', '200000007', '200000019', '200000020', '200000032', '200000044'].concat([
    '200000056',
    '200000068',
    '200000081',
    '200000093',
    '200000111',
    '200000123',
    '200000135',
    '200000147',
    '200000159',
    '200000160',
  ]);
  function nominate(cohortId: string): Promise<string> {
    const bsn = BSNS[nextParticipant++];
    return nominateNew(t, caseworker, cohortId, {
      givenNames: 'Fatima',
      familyName: 'El Amrani',
      dateOfBirth: '1985-03-15',
      bsn,
    });
  }

  const status = (enrolmentId: string) => enrolmentStatus(t, enrolmentId);

  function post(agent: PortalAgent, path: string, form: Record<string, string>) {
    return agent.agent
      .post(path)
      .type('form')
      .send({ _csrf: agent.csrf, ...form });
  }

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    admin = await createUser(t, ['admin']);
    caseworker = await createUser(t, ['caseworker']);
    const partnerId = await registerPartner(t, admin, 'ROC Amstelstad', '25LJ', 'NL20INGB0001234567');
    const otherId = await registerPartner(t, admin, 'ROC Noord', '30XY', 'NL91ABNA0417164300');
    partner = await portalLogin(t, await createUser(t, ['education-partner'], { educationPartnerId: partnerId }));
    otherPartner = await portalLogin(t, await createUser(t, ['education-partner'], { educationPartnerId: otherId }));
    employer = await portalLogin(t, await createUser(t, ['employer'], { employerId: await createEmployer(t) }));
    [smallCohort, bigCohort] = await programmeWithCohorts(t, admin, partnerId, [
      { startDate: '2026-09-01', capacity: 2 },
      { startDate: '2026-10-01', capacity: 10 },
    ]);
    [otherCohort] = await programmeWithCohorts(t, admin, otherId, [{ startDate: '2026-09-01', capacity: 5 }]);
  });
  afterAll(() => t.close());

  describe('Nominaties', () => {
    let first: string;
    let second: string;
    let third: string;

    beforeAll(async () => {
      first = await nominate(smallCohort);
      second = await nominate(smallCohort);
      third = await nominate(smallCohort);
    });

    it('lists the cohorts with places and open nominations, and the cohort page names participants without BSN', async () => {
      const overview = await partner.agent.get('/portaal/opleider').expect(200);
      expect(overview.text).toContain('<h1 class="ams-heading ams-heading--level-1">Nominaties</h1>');
      expect(overview.text).toContain('Start 1 september 2026');
      // Places 2, confirmed 0, free 2, open 3.
      expect(overview.text).toMatch(
        /Start 1 september 2026<\/a><\/th>\s*<td[^>]*>2<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>2<\/td>\s*<td[^>]*>3<\/td>/,
      );
      expect(overview.text).toContain('aria-current="page">Nominaties');

      const cohort = await partner.agent.get(`/portaal/opleider/groepen/${smallCohort}`).expect(200);
      expect(cohort.text).toContain('Fatima El Amrani');
      expect(cohort.text).toContain('15 maart 1985');
      expect(cohort.text).not.toMatch(/111222333|123456782|BSN/);
      expect(cohort.text).toContain(`/portaal/opleider/voordrachten/${first}/bevestigen`);
      expect(cohort.text).toContain(`/portaal/opleider/voordrachten/${first}/afwijzen`);
      expect(cohort.text).toContain('id="plaatsen-vrij">2<');

      const csv = await partner.agent.get('/portaal/opleider/open-nominaties.csv').expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.text.split('\n').filter((l) => l.includes(smallCohort) || l.includes('Fatima'))).toHaveLength(3);
    });

    it('refuses a confirmation with a wrong student number and an impossible date, in Dutch, and records nothing', async () => {
      const form = await partner.agent.get(`/portaal/opleider/voordrachten/${first}/bevestigen`).expect(200);
      expect(form.text).toContain('value="2026-09-01"'); // the cohort's start as default
      const res = await post(partner, `/portaal/opleider/voordrachten/${first}/bevestigen`, {
        studentNumber: 'S 12/34',
        actualStartDate: '2026-02-30',
      }).expect(400);
      expect(res.text).toContain('Vul een studentnummer in (letters, cijfers en streepjes).');
      expect(res.text).toContain('Vul een geldige datum in (dag, maand en jaar).');
      expect(res.text).toMatch(/id="studentNumber"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('Niet alle gegevens kloppen');
      expect(res.text).toContain('value="S 12/34"');
      expect(await status(first)).toBe('nominated');
    });

    it('confirms one nomination: status confirmed, the start tuition due, a success message on the cohort page', async () => {
      const form = await partner.agent.get(`/portaal/opleider/voordrachten/${first}/bevestigen`).expect(200);
      const version = /name="version" value="(\d+)"/.exec(form.text)![1];
      const res = await post(partner, `/portaal/opleider/voordrachten/${first}/bevestigen`, {
        version,
        studentNumber: 'S100200',
        actualStartDate: '2026-09-01',
      }).expect(303);
      expect(res.headers.location).toBe(`/portaal/opleider/groepen/${smallCohort}`);
      expect(await status(first)).toBe('confirmed');
      const tuition = await t.dataSource.query('SELECT amount_cents FROM payable_item WHERE enrolment_id = $1', [first]);
      expect(tuition).toEqual([{ amount_cents: '180000' }]);
      const page = await partner.agent.get(res.headers.location).expect(200);
      expect(page.text).toContain('De voordracht is bevestigd. (Fatima El Amrani)');
      expect(page.text).toContain('id="plaatsen-vrij">1<');
      expect(page.text).toContain('Bevestigd</span>');
      // The same form again: the nomination is no longer open.
      const again = await post(partner, `/portaal/opleider/voordrachten/${first}/bevestigen`, {
        studentNumber: 'S100200',
        actualStartDate: '2026-09-01',
      }).expect(409);
      expect(again.text).toContain('De status staat deze actie niet (meer) toe.');
    });

    it('refuses a form shown before someone else changed the enrolment (stale version)', async () => {
      const res = await post(partner, `/portaal/opleider/voordrachten/${second}/afwijzen`, {
        version: '99',
        reason: 'Geen plek',
      }).expect(412);
      expect(res.text).toContain('Iemand anders heeft dit intussen gewijzigd.');
      expect(await status(second)).toBe('nominated');
    });

    it('declines a nomination with a reason; without a reason it says so in Dutch', async () => {
      const empty = await post(partner, `/portaal/opleider/voordrachten/${second}/afwijzen`, { reason: '   ' }).expect(400);
      expect(empty.text).toContain(
        '<p class="ams-error-message" id="reason-error"><span class="ams-visually-hidden">Fout: </span>Vul dit veld in.</p>',
      );
      expect(await status(second)).toBe('nominated');
      await post(partner, `/portaal/opleider/voordrachten/${second}/afwijzen`, {
        reason: 'Geen praktijkplaats beschikbaar.',
      }).expect(303);
      const [row] = await t.dataSource.query('SELECT status, decline_reason FROM enrolment WHERE id = $1', [second]);
      expect(row).toEqual({ status: 'declined', decline_reason: 'Geen praktijkplaats beschikbaar.' });
    });

    it('shows another partner’s cohort and nominations as the Dutch 404 page, and refuses their forms', async () => {
      for (const path of [
        `/portaal/opleider/groepen/${smallCohort}`,
        `/portaal/opleider/voordrachten/${third}/bevestigen`,
        `/portaal/opleider/deelnemers/${first}`,
      ]) {
        const res = await otherPartner.agent.get(path).expect(404);
        expect(res.text).toContain('Niet gevonden');
        expect(res.text).not.toContain('Fatima');
      }
      await post(otherPartner, `/portaal/opleider/voordrachten/${third}/bevestigen`, {
        studentNumber: 'X1',
        actualStartDate: '2026-09-01',
      }).expect(404);
      await post(otherPartner, `/portaal/opleider/groepen/${smallCohort}/bevestigen`, {
        'confirmations[0].enrolmentId': third,
        'confirmations[0].include': 'true',
        'confirmations[0].studentNumber': 'X1',
        'confirmations[0].actualStartDate': '2026-09-01',
      }).expect(404);
      expect(await status(third)).toBe('nominated');
      // Its own cohort is fine, and shows none of ours.
      const own = await otherPartner.agent.get(`/portaal/opleider/groepen/${otherCohort}`).expect(200);
      expect(own.text).toContain('Er staan in deze groep geen voordrachten open.');
    });

    it('is closed to other roles', async () => {
      const res = await employer.agent.get('/portaal/opleider').expect(403);
      expect(res.text).toContain('Geen toegang');
      await employer.agent.get(`/portaal/opleider/groepen/${smallCohort}`).expect(403);
    });
  });

  describe('whole cohort', () => {
    let ids: string[];
    beforeAll(async () => {
      ids = [await nominate(bigCohort), await nominate(bigCohort), await nominate(bigCohort)];
    });

    function row(i: number, id: string, studentNumber: string, include = true) {
      return {
        [`confirmations[${i}].enrolmentId`]: id,
        ...(include ? { [`confirmations[${i}].include`]: 'true' } : {}),
        [`confirmations[${i}].studentNumber`]: studentNumber,
        [`confirmations[${i}].actualStartDate`]: '2026-10-01',
      };
    }

    it('refuses the whole batch when one row is wrong, marks that row in Dutch, and records nothing', async () => {
      const page = await partner.agent.get(`/portaal/opleider/groepen/${bigCohort}`).expect(200);
      expect(page.text).toContain('name="confirmations[2].studentNumber"');
      // Row 1 is left out; row 2 (the second selected) has no student number.
      const res = await post(partner, `/portaal/opleider/groepen/${bigCohort}/bevestigen`, {
        ...row(0, ids[0], 'S1'),
        ...row(1, ids[1], 'S2', false),
        ...row(2, ids[2], ''),
      }).expect(400);
      expect(res.text).toMatch(/id="confirmations\[2\]\.studentNumber"[^>]*aria-invalid="true"/);
      expect(res.text).not.toMatch(/id="confirmations\[0\]\.studentNumber"[^>]*aria-invalid="true"/);
      expect(res.text).toContain(
        'href="#confirmations[2].studentNumber">Studentnummer van Fatima El Amrani: Vul een studentnummer in (letters, cijfers en streepjes).',
      );
      expect(res.text).toContain('value="S1"'); // what was typed stays
      expect(res.text).not.toMatch(/name="confirmations\[1\]\.include" value="true" checked/);
      for (const id of ids) expect(await status(id)).toBe('nominated');
    });

    it('says per row which nominations no longer fit when the cohort is nearly full', async () => {
      // smallCohort has 1 place left and one open nomination (third); add two more.
      const extra = [await nominate(smallCohort), await nominate(smallCohort)];
      const res = await post(partner, `/portaal/opleider/groepen/${smallCohort}/bevestigen`, {
        ...row(0, extra[0], 'S10'),
        ...row(1, extra[1], 'S11'),
      }).expect(422);
      expect(res.text).toContain('Deze groep heeft nog maar 1 plaatsen.');
      expect(res.text).toMatch(/<tr id="confirmations\[1\]"[^>]*class="wk-row--invalid"/);
      expect(res.text).not.toMatch(/<tr id="confirmations\[0\]"[^>]*class="wk-row--invalid"/);
      for (const id of extra) expect(await status(id)).toBe('nominated');
    });

    it('asks to choose at least one nomination', async () => {
      const res = await post(partner, `/portaal/opleider/groepen/${bigCohort}/bevestigen`, {
        ...row(0, ids[0], 'S1', false),
      }).expect(422);
      expect(res.text).toContain('Kies ten minste één voordracht om te bevestigen.');
    });

    it('confirms all chosen nominations at once', async () => {
      const res = await post(partner, `/portaal/opleider/groepen/${bigCohort}/bevestigen`, {
        ...row(0, ids[0], 'S1'),
        ...row(1, ids[1], 'S2'),
        ...row(2, ids[2], 'S3'),
      }).expect(303);
      for (const id of ids) expect(await status(id)).toBe('confirmed');
      const numbers = await t.dataSource.query(
        'SELECT student_number FROM enrolment WHERE id = ANY($1) ORDER BY student_number',
        [ids],
      );
      expect(numbers.map((r: { student_number: string }) => r.student_number)).toEqual(['S1', 'S2', 'S3']);
      const page = await partner.agent.get(res.headers.location).expect(200);
      expect(page.text).toContain('De 3 voordrachten zijn bevestigd.');
      expect(page.text).toContain('id="plaatsen-vrij">7<');
      expect(page.text).toContain('Er staan in deze groep geen voordrachten open.');
    });
  });

  describe('Deelnemers', () => {
    let enrolment: string;
    beforeAll(async () => {
      enrolment = await nominate(bigCohort);
      await post(partner, `/portaal/opleider/voordrachten/${enrolment}/bevestigen`, {
        studentNumber: 'S900',
        actualStartDate: '2026-09-01',
      }).expect(303);
    });

    it('lists the partner’s enrolments with their status, filtered by status', async () => {
      const all = await partner.agent.get('/portaal/opleider/deelnemers').expect(200);
      expect(all.text).toContain('aria-current="page">Deelnemers');
      expect(all.text).toContain('Afgewezen</span>');
      expect(all.text).toContain(`/portaal/opleider/deelnemers/${enrolment}`);
      const declined = await partner.agent.get('/portaal/opleider/deelnemers?status=declined').expect(200);
      expect(declined.text).toContain('1 inschrijving<');
      expect(declined.text).not.toContain(`/portaal/opleider/deelnemers/${enrolment}"`);
      const wrong = await partner.agent.get('/portaal/opleider/deelnemers?status=weg').expect(400);
      expect(wrong.text).toContain('Niet alle gegevens kloppen');
      const others = await otherPartner.agent.get('/portaal/opleider/deelnemers').expect(200);
      expect(others.text).not.toContain('Fatima');
    });

    it('reports progress; a period that ends before it starts is refused in Dutch', async () => {
      const detail = await partner.agent.get(`/portaal/opleider/deelnemers/${enrolment}`).expect(200);
      expect(detail.text).toContain('Er is nog geen voortgang gemeld.');
      expect(detail.text).toContain(`/portaal/opleider/deelnemers/${enrolment}/voortgang`);
      expect(detail.text).not.toContain(`/voordrachten/${enrolment}/bevestigen`);
      const bad = await post(partner, `/portaal/opleider/deelnemers/${enrolment}/voortgang`, {
        periodStart: '2026-09-30',
        periodEnd: '2026-09-01',
        attendancePercentage: '101',
        resultSummary: 'Goed',
      }).expect(400);
      expect(bad.text).toContain('Vul maximaal 100 in.');
      const reversed = await post(partner, `/portaal/opleider/deelnemers/${enrolment}/voortgang`, {
        periodStart: '2026-09-30',
        periodEnd: '2026-09-01',
        attendancePercentage: '92,5',
        resultSummary: 'Goed',
      }).expect(400);
      expect(reversed.text).toContain('Deze datum ligt te vroeg.');
      expect(await t.dataSource.query('SELECT 1 FROM progress_report WHERE enrolment_id = $1', [enrolment])).toEqual([]);
      await post(partner, `/portaal/opleider/deelnemers/${enrolment}/voortgang`, {
        periodStart: '2026-09-01',
        periodEnd: '2026-09-14',
        attendancePercentage: '92,5',
        resultSummary: 'Praktijkopdracht 1 behaald.',
      }).expect(303);
      const after = await partner.agent.get(`/portaal/opleider/deelnemers/${enrolment}`).expect(200);
      expect(after.text).toContain('De voortgang is gemeld.');
      expect(after.text).toContain('92,5%');
      expect(after.text).toContain('Praktijkopdracht 1 behaald.');
      expect(after.text).toContain('Bezig met opleiding</span>');
    });

    it('refuses a diploma dated in the future, and one of another partner', async () => {
      const res = await post(partner, `/portaal/opleider/deelnemers/${enrolment}/diploma`, { diplomaDate: '2027-07-01' }).expect(
        422,
      );
      expect(res.text).toContain('Deze datum mag niet in de toekomst liggen.');
      await post(otherPartner, `/portaal/opleider/deelnemers/${enrolment}/diploma`, { diplomaDate: '2026-09-10' }).expect(404);
      expect(await status(enrolment)).toBe('in-progress');
    });

    it('records a drop-out with date and reason, after which no more forms are offered', async () => {
      const bad = await post(partner, `/portaal/opleider/deelnemers/${enrolment}/uitval`, {
        dropoutDate: '2026-08-01',
        reason: 'Werk gevonden',
      }).expect(422);
      expect(bad.text).toContain('Deze datum moet op of na 1 september 2026 liggen.');
      expect(await status(enrolment)).toBe('in-progress');
      await post(partner, `/portaal/opleider/deelnemers/${enrolment}/uitval`, {
        dropoutDate: '2026-09-14',
        reason: 'Werk gevonden buiten de zorg.',
      }).expect(303);
      const [row] = await t.dataSource.query('SELECT status, dropout_date, dropout_reason FROM enrolment WHERE id = $1', [
        enrolment,
      ]);
      expect(row).toEqual({ status: 'dropped-out', dropout_date: '2026-09-14', dropout_reason: 'Werk gevonden buiten de zorg.' });
      const detail = await partner.agent.get(`/portaal/opleider/deelnemers/${enrolment}`).expect(200);
      expect(detail.text).toContain('Uitgevallen</span>');
      expect(detail.text).not.toContain(`/deelnemers/${enrolment}/diploma`);
      const closed = await partner.agent.get(`/portaal/opleider/deelnemers/${enrolment}/diploma`).expect(409);
      expect(closed.text).toContain('Dit kan nu niet');
    });

    it('records a diploma', async () => {
      const id = await nominate(bigCohort);
      await post(partner, `/portaal/opleider/voordrachten/${id}/bevestigen`, {
        studentNumber: 'S901',
        actualStartDate: '2026-09-01',
      }).expect(303);
      await post(partner, `/portaal/opleider/deelnemers/${id}/diploma`, { diplomaDate: '2026-09-15' }).expect(303);
      const [row] = await t.dataSource.query('SELECT status, diploma_date FROM enrolment WHERE id = $1', [id]);
      expect(row).toEqual({ status: 'completed', diploma_date: '2026-09-15' });
      const tuition = await t.dataSource.query(
        'SELECT amount_cents FROM payable_item WHERE enrolment_id = $1 ORDER BY due_date',
        [id],
      );
      expect(tuition).toEqual([{ amount_cents: '180000' }, { amount_cents: '270000' }]);
    });

    it('answers an unknown action or the wrong area with the Dutch 404 page', async () => {
      await partner.agent.get(`/portaal/opleider/deelnemers/${enrolment}/onbekend`).expect(404);
      await partner.agent.get(`/portaal/opleider/voordrachten/${enrolment}/uitval`).expect(404);
      const bad = await partner.agent.get('/portaal/opleider/deelnemers/geen-id').expect(400);
      expect(bad.text).toContain('Niet alle gegevens kloppen');
    });
  });

  describe('whole cohort, declining', () => {
    let ids: string[];
    let theirs: string;
    const reason = 'De groep gaat niet door.';
    const declineReasons = async () =>
      (await t.dataSource.query('SELECT decline_reason FROM enrolment WHERE id = ANY($1)', [ids])).map(
        (r: { decline_reason: string | null }) => r.decline_reason,
      );

    beforeAll(async () => {
      ids = [await nominate(bigCohort), await nominate(bigCohort), await nominate(bigCohort)];
      theirs = await nominate(otherCohort);
    });

    function chosen(rows: Array<[string, boolean]>, declineReason = reason) {
      const form: Record<string, string> = { declineReason, declineConfirmed: 'true' };
      rows.forEach(([id, include], i) => {
        form[`confirmations[${i}].enrolmentId`] = id;
        if (include) form[`confirmations[${i}].include`] = 'true';
      });
      return form;
    }

    it('offers one reason and an "afwijzen" button for the rows chosen on the cohort form', async () => {
      const page = await partner.agent.get(`/portaal/opleider/groepen/${bigCohort}`).expect(200);
      expect(page.text).toContain(`formaction="/portaal/opleider/groepen/${bigCohort}/afwijzen">Gekozen voordrachten afwijzen<`);
      expect(page.text).toMatch(/<label class="ams-label" for="declineReason">Reden van afwijzing<\/label>/);
    });

    it('never declines another partner’s nomination posted into our form: it is no row of this cohort', async () => {
      const res = await post(partner, `/portaal/opleider/groepen/${bigCohort}/afwijzen`, chosen([[theirs, true]])).expect(422);
      expect(res.text).toContain('Kies ten minste één voordracht om af te wijzen.');
      expect(await status(theirs)).toBe('nominated');
    });

    it('refuses all when a chosen row was answered in the meantime, with the message on that row', async () => {
      // Someone confirmed ids[1] after the page was shown.
      await post(partner, `/portaal/opleider/voordrachten/${ids[1]}/bevestigen`, {
        studentNumber: 'S950',
        actualStartDate: '2026-10-01',
      }).expect(303);
      const res = await post(
        partner,
        `/portaal/opleider/groepen/${bigCohort}/afwijzen`,
        chosen([
          [ids[0], true],
          [ids[1], true],
          [ids[2], true],
        ]),
      ).expect(422);
      expect(res.text).toMatch(/<tr id="confirmations\[1\]"[^>]*class="wk-row--invalid"/);
      expect(res.text).not.toMatch(/<tr id="confirmations\[0\]"[^>]*class="wk-row--invalid"/);
      expect(res.text).toContain('href="#confirmations[1]">Fatima El Amrani: Deze inschrijving heeft de status confirmed');
      expect(res.text).toContain(reason); // the reason typed stays
      expect([await status(ids[0]), await status(ids[2])]).toEqual(['nominated', 'nominated']);
      expect(await declineReasons()).toEqual([null, null, null]);
    });

    it('asks for the reason and for at least one chosen nomination, in Dutch', async () => {
      const noReason = await post(
        partner,
        `/portaal/opleider/groepen/${bigCohort}/afwijzen`,
        chosen([[ids[0], true]], '  '),
      ).expect(400);
      expect(noReason.text).toContain('href="#declineReason">Reden van afwijzing: Vul dit veld in.');
      expect(noReason.text).toMatch(/id="declineReason"[^>]*aria-invalid="true"/);
      // Every row starts ticked: declining needs an explicit yes, or nothing happens.
      const { declineConfirmed: _, ...unconfirmed } = chosen([[ids[0], true]]);
      const notConfirmed = await post(partner, `/portaal/opleider/groepen/${bigCohort}/afwijzen`, unconfirmed).expect(422);
      expect(notConfirmed.text).toContain('Vink aan dat u de 1 gekozen voordrachten wilt afwijzen.');
      expect(await declineReasons()).toEqual([null, null, null]);
      const none = await post(partner, `/portaal/opleider/groepen/${bigCohort}/afwijzen`, chosen([[ids[0], false]])).expect(422);
      expect(none.text).toContain('Kies ten minste één voordracht om af te wijzen.');
      expect(await status(ids[0])).toBe('nominated');
    });

    it('declines the chosen nominations at once with the one reason', async () => {
      const res = await post(
        partner,
        `/portaal/opleider/groepen/${bigCohort}/afwijzen`,
        chosen([
          [ids[0], true],
          [ids[2], true],
        ]),
      ).expect(303);
      expect([await status(ids[0]), await status(ids[2])]).toEqual(['declined', 'declined']);
      expect(await status(ids[1])).toBe('confirmed');
      expect(await declineReasons()).toEqual(expect.arrayContaining([reason, reason, null]));
      const page = await partner.agent.get(res.headers.location).expect(200);
      expect(page.text).toContain('De 2 voordrachten zijn afgewezen.');
      expect(page.text).toContain('Er staan in deze groep geen voordrachten open.');
    });

    it('refuses another partner’s decline of our cohort with the Dutch 404 page', async () => {
      const other = await nominate(bigCohort);
      await post(otherPartner, `/portaal/opleider/groepen/${bigCohort}/afwijzen`, chosen([[other, true]])).expect(404);
      expect(await status(other)).toBe('nominated');
    });
  });
});
