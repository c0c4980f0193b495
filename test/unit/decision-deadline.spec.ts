import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import {
  DECISION_TERM_WEEKS,
  WAGE_VALUE_TERM_WEEKS,
  decidedWithinTerm,
  decisionClock,
  wageValueEstablished,
  type DecisionClockInput,
  type Suspension,
} from '../../src/applications/domain/decision-deadline';
import { isWorkingDay } from '../../src/common/dates/working-days';

/**
 * Hand-computed examples. Day arithmetic: 8 weeks = 56 days; month lengths in 2026:
 * Jan 31, Feb 28, Mar 31, Apr 30, May 31. Holidays 2026: Tweede Paasdag Mon 6 Apr,
 * Koningsdag Mon 27 Apr, Bevrijdingsdag Tue 5 May, Hemelvaart Thu 14 May, Tweede Pinksterdag Mon 25 May,
 * Kerst Fri 25 / Sat 26 Dec.
 */
function clock(overrides: Partial<DecisionClockInput> & Pick<DecisionClockInput, 'submittedOn'>) {
  return decisionClock({ suspensions: [], extensionWeeks: null, today: overrides.submittedOn, ...overrides });
}

describe('decisionClock', () => {
  it('uses a term of 8 weeks', () => {
    expect(DECISION_TERM_WEEKS).toBe(8);
  });

  it('plain 8 weeks: Mon 9 Mar 2026 + 56 = Mon 4 May 2026 (9 Mar + 22 = 31 Mar, + 30 = 30 Apr, + 4 = 4 May)', () => {
    const result = clock({ submittedOn: '2026-03-09', today: '2026-03-09' });
    expect(result).toEqual({
      baseDeadline: '2026-05-04',
      deadline: '2026-05-04',
      awbDeadline: '2026-05-04',
      wageValueTerm: null,
      endsFirst: 'awb',
      suspendedDays: 0,
      suspended: false,
      extensionWeeks: null,
      daysLeft: 56,
      state: 'running',
    });
  });

  it('Mon 2 Mar 2026 + 56 = Mon 27 Apr 2026 (2 Mar + 29 = 31 Mar, + 27 = 27 Apr), which is Koningsdag -> Tue 28 Apr', () => {
    const result = clock({ submittedOn: '2026-03-02' });
    expect(result.baseDeadline).toBe('2026-04-27');
    expect(result.deadline).toBe('2026-04-28');
  });

  it('a deadline on a Saturday moves to Monday: Sat 7 Mar 2026 + 56 = Sat 2 May -> Mon 4 May', () => {
    const result = clock({ submittedOn: '2026-03-07' });
    expect(result.baseDeadline).toBe('2026-05-02');
    expect(result.deadline).toBe('2026-05-04');
  });

  it('a deadline on Tweede Paasdag moves: Mon 9 Feb 2026 + 56 (9 Feb + 19 = 28 Feb, + 31 = 31 Mar, + 6 = 6 Apr) -> Tue 7 Apr', () => {
    const result = clock({ submittedOn: '2026-02-09' });
    expect(result.baseDeadline).toBe('2026-04-06');
    expect(result.deadline).toBe('2026-04-07');
  });

  it('a deadline on Eerste Kerstdag: Fri 30 Oct 2026 + 56 (+1 = 31 Oct, +30 = 30 Nov, +25 = 25 Dec) -> Fri 25, Sat 26, Sun 27 -> Mon 28 Dec', () => {
    const result = clock({ submittedOn: '2026-10-30' });
    expect(result.baseDeadline).toBe('2026-12-25');
    expect(result.deadline).toBe('2026-12-28');
  });

  // Base case for the examples below: Mon 12 Jan 2026 + 56 (12 Jan + 19 = 31 Jan, + 28 = 28 Feb, + 9 = 9 Mar) = Mon 9 Mar 2026.
  const SUBMITTED = '2026-01-12';
  const BASE = '2026-03-09';

  // Awb 4:15: a suspension runs from the day after the request until the day the information
  // arrives, so it counts the days strictly between the two dates: max(0, until - from - 1).
  // An open suspension counts as if the information arrives today.

  it('one closed suspension (20 Jan -> 30 Jan suspends 21..29 Jan = 30 - 20 - 1 = 9 days): 9 Mar + 9 = Wed 18 Mar', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-01-20', until: '2026-01-30' }],
      today: '2026-02-02',
    });
    expect(result.baseDeadline).toBe(BASE);
    expect(result.suspendedDays).toBe(9);
    expect(result.deadline).toBe('2026-03-18');
    expect(result.suspended).toBe(false);
    expect(result.state).toBe('running');
    // 2 Feb -> 28 Feb = 26, + 18 = 44
    expect(result.daysLeft).toBe(44);
  });

  it('an open suspension counts up to today and the state is suspended', () => {
    // Request sent Mon 2 Feb, still open on Mon 9 Feb: as if the answer arrived today, 3..8 Feb = 9 - 2 - 1 = 6 days.
    // Deadline 9 Mar + 6 = Sun 15 Mar -> Mon 16 Mar; daysLeft 9 Feb -> 28 Feb = 19, + 16 = 35.
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-02-02', until: null }],
      today: '2026-02-09',
    });
    expect(result).toEqual({
      baseDeadline: BASE,
      deadline: '2026-03-16',
      awbDeadline: '2026-03-16',
      wageValueTerm: null,
      endsFirst: 'awb',
      suspendedDays: 6,
      suspended: true,
      extensionWeeks: null,
      daysLeft: 35,
      state: 'suspended',
    });
  });

  it('an open suspension sent today suspends 0 days so far', () => {
    const result = clock({ submittedOn: SUBMITTED, suspensions: [{ from: '2026-02-09', until: null }], today: '2026-02-09' });
    expect(result.suspendedDays).toBe(0);
    expect(result.deadline).toBe(BASE);
    expect(result.state).toBe('suspended');
  });

  it('two suspensions add up: 9 + 2 = 11 days; 9 Mar + 11 = Fri 20 Mar', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      // Given out of order on purpose: order does not matter.
      suspensions: [
        { from: '2026-02-10', until: '2026-02-13' }, // 11..12 Feb = 13 - 10 - 1 = 2
        { from: '2026-01-20', until: '2026-01-30' }, // 21..29 Jan = 30 - 20 - 1 = 9
      ],
      today: '2026-02-20',
    });
    expect(result.suspendedDays).toBe(11);
    expect(result.deadline).toBe('2026-03-20');
    // 20 Feb -> 28 Feb = 8, + 20 = 28
    expect(result.daysLeft).toBe(28);
    expect(result.state).toBe('running');
  });

  it('a closed and then an open suspension add up: 9 + (17..19 Feb = today 20 Feb - 16 Feb - 1 = 3) = 12; 9 Mar + 12 = Sat 21 Mar -> Mon 23 Mar', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [
        { from: '2026-01-20', until: '2026-01-30' },
        { from: '2026-02-16', until: null },
      ],
      today: '2026-02-20',
    });
    expect(result.suspendedDays).toBe(12);
    expect(result.deadline).toBe('2026-03-23');
    expect(result.state).toBe('suspended');
  });

  it('a new request on the day the previous answer arrived is allowed: (21..29 Jan = 9) + (31 Jan..2 Feb = 3 Feb - 30 Jan - 1 = 3) = 12; 9 Mar + 12 = Sat 21 Mar -> Mon 23 Mar', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [
        { from: '2026-01-20', until: '2026-01-30' },
        { from: '2026-01-30', until: '2026-02-03' },
      ],
      today: '2026-02-20',
    });
    expect(result.suspendedDays).toBe(12);
    expect(result.deadline).toBe('2026-03-23');
  });

  it('an extension of 4 weeks: Tue 13 Jan 2026 + 56 = Tue 10 Mar, + 28 (10 Mar + 21 = 31 Mar, + 7) = Tue 7 Apr', () => {
    const result = clock({ submittedOn: '2026-01-13', extensionWeeks: 4, today: '2026-03-01' });
    expect(result.baseDeadline).toBe('2026-03-10');
    expect(result.deadline).toBe('2026-04-07');
    expect(result.extensionWeeks).toBe(4);
    // 1 Mar -> 31 Mar = 30, + 7 = 37
    expect(result.daysLeft).toBe(37);
  });

  it('suspension and extension combine: 9 Mar + 9 + 28 = 18 Mar + 28 (18 Mar + 13 = 31 Mar, + 15) = Wed 15 Apr', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-01-20', until: '2026-01-30' }],
      extensionWeeks: 4,
      today: '2026-03-01',
    });
    expect(result.suspendedDays).toBe(9);
    expect(result.deadline).toBe('2026-04-15');
  });

  it('overdue: deadline Mon 9 Mar, today Fri 20 Mar -> daysLeft 9 - 20 = -11', () => {
    const result = clock({ submittedOn: SUBMITTED, today: '2026-03-20' });
    expect(result.deadline).toBe(BASE);
    expect(result.daysLeft).toBe(-11);
    expect(result.state).toBe('overdue');
  });

  it('on the deadline day itself it is still running with 0 days left', () => {
    const result = clock({ submittedOn: SUBMITTED, today: BASE });
    expect(result.daysLeft).toBe(0);
    expect(result.state).toBe('running');
  });

  it('an open suspension after the base deadline is still "suspended", not "overdue"', () => {
    // Suspension from 2 Mar, today 20 Mar: 3..19 Mar = 20 - 2 - 1 = 17 days; 9 Mar + 17 = Thu 26 Mar; daysLeft 26 - 20 = 6.
    const result = clock({ submittedOn: SUBMITTED, suspensions: [{ from: '2026-03-02', until: null }], today: '2026-03-20' });
    expect(result.suspendedDays).toBe(17);
    expect(result.deadline).toBe('2026-03-26');
    expect(result.daysLeft).toBe(6);
    expect(result.state).toBe('suspended');
  });

  it('a request answered the same day suspends 0 days', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-01-20', until: '2026-01-20' }],
      today: '2026-02-01',
    });
    expect(result.suspendedDays).toBe(0);
    expect(result.deadline).toBe(BASE);
  });

  it('a request answered the next day suspends 0 days (no day lies strictly between 20 and 21 Jan)', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-01-20', until: '2026-01-21' }],
      today: '2026-02-01',
    });
    expect(result.suspendedDays).toBe(0);
    expect(result.deadline).toBe(BASE);
    expect(result.suspended).toBe(false);
    expect(result.state).toBe('running');
  });

  describe('programming errors throw', () => {
    it.each<[string, Suspension[]]>([
      [
        'overlapping closed suspensions',
        [
          { from: '2026-01-20', until: '2026-01-30' },
          { from: '2026-01-25', until: '2026-02-02' },
        ],
      ],
      [
        'two open suspensions',
        [
          { from: '2026-01-20', until: null },
          { from: '2026-01-25', until: null },
        ],
      ],
      [
        'a suspension after an open one',
        [
          { from: '2026-01-20', until: null },
          { from: '2026-01-25', until: '2026-01-27' },
        ],
      ],
      [
        'an open suspension starting inside a closed one',
        [
          { from: '2026-01-20', until: '2026-01-30' },
          { from: '2026-01-20', until: null },
        ],
      ],
      ['a suspension ending before it starts', [{ from: '2026-01-20', until: '2026-01-19' }]],
      ['a suspension before submission', [{ from: '2026-01-11', until: '2026-01-19' }]],
      ['an open suspension starting after today', [{ from: '2026-02-21', until: null }]],
    ])('%s', (_label, suspensions) => {
      expect(() => clock({ submittedOn: SUBMITTED, suspensions, today: '2026-02-20' })).toThrow(Error);
    });

    it('invalid extension or dates', () => {
      expect(() => clock({ submittedOn: SUBMITTED, extensionWeeks: 0 })).toThrow(Error);
      expect(() => clock({ submittedOn: SUBMITTED, extensionWeeks: 1.5 })).toThrow(Error);
      expect(() => clock({ submittedOn: '2026-02-30' })).toThrow(Error);
    });
  });
});

