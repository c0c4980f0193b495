/**
 * Storage-side protection of the BSN (DESIGN.md "Privacy and trust"): encrypted at rest, a keyed
 * hash for equality look-up, and a masked form for screens.
 *
 * Error messages in this module never contain the BSN or key material: they end up in logs and
 * problem+json responses, which are exactly the places the BSN must not reach.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { validateBsn } from '../identifiers/identifiers';

export interface BsnProtectorKeys {
  /** AES-256 key: exactly 32 bytes. */
  encryptionKey: Buffer;
  /**
   * HMAC-SHA256 key: at least 32 bytes. Separate from the encryption key so that one leaking does
   * not expose the other, and so the encryption key can be rotated without rebuilding the index.
   */
  hashKey: Buffer;
}

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM-recommended nonce size; other sizes are hashed into one and weaken the bound on reuse
const TAG_BYTES = 16;
// Binding the version into the authenticated data means a ciphertext cannot be replayed under a
// future format prefix without the tag check failing.
const AAD = Buffer.from(`werkkans-bsn-${VERSION}`, 'utf8');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class BsnProtector {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(keys: BsnProtectorKeys) {
    if (!Buffer.isBuffer(keys.encryptionKey) || keys.encryptionKey.length !== 32) {
      throw new Error('BsnProtector: encryptionKey must be exactly 32 bytes');
    }
    if (!Buffer.isBuffer(keys.hashKey) || keys.hashKey.length < 32) {
      throw new Error('BsnProtector: hashKey must be at least 32 bytes');
    }
    if (keys.encryptionKey.equals(keys.hashKey)) {
      throw new Error('BsnProtector: encryptionKey and hashKey must differ');
    }
    // Copies, so a caller zeroing or reusing its buffers cannot change our keys underneath us.
    this.encryptionKey = Buffer.from(keys.encryptionKey);
    this.hashKey = Buffer.from(keys.hashKey);
  }

  /**
   * Returns `v1.<iv>.<tag>.<ciphertext>` (base64url parts). A fresh IV per call, so equal BSNs give
   * different output and the column reveals nothing about who appears twice; use lookupHash for that.
   */
  encrypt(bsn: string): string {
    assertValidBsn(bsn, 'encrypt');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    const ciphertext = Buffer.concat([cipher.update(bsn, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const encoded = [iv, tag, ciphertext].map((part) => part.toString('base64url'));
    return [VERSION, ...encoded].join('.');
  }

  /** Throws if the value is malformed, was encrypted with another key, or was altered. */
  decrypt(stored: string): string {
    const parts = typeof stored === 'string' ? stored.split('.') : [];
    if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => BASE64URL.test(p))) {
      throw new Error('BsnProtector: stored BSN has an unknown format');
    }
    const iv = Buffer.from(parts[1], 'base64url');
    const tag = Buffer.from(parts[2], 'base64url');
    const ciphertext = Buffer.from(parts[3], 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new Error('BsnProtector: stored BSN has an unknown format');
    }
    let plaintext: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(AAD);
      decipher.setAuthTag(tag);
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // Node's own message is generic, but replacing it keeps the contract independent of Node versions.
      throw new Error('BsnProtector: stored BSN could not be decrypted (wrong key or tampered data)');
    }
    if (validateBsn(plaintext) !== null) {
      // Authentic but not a BSN means a bug upstream of encrypt(); do not hand it out as one.
      throw new Error('BsnProtector: decrypted value is not a valid BSN');
    }
    return plaintext;
  }

  /**
   * Deterministic HMAC-SHA256 (hex) for "do we already know this person?" queries on an indexed
   * column. A plain hash would be useless here: there are only ~10^8 valid BSNs, so it could be
   * reversed by enumeration; the secret key prevents that.
   */
  lookupHash(bsn: string): string {
    assertValidBsn(bsn, 'hash');
    return createHmac('sha256', this.hashKey).update(bsn, 'utf8').digest('hex');
  }

  /**
   * Shows only the last 3 digits ('******782'). Three are enough for a caseworker to confirm with a
   * client on the phone that they have the right file, while leaving 10^6 candidates (about 10^5
   * after the elfproef) for anyone who only sees the screen; the common "last 4" would cut that to
   * roughly 10^4. Input that is not 9 digits is masked completely rather than echoed.
   */
  static mask(bsn: string): string {
    if (typeof bsn !== 'string' || !/^\d{9}$/.test(bsn)) return '*********';
    return `******${bsn.slice(-3)}`;
  }
}

function assertValidBsn(bsn: unknown, action: string): asserts bsn is string {
  const reason = validateBsn(bsn);
  if (reason !== null) throw new Error(`BsnProtector: cannot ${action} an invalid BSN: ${reason}`);
}

/**
 * Decodes a 32-byte key from configuration: 64 hex characters, or base64/base64url (padding
 * optional). `name` is the configuration variable, used in the error so operators know which
 * setting to fix; the value itself is never included.
 */
export function parseKey(value: string, name: string): Buffer {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw new Error(`${name} is not set`);
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  // Buffer.from(…, 'base64') silently skips invalid characters, so check the alphabet first.
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/=+$/, ''), 'base64url');
    if (key.length === 32) return key;
  }
  throw new Error(`${name} must be a 32-byte key encoded as base64 or as 64 hex characters`);
}
