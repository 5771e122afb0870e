/** Prints the current one-time code of a demo account's TOTP secret: `npx tsx scripts/demo-totp.ts SECRET`. */
import { totp } from '../libs/identity/src/totp';

const secret = process.argv[2];
if (!secret) {
  process.stderr.write('usage: npx tsx scripts/demo-totp.ts SECRET\n');
  process.exit(2);
}
process.stdout.write(`${totp(secret, new Date())}\n`);
