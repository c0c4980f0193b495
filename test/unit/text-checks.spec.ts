import { isWellFormedText } from '../../src/common/http/request-guards';
import { formatPostalCode } from '../../src/decisions/pdf/format-nl';
import { isEmailAddress } from '../../src/common/validation/is-email-address';

describe('text checks that must never throw', () => {
  it('answers false for an e-mail address with a lone surrogate (validator.js throws URIError on it)', () => {
    expect(isEmailAddress('\ud800x')).toBe(false);
    expect(isEmailAddress('x\udc00@example.nl')).toBe(false);
    expect(isEmailAddress('hr@example.nl')).toBe(true);
    expect(isEmailAddress(42)).toBe(false);
  });

  it('tells well-formed Unicode from lone surrogates, accepting surrogate pairs', () => {
    expect(isWellFormedText('Zorggroep 😀')).toBe(true);
    expect(isWellFormedText('\ud800')).toBe(false);
    expect(isWellFormedText('a\udfffb')).toBe(false);
    expect(isWellFormedText('\ude00\ud83d')).toBe(false);
  });

  it('writes a Dutch postal code with its space and capitals, and leaves anything else as given', () => {
    expect(formatPostalCode('1015KD')).toBe('1015 KD');
    expect(formatPostalCode('1015 kd')).toBe('1015 KD');
    expect(formatPostalCode('B-1000')).toBe('B-1000');
  });
});
