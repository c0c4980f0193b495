import { isWithinObjectionTerm, objectionDeadline } from '../../src/decisions/domain/objection-term';

describe('objection term (Awb 6:7, 6:8, Algemene termijnenwet)', () => {
  it('ends six weeks after the sending date', () => {
    // Sent Tue 3 March 2026; the term starts Wed 4 March and ends Tue 14 April 2026.
    expect(objectionDeadline('2026-03-03')).toBe('2026-04-14');
  });

  it('moves a last day on a Saturday to the Monday', () => {
    // Sent Sat 7 March 2026 (e.g. a batch run): + 6 weeks = Sat 18 April → Mon 20 April.
    expect(objectionDeadline('2026-03-07')).toBe('2026-04-20');
  });

  it('moves a last day on a public holiday to the next working day', () => {
    // Sent Mon 16 March 2026: + 6 weeks = Mon 27 April = Koningsdag → Tue 28 April.
    expect(objectionDeadline('2026-03-16')).toBe('2026-04-28');
  });

  it('counts an objection received on the last day as on time, the next day as late', () => {
    expect(isWithinObjectionTerm('2026-04-14', '2026-04-14')).toBe(true);
    expect(isWithinObjectionTerm('2026-04-15', '2026-04-14')).toBe(false);
  });
});
