import { createHash } from 'node:crypto';

/**
 * Cuts text written piece by piece into UTF-8 chunks of exactly `size` bytes (the last one may be
 * shorter) and hashes the bytes on the way, so a large file can be stored in rows of bounded size
 * without ever being whole in memory. A cut may fall inside a multi-byte character: the chunks are
 * bytes, meaningful only concatenated in order.
 *
 * Each piece is copied into the chunk at once, so pieces die young: holding a chunk's worth of
 * small strings until the cut would promote them all to the old generation, where they pile up as
 * garbage until a full collection and make the process grow with the file.
 */
export class ByteChunker {
  private chunk: Buffer | null = null;
  private filled = 0;
  private readonly hash = createHash('sha256');
  private total = 0;

  constructor(private readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`chunk size ${size} is not a positive integer`);
  }

  /** The chunks this piece completes, usually none. */
  push(text: string): Buffer[] {
    const full: Buffer[] = [];
    // UTF-8 takes at most three bytes per UTF-16 code unit: a piece this short fits as it is.
    if (text.length * 3 <= this.size - this.filled) {
      this.filled += this.current().write(text, this.filled, 'utf8');
      if (this.filled === this.size) full.push(this.take());
      return full;
    }
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length;) {
      const copied = bytes.copy(this.current(), this.filled, at);
      this.filled += copied;
      at += copied;
      if (this.filled === this.size) full.push(this.take());
    }
    return full;
  }

  /** The remaining chunk (if any), the SHA-256 (hex) and size of everything pushed. */
  end(): { chunks: Buffer[]; sha256: string; bytes: number } {
    const chunks = this.filled > 0 ? [this.take()] : [];
    return { chunks, sha256: this.hash.digest('hex'), bytes: this.total };
  }

  private current(): Buffer {
    this.chunk ??= Buffer.allocUnsafe(this.size);
    return this.chunk;
  }

  private take(): Buffer {
    const chunk = (this.chunk as Buffer).subarray(0, this.filled);
    this.hash.update(chunk);
    this.total += chunk.length;
    this.chunk = null;
    this.filled = 0;
    return chunk;
  }
}