describe('decisionClock properties', () => {
  const START = LocalDate.parse('2014-01-01').toEpochDay();
  const END = LocalDate.parse('2090-12-31').toEpochDay();

  /** Non-overlapping suspensions built from gaps and lengths; optionally the last one is open. */
  const inputArb = fc
    .record({
      submitted: fc.integer({ min: START, max: END }),
      pieces: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 0, max: 40 }) }), {
        maxLength: 4,
      }),
      lastOpen: fc.boolean(),
      todayOffset: fc.integer({ min: 0, max: 200 }),
      extensionWeeks: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    })
    .map(({ submitted, pieces, lastOpen, todayOffset, extensionWeeks }): DecisionClockInput => {
      const day = (n: number) => LocalDate.ofEpochDay(n).toString();
      let cursor = submitted;
      const suspensions: Suspension[] = pieces.map(({ gap, length }) => {
        const from = cursor + gap;
        cursor = from + length;
        return { from: day(from), until: day(cursor) };
      });
      let today = submitted + todayOffset;
      if (lastOpen && suspensions.length > 0) {
        const last = suspensions[suspensions.length - 1];
        last.until = null;
        today = Math.max(today, LocalDate.parse(last.from).toEpochDay());
      }
      return { submittedOn: day(submitted), suspensions, extensionWeeks, today: day(today) };
    });

  it('the deadline is never earlier than baseDeadline and is always a working day', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = decisionClock(input);
        expect(result.deadline >= result.baseDeadline).toBe(true);
        expect(isWorkingDay(result.deadline)).toBe(true);
        expect(result.daysLeft).toBe(LocalDate.parse(result.deadline).toEpochDay() - LocalDate.parse(input.today).toEpochDay());
      }),
    );
  });

  it('adding a suspension never makes the deadline earlier', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, pick) => {
        fc.pre(input.suspensions.length > 0);
        const index = pick % input.suspensions.length;
        const without = { ...input, suspensions: input.suspensions.filter((_, i) => i !== index) };
        // Removing one of non-overlapping suspensions keeps the rest valid.
        expect(decisionClock(input).deadline >= decisionClock(without).deadline).toBe(true);
      }),
    );
  });
});

