// The coordinator's desk: the SLA escalation queue and the pattern-of-misses flags, repeat-referral
// proposals to confirm or reject, the meetings with the next meeting's agenda (cases with
// children first) and the action plan captured during the meeting. Only what the API answers for
// the person's role is shown: case references, agencies, coded reasons and dates, no personal data.
import { useMemo } from 'react';
import { api } from '../../api/api-client';
import type { Agency } from '../../api/api.types';
import { hasRole, useMe } from '../../app/session';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';
import { Escalations, MissFlags } from './escalations';
import { Meetings } from './meetings';
import { RepeatProposals } from './repeat-proposals';
import './coordinator.css';

export { orderAgenda } from './coordinator.util';

/** Agency names by id and by code (escalations name agencies by id, KPIs and tasks by code). */
export type AgencyNames = (idOrCode: string | null | undefined) => string;

export function CoordinatorPage() {
  const me = useMe();
  const [agencies] = useApi(() => api.admin.agencies(), []);
  const list: Agency[] = agencies.status === 'ok' ? agencies.data : [];
  const names = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const a of list) {
      byKey.set(a.id, a.name);
      if (a.code) byKey.set(a.code, a.name);
    }
    const name: AgencyNames = (key) => (key ? (byKey.get(key) ?? key) : '—');
    return name;
  }, [list]);
  const decidesRepeats = hasRole(me, ['partnership-coordinator', 'marac-coordinator']);
  const takesUpFlags = hasRole(me, ['partnership-coordinator']);

  return (
    <>
      <PageHeader title="Coordinator" />
      <nav aria-label="On this page" className="page-contents">
        <ul>
          <li>
            <a href="#esc-heading">Escalations</a>
          </li>
          <li>
            <a href="#flags-heading">Pattern of misses</a>
          </li>
          {decidesRepeats && (
            <li>
              <a href="#repeats-heading">Repeat referrals</a>
            </li>
          )}
          <li>
            <a href="#meetings-heading">Meetings and agenda</a>
          </li>
          <li>
            <a href="#plan-heading">Action plan</a>
          </li>
        </ul>
      </nav>
      <Escalations agencyName={names} />
      <MissFlags agencyName={names} takesUp={takesUpFlags} />
      {decidesRepeats && <RepeatProposals />}
      <Meetings agencies={list.filter((a) => !a.status || a.status === 'active')} agencyName={names} />
    </>
  );
}
