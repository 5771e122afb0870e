/**
 * MATAC candidate flag (domain §4.6, scenario 28): the same perpetrator across cases with two or
 * more different victims. Perpetrators are compared with the repeat matcher's person match, so
 * name and date-of-birth variants are tolerated; like repeat matches, the result is a proposal for
 * a coordinator (and an input to the RFG ranking), never a link.
 */
import { matchPerson } from './repeat-matching.util';
import type { CaseRecord } from './matching.types';

export interface MatacCandidate {
  /** Cases that appear to share one perpetrator, sorted. */
  caseIds: string[];
  /** Distinct victims among them. */
  victimCount: number;
  requiresConfirmation: true;
}

export function matacCandidates(cases: CaseRecord[], options: { personThreshold?: number; minVictims?: number } = {}): MatacCandidate[] {
  const threshold = options.personThreshold ?? 0.8;
  const minVictims = options.minVictims ?? 2;
  // Union-find over cases whose perpetrators match.
  const parent = cases.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let i = 0; i < cases.length; i++) {
    for (let j = i + 1; j < cases.length; j++) {
      const a = cases[i] as CaseRecord;
      const b = cases[j] as CaseRecord;
      const same = a.perpetrators.some((p) => b.perpetrators.some((q) => matchPerson(p, q).score >= threshold));
      if (same) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  cases.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const out: MatacCandidate[] = [];
  for (const members of groups.values()) {
    if (members.length < minVictims) continue;
    // Count distinct victims: victims that match each other count once.
    const victims: CaseRecord['victim'][] = [];
    for (const m of members) {
      const v = (cases[m] as CaseRecord).victim;
      if (!victims.some((w) => matchPerson(v, w).score >= threshold)) victims.push(v);
    }
    if (victims.length >= minVictims) {
      out.push({ caseIds: members.map((m) => (cases[m] as CaseRecord).caseId).sort(), victimCount: victims.length, requiresConfirmation: true });
    }
  }
  return out.sort((a, b) => b.victimCount - a.victimCount || (a.caseIds[0] ?? '').localeCompare(b.caseIds[0] ?? ''));
}
