/**
 * `npm run bench:matching`: precision and recall of repeat matching on the labelled synthetic
 * set (libs/pathways/src/matching/synthetic-matching-set.util.ts), overall, per variant and per
 * kind of negative, at the default threshold and a few others. `--write FILE` also saves the set
 * as JSON for inspection.
 */
import { writeFileSync } from 'node:fs';
import { evaluateMatching } from '../src/matching/matching-evaluation.util';
import { generateMatchingSet } from '../src/matching/synthetic-matching-set.util';

const set = generateMatchingSet();
const writeAt = process.argv.indexOf('--write');
if (writeAt > 0 && process.argv[writeAt + 1]) writeFileSync(process.argv[writeAt + 1] as string, JSON.stringify(set, null, 1));

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`repeat matching on a synthetic set: ${set.cases.length} earlier cases, ${set.queries.length} new incidents (seed ${set.seed})`);
for (const threshold of [0.75, 0.8, 0.85, 0.9]) {
  const t0 = process.hrtime.bigint();
  const r = evaluateMatching(set, { threshold });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`threshold ${threshold.toFixed(2)}: precision ${pct(r.precision)}, recall ${pct(r.recall)}, F1 ${r.f1.toFixed(3)} (TP ${r.truePositives}, FP ${r.falsePositives}, FN ${r.falseNegatives}; ${(ms / set.queries.length).toFixed(2)} ms per incident)`);
  if (threshold === 0.8) {
    for (const [kind, v] of Object.entries(r.recallByVariant).sort()) console.log(`  recall with ${kind.padEnd(20)} ${pct(v.recall)} (${v.found}/${v.total})`);
    for (const [kind, v] of Object.entries(r.falseProposalsByNegative).sort()) console.log(`  false proposals for ${kind.padEnd(30)} ${v.proposed}/${v.total}`);
  }
}
