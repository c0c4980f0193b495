import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { ByteChunker } from '../../src/payments/sepa/byte-chunker';

describe('ByteChunker', () => {
  it('cuts text into chunks of exactly the size but the last, which together are its UTF-8 bytes and hash', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 64 }),
        (pieces, size) => {
          const chunker = new ByteChunker(size);
          const chunks = pieces.flatMap((p) => chunker.push(p));
          const end = chunker.end();
          chunks.push(...end.chunks);
          const whole = Buffer.from(pieces.join(''), 'utf8');
          expect(Buffer.concat(chunks).equals(whole)).toBe(true);
          expect(chunks.slice(0, -1).every((c) => c.length === size)).toBe(true);
          expect(chunks.every((c) => c.length > 0 && c.length <= size)).toBe(true);
          expect(end.bytes).toBe(whole.length);
          expect(end.sha256).toBe(createHash('sha256').update(whole).digest('hex'));
        },
      ),
    );
  });

  it('hands out a chunk as soon as it is full, not at the end', () => {
    const chunker = new ByteChunker(4);
    expect(chunker.push('ab')).toEqual([]);
    expect(chunker.push('cdé')).toEqual([Buffer.from('abcd')]);
    // "é" is two bytes: one chunk ends inside it.
    expect(chunker.push('fgh')).toEqual([Buffer.from([0xc3, 0xa9, 0x66, 0x67])]);
    expect(chunker.end().chunks).toEqual([Buffer.from('h')]);
  });

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => new ByteChunker(0)).toThrow(RangeError);
    expect(() => new ByteChunker(1.5)).toThrow(RangeError);
  });
});
