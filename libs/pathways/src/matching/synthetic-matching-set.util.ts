/**
 * A labelled synthetic data set for repeat matching: earlier MARAC cases of invented people, and
 * new incidents that are either the same victim and perpetrator recorded differently (a known
 * variant: nickname, misspelling, transposed names, double-barrelled surname, alias, date of
 * birth with day and month swapped, one digit off, year only) or someone else (including hard
 * negatives: same victim with a different perpetrator, a namesake with another date of birth).
 * Deterministic for a seed. Synthetic names only; no real people.
 */
import { NICKNAME_GROUPS } from './nicknames.data';
import type { CaseRecord, MatchQuery, PersonRecord } from './matching.types';

export type VariantKind =
  | 'exact'
  | 'nickname'
  | 'misspelt-given'
  | 'misspelt-surname'
  | 'transposed'
  | 'double-barrelled'
  | 'alias'
  | 'dob-day-month-swap'
  | 'dob-one-digit'
  | 'dob-year-only'
  | 'dob-unknown';

export type NegativeKind =
  | 'stranger'
  | 'same-victim-other-perpetrator'
  | 'same-perpetrator-other-victim-relative'
  | 'namesake-other-dob'
  | 'namesake-near-dob'
  | 'same-surname-other-person';

export interface LabelledQuery {
  query: MatchQuery;
  /** The case it truly repeats, or null. */
  truthCaseId: string | null;
  kind: VariantKind[] | NegativeKind;
}

export interface SyntheticMatchingSet {
  seed: number;
  cases: CaseRecord[];
  queries: LabelledQuery[];
}

