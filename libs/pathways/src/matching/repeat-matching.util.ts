/**
 * Repeat detection: does a new incident concern the same victim and perpetrator as an earlier
 * MARAC case? Names are compared tolerating nicknames, misspellings, transposed given and family
 * names, double-barrelled surnames and aliases; dates of birth tolerating a day/month swap, one
 * digit off, and year-only records. It only proposes matches, with a score and coded reasons, for
 * a coordinator to confirm: nothing here links cases (SafeLives "flag and tag", domain §2.3).
 */
import { minusMonths } from '../criteria/marac-criteria.util';
import { NICKNAME_GROUPS } from './nicknames.data';
import { damerauLevenshtein, jaroWinkler, nameTokens, soundex } from './string-similarity.util';
import type { CaseRecord, MatchOptions, MatchProposal, MatchQuery, MatchReason, PersonMatch, PersonName, PersonRecord } from './matching.types';

interface Scored {
  score: number;
  reasons: MatchReason[];
}

const NONE: Scored = { score: 0, reasons: [] };

const nicknameIndex = new Map<string, Set<number>>();
NICKNAME_GROUPS.forEach((group, i) => {
  for (const name of group) {
    const set = nicknameIndex.get(name) ?? new Set<number>();
    set.add(i);
    nicknameIndex.set(name, set);
  }
});

function areNicknames(a: string, b: string): boolean {
  const ga = nicknameIndex.get(a);
  const gb = nicknameIndex.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}

function best(...xs: Scored[]): Scored {
  return xs.reduce((a, b) => (b.score > a.score ? b : a), NONE);
}

/** Similarity of two name tokens; `kind` prefixes the reason codes. */
function tokenScore(a: string, b: string, kind: 'given' | 'surname'): Scored {
  if (a === b) return { score: 1, reasons: [`${kind}:exact` as MatchReason] };
  if (kind === 'given' && areNicknames(a, b)) return { score: 0.95, reasons: ['given:nickname'] };
  const jw = jaroWinkler(a, b);
  // Every accepted variant below has a Jaro-Winkler of at least 0.75 (or is an initial): skip
  // the quadratic edit distance for the pairs that cannot match.
  if (jw < 0.75 && a.length > 1 && b.length > 1) return { score: Math.max(0, jw - 0.3), reasons: [] };
  const dist = damerauLevenshtein(a, b);
  if ((dist === 1 && Math.min(a.length, b.length) >= 4) || (dist <= 2 && jw >= 0.92 && Math.min(a.length, b.length) >= 6)) {
    return { score: 0.88, reasons: [`${kind}:spelling` as MatchReason] };
  }
  if (soundex(a) === soundex(b) && jw >= 0.8) return { score: 0.82, reasons: [`${kind}:phonetic` as MatchReason] };
  if (kind === 'given' && (a.length === 1 || b.length === 1) && a[0] === b[0]) return { score: 0.65, reasons: ['given:initial'] };
  return { score: Math.max(0, jw - 0.3), reasons: [] };
}

function givenScore(a: string[], b: string[]): Scored {
  // The first given name carries the weight; middle names may be missing on one record.
  const fa = a[0];
  const fb = b[0];
  if (fa === undefined || fb === undefined) return NONE;
  let s = tokenScore(fa, fb, 'given');
  if (s.score < 0.6) {
    // A person known by a middle name: compare every pair, slightly discounted.
    for (const x of a) for (const y of b) {
      const t = tokenScore(x, y, 'given');
      if (t.score * 0.9 > s.score) s = { score: t.score * 0.9, reasons: t.reasons };
    }
  }
  return s;
}

function surnameScore(a: string[], b: string[]): Scored {
  if (!a.length || !b.length) return NONE;
  if (a.join(' ') === b.join(' ')) return { score: 1, reasons: ['surname:exact'] };
  const sa = new Set(a);
  const sb = new Set(b);
  const aInB = a.every((t) => sb.has(t));
  const bInA = b.every((t) => sa.has(t));
  if (aInB || bInA) return { score: 0.92, reasons: ['surname:double-barrelled-part'] };
  let s: Scored = NONE;
  for (const x of a) for (const y of b) s = best(s, tokenScore(x, y, 'surname'));
  // A misspelt part of a double-barrelled name still counts, a little lower.
  if ((a.length > 1 || b.length > 1) && s.score >= 0.8) return { score: s.score * 0.95, reasons: [...s.reasons, 'surname:double-barrelled-part'] };
  return s;
}

interface Tokens {
  given: string[];
  surname: string[];
}
const tokenCache = new WeakMap<PersonName, Tokens>();
function tokensOf(p: PersonName): Tokens {
  let t = tokenCache.get(p);
  if (!t) {
    t = { given: p.givenNames.flatMap(nameTokens), surname: nameTokens(p.surname) };
    tokenCache.set(p, t);
  }
  return t;
}

