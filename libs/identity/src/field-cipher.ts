import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKeyRing } from './key-store';

/**
 * AES-256-GCM for personal fields. A value is stored as `v1:<kid>:<iv>:<tag>:<ciphertext>`
 * (base64url), so keys can rotate: new values use the active key, old ones name theirs. The
 * additional data binds a ciphertext to its table, column and row, so it cannot be moved.
 */
export class FieldCipher {
  constructor(private readonly ring: DataKeyRing) {}

  get activeKeyId(): string {
    return this.ring.active;
  }

  encrypt(value: unknown, aad: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.ring.keys.get(this.ring.active)!, iv);
    c.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
    return ['v1', this.ring.active, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
  }

  decrypt<T = unknown>(stored: string, aad: string): T {
    const [v, kid, iv, tag, ct] = stored.split(':');
    if (v !== 'v1' || !kid || !iv || !tag || ct === undefined) throw new Error('not an encrypted field');
    const key = this.ring.keys.get(kid);
    if (!key) throw new Error(`unknown data key ${kid}`);
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return JSON.parse(Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8')) as T;
  }

  /** The key id a stored value was encrypted with (for rotation). */
  static keyIdOf(stored: string): string | undefined {
    return stored.split(':')[1];
  }
}
