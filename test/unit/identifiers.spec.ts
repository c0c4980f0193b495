import fc from 'fast-check';
import { validate } from 'class-validator';
import {
  formatIbanForDisplay,
  isValidBsn,
  normalizeBic,
  normalizeBrinCode,
  normalizeBsn,
  normalizeIban,
  normalizePayrollTaxNumber,
  passesElfproef,
  validateBic,
  validateBrinCode,
  validateBsn,
  validateCreboCode,
  validateIban,
  validateKvkNumber,
  validatePayrollTaxNumber,
} from '../../src/common/identifiers/identifiers';
import {
  IsBic,
  IsBrinCode,
  IsBsn,
  IsCreboCode,
  IsIban,
  IsKvkNumber,
  IsPayrollTaxNumber,
} from '../../src/common/identifiers/identifier.decorators';

/** Weighted sum of the first 8 digits (weights 9..2), computed independently of the implementation. */
function prefixSum(prefix: string): number {
  return [...prefix].reduce((sum, digit, i) => sum + (9 - i) * Number(digit), 0);
}

describe('BSN', () => {
  it.each([
    // 9*1 + 8*1 + 7*1 + 6*2 + 5*2 + 4*2 + 3*3 + 2*3 = 9+8+7+12+10+8+9+6 = 69; 69 - 1*3 = 66 = 6*11
    '111222333',
    // 9*1 + 8*2 + 7*3 + 6*4 + 5*5 + 4*6 + 3*7 + 2*8 = 9+16+21+24+25+24+21+16 = 156; 156 - 2 = 154 = 14*11
    '123456782',
    // 9*(9+8+7+6+5+4+3+2) = 9*44 = 396; 396 - 0 = 396 = 36*11
    '999999990',
    // 8*1 = 8; 8 - 8 = 0: a leading zero (historic 8-digit number) must survive as a string
    '010000008',
  ])('accepts %s', (bsn) => {
    expect(validateBsn(bsn)).toBeNull();
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    // 156 - 9 = 147 = 13*11 + 4
    ['123456789', 'fails the elfproef (11-test)'],
    // 69 - 4 = 65 = 5*11 + 10
    ['111222334', 'fails the elfproef (11-test)'],
    // 9*6 = 54 = 4*11 + 10: no single last digit can make 54 - d9 divisible by 11
    ['600000000', 'fails the elfproef (11-test)'],
    ['600000009', 'fails the elfproef (11-test)'],
    ['000000000', 'must not be all zeros'],
    ['11122233', 'must be 9 digits'],
    ['1112223330', 'must be 9 digits'],
    ['111 222 333', 'must be 9 digits'],
    ['11122233a', 'must be 9 digits'],
    ['', 'is required'],
  ])('rejects %j: %s', (bsn, reason) => {
    expect(validateBsn(bsn)).toBe(reason);
  });

  it('rejects non-strings', () => {
    expect(validateBsn(undefined)).toBe('is required');
    expect(validateBsn(null)).toBe('is required');
    expect(validateBsn(111222333)).toBe('must be a string');
  });

  it('normalizes spaces, dots and dashes', () => {
    expect(normalizeBsn(' 1112.22.333 ')).toBe('111222333');
    expect(normalizeBsn('111-222-333')).toBe('111222333');
  });

  it('property: for any 8-digit prefix exactly the check digits with sum divisible by 11 are accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const prefix = String(n).padStart(8, '0');
        const sum = prefixSum(prefix);
        const accepted = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => validateBsn(prefix + d) === null);
        const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter(
          (d) => (sum - d) % 11 === 0 && !(prefix === '00000000' && d === 0),
        );
        expect(accepted).toEqual(expected);
        expect(accepted.length).toBeLessThanOrEqual(1);
        // Only a remainder of 10 leaves a prefix without a valid check digit.
        if (prefix !== '00000000') expect(accepted.length).toBe(sum % 11 === 10 ? 0 : 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a reason never contains the value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (bsn) => {
        const reason = validateBsn(bsn);
        if (reason !== null) expect(reason).not.toContain(bsn);
        expect(passesElfproef(bsn)).toBe(reason === null || bsn === '000000000');
      }),
    );
  });
});

