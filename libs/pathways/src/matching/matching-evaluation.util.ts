/**
 * Precision and recall of repeat matching over a labelled set. A proposal for the true case is a
 * true positive; any other proposal is a false positive; a repeat whose case is not proposed is a
 * false negative (the coordinator sees every proposal, so all of them count, not just the first).
 */
import { proposeRepeatMatches } from './repeat-matching.util';
import type { MatchOptions } from './matching.types';
import type { SyntheticMatchingSet } from './synthetic-matching-set.util';

export interface MatchingEvaluation {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  recallByVariant: Record<string, { found: number; total: number; recall: number }>;
  falseProposalsByNegative: Record<string, { proposed: number; total: number }>;
}

export function evaluateMatching(set: SyntheticMatchingSet, options: MatchOptions = {}): MatchingEvaluation {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byVariant: MatchingEvaluation['recallByVariant'] = {};
  const byNegative: MatchingEvaluation['falseProposalsByNegative'] = {};
  for (const q of set.queries) {
    const proposals = proposeRepeatMatches(q.query, set.cases, options);
    const found = q.truthCaseId !== null && proposals.some((p) => p.caseId === q.truthCaseId);
    if (found) tp++;
    else if (q.truthCaseId !== null) fn++;
    fp += proposals.filter((p) => p.caseId !== q.truthCaseId).length;
    if (Array.isArray(q.kind)) {
      for (const k of q.kind.length ? q.kind : ['exact']) {
        const v = (byVariant[k] ??= { found: 0, total: 0, recall: 0 });
        v.total++;
        if (found) v.found++;
      }
    } else {
      const n = (byNegative[q.kind] ??= { proposed: 0, total: 0 });
      n.total++;
      if (proposals.length) n.proposed++;
    }
  }
  for (const v of Object.values(byVariant)) v.recall = v.total ? v.found / v.total : 0;
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn, recallByVariant: byVariant, falseProposalsByNegative: byNegative };
}
