import { createPrivateKey, createPublicKey, generateKeyPairSync, createHash, KeyObject, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The process's secrets: the Ed25519 key that signs access tokens and the AES-256 data keys of
 * the encrypted case fields. Production passes them in the configuration; the embedded default
 * generates them once under DATA_DIR/keys (mode 0600, never committed: `.data/` is ignored).
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface DataKeyRing {
  /** Key id that encrypts new values. */
  active: string;
  keys: Map<string, Buffer>;
}

export interface KeySources {
  signingKeyPem: string;
  dataKeys: string;
  dataKeyId: string;
  dataDir: string;
}

function writeOnce(path: string, content: string): string {
  try {
    writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
    return content;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8');
    throw err;
  }
}

function keysDir(dataDir: string): string {
  const dir = resolve(dataDir, 'keys');
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  return dir;
}

export function loadSigningKey(src: KeySources): SigningKey {
  let pem = src.signingKeyPem.trim();
  if (!pem) {
    const path = join(keysDir(src.dataDir), 'signing-key.pem');
    pem = existsSync(path) ? readFileSync(path, 'utf8') : writeOnce(path, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  } else if (!pem.startsWith('-----')) {
    pem = Buffer.from(pem, 'base64').toString('utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUTH_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM)');
  const publicKey = createPublicKey(privateKey);
  const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 16);
  return { kid, privateKey, publicKey };
}

function parseRing(text: string, activeId: string): DataKeyRing {
  const keys = new Map<string, Buffer>();
  let first: string | undefined;
  for (const part of text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    const kid = part.slice(0, i);
    const key = Buffer.from(part.slice(i + 1), 'base64');
    if (key.length !== 32) throw new Error(`data key ${kid} is not 32 bytes`);
    keys.set(kid, key);
    first ??= kid;
  }
  const active = activeId || first;
  if (!active || !keys.has(active)) throw new Error('no active data encryption key');
  return { active, keys };
}

export function loadDataKeys(src: KeySources): DataKeyRing {
  if (src.dataKeys.trim()) return parseRing(src.dataKeys, src.dataKeyId);
  const path = join(keysDir(src.dataDir), 'data-keys');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : writeOnce(path, `k${Date.now().toString(36)}:${randomBytes(32).toString('base64')}\n`);
  return parseRing(text, src.dataKeyId);
}