describe('KvK number', () => {
  it('accepts 8 digits, including a leading zero', () => {
    expect(validateKvkNumber('12345678')).toBeNull();
    expect(validateKvkNumber('01234567')).toBeNull();
  });
  it.each(['1234567', '123456789', '1234567a', '1234 5678'])('rejects %j', (kvk) => {
    expect(validateKvkNumber(kvk)).toBe('must be 8 digits');
  });
});

describe('payroll tax number (loonheffingennummer)', () => {
  it('accepts a fiscal number that passes the 11-test, L and a sub-number', () => {
    expect(validatePayrollTaxNumber('123456782L01')).toBeNull();
    expect(validatePayrollTaxNumber('111222333L99')).toBeNull();
  });
  it('normalizes lowercase l and spaces, but the validator itself only takes the canonical form', () => {
    expect(normalizePayrollTaxNumber(' 1234.56.782 l01 ')).toBe('123456782L01');
    expect(validatePayrollTaxNumber('123456782l01')).toMatch(/^must be 9 digits, the letter 'L'/);
  });
  it.each([
    ['123456789L01', 'fiscal number fails the elfproef (11-test)'],
    ['000000000L01', 'fiscal number must not be all zeros'],
    ['123456782L00', 'sub-number must be between 01 and 99'],
    ['123456782L1', "must be 9 digits, the letter 'L' and 2 digits (e.g. 123456782L01)"],
    ['123456782B01', "must be 9 digits, the letter 'L' and 2 digits (e.g. 123456782L01)"],
    ['12345678L01', "must be 9 digits, the letter 'L' and 2 digits (e.g. 123456782L01)"],
    ['', 'is required'],
  ])('rejects %j: %s', (value, reason) => {
    expect(validatePayrollTaxNumber(value)).toBe(reason);
  });
});

describe('IBAN', () => {
  it.each(['NL91ABNA0417164300', 'NL44RABO0123456789', 'DE89370400440532013000', 'GB82WEST12345698765432', 'BE68539007547034'])(
    'accepts %s',
    (iban) => expect(validateIban(iban)).toBeNull(),
  );
  it.each([
    ['NL91ABNA0417164301', 'fails the mod-97 check'],
    ['NL92ABNA0417164300', 'fails the mod-97 check'],
    ['NL91AB120417164300', 'a Dutch IBAN must be NL, 2 check digits, a 4-letter bank code and 10 digits'],
    ['NL91ABNA041716430', 'a Dutch IBAN must be NL, 2 check digits, a 4-letter bank code and 10 digits'],
    ['XX91ABNA0417164300', 'has an unknown country code'],
    ['DE8937040044053201300', 'has the wrong length for its country'],
    ['nl91abna0417164300', 'must be a country code, 2 check digits and letters or digits, without spaces'],
    ['NL91 ABNA 0417 1643 00', 'must be a country code, 2 check digits and letters or digits, without spaces'],
    ['', 'is required'],
  ])('rejects %j: %s', (iban, reason) => {
    expect(validateIban(iban)).toBe(reason);
  });
  it('normalizes to the electronic format and formats for display in groups of 4', () => {
    expect(normalizeIban(' nl91 abna 0417 1643 00 ')).toBe('NL91ABNA0417164300');
    expect(validateIban(normalizeIban('nl91 abna 0417 1643 00'))).toBeNull();
    expect(formatIbanForDisplay('NL91ABNA0417164300')).toBe('NL91 ABNA 0417 1643 00');
  });
});

describe('BIC', () => {
  it.each(['ABNANL2A', 'ABNANL2AXXX', 'INGBNL2A', 'RABONL2U'])('accepts %s', (bic) => {
    expect(validateBic(bic)).toBeNull();
  });
  it.each(['ABNANL2', 'ABNANL2AXX', 'AB1ANL2A', 'abnanl2a', 'ABNA NL 2A'])('rejects %j', (bic) => {
    expect(validateBic(bic)).toMatch(/^must be 8 or 11 characters/);
  });
  it('normalizes case and spaces', () => {
    expect(validateBic(normalizeBic(' abna nl 2a '))).toBeNull();
  });
});