function nameScore(x: PersonName, y: PersonName): Scored {
  const { given: xg, surname: xs } = tokensOf(x);
  const { given: yg, surname: ys } = tokensOf(y);
  const combine = (g: Scored, s: Scored, extra: MatchReason[] = [], factor = 1): Scored =>
    // Both parts must look alike: a shared surname alone is not a match.
    g.score < 0.6 || s.score < 0.6 ? { score: Math.min(g.score, s.score) * 0.5, reasons: [] } : { score: (0.45 * g.score + 0.55 * s.score) * factor, reasons: [...g.reasons, ...s.reasons, ...extra] };
  const straight = combine(givenScore(xg, yg), surnameScore(xs, ys));
  const swapped = combine(givenScore(xs, yg), surnameScore(xg, ys), ['name:transposed'], 0.95);
  return best(straight, swapped);
}

function namesOf(p: PersonRecord): { name: PersonName; alias: boolean }[] {
  return [{ name: p, alias: false }, ...(p.aliases ?? []).map((a) => ({ name: a, alias: true }))];
}

function personNameScore(x: PersonRecord, y: PersonRecord): Scored {
  let s = NONE;
  for (const a of namesOf(x)) {
    for (const b of namesOf(y)) {
      const t = nameScore(a.name, b.name);
      const aliased = a.alias || b.alias;
      const scored = aliased ? { score: t.score * 0.97, reasons: [...t.reasons, 'name:alias' as MatchReason] } : t;
      if (scored.score > s.score) s = scored;
    }
  }
  return s;
}

function dobPair(a: string, b: string): Scored {
  const yearOnly = (d: string) => /^\d{4}$/.test(d);
  if (yearOnly(a) || yearOnly(b)) return a.slice(0, 4) === b.slice(0, 4) ? { score: 0.7, reasons: ['dob:year-only'] } : NONE;
  if (a === b) return { score: 1, reasons: ['dob:exact'] };
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  if (ay === by && am === bd && ad === bm) return { score: 0.88, reasons: ['dob:day-month-swapped'] };
  const da = a.replace(/-/g, '');
  const db = b.replace(/-/g, '');
  let diff = 0;
  for (let i = 0; i < da.length; i++) if (da[i] !== db[i]) diff++;
  if (diff === 1) return { score: 0.8, reasons: ['dob:one-digit'] };
  if (diff === 2 && damerauLevenshtein(da, db) === 1) return { score: 0.78, reasons: ['dob:digits-transposed'] };
  return NONE;
}

function dobScore(x: PersonRecord, y: PersonRecord): Scored {
  if (!x.dobs.length || !y.dobs.length) return { score: 0.5, reasons: ['dob:missing'] };
  let s = NONE;
  for (const a of x.dobs) for (const b of y.dobs) s = best(s, dobPair(a, b));
  return s;
}

/** How alike two recorded people are (0–1), with coded reasons. */
export function matchPerson(x: PersonRecord, y: PersonRecord): PersonMatch {
  const n = personNameScore(x, y);
  const d = dobScore(x, y);
  const score = n.score < 0.6 ? n.score * 0.5 : 0.65 * n.score + 0.35 * d.score;
  return { score: round(score), nameScore: round(n.score), dobScore: round(d.score), reasons: [...new Set([...n.reasons, ...d.reasons])] };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Earlier cases that may concern the same victim and perpetrator, best first. Proposals only:
 * the coordinator confirms or rejects each before anything is linked.
 */
export function proposeRepeatMatches(query: MatchQuery, cases: CaseRecord[], options: MatchOptions = {}): MatchProposal[] {
  const threshold = options.threshold ?? 0.8;
  const personThreshold = options.personThreshold ?? 0.7;
  const window = options.repeatWindowMonths ?? 12;
  const out: MatchProposal[] = [];
  for (const c of cases) {
    const victim = matchPerson(query.victim, c.victim);
    if (victim.score < personThreshold) continue;
    let bestPerp: { m: PersonMatch; i: number } | undefined;
    c.perpetrators.forEach((p, i) => {
      const m = matchPerson(query.perpetrator, p);
      if (!bestPerp || m.score > bestPerp.m.score) bestPerp = { m, i };
    });
    if (!bestPerp || bestPerp.m.score < personThreshold) continue;
    const score = round((victim.score + bestPerp.m.score) / 2);
    if (score < threshold) continue;
    out.push({
      caseId: c.caseId,
      score,
      victim,
      perpetrator: bestPerp.m,
      perpetratorIndex: bestPerp.i,
      withinRepeatWindow: c.lastReferralDate > minusMonths(query.incidentDate, window) && c.lastReferralDate <= query.incidentDate,
      daysSinceLastReferral: daysBetween(c.lastReferralDate, query.incidentDate),
      requiresConfirmation: true,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.caseId.localeCompare(b.caseId)).slice(0, options.maxProposals ?? 5);
}