describe('decidedWithinTerm: a decision is late only after the application’s own term', () => {
  const submitted = { submittedOn: '2026-01-02', extensionWeeks: null };

  it('is in time up to and including the deadline (Fri 27 Feb 2026), late the next working day', () => {
    expect(decidedWithinTerm(submitted, [], '2026-02-27')).toBe(true);
    expect(decidedWithinTerm(submitted, [], '2026-03-02')).toBe(false);
  });

  it('moves a deadline on a Saturday to Monday (Atw), though that is more than 8 calendar weeks', () => {
    // Submitted Sat 3 Jan: 8 weeks end Sat 28 Feb, so the term ends Mon 2 Mar (58 days, the 9th week).
    expect(decidedWithinTerm({ submittedOn: '2026-01-03', extensionWeeks: null }, [], '2026-03-02')).toBe(true);
    expect(decidedWithinTerm({ submittedOn: '2026-01-03', extensionWeeks: null }, [], '2026-03-03')).toBe(false);
  });

  it('adds the days suspended for information (Awb 4:15) and the one extension (Awb 4:14)', () => {
    // Asked Mon 5 Jan, received Fri 16 Jan: 10 days suspended, deadline Mon 9 Mar.
    const requests = [{ requestedOn: '2026-01-05', receivedOn: '2026-01-16' }];
    expect(decidedWithinTerm(submitted, requests, '2026-03-09')).toBe(true);
    expect(decidedWithinTerm(submitted, requests, '2026-03-10')).toBe(false);
    // Extended by 2 weeks: deadline Fri 13 Mar.
    expect(decidedWithinTerm({ ...submitted, extensionWeeks: 2 }, [], '2026-03-13')).toBe(true);
    expect(decidedWithinTerm({ ...submitted, extensionWeeks: 2 }, [], '2026-03-16')).toBe(false);
  });

  it('counts a decision given while information is still awaited as in time, and ignores requests sent after it', () => {
    expect(decidedWithinTerm(submitted, [{ requestedOn: '2026-02-20', receivedOn: null }], '2026-03-20')).toBe(true);
    expect(decidedWithinTerm(submitted, [{ requestedOn: '2026-03-05', receivedOn: null }], '2026-03-02')).toBe(false);
  });
});

