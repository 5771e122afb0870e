// Words for the codes the coordinator's endpoints answer with (criteria, listing reasons, chain
// steps, repeat-match reasons), and the agenda's grouping. Pure functions, unit-tested.
import type { AgendaCase, EscalationItem, EscalationResolution, MeetingSummary } from '../../api/api.types';

export { SOURCE_LABELS } from '../../components/labels';

export const RISK_REASONS: Record<string, string> = {
  visibleHighRisk: 'Visible high risk (DASH 14 or more)',
  professionalJudgement: 'Professional judgement',
  potentialEscalation: 'Potential escalation (police call-outs)',
  repeat: 'Repeat within 12 months',
  selfHarm: 'Victim at risk of self-harm',
};

export const LISTING_REASONS: Record<string, string> = {
  'before-cut-off': 'referred before the cut-off',
  'after-cut-off': 'referred after an earlier meeting’s cut-off',
  'meeting-full': 'an earlier meeting was full',
  'imminent-risk': 'imminent risk: emergency meeting',
  'holiday-moved': 'moved for a holiday',
  'already-listed': 'already listed',
};

export const TARGETS: Record<string, string> = {
  'agency-spoc': 'the agency’s single point of contact',
  'pathway-coordinator': 'the pathway coordinator',
  'partnership-coordinator': 'the partnership coordinator',
  'steering-group': 'the steering group',
};

export const RESOLUTION_LABELS: Record<EscalationResolution, string> = {
  chased: 'Agency chased',
  reassigned: 'Task reassigned',
  'completed-late': 'Completed late',
  'not-possible': 'Not possible',
  'referred-to-steering-group': 'Referred to the steering group',
  other: 'Other',
};


const sentence = (code: string) => code.replace(/[-_]/g, ' ');

export function riskReasonText(code: string): string {
  return RISK_REASONS[code] ?? sentence(code);
}

export function listingText(codes: string[]): string {
  return codes.map((c) => LISTING_REASONS[c] ?? sentence(c)).join('; ');
}

/** "SLA breached" or "Step 2 → the pathway coordinator" (the API counts steps from 0, its reasons from 1). */
export function stepText(e: Pick<EscalationItem, 'kind' | 'step' | 'to'>): string {
  if (e.kind === 'breach') return 'SLA breached';
  const to = e.to ? (TARGETS[e.to] ?? sentence(e.to)) : 'the next in the chain';
  return `${e.step !== null ? `Step ${e.step + 1}` : 'Escalated'} → ${to}`;
}

const MATCH_PARTS: Record<string, string> = { given: 'given name', surname: 'surname', family: 'surname', dob: 'date of birth', name: 'name' };

/** A repeat-match reason code (`victim/dob:day-month-swapped`) in words: "victim date of birth: day month swapped". */
export function matchReasonText(code: string): string {
  const m = /^([a-z-]+)\/([a-z-]+):(.+)$/i.exec(code);
  if (!m) return sentence(code);
  return `${m[1]} ${MATCH_PARTS[m[2]!] ?? sentence(m[2]!)}: ${sentence(m[3]!)}`;
}

/** Children's cases first (children's agencies may then leave), the server's order otherwise kept. */
export function orderAgenda(cases: AgendaCase[]): AgendaCase[] {
  return [...cases.filter((c) => c.hasChildren), ...cases.filter((c) => !c.hasChildren)];
}

/** The meeting to open first: the next one with cases listed, else the next one. */
export function nextMeeting(meetings: MeetingSummary[]): MeetingSummary | undefined {
  const sorted = [...meetings].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
  return sorted.find((m) => m.caseCount > 0) ?? sorted[0];
}

/** `YYYY-MM-DD` as "Tue 17 Mar 2026" (a calendar date: no time zone shift). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}
