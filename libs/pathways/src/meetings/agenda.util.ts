/**
 * The MARAC agenda in SafeLives' suggested order: introductions, the confidentiality statement,
 * incomplete actions from the last meeting, cases with children first (so children's agencies
 * may then leave), adult-only cases, cases 12 months since the last MARAC, any other business
 * [F: safelives.org.uk marac-suggested-agenda]. Within a section: first referred, first heard.
 */
import type { AgendaCase, AgendaItem, AgendaSection } from './meeting.types';

export function buildAgenda(input: { cases: AgendaCase[]; hasIncompleteActions: boolean; twelveMonthNotices: string[] }): AgendaItem[] {
  const items: Omit<AgendaItem, 'position'>[] = [];
  const push = (section: AgendaSection, extra: Partial<AgendaItem> = {}) => items.push({ section, ...extra });
  push('introductions');
  push('confidentiality-statement');
  if (input.hasIncompleteActions) push('incomplete-actions');
  const byArrival = (a: AgendaCase, b: AgendaCase) => a.receivedAt.localeCompare(b.receivedAt) || a.caseRef.localeCompare(b.caseRef);
  const seen = new Set<string>();
  for (const c of input.cases) {
    if (seen.has(c.caseRef)) throw new Error(`case listed twice: ${c.caseRef}`);
    seen.add(c.caseRef);
  }
  const caseItem = (section: AgendaSection) => (c: AgendaCase) =>
    push(section, { caseRef: c.caseRef, isRepeat: c.isRepeat, ...(c.transferredFrom ? { transferredFrom: c.transferredFrom } : {}) });
  input.cases.filter((c) => c.hasChildren).sort(byArrival).forEach(caseItem('children-cases'));
  input.cases.filter((c) => !c.hasChildren).sort(byArrival).forEach(caseItem('adult-cases'));
  for (const ref of [...input.twelveMonthNotices].sort()) push('twelve-month-notices', { caseRef: ref });
  push('any-other-business');
  return items.map((item, i) => ({ position: i + 1, ...item }));
}
