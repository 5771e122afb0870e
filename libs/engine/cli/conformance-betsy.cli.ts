/**
 * npm run conformance:betsy -- --dir DIR [--min-pass 0.95] [--only NAME]
 * Runs every case of DIR/tests.json through the engine and checks that DIR/must-reject files
 * are refused. Exits 1 when either share is below --min-pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkMustReject, runBetsyCase, type BetsyTest, type CaseResult } from '../conformance/betsy';
import { stopFeelGuard } from '../src/feel/feel';

async function main(argv: string[]): Promise<number> {
  let dir: string | undefined;
  let minPass = 0.95;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir') dir = argv[++i];
    else if (argv[i] === '--min-pass') minPass = Number(argv[++i]);
    else if (argv[i] === '--only') only = argv[++i];
  }
  if (!dir || !Number.isFinite(minPass)) {
    process.stderr.write('usage: npm run conformance:betsy -- --dir DIR [--min-pass 0.95]\n');
    return 1;
  }
  const tests = JSON.parse(fs.readFileSync(path.join(dir, 'tests.json'), 'utf8')) as BetsyTest[];
  const results: CaseResult[] = [];
  for (const test of tests) {
    if (only && test.name !== only) continue;
    for (const testCase of test.testCases) {
      const result = await runBetsyCase(dir, test, testCase);
      results.push(result);
      const label = `${test.name}#${testCase.testCaseNumber}`;
      if (result.passed) process.stdout.write(`PASS ${label}\n`);
      else {
        process.stdout.write(`FAIL ${label}\n  expected: ${JSON.stringify(result.expected)}\n  actual:   ${JSON.stringify(result.actual)}\n`);
        if (result.reason) process.stdout.write(`  reason:   ${result.reason}\n`);
      }
    }
  }
  const bySet = new Map<string, { passed: number; total: number }>();
  for (const r of results) {
    const row = bySet.get(r.featureSet) ?? { passed: 0, total: 0 };
    row.total++;
    if (r.passed) row.passed++;
    bySet.set(r.featureSet, row);
  }
  process.stdout.write('\nfeature set                                   passed/total\n');
  for (const [set, row] of [...bySet].sort()) process.stdout.write(`${set.padEnd(46)}${row.passed}/${row.total}\n`);
  const passed = results.filter((r) => r.passed).length;
  const rejects = only ? [] : checkMustReject(dir);
  for (const r of rejects.filter((x) => !x.rejected)) process.stdout.write(`NOT REJECTED must-reject/${r.file}\n`);
  const rejected = rejects.filter((r) => r.rejected).length;
  process.stdout.write(`\nbetsy: ${passed} passed, ${results.length - passed} failed\n`);
  process.stdout.write(`must-reject: ${rejected}/${rejects.length} rejected\n`);
  const passShare = results.length ? passed / results.length : 1;
  const rejectShare = rejects.length ? rejected / rejects.length : 1;
  return passShare >= minPass && rejectShare >= minPass ? 0 : 1;
}

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  })
  .finally(() => void stopFeelGuard());