const GIVEN = [
  ...NICKNAME_GROUPS.map((g) => g[0] as string),
  'amelia', 'olivia', 'isla', 'freya', 'ava', 'grace', 'harriet', 'imogen', 'lucy', 'megan', 'nadia', 'priya', 'zainab', 'aisha',
  'oliver', 'harry', 'george', 'noah', 'oscar', 'arthur', 'ethan', 'callum', 'kai', 'rohan', 'tariq', 'lukas', 'milan', 'bence',
];
const SURNAMES = [
  'ashworth', 'blackwood', 'carrick', 'dunmore', 'elmswell', 'fairbairn', 'gillespie', 'hargreaves', 'inglis', 'jardine', 'kettering',
  'lockhart', 'mcallister', 'northcott', 'oakley', 'pemberton', 'quarrie', 'rutherford', 'strachan', 'thornbury', 'underwood',
  'vickers', 'whitlock', 'yardley', 'abernethy', 'brannigan', 'cowie', 'dalgleish', 'eccleston', 'fenwick', 'gorman', 'haldane',
  'irvine', 'kilbride', 'lennox', 'moffat', 'nairn', 'ogilvie', 'prentice', 'rennie', 'sinclair', 'tennant', 'urquhart', 'wallace',
  'gruber', 'huber', 'wagner', 'pichler', 'moser', 'novak', 'horvat', 'kovacs', 'nagy', 'szabo', 'martins', 'ferreira', 'virtanen',
  'korhonen', 'lefebvre', 'moreau', 'okafor', 'adeyemi', 'chaudhry', 'rahman', 'kowalski', 'nowak', 'petrov', 'oduya', 'mensah',
];

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateMatchingSet(seed = 20260501, caseCount = 400, positiveCount = 400, negativeCount = 300): SyntheticMatchingSet {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const pad = (n: number) => String(n).padStart(2, '0');
  const dob = (minYear: number, maxYear: number) => `${minYear + Math.floor(rnd() * (maxYear - minYear + 1))}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
  const used = new Set<string>();
  const person = (): PersonRecord => {
    for (;;) {
      const p: PersonRecord = { givenNames: [pick(GIVEN)], surname: rnd() < 0.12 ? `${pick(SURNAMES)}-${pick(SURNAMES)}` : pick(SURNAMES.slice(0, 30)), dobs: [dob(1960, 2006)] };
      const key = `${p.givenNames[0]}|${p.surname}|${p.dobs[0]}`;
      if (!used.has(key)) {
        used.add(key);
        if (rnd() < 0.15) p.aliases = [{ givenNames: [pick(GIVEN)], surname: pick(SURNAMES) }];
        return p;
      }
    }
  };
  const date = (fromDay: number, toDay: number) => new Date(Date.UTC(2025, 0, 1) + (fromDay + Math.floor(rnd() * (toDay - fromDay))) * 86_400_000).toISOString().slice(0, 10);

  const cases: CaseRecord[] = [];
  for (let i = 0; i < caseCount; i++) {
    cases.push({ caseId: `SYN-${String(i + 1).padStart(4, '0')}`, victim: person(), perpetrators: [person()], lastReferralDate: date(0, 365) });
  }

  const misspell = (word: string): string => {
    if (word.length < 4) return word + word[word.length - 1];
    const i = 1 + Math.floor(rnd() * (word.length - 2));
    const op = Math.floor(rnd() * 3);
    if (op === 0) return word.slice(0, i) + word.slice(i + 1); // drop a letter
    if (op === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap two letters
    return word.slice(0, i) + word[i] + word.slice(i); // double a letter
  };
  const nick = (given: string): string | undefined => {
    const group = NICKNAME_GROUPS.find((g) => g.includes(given));
    const others = group?.filter((n) => n !== given);
    return others && others.length ? pick(others) : undefined;
  };
  const applyVariant = (p: PersonRecord, kind: VariantKind): PersonRecord => {
    const q: PersonRecord = { givenNames: [...p.givenNames], surname: p.surname, dobs: [...p.dobs] };
    const d = p.dobs[0] as string;
    switch (kind) {
      case 'exact':
        return q;
      case 'nickname':
        q.givenNames = [nick(p.givenNames[0] as string) ?? misspell(p.givenNames[0] as string)];
        return q;
      case 'misspelt-given':
        q.givenNames = [misspell(p.givenNames[0] as string)];
        return q;
      case 'misspelt-surname':
        q.surname = misspell(p.surname.split('-')[0] as string) + (p.surname.includes('-') ? `-${p.surname.split('-')[1]}` : '');
        return q;
      case 'transposed':
        return { givenNames: [p.surname], surname: p.givenNames[0] as string, dobs: q.dobs };
      case 'double-barrelled':
        q.surname = p.surname.includes('-') ? (pick(p.surname.split('-')) as string) : `${p.surname}-${pick(SURNAMES)}`;
        return q;
      case 'alias':
        if (p.aliases?.length) return { ...(p.aliases[0] as PersonRecord), dobs: q.dobs };
        return q;
      case 'dob-day-month-swap': {
        const [y, m, day] = d.split('-');
        q.dobs = [`${y}-${day}-${m}`];
        return q;
      }
      case 'dob-one-digit': {
        // Change the last digit of the day (stays a valid-looking date for days 01–28).
        const last = Number(d[9]);
        q.dobs = [d.slice(0, 9) + String(last === 9 ? 8 : last + 1)];
        return q;
      }
      case 'dob-year-only':
        q.dobs = [d.slice(0, 4)];
        return q;
      case 'dob-unknown':
        q.dobs = [];
        return q;
    }
  };
  const swappable = (d: string) => Number(d.slice(8, 10)) <= 12 && d.slice(8, 10) !== d.slice(5, 7);
  const nameVariants: VariantKind[] = ['exact', 'nickname', 'misspelt-given', 'misspelt-surname', 'transposed', 'double-barrelled', 'alias'];
  const dobVariants: VariantKind[] = ['exact', 'dob-day-month-swap', 'dob-one-digit', 'dob-year-only', 'dob-unknown'];

  const queries: LabelledQuery[] = [];
  for (let i = 0; i < positiveCount; i++) {
    const c = pick(cases);
    // The victim gets a name variant (sometimes two) and a date-of-birth variant; the perpetrator
    // a name variant and, half the time, a date-of-birth variant too.
    const kinds: VariantKind[] = [];
    const vary = (p: PersonRecord, withSecondName: boolean, withDob: boolean): PersonRecord => {
      let out = p;
      const names = withSecondName ? [pick(nameVariants), pick(nameVariants)] : [pick(nameVariants)];
      for (const k of [...new Set(names)]) {
        if (k === 'alias' && !p.aliases?.length) continue;
        out = applyVariant({ ...out, aliases: p.aliases }, k);
        kinds.push(k);
      }
      if (withDob) {
        let k = pick(dobVariants);
        if (k === 'dob-day-month-swap' && !swappable(p.dobs[0] as string)) k = 'dob-one-digit';
        out = applyVariant(out, k);
        kinds.push(k);
      }
      return out;
    };
    const victim = vary(c.victim, rnd() < 0.3, true);
    const perpetrator = vary(c.perpetrators[0] as PersonRecord, false, rnd() < 0.5);
    queries.push({ query: { victim, perpetrator, incidentDate: date(300, 700) }, truthCaseId: c.caseId, kind: [...new Set(kinds)].filter((k) => k !== 'exact') });
  }
  const negativeKinds: NegativeKind[] = ['stranger', 'same-victim-other-perpetrator', 'same-perpetrator-other-victim-relative', 'namesake-other-dob', 'namesake-near-dob', 'same-surname-other-person'];
  for (let i = 0; i < negativeCount; i++) {
    const kind = negativeKinds[i % negativeKinds.length] as NegativeKind;
    const c = pick(cases);
    let victim: PersonRecord;
    let perpetrator: PersonRecord;
    switch (kind) {
      case 'stranger':
        victim = person();
        perpetrator = person();
        break;
      case 'same-victim-other-perpetrator':
        victim = { ...c.victim, aliases: [] };
        perpetrator = person();
        break;
      case 'same-perpetrator-other-victim-relative': {
        // A relative of the victim (same surname, born within 3 years) and the same perpetrator:
        // a second victim of one perpetrator is a MATAC signal, not a MARAC repeat.
        const v = c.victim;
        let g = pick(GIVEN);
        while (g === v.givenNames[0] || NICKNAME_GROUPS.some((grp) => grp.includes(g) && grp.includes(v.givenNames[0] as string))) g = pick(GIVEN);
        const year = Number((v.dobs[0] as string).slice(0, 4)) + Math.floor(rnd() * 7) - 3;
        victim = { givenNames: [g], surname: v.surname, dobs: [`${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`] };
        perpetrator = { ...(c.perpetrators[0] as PersonRecord) };
        break;
      }
      case 'namesake-other-dob': {
        // Same names, both dates of birth at least 5 years apart.
        const shift = (p: PersonRecord) => ({ givenNames: p.givenNames, surname: p.surname, dobs: [`${Number((p.dobs[0] as string).slice(0, 4)) - 5 - Math.floor(rnd() * 10)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`] });
        victim = shift(c.victim);
        perpetrator = shift(c.perpetrators[0] as PersonRecord);
        break;
      }
      case 'namesake-near-dob': {
        // Other people with the same names born a year or two apart: a one-digit typo and a
        // different person look the same, which is why a coordinator confirms every match.
        const near = (p: PersonRecord) => {
          const d = p.dobs[0] as string;
          return { givenNames: p.givenNames, surname: p.surname, dobs: [`${Number(d.slice(0, 4)) + 1 + Math.floor(rnd() * 2)}${d.slice(4)}`] };
        };
        victim = near(c.victim);
        perpetrator = near(c.perpetrators[0] as PersonRecord);
        break;
      }
      case 'same-surname-other-person': {
        const other = (p: PersonRecord) => {
          let g = pick(GIVEN);
          const same = (x: string) => x === p.givenNames[0] || NICKNAME_GROUPS.some((grp) => grp.includes(x) && grp.includes(p.givenNames[0] as string));
          while (same(g)) g = pick(GIVEN);
          return { givenNames: [g], surname: p.surname, dobs: [dob(1960, 2006)] };
        };
        victim = other(c.victim);
        perpetrator = other(c.perpetrators[0] as PersonRecord);
        break;
      }
    }
    queries.push({ query: { victim, perpetrator, incidentDate: date(300, 700) }, truthCaseId: null, kind });
  }
  return { seed, cases, queries };
}
