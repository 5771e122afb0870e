/**
 * npm run conformance:miwg -- --dir DIR [--min-pass 1]
 * Imports every .bpmn under DIR (recursively): a line per file, then `miwg: N/M imported`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importModel, listBpmnFiles } from '../conformance/miwg';
import { stopFeelGuard } from '../src/feel/feel';

function main(argv: string[]): number {
  let dir: string | undefined;
  let minPass = 1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir') dir = argv[++i];
    else if (argv[i] === '--min-pass') minPass = Number(argv[++i]);
  }
  if (!dir || !fs.existsSync(dir)) {
    process.stderr.write('usage: npm run conformance:miwg -- --dir DIR\n');
    return 1;
  }
  const files = listBpmnFiles(dir);
  let imported = 0;
  for (const file of files) {
    let result;
    try {
      result = importModel(file, fs.readFileSync(file, 'utf8'));
    } catch (err) {
      result = { imported: false, outcome: 'failed', detail: `crashed: ${(err as Error).message}` };
    }
    if (result.imported) imported++;
    process.stdout.write(`${result.imported ? 'OK  ' : 'FAIL'} ${path.relative(dir, file).padEnd(14)} ${result.outcome.padEnd(11)} ${result.detail}\n`);
  }
  process.stdout.write(`miwg: ${imported}/${files.length} imported\n`);
  return files.length && imported / files.length >= minPass ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
void stopFeelGuard();
