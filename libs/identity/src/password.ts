import { Algorithm, hash, verify } from '@node-rs/argon2';

/** Passwords: argon2id with the OWASP minimum parameters (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Spend the same time as a real check, so a missing account does not answer faster.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A password policy: long enough, not trivially repetitive. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'a password needs at least 12 characters';
  if (password.length > 256) return 'a password has at most 256 characters';
  if (new Set(password).size < 5) return 'a password needs more distinct characters';
  return undefined;
}
