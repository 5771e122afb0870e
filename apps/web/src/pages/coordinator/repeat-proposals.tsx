// Repeat-referral proposals: intake matched a new referral to an earlier case (the same victim and
// perpetrator within tolerance of name and date-of-birth variants); nothing is linked until a
// coordinator confirms. References, score and coded reasons only.
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import type { RepeatProposal } from '../../api/api.types';
import { ApiView, ErrorNote } from '../../components/api-status';
import { useApi } from '../../components/use-api.hook';
import { matchReasonText } from './coordinator.util';

export function RepeatProposals() {
  const [state, reload] = useApi(() => api.coordinator.proposals(), [], { keepOnReload: true });
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);

  async function decide(p: RepeatProposal, confirm: boolean) {
    try {
      const r = await api.coordinator.decideProposal(p.id, confirm);
      setError(null);
      setMessage(
        confirm
          ? `Confirmed: ${p.caseReference} is linked to ${p.candidateReference}${p.withinRepeatWindow ? ' as a repeat' : ''}.${r.dedupeTaskCompleted ? ' Its repeat check is complete.' : ''}`
          : `Rejected: ${p.caseReference} is not linked to ${p.candidateReference}.${r.dedupeTaskCompleted ? ' Its repeat check is complete.' : ''}`,
      );
      reload();
      statusRef.current?.focus();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  }

  return (
    <section aria-labelledby="repeats-heading">
      <h2 id="repeats-heading">Repeat referrals to confirm</h2>
      <p className="muted">New referrals that look like an earlier case. Confirm to link the cases (a repeat when within 12 months), or reject.</p>
      <p role="status" tabIndex={-1} ref={statusRef} data-testid="repeat-status">
        {message}
      </p>
      {error && <ErrorNote error={error} />}
      <ApiView state={state} what="repeat proposals" endpoint="GET /api/intake/repeat-proposals">
        {(page) =>
          page.items.length === 0 ? (
            <p>No repeat proposals wait for a decision.</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="repeat-table">
                <caption className="visually-hidden">Proposed repeat matches waiting for a decision</caption>
                <thead>
                  <tr>
                    <th scope="col">New referral</th>
                    <th scope="col">Earlier case</th>
                    <th scope="col">Match</th>
                    <th scope="col">Why</th>
                    <th scope="col">Decide</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link to={`/cases/${p.caseId}`}>{p.caseReference}</Link>
                      </th>
                      <td>
                        <Link to={`/cases/${p.candidateCaseId}`}>{p.candidateReference}</Link>
                        <br />
                        <span className="muted">
                          {p.daysSinceLastReferral} days earlier{p.withinRepeatWindow ? ', within 12 months' : ', more than 12 months'}
                        </span>
                      </td>
                      <td>{Math.round(p.score * 100)} % alike</td>
                      <td>
                        <ul className="plain-list">
                          {p.reasons.map((r) => (
                            <li key={r}>{matchReasonText(r)}</li>
                          ))}
                        </ul>
                      </td>
                      <td className="actions">
                        <button type="button" onClick={() => void decide(p, true)}>
                          Confirm<span className="visually-hidden"> {p.caseReference} repeats {p.candidateReference}</span>
                        </button>
                        <button type="button" onClick={() => void decide(p, false)}>
                          Reject<span className="visually-hidden"> {p.caseReference} as a repeat of {p.candidateReference}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ApiView>
    </section>
  );
}
