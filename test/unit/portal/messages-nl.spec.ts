import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  BusinessRuleViolation,
  Conflict,
  FourEyesViolation,
  InvalidInput,
  NotFound,
} from '../../../src/common/errors/domain-errors';
import { dutchReason, hasDutchReason, toDutchError } from '../../../src/portal/shared/messages-nl';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Reasons written as plain string literals in the services and DTOs (`reason: '…'`, `message: '…'`). */
function literalReasons(): string[] {
  const reasons = new Set<string>();
  for (const file of sourceFiles(join(__dirname, '../../../src'))) {
    if (file.includes('/portal/') || file.includes('/config/')) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:reason|message): '([^']+)'/g)) reasons.add(match[1]);
    // Identifier checks return their reason directly.
    if (file.includes('/identifiers/')) for (const match of text.matchAll(/return '([a-z][^']+)';/g)) reasons.add(match[1]);
  }
  return [...reasons];
}

describe('Dutch messages for the API reasons', () => {
  it('has a Dutch text for every reason the API code writes as a literal', () => {
    const reasons = literalReasons();
    expect(reasons.length).toBeGreaterThan(50);
    // Whole-sentence service messages (with a capital) are not field reasons.
    // Enum values in SQL or API schemas are not reasons.
    const missing = reasons.filter((r) => /^[a-z]/.test(r) && !/^[a-z]+(-[a-z]+)+$/.test(r) && !hasDutchReason(r));
    expect(missing).toEqual([]);
  });

  it('fills in the values a reason carries', () => {
    expect(dutchReason('must not be more than 40')).toBe('Vul maximaal 40 in.');
    expect(dutchReason('the cohort has only 3 places left')).toBe('Deze groep heeft nog maar 3 plaatsen.');
    expect(dutchReason('must be a Dutch postal code like 1096 BC')).toBe('Vul een postcode in zoals 1096 BC.');
    expect(dutchReason('something no rule says')).toBe('Deze waarde is niet geldig.');
    // class-validator's own messages name the field first.
    expect(dutchReason('jobTitle must be longer than or equal to 1 characters')).toBe('Vul dit veld in.');
    expect(dutchReason('rates[3].hourly must not be greater than 100')).toBe('Vul maximaal 100 in.');
    // Dates and amounts inside the sentence in Dutch notation.
    expect(dutchReason('must be 2026-07-01 (the day after the previous period ends)')).toBe(
      'Deze datum moet 1 juli 2026 zijn (de dag na het einde van de vorige periode).',
    );
    expect(dutchReason('must be 11.94 (50% of the adult amount 23.88, rounded to the cent)')).toBe('Dit moet € 11,94 zijn.');
    // The application window names its last day (Participatiewet art. 10d).
    expect(
      dutchReason(
        'the application must be submitted within 6 months after the employment started on 2026-01-15; the last day was 2026-07-15',
      ),
    ).toBe(
      'De aanvraag moest binnen 6 maanden na de start van het dienstverband (15 januari 2026) binnen zijn. De laatste dag om aan te vragen was 15 juli 2026.',
    );
    expect(
      dutchReason('the application must be submitted before the employment starts on 2026-04-01; the last day was 2026-03-31'),
    ).toBe(
      'De aanvraag moest vóór de start van het dienstverband (1 april 2026) binnen zijn. De laatste dag om aan te vragen was 31 maart 2026.',
    );
  });

  it('turns domain errors into a Dutch title, message and field reasons with the API status', () => {
    const invalid = toDutchError(new InvalidInput([{ name: 'hoursPerWeek', reason: 'must be more than 0' }]));
    expect(invalid).toEqual({
      status: 400,
      title: 'Niet alle gegevens kloppen',
      message: 'Controleer de gemarkeerde velden.',
      fields: { hoursPerWeek: 'Vul een getal groter dan 0 in.' },
    });
    expect(toDutchError(new FourEyesViolation('Same person')).status).toBe(403);
    expect(toDutchError(new FourEyesViolation('Same person')).message).toMatch(/tweede medewerker/);
    expect(toDutchError(new NotFound('Application', 'x')).title).toBe('Niet gevonden');
    expect(toDutchError(new Conflict('dup')).status).toBe(409);
    // A rule violation whose message is a known reason shows that reason.
    expect(toDutchError(new BusinessRuleViolation('the cohort has no places left')).message).toBe('Deze groep is vol.');
  });

  it('answers unknown errors with a general Dutch 500 text and database races with their API status', () => {
    const unknown = toDutchError(new Error('boom at line 3'));
    expect(unknown.status).toBe(500);
    expect(unknown.message).not.toContain('boom');
    const race = toDutchError(Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(race.status).toBe(409);
  });
});
