import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuntimeLogger, RuntimeServices } from '@app/application';
import type { AppConfig } from '@app/config';
import { hashPassword } from '@app/identity';

/**
 * First start of an empty deployment: the default partnership and one administrator, whose
 * one-time password is written to DATA_DIR/initial-admin-password (mode 0600) — never to the
 * log. The administrator enrols a second factor at first sign-in, then adds agencies and people.
 */
export async function bootstrapFirstAdministrator(rt: RuntimeServices, config: AppConfig, log: RuntimeLogger): Promise<void> {
  const pid = config.DEV_ACTOR_PARTNERSHIP_ID;
  await rt.db.query(`INSERT INTO partnerships (id, name, time_zone) VALUES ($1, $2, 'Europe/London') ON CONFLICT (id) DO NOTHING`, [pid, 'Default partnership']);
  const any = await rt.db.query('SELECT 1 FROM users LIMIT 1');
  if (any.length > 0) return;
  const password = randomBytes(18).toString('base64url');
  const email = 'admin@referral.invalid';
  const inserted = await rt.db.query(
    `INSERT INTO users (id, partnership_id, email, display_name, roles, password_hash) SELECT $1, $2, $3, 'Administrator', ARRAY['administrator'], $4
     WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id`,
    [randomUUID(), pid, email, await hashPassword(password)],
  );
  if (inserted.length === 0) return;
  mkdirSync(resolve(config.DATA_DIR), { recursive: true });
  const file = resolve(config.DATA_DIR, 'initial-admin-password');
  writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
  log.log(`first start: administrator ${email} created; its one-time password is in ${file} (sign in, enrol a second factor, then delete the file)`);
}
