import { createHash } from 'node:crypto';

/**
 * Cuts text written piece by piece into UTF-8 chunks of exactly `size` bytes (the last one may be
 * shorter) and hashes the bytes on the way, so a large file can be stored in rows of bounded size
 * without ever being whole in memory. A cut may fall inside a multi-byte character: the chunks are
 * bytes, meaningful only concatenated in order.
 */
export class ByteChunker {
  private pending: string[] = [];
  private pendingLength = 0;
  private rest = Buffer.alloc(0);
  private readonly hash = createHash('sha256');
  private total = 0;

  constructor(private readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`chunk size ${size} is not a positive integer`);
  }

  /** The chunks this piece completes, usually none. */
  push(text: string): Buffer[] {
    this.pending.push(text);
    this.pendingLength += text.length;
    // UTF-8 takes at least one byte per UTF-16 code unit: this many units fill a chunk for sure.
    return this.rest.length + this.pendingLength >= this.size ? this.cut(false) : [];
  }

  /** The remaining chunk(s), the SHA-256 (hex) and size of everything pushed. */
  end(): { chunks: Buffer[]; sha256: string; bytes: number } {
    const chunks = this.cut(true);
    return { chunks, sha256: this.hash.digest('hex'), bytes: this.total };
  }

  private cut(all: boolean): Buffer[] {
    const bytes = Buffer.concat([this.rest, Buffer.from(this.pending.join(''), 'utf8')]);
    this.pending = [];
    this.pendingLength = 0;
    const chunks: Buffer[] = [];
    let at = 0;
    while (bytes.length - at >= this.size || (all && at < bytes.length)) {
      const chunk = bytes.subarray(at, at + this.size);
      this.hash.update(chunk);
      this.total += chunk.length;
      chunks.push(chunk);
      at += chunk.length;
    }
    // A copy, so the remainder does not keep the whole concatenation alive.
    this.rest = Buffer.from(bytes.subarray(at));
    return chunks;
  }
}