describe('crebo and BRIN', () => {
  it('exactly 5 digits', () => {
    expect(validateCreboCode('25180')).toBeNull();
    expect(validateCreboCode('2518')).toBe('must be 5 digits');
    expect(validateCreboCode('251800')).toBe('must be 5 digits');
  });
  it('BRIN: 2 digits and 2 uppercase letters', () => {
    expect(validateBrinCode('25LJ')).toBeNull();
    expect(validateBrinCode('25lj')).toMatch(/^must be 2 digits followed by 2 uppercase letters/);
    expect(validateBrinCode('2LJ5')).toMatch(/^must be 2 digits followed by 2 uppercase letters/);
    expect(validateBrinCode(normalizeBrinCode(' 25lj'))).toBeNull();
  });
});

describe('class-validator decorators', () => {
  class Registration {
    @IsBsn() bsn: string;
    @IsKvkNumber() kvkNumber: string;
    @IsPayrollTaxNumber() payrollTaxNumber: string;
    @IsIban() iban: string;
    @IsBic() bic: string;
    @IsCreboCode() crebo: string;
    @IsBrinCode() brin: string;
  }

  function registration(overrides: Partial<Registration> = {}): Registration {
    return Object.assign(new Registration(), {
      bsn: '111222333',
      kvkNumber: '12345678',
      payrollTaxNumber: '123456782L01',
      iban: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
      crebo: '25180',
      brin: '25LJ',
      ...overrides,
    });
  }

  it('accepts a valid object', async () => {
    expect(await validate(registration())).toEqual([]);
  });

  it('reports the reason per field under its own constraint name', async () => {
    const errors = await validate(
      registration({
        bsn: '123456789',
        kvkNumber: '1234',
        payrollTaxNumber: '123456782L00',
        iban: 'NL91ABNA0417164301',
        bic: 'XYZ',
        crebo: '1',
        brin: '25lj',
      }),
    );
    const byProperty = Object.fromEntries(errors.map((e) => [e.property, e.constraints]));
    expect(byProperty).toEqual({
      bsn: { isBsn: 'fails the elfproef (11-test)' },
      kvkNumber: { isKvkNumber: 'must be 8 digits' },
      payrollTaxNumber: { isPayrollTaxNumber: 'sub-number must be between 01 and 99' },
      iban: { isIban: 'fails the mod-97 check' },
      bic: { isBic: expect.stringMatching(/^must be 8 or 11 characters/) },
      crebo: { isCreboCode: 'must be 5 digits' },
      brin: { isBrinCode: expect.stringMatching(/^must be 2 digits followed by 2 uppercase letters/) },
    });
  });

  it('never echoes the value in a message', async () => {
    const invalidBsns = ['123456789', '600000000', '12345678', '1234567890'];
    for (const bsn of invalidBsns) {
      // value/target off, as an API's ValidationPipe should be configured, so only messages remain.
      const errors = await validate(registration({ bsn }), { validationError: { target: false, value: false } });
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors)).not.toContain(bsn);
    }
  });

  it('supports each: true and custom options', async () => {
    class Batch {
      @IsIban({ each: true }) ibans: string[];
      @IsBsn({ message: 'bsn is not valid' }) bsn: string;
    }
    const batch = Object.assign(new Batch(), { ibans: ['NL91ABNA0417164300', 'NL91ABNA0417164301'], bsn: '1' });
    const errors = await validate(batch);
    const byProperty = Object.fromEntries(errors.map((e) => [e.property, e.constraints]));
    expect(byProperty).toEqual({
      ibans: { isIban: 'each value fails the mod-97 check' },
      bsn: { isBsn: 'bsn is not valid' },
    });
  });
});