/**
 * Participatiewet art. 10d (Breed offensief): the decision follows within 5 weeks (35 days) after the
 * wage value is established, besides the Awb term. Day arithmetic as above; Feb 2026 has 28 days.
 * Submitted Mon 2 Feb 2026: the Awb term ends 2 Feb + 56 = Mon 30 Mar (2 Feb + 26 = 28 Feb, + 30 = 30 Mar).
 */
describe('the five-week term after the wage value is established', () => {
  const SUBMITTED = '2026-02-02';
  const AWB = '2026-03-30';
  const assessed = (on: string) => ({ on, basis: 'wage-value-assessment' as const });

  it('uses a term of 5 weeks', () => {
    expect(WAGE_VALUE_TERM_WEEKS).toBe(5);
  });

  it('ends first when the wage value is known early: assessed Mon 9 Feb + 35 = Mon 16 Mar, before the Awb 30 Mar', () => {
    const result = clock({ submittedOn: SUBMITTED, today: '2026-02-09', wageValueEstablished: assessed('2026-02-09') });
    expect(result.awbDeadline).toBe(AWB);
    expect(result.wageValueTerm).toEqual({
      establishedOn: '2026-02-09',
      basis: 'wage-value-assessment',
      startsOn: '2026-02-09',
      baseDeadline: '2026-03-16',
      deadline: '2026-03-16',
      suspendedDays: 0,
    });
    expect(result.endsFirst).toBe('wage-value');
    expect(result.deadline).toBe('2026-03-16');
    // 9 Feb -> 28 Feb = 19, + 16 = 35.
    expect(result.daysLeft).toBe(35);
  });

  it('leaves the Awb term first when the wage value comes late: Mon 9 Mar + 35 = Mon 13 Apr, after 30 Mar', () => {
    const result = clock({ submittedOn: SUBMITTED, today: '2026-03-09', wageValueEstablished: assessed('2026-03-09') });
    expect(result.wageValueTerm?.deadline).toBe('2026-04-13');
    expect(result.endsFirst).toBe('awb');
    expect(result.deadline).toBe(AWB);
  });

  it('says both when they end the same day: Mon 23 Feb + 35 = Mon 30 Mar', () => {
    const result = clock({ submittedOn: SUBMITTED, today: '2026-02-23', wageValueEstablished: assessed('2026-02-23') });
    expect(result.wageValueTerm?.deadline).toBe(AWB);
    expect(result.endsFirst).toBe('both');
    expect(result.deadline).toBe(AWB);
  });

  it('starts from the decision that no measurement is needed just as from an assessment (art. 10d lid 1 sub b)', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      today: '2026-02-09',
      wageValueEstablished: { on: '2026-02-09', basis: 'no-measurement-needed' },
    });
    expect(result.wageValueTerm).toEqual(expect.objectContaining({ basis: 'no-measurement-needed', deadline: '2026-03-16' }));
    expect(result.deadline).toBe('2026-03-16');
  });

  it('is suspended by an information request like the Awb term: asked Fri 13 Feb, answered Mon 23 Feb suspends 14..22 Feb = 9 days, so 16 Mar + 9 = Wed 25 Mar', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-02-13', until: '2026-02-23' }],
      today: '2026-02-23',
      wageValueEstablished: assessed('2026-02-09'),
    });
    expect(result.wageValueTerm).toEqual(expect.objectContaining({ suspendedDays: 9, deadline: '2026-03-25' }));
    // The Awb term moves by the same 9 days: 30 Mar + 9 = Wed 8 Apr.
    expect(result.awbDeadline).toBe('2026-04-08');
    expect(result.endsFirst).toBe('wage-value');
    expect(result.deadline).toBe('2026-03-25');
  });

  it('is not suspended by a request answered before the wage value was established: asked 3 Feb, answered 13 Feb, assessed Mon 16 Feb -> 16 Feb + 35 = Mon 23 Mar', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-02-03', until: '2026-02-13' }],
      today: '2026-02-16',
      wageValueEstablished: assessed('2026-02-16'),
    });
    expect(result.suspendedDays).toBe(9);
    expect(result.awbDeadline).toBe('2026-04-08');
    expect(result.wageValueTerm).toEqual(expect.objectContaining({ suspendedDays: 0, deadline: '2026-03-23' }));
    expect(result.deadline).toBe('2026-03-23');
  });

  it('counts only the suspended days after it started: asked 3 Feb, answered 13 Feb, assessed 9 Feb -> 10..12 Feb = 3 days, 16 Mar + 3 = Thu 19 Mar', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-02-03', until: '2026-02-13' }],
      today: '2026-02-13',
      wageValueEstablished: assessed('2026-02-09'),
    });
    expect(result.wageValueTerm).toEqual(expect.objectContaining({ suspendedDays: 3, deadline: '2026-03-19' }));
  });

  it('shows the state "suspended" while information is awaited, also past the five weeks', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      suspensions: [{ from: '2026-03-10', until: null }],
      today: '2026-03-20',
      wageValueEstablished: assessed('2026-02-09'),
    });
    // 11..19 Mar = 9 days so far: 16 Mar + 9 = Wed 25 Mar.
    expect(result.deadline).toBe('2026-03-25');
    expect(result.state).toBe('suspended');
  });

  it('makes the application overdue after the five weeks although the Awb term still runs', () => {
    const onTheDay = clock({ submittedOn: SUBMITTED, today: '2026-03-16', wageValueEstablished: assessed('2026-02-09') });
    expect(onTheDay).toEqual(expect.objectContaining({ state: 'running', daysLeft: 0 }));
    const dayAfter = clock({ submittedOn: SUBMITTED, today: '2026-03-17', wageValueEstablished: assessed('2026-02-09') });
    expect(dayAfter).toEqual(expect.objectContaining({ state: 'overdue', daysLeft: -1, awbDeadline: AWB }));
  });

  it('is not lengthened by the extension of the Awb term (Awb 4:14): extended 4 weeks to Mon 27 Apr (Koningsdag) -> Tue 28 Apr; assessed Mon 16 Mar + 35 = Mon 20 Apr ends first', () => {
    const result = clock({
      submittedOn: SUBMITTED,
      extensionWeeks: 4,
      today: '2026-03-16',
      wageValueEstablished: assessed('2026-03-16'),
    });
    expect(result.awbDeadline).toBe('2026-04-28');
    expect(result.wageValueTerm?.deadline).toBe('2026-04-20');
    expect(result.deadline).toBe('2026-04-20');
  });

  it('moves off a holiday (Atw): assessed Mon 23 Mar + 35 = Mon 27 Apr, Koningsdag -> Tue 28 Apr', () => {
    // Submitted Mon 9 Mar: Awb term Mon 4 May.
    const result = clock({ submittedOn: '2026-03-09', today: '2026-03-23', wageValueEstablished: assessed('2026-03-23') });
    expect(result.wageValueTerm).toEqual(expect.objectContaining({ baseDeadline: '2026-04-27', deadline: '2026-04-28' }));
    expect(result.deadline).toBe('2026-04-28');
  });

  it('starts no earlier than the application: assessed 20 Jan, submitted Mon 2 Feb -> 2 Feb + 35 = Mon 9 Mar', () => {
    const result = clock({ submittedOn: SUBMITTED, today: SUBMITTED, wageValueEstablished: assessed('2026-01-20') });
    expect(result.wageValueTerm).toEqual(
      expect.objectContaining({ establishedOn: '2026-01-20', startsOn: SUBMITTED, deadline: '2026-03-09' }),
    );
  });

  it('is started by the first assessment or the no-measurement decision, whichever came first', () => {
    expect(wageValueEstablished([], null)).toBeNull();
    expect(wageValueEstablished(['2026-03-01', '2026-02-10'], null)).toEqual(assessed('2026-02-10'));
    expect(wageValueEstablished(['2026-03-01'], '2026-02-20')).toEqual({ on: '2026-02-20', basis: 'no-measurement-needed' });
    expect(wageValueEstablished(['2026-02-20'], '2026-02-20')).toEqual(assessed('2026-02-20'));
  });

  it('decided within term: counts the earlier term, and ignores a wage value established after the decision', () => {
    // Submitted Fri 2 Jan (Awb term Fri 27 Feb); assessed Mon 5 Jan + 35 = Mon 9 Feb.
    const application = { submittedOn: '2026-01-02', extensionWeeks: null, wageValueEstablished: assessed('2026-01-05') };
    expect(decidedWithinTerm(application, [], '2026-02-09')).toBe(true);
    expect(decidedWithinTerm(application, [], '2026-02-10')).toBe(false);
    const laterAssessment = { ...application, wageValueEstablished: assessed('2026-02-20') };
    expect(decidedWithinTerm(laterAssessment, [], '2026-02-19')).toBe(true);
  });

  it('property: the deadline is the earlier of the two terms, never after the Awb term, and a working day', () => {
    const START = LocalDate.parse('2014-01-01').toEpochDay();
    const END = LocalDate.parse('2090-12-31').toEpochDay();
    const day = (n: number) => LocalDate.ofEpochDay(n).toString();
    fc.assert(
      fc.property(
        fc.integer({ min: START, max: END }),
        fc.integer({ min: -30, max: 120 }),
        fc.option(fc.record({ gap: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 0, max: 40 }) }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
        (submitted, establishedOffset, request, extensionWeeks) => {
          const suspensions: Suspension[] = request
            ? [{ from: day(submitted + request.gap), until: day(submitted + request.gap + request.length) }]
            : [];
          const today = day(
            Math.max(submitted + Math.max(0, establishedOffset), submitted + (request ? request.gap + request.length : 0)),
          );
          const input = { submittedOn: day(submitted), suspensions, extensionWeeks, today };
          const withTerm = decisionClock({ ...input, wageValueEstablished: assessed(day(submitted + establishedOffset)) });
          const without = decisionClock(input);
          const term = withTerm.wageValueTerm!;
          expect(withTerm.awbDeadline).toBe(without.deadline);
          expect(withTerm.deadline).toBe(term.deadline < withTerm.awbDeadline ? term.deadline : withTerm.awbDeadline);
          expect(withTerm.deadline <= without.deadline).toBe(true);
          expect(isWorkingDay(term.deadline)).toBe(true);
          expect(LocalDate.parse(term.deadline).toEpochDay()).toBeGreaterThanOrEqual(
            LocalDate.parse(term.startsOn).toEpochDay() + 7 * WAGE_VALUE_TERM_WEEKS + term.suspendedDays,
          );
        },
      ),
    );
  });
});
