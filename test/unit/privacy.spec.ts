import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { BsnProtector, parseKey } from '../../src/common/privacy/bsn-protector';
import {
  bsnRedactingHooks,
  REDACTED,
  REDACTED_BSN,
  redactLogLine,
  redactPersonalData,
} from '../../src/common/privacy/log-redaction';

const BSN = '111222333'; // valid: 69 - 3 = 66 = 6*11 (see identifiers.spec.ts)
const OTHER_BSN = '123456782';
const INVALID_BSN = '123456789';

function newProtector(): BsnProtector {
  return new BsnProtector({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
}

/** Runs fn, expecting it to throw, and returns the error message. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

function tamper(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
}

describe('BsnProtector', () => {
  it('round-trips encrypt/decrypt in the versioned format', () => {
    const protector = newProtector();
    const stored = protector.encrypt(BSN);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{12}$/);
    expect(stored).not.toContain(BSN);
    expect(protector.decrypt(stored)).toBe(BSN);
  });

  it('produces a different ciphertext each time for the same BSN', () => {
    const protector = newProtector();
    const a = protector.encrypt(BSN);
    const b = protector.encrypt(BSN);
    expect(a).not.toBe(b);
    expect(protector.decrypt(a)).toBe(protector.decrypt(b));
  });

  it('throws on tampering with IV, tag or ciphertext, on a wrong key and on a wrong format', () => {
    const protector = newProtector();
    const [version, iv, tag, ciphertext] = protector.encrypt(BSN).split('.');
    const variants = [
      [version, tamper(iv), tag, ciphertext],
      [version, iv, tamper(tag), ciphertext],
      [version, iv, tag, tamper(ciphertext)],
    ].map((parts) => parts.join('.'));
    for (const stored of variants) {
      expect(() => protector.decrypt(stored)).toThrow('BsnProtector: stored BSN could not be decrypted');
    }
    expect(() => newProtector().decrypt([version, iv, tag, ciphertext].join('.'))).toThrow(/could not be decrypted/);
    const malformed = ['', `v2.${iv}.${tag}.${ciphertext}`, `${version}.${iv}.${tag}`, `v1.${iv}.${tag}.${ciphertext}!`];
    for (const stored of malformed) {
      expect(() => protector.decrypt(stored)).toThrow('BsnProtector: stored BSN has an unknown format');
    }
  });

  it('lookupHash is deterministic per key and differs between keys and BSNs', () => {
    const hashKey = randomBytes(32);
    const a = new BsnProtector({ encryptionKey: randomBytes(32), hashKey });
    const b = new BsnProtector({ encryptionKey: randomBytes(32), hashKey });
    const other = newProtector();
    expect(a.lookupHash(BSN)).toMatch(/^[0-9a-f]{64}$/);
    expect(a.lookupHash(BSN)).toBe(a.lookupHash(BSN));
    // Same hash key, different encryption key: look-ups still match, which key rotation relies on.
    expect(b.lookupHash(BSN)).toBe(a.lookupHash(BSN));
    expect(other.lookupHash(BSN)).not.toBe(a.lookupHash(BSN));
    expect(a.lookupHash(OTHER_BSN)).not.toBe(a.lookupHash(BSN));
  });

  it('masks all but the last 3 digits, and masks malformed input completely', () => {
    expect(BsnProtector.mask(OTHER_BSN)).toBe('******782');
    expect(BsnProtector.mask(BSN)).toBe('******333');
    expect(BsnProtector.mask('12345')).toBe('*********');
    expect(BsnProtector.mask('1112223334')).toBe('*********');
  });

  it('rejects invalid BSNs with messages that do not contain them', () => {
    const protector = newProtector();
    for (const bsn of [INVALID_BSN, '000000000', '12345678', `${BSN}0`]) {
      const encryptMessage = messageOf(() => protector.encrypt(bsn));
      const hashMessage = messageOf(() => protector.lookupHash(bsn));
      expect(encryptMessage).toMatch(/^BsnProtector: cannot encrypt an invalid BSN: /);
      expect(hashMessage).toMatch(/^BsnProtector: cannot hash an invalid BSN: /);
      expect(encryptMessage).not.toContain(bsn);
      expect(hashMessage).not.toContain(bsn);
    }
    expect(messageOf(() => protector.encrypt(INVALID_BSN))).toBe(
      'BsnProtector: cannot encrypt an invalid BSN: fails the elfproef (11-test)',
    );
  });

  it('refuses short or identical keys', () => {
    expect(() => new BsnProtector({ encryptionKey: randomBytes(16), hashKey: randomBytes(32) })).toThrow(
      'encryptionKey must be exactly 32 bytes',
    );
    expect(() => new BsnProtector({ encryptionKey: randomBytes(32), hashKey: randomBytes(31) })).toThrow(
      'hashKey must be at least 32 bytes',
    );
    const key = randomBytes(32);
    expect(() => new BsnProtector({ encryptionKey: key, hashKey: Buffer.from(key) })).toThrow('must differ');
    expect(() => new BsnProtector({ encryptionKey: randomBytes(32), hashKey: randomBytes(64) })).not.toThrow();
  });
});

describe('parseKey', () => {
  const key = randomBytes(32);

  it('accepts 64 hex characters and base64 with or without padding, and base64url', () => {
    expect(parseKey(key.toString('hex'), 'BSN_KEY').equals(key)).toBe(true);
    expect(parseKey(key.toString('hex').toUpperCase(), 'BSN_KEY').equals(key)).toBe(true);
    expect(parseKey(key.toString('base64'), 'BSN_KEY').equals(key)).toBe(true);
    expect(parseKey(key.toString('base64').replace(/=+$/, ''), 'BSN_KEY').equals(key)).toBe(true);
    expect(parseKey(key.toString('base64url'), 'BSN_KEY').equals(key)).toBe(true);
    expect(parseKey(` ${key.toString('base64')}\n`, 'BSN_KEY').equals(key)).toBe(true);
  });

  it('names the variable but never shows the value', () => {
    const bad = [
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      key.toString('hex').slice(0, 62),
      `${key.toString('base64').slice(0, 40)}!!!!`,
    ];
    for (const value of bad) {
      const message = messageOf(() => parseKey(value, 'WERKKANS_BSN_ENCRYPTION_KEY'));
      expect(message).toBe('WERKKANS_BSN_ENCRYPTION_KEY must be a 32-byte key encoded as base64 or as 64 hex characters');
      expect(message).not.toContain(value);
    }
    expect(messageOf(() => parseKey('', 'WERKKANS_BSN_HASH_KEY'))).toBe('WERKKANS_BSN_HASH_KEY is not set');
  });
});

describe('redactPersonalData', () => {
  it('replaces standalone runs of exactly 9 digits in strings', () => {
    expect(redactPersonalData(`bsn ${BSN} x`)).toBe(`bsn ${REDACTED_BSN} x`);
    expect(redactPersonalData(`"${BSN}"`)).toBe(`"${REDACTED_BSN}"`);
    expect(redactPersonalData(`id=${BSN};other=${OTHER_BSN}`)).toBe(`id=${REDACTED_BSN};other=${REDACTED_BSN}`);
    expect(redactPersonalData('printed as 1112.22.333 on the letter')).toBe(`printed as ${REDACTED_BSN} on the letter`);
    // Not 9 digits on their own: longer numbers, 8 digits, an IBAN.
    expect(redactPersonalData('order 1112223334')).toBe('order 1112223334');
    expect(redactPersonalData('kvk 12345678')).toBe('kvk 12345678');
    expect(redactPersonalData('NL91ABNA0417164300')).toBe('NL91ABNA0417164300');
  });

  it('redacts 9-digit numbers and leaves other numbers alone', () => {
    expect(redactPersonalData(111222333)).toBe(REDACTED_BSN);
    expect(redactPersonalData(-111222333)).toBe(REDACTED_BSN);
    expect(redactPersonalData(111222333n)).toBe(REDACTED_BSN);
    expect(redactPersonalData(12345678)).toBe(12345678);
    expect(redactPersonalData(1234567890)).toBe(1234567890);
    expect(redactPersonalData(123456.789)).toBe(123456.789);
    expect(redactPersonalData(true)).toBe(true);
    expect(redactPersonalData(null)).toBeNull();
    expect(redactPersonalData(undefined)).toBeUndefined();
  });

  it('deep-copies objects and arrays, blanking sensitive keys case-insensitively, without touching the input', () => {
    const input = {
      BSN: '999999990',
      person: { Password: 'hunter2', passwordHash: '$argon2id$x', note: `called about ${BSN}` },
      headers: { Authorization: 'Bearer abc', cookie: 'sid=1' },
      tokens: [{ access_token: 'a' }, { accessToken: 'b', refreshToken: 'c', token: 'd' }],
      iban: 'NL91ABNA0417164300',
      amounts: [12.5, 111222333],
    };
    const snapshot = JSON.parse(JSON.stringify({ ...input, amounts: [12.5, 111222333] }));
    expect(redactPersonalData(input)).toEqual({
      BSN: REDACTED,
      person: { Password: REDACTED, passwordHash: REDACTED, note: `called about ${REDACTED_BSN}` },
      headers: { Authorization: REDACTED, cookie: REDACTED },
      tokens: [{ access_token: REDACTED }, { accessToken: REDACTED, refreshToken: REDACTED, token: REDACTED }],
      iban: 'NL91ABNA0417164300',
      amounts: [12.5, REDACTED_BSN],
    });
    expect(input).toEqual(snapshot);
  });

  it('survives cycles and keeps shared (non-cyclic) references', () => {
    const shared = { note: BSN };
    const node: Record<string, unknown> = { name: 'root', a: shared, b: shared };
    node.self = node;
    const list: unknown[] = [BSN];
    list.push(list);
    expect(redactPersonalData(node)).toEqual({
      name: 'root',
      a: { note: REDACTED_BSN },
      b: { note: REDACTED_BSN },
      self: '[Circular]',
    });
    expect(redactPersonalData(list)).toEqual([REDACTED_BSN, '[Circular]']);
  });

  it('copies errors with their prototype, redacting message, stack, cause and own fields', () => {
    class LookupError extends Error {}
    const error = Object.assign(new LookupError(`no person with ${BSN}`, { cause: new Error(`upstream ${BSN}`) }), {
      bsn: BSN,
      code: 'E_LOOKUP',
    });
    const copy = redactPersonalData(error) as LookupError & { bsn: string; code: string; cause: Error };
    expect(copy).toBeInstanceOf(LookupError);
    expect(copy.message).toBe(`no person with ${REDACTED_BSN}`);
    expect(copy.stack).not.toContain(BSN);
    expect(copy.cause.message).toBe(`upstream ${REDACTED_BSN}`);
    expect(copy.bsn).toBe(REDACTED);
    expect(copy.code).toBe('E_LOOKUP');
    expect(Object.keys(copy)).toEqual(Object.keys(error));
    expect(error.message).toContain(BSN);
  });

  it('passes class instances other than errors through unchanged', () => {
    const date = new Date();
    const buffer = Buffer.from('x');
    expect(redactPersonalData(date)).toBe(date);
    expect(redactPersonalData({ at: date, raw: buffer })).toEqual({ at: date, raw: buffer });
  });
});

describe('redactLogLine', () => {
  it('keeps JSON valid when a 9-digit number is redacted', () => {
    const line = redactLogLine(`{"level":30,"n":${BSN},"msg":"x"}\n`);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({ level: 30, n: REDACTED_BSN, msg: 'x' });
  });
  it('returns lines without BSN or sensitive key untouched, and falls back to text replacement', () => {
    const line = '{"level":30,"time":1700000000000,"msg":"hello"}\n';
    expect(redactLogLine(line)).toBe(line);
    expect(redactLogLine(`plain text ${BSN}`)).toBe(`plain text ${REDACTED_BSN}`);
  });
});

describe('pino with bsnRedactingHooks', () => {
  function capturingLogger() {
    const lines: string[] = [];
    const destination = { write: (chunk: string) => void lines.push(chunk) };
    const logger = pino({ hooks: bsnRedactingHooks, level: 'debug' }, destination);
    return { logger, lines, output: () => lines.join('') };
  }

  it('never writes the BSN', () => {
    const { logger, lines, output } = capturingLogger();
    logger.info({ bsn: BSN, note: `call about ${BSN}` }, `bsn ${BSN} received`);
    expect(output()).not.toContain(BSN);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({
      bsn: REDACTED,
      note: `call about ${REDACTED_BSN}`,
      msg: `bsn ${REDACTED_BSN} received`,
    });
  });

  it('covers printf arguments, numbers, errors and child bindings', () => {
    const { logger, lines, output } = capturingLogger();
    logger.info('looking up %s', BSN);
    logger.debug({ client: { id: 111222333, iban: 'NL91ABNA0417164300', password: 'pw' } }, 'client');
    logger.error(new Error(`no person with ${BSN}`));
    logger.warn({ err: new TypeError(`bad ${BSN}`) }, 'wrapped');
    logger.child({ bsn: BSN, note: `child of ${BSN}` }).info('from child');
    logger.child({ accessToken: 'secret-token' }).info('token child');
    expect(output()).not.toContain(BSN);
    expect(output()).not.toContain('secret-token');
    expect(output()).not.toContain('"pw"');

    const entries = lines.map((line) => JSON.parse(line));
    expect(entries[0].msg).toBe(`looking up ${REDACTED_BSN}`);
    expect(entries[1].client).toEqual({ id: REDACTED_BSN, iban: 'NL91ABNA0417164300', password: REDACTED });
    // Errors still go through pino's err serializer (type, stack) after redaction.
    expect(entries[2]).toMatchObject({ msg: `no person with ${REDACTED_BSN}`, err: { type: 'Error' } });
    expect(entries[2].err.stack).toContain(`no person with ${REDACTED_BSN}`);
    expect(entries[3].err).toMatchObject({ type: 'TypeError', message: `bad ${REDACTED_BSN}` });
    expect(entries[4]).toMatchObject({ bsn: REDACTED, note: `child of ${REDACTED_BSN}`, msg: 'from child' });
    expect(entries[5]).toMatchObject({ accessToken: REDACTED });
  });
});
