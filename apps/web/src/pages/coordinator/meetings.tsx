// Meetings (scheduled and emergency, with their cut-off and circulation dates), the agenda of the
// chosen meeting in SafeLives' order (cases with children first), and the action plan captured
// during the meeting: actions owned by agencies with due dates, submitted per case into its
// running pathway (one task per action in the owning agency's inbox).
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import type { Agency, AgendaCase, ConcludeResult, DraftAction, MeetingAgenda } from '../../api/api.types';
import { ApiView, ErrorNote } from '../../components/api-status';
import { useApi } from '../../components/use-api.hook';
import type { AgencyNames } from './coordinator-page';
import { formatDay, listingText, nextMeeting, orderAgenda, riskReasonText, SOURCE_LABELS } from './coordinator.util';

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** Meetings listed before "show all". */
const SHOWN = 6;

/** An action captured in this session (descriptions stay in memory only; the server keeps them encrypted). */
interface CapturedAction extends DraftAction {
  meetingId: string;
  caseId: string;
  caseReference: string;
  description: string;
  issued?: boolean;
}

export function Meetings({ agencies, agencyName }: { agencies: Agency[]; agencyName: AgencyNames }) {
  const [meetings, reloadMeetings] = useApi(() => api.coordinator.meetings(), [], { keepOnReload: true });
  const [chosen, setChosen] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const [captured, setCaptured] = useState<CapturedAction[]>([]);
  const list = meetings.status === 'ok' ? meetings.data : [];
  const meetingId = chosen ?? nextMeeting(list)?.id ?? null;
  const agendaRef = useRef<HTMLHeadingElement>(null);

  function open(id: string) {
    setChosen(id);
    // the agenda replaces what was there: take the keyboard user to it
    requestAnimationFrame(() => agendaRef.current?.focus());
  }

  return (
    <>
      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Meetings</h2>
        <ApiView state={meetings} what="meetings" endpoint="GET /api/meetings">
          {(items) =>
            items.length === 0 ? (
              <p>No meetings in the next 90 days. Set a pathway’s meeting calendar, or call an emergency meeting.</p>
            ) : (
              <>
                <div className="table-wrap">
                  <table data-testid="meetings-table">
                    <caption className="visually-hidden">Meetings in the next 90 days with their list cut-off and circulation dates</caption>
                    <thead>
                      <tr>
                        <th scope="col">Meeting</th>
                        <th scope="col">Cases listed</th>
                        <th scope="col">List cut-off</th>
                        <th scope="col">Circulation</th>
                        <th scope="col">Agenda</th>
                      </tr>
                    </thead>
                    <tbody>
                      {(all ? items : items.filter((m, i) => i < SHOWN || m.id === meetingId)).map((m) => (
                        <tr key={m.id} aria-current={m.id === meetingId ? 'true' : undefined} data-meeting-id={m.id}>
                          <th scope="row">
                            {formatDay(m.date)} {m.startTime}
                            {m.kind === 'emergency' && <span className="tag tag-strong">emergency</span>}
                            <br />
                            <span className="muted">
                              {m.pathway}
                              {m.status !== 'planned' ? `, ${m.status}` : ''}
                            </span>
                          </th>
                          <td>{m.caseCount}</td>
                          <td>{m.kind === 'emergency' ? '—' : formatDay(m.cutOffDate)}</td>
                          <td>{formatDay(m.circulationDate)}</td>
                          <td>
                            {m.id === meetingId ? (
                              <span>Shown below</span>
                            ) : (
                              <button type="button" onClick={() => open(m.id)}>
                                Show agenda<span className="visually-hidden"> of {formatDay(m.date)}{m.kind === 'emergency' ? ' (emergency)' : ''}</span>
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {items.length > SHOWN && (
                  <button type="button" className="button-link" aria-expanded={all} onClick={() => setAll(!all)}>
                    {all ? `Show the next ${SHOWN} meetings only` : `Show all ${items.length} meetings of the next 90 days`}
                  </button>
                )}
              </>
            )
          }
        </ApiView>
        <EmergencyMeeting
          pathways={[...new Set(list.map((m) => m.pathway))]}
          onCalled={(id) => {
            reloadMeetings();
            open(id);
          }}
        />
      </section>
      <section aria-labelledby="agenda-heading">
        {meetingId ? (
          <Agenda
            key={meetingId}
            meetingId={meetingId}
            headingRef={agendaRef}
            agencies={agencies}
            agencyName={agencyName}
            captured={captured.filter((a) => a.meetingId === meetingId)}
            onCaptured={(a) => setCaptured((all) => [...all, { ...a, meetingId }])}
            onIssued={(caseId) => setCaptured((all) => all.map((a) => (a.meetingId === meetingId && a.caseId === caseId ? { ...a, issued: true } : a)))}
            onHeard={reloadMeetings}
          />
        ) : (
          <>
            <h2 id="agenda-heading" tabIndex={-1} ref={agendaRef}>
              Agenda
            </h2>
            <p>{meetings.status === 'loading' ? 'Loading meetings…' : 'Choose a meeting to see its agenda.'}</p>
            <h2 id="plan-heading">Action plan</h2>
            <p>The action plan is captured against a meeting’s agenda.</p>
          </>
        )}
      </section>
    </>
  );
}

function EmergencyMeeting({ pathways, onCalled }: { pathways: string[]; onCalled: (id: string) => void }) {
  const [templates] = useApi(() => api.coordinator.pathways(), []);
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState('');
  const options = [...new Set([...pathways, ...(templates.status === 'ok' ? templates.data.map((t) => t.id) : [])])];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const pathway = String(form.get('pathway') ?? '');
    const date = String(form.get('date') ?? '');
    const startTime = String(form.get('startTime') ?? '');
    if (!pathway || !date) {
      setError(new Error('An emergency meeting needs a pathway and a date.'));
      return;
    }
    try {
      const m = await api.coordinator.emergency({ pathway, date, ...(startTime ? { startTime } : {}) });
      setError(null);
      setMessage(`Emergency meeting called for ${formatDay(m.date)}.`);
      onCalled(m.id);
    } catch (err) {
      setError(toError(err));
    }
  }

  return (
    <details className="disclosure">
      <summary>Call an emergency meeting</summary>
      <form onSubmit={submit} className="form-grid" aria-label="Call an emergency meeting">
        <div className="field">
          <label htmlFor="em-pathway">Pathway</label>
          <select id="em-pathway" name="pathway" defaultValue={options[0] ?? ''}>
            {options.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="em-date">Date</label>
          <input id="em-date" name="date" type="date" required />
        </div>
        <div className="field">
          <label htmlFor="em-time">Start time</label>
          <input id="em-time" name="startTime" type="time" defaultValue="09:00" />
        </div>
        <button type="submit">Call the meeting</button>
      </form>
      {error && <ErrorNote error={error} />}
      <p role="status">{message}</p>
    </details>
  );
}

const SECTION_TITLES: Record<string, string> = {
  introductions: 'Introductions',
  'confidentiality-statement': 'Confidentiality statement',
  'incomplete-actions': 'Incomplete actions from earlier meetings',
  'children-cases': 'Cases with children',
  'adult-cases': 'Adult-only cases',
  'twelve-month-notices': '12-month notices',
  'any-other-business': 'Any other business',
};

/** The agenda's sections in the server's order, each section once, with its cases. */
function sections(a: MeetingAgenda): { section: string; cases: AgendaCase[] }[] {
  const byRef = new Map(a.cases.map((c) => [c.caseReference, c]));
  const out: { section: string; cases: AgendaCase[] }[] = [];
  for (const item of [...a.items].sort((x, y) => x.position - y.position)) {
    let s = out.find((o) => o.section === item.section);
    if (!s) out.push((s = { section: item.section, cases: [] }));
    const c = item.caseRef ? byRef.get(item.caseRef) : undefined;
    if (c) s.cases.push(c);
  }
  // cases the items do not name (defensive): in their section, children first
  for (const c of orderAgenda(a.cases)) {
    const section = c.hasChildren ? 'children-cases' : 'adult-cases';
    if (!out.some((o) => o.cases.includes(c))) {
      let s = out.find((o) => o.section === section);
      if (!s) out.push((s = { section, cases: [] }));
      s.cases.push(c);
    }
  }
  return out;
}

function Agenda(props: {
  meetingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  agencies: Agency[];
  agencyName: AgencyNames;
  captured: CapturedAction[];
  onCaptured: (a: Omit<CapturedAction, 'meetingId'>) => void;
  onIssued: (caseId: string) => void;
  onHeard: () => void;
}) {
  const { meetingId, headingRef, agencyName } = props;
  const [agenda, reload] = useApi(() => api.coordinator.agenda(meetingId), [meetingId], { keepOnReload: true });
  return (
    <ApiView state={agenda} what="the agenda" endpoint="GET /api/meetings/:id/agenda">
      {(a) => (
        <>
          <h2 id="agenda-heading" tabIndex={-1} ref={headingRef}>
            Agenda: {formatDay(a.meeting.date)} at {a.meeting.startTime}
            {a.meeting.kind === 'emergency' ? ' (emergency meeting)' : ''}
          </h2>
          <ol className="agenda" data-testid="agenda">
            {sections(a).map((s) => (
              <li key={s.section} data-section={s.section}>
                <h3>{SECTION_TITLES[s.section] ?? s.section}</h3>
                {s.section === 'confidentiality-statement' && (
                  <p className="muted">Information shared at the meeting is confidential, for the safety of the victims and children discussed only.</p>
                )}
                {s.section === 'incomplete-actions' && <IncompleteActions agenda={a} agencyName={agencyName} />}
                {s.section === 'twelve-month-notices' &&
                  (a.twelveMonthNotices.length === 0 ? (
                    <p>None.</p>
                  ) : (
                    <ul>
                      {a.twelveMonthNotices.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  ))}
                {(s.section === 'children-cases' || s.section === 'adult-cases') &&
                  (s.cases.length === 0 ? (
                    <p>None.</p>
                  ) : (
                    <ol className="agenda-cases">
                      {s.cases.map((c) => (
                        <li key={c.caseId} data-testid="agenda-case" data-case-reference={c.caseReference} data-has-children={c.hasChildren}>
                          <Link to={`/cases/${c.caseId}`}>
                            <strong>{c.caseReference}</strong>
                          </Link>
                          {c.hasChildren && <span className="tag">children in the household</span>}
                          {c.repeat && <span className="tag">repeat</span>}
                          {c.heard && <span className="tag">heard</span>}
                          {c.transferredFrom && <span className="tag">transferred from {c.transferredFrom}</span>}
                          <br />
                          Referred by {c.referringAgency ? ((SOURCE_LABELS as Record<string, string>)[c.referringAgency] ?? c.referringAgency) : 'an agency'}
                          {c.riskReason.length > 0 ? `; ${c.riskReason.map(riskReasonText).join(', ')}` : ''}
                          {c.listedFor.length > 0 && <span className="muted"> (listed: {listingText(c.listedFor)})</span>}
                        </li>
                      ))}
                    </ol>
                  ))}
              </li>
            ))}
          </ol>
          <ActionPlan
            agenda={a}
            agencies={props.agencies}
            agencyName={agencyName}
            captured={props.captured}
            onCaptured={props.onCaptured}
            onConcluded={(caseId) => {
              props.onIssued(caseId);
              props.onHeard();
              reload();
            }}
          />
        </>
      )}
    </ApiView>
  );
}

function IncompleteActions({ agenda, agencyName }: { agenda: MeetingAgenda; agencyName: AgencyNames }) {
  if (agenda.incompleteActions.length === 0) return <p>None.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="incomplete-actions">
        <caption className="visually-hidden">Actions from earlier meetings that are still open</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Agency</th>
            <th scope="col">Due</th>
            <th scope="col">From the meeting of</th>
          </tr>
        </thead>
        <tbody>
          {agenda.incompleteActions.map((x) => (
            <tr key={x.id}>
              <th scope="row">{x.caseReference}</th>
              <td>{agencyName(x.agency)}</td>
              <td>{formatDay(x.dueAt)}</td>
              <td>{formatDay(x.fromMeeting)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionPlan(props: {
  agenda: MeetingAgenda;
  agencies: Agency[];
  agencyName: AgencyNames;
  captured: CapturedAction[];
  onCaptured: (a: Omit<CapturedAction, 'meetingId'>) => void;
  onConcluded: (caseId: string) => void;
}) {
  const { agenda, agencies, agencyName, captured } = props;
  const cases = orderAgenda(agenda.cases);
  const open = cases.filter((c) => !c.heard);
  const [caseId, setCaseId] = useState(open[0]?.caseId ?? cases[0]?.caseId ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const chosen = cases.find((c) => c.caseId === caseId);


  /** The message is announced (role=status); the focus goes where the next step is. */
  function say(text: string, focus: () => HTMLElement | null | undefined = () => statusRef.current) {
    setMessage(text);
    requestAnimationFrame(() => focus()?.focus());
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const description = String(form.get('description') ?? '').trim();
    const agency = String(form.get('agency') ?? '');
    const dueAt = String(form.get('dueAt') ?? '');
    const problems: Record<string, string> = {};
    if (!chosen) problems.caseId = 'Choose the case the action is for.';
    if (!description) problems.description = 'Describe the action (specific and timed).';
    if (!agency) problems.agency = 'Choose the agency that owns the action.';
    if (dueAt && dueAt < agenda.meeting.date) problems.dueAt = 'An action is due after the meeting.';
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !chosen) {
      formEl.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    try {
      const draft = await api.coordinator.addAction(agenda.meeting.id, { caseId: chosen.caseId, description, agency, ...(dueAt ? { dueAt } : {}) });
      props.onCaptured({ ...draft, caseId: chosen.caseId, caseReference: chosen.caseReference, description });
      setError(null);
      formEl.reset();
      // ready for the next action of the meeting
      say(`Action added for ${chosen.caseReference}: owned by ${agencyName(draft.agency)}, due ${formatDay(draft.dueDate)}.`, () => formEl.querySelector('textarea'));
    } catch (err) {
      setError(toError(err));
    }
  }

  async function conclude(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    const form = new FormData(event.currentTarget);
    const next = String(form.get('nextMeetingDate') ?? '');
    try {
      const r: ConcludeResult = await api.coordinator.conclude(agenda.meeting.id, chosen.caseId, {
        riskAnalysisRecorded: form.get('riskAnalysisRecorded') === 'on',
        ...(next ? { nextMeetingDate: next } : {}),
      });
      setError(null);
      props.onConcluded(chosen.caseId);
      const owners = r.actions.map((x) => `${agencyName(x.agency)} (due ${formatDay(x.dueDate)})`).join(', ');
      say(
        r.actions.length > 0
          ? `Plan for ${chosen.caseReference} submitted: ${r.actions.length} action${r.actions.length === 1 ? '' : 's'} issued to ${owners}. Status due before the next meeting on ${formatDay(r.nextMeetingDate)}.`
          : `Case ${chosen.caseReference} concluded without actions. Next meeting ${formatDay(r.nextMeetingDate)}.`,
      );
    } catch (err) {
      setError(toError(err));
    }
  }

  const forCase = captured.filter((a) => a.caseId === caseId);
  const drafts = forCase.filter((a) => !a.issued);
  const invalid = (name: string) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `ap-${name}-error` } : {});
  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`ap-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <div className="action-plan">
      <h2 id="plan-heading">Action plan</h2>
      {cases.length === 0 ? (
        <p>No case is listed on this meeting.</p>
      ) : (
        <>
          <p className="muted">
            Capture each action as it is agreed: what will be done, the agency that owns it and when it is due. Submitting a case’s plan puts one task per action
            into the owning agency’s inbox.
          </p>
          <div className="field">
            <label htmlFor="ap-case">Case</label>
            <select id="ap-case" value={caseId} onChange={(e) => setCaseId(e.target.value)} {...invalid('caseId')}>
              {cases.map((c) => (
                <option key={c.caseId} value={c.caseId} disabled={c.heard}>
                  {c.caseReference}
                  {c.hasChildren ? ' (children)' : ''}
                  {c.heard ? ' (heard)' : ''}
                </option>
              ))}
            </select>
            {fieldError('caseId')}
          </div>
          {chosen?.heard ? (
            <p>This case has been heard and its plan submitted.</p>
          ) : (
            <form onSubmit={add} aria-labelledby="ap-add-heading" noValidate>
              <h3 id="ap-add-heading">Add an action{chosen ? ` for ${chosen.caseReference}` : ''}</h3>
              <div className="form-grid">
                <div className="field field-wide">
                  <label htmlFor="ap-description">Action (specific and timed)</label>
                  <textarea id="ap-description" name="description" rows={2} maxLength={2000} {...invalid('description')} />
                  {fieldError('description')}
                </div>
                <div className="field">
                  <label htmlFor="ap-agency">Owning agency</label>
                  <select id="ap-agency" name="agency" defaultValue="" {...invalid('agency')}>
                    <option value="">Choose an agency…</option>
                    {agencies.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                  {fieldError('agency')}
                </div>
                <div className="field">
                  <label htmlFor="ap-due">Due date</label>
                  <span id="ap-due-hint" className="muted">
                    Empty: the pathway’s default
                  </span>
                  <input id="ap-due" name="dueAt" type="date" min={agenda.meeting.date} aria-describedby={`ap-due-hint${errors.dueAt ? ' ap-dueAt-error' : ''}`} aria-invalid={errors.dueAt ? true : undefined} />
                  {fieldError('dueAt')}
                </div>
              </div>
              <button type="submit">Add action</button>
            </form>
          )}
          {error && <ErrorNote error={error} />}
          <p role="status" tabIndex={-1} ref={statusRef} data-testid="plan-status">
            {message}
          </p>
          {forCase.length > 0 && (
            <div className="table-wrap">
              <table data-testid="plan-table">
                <caption>Actions for {chosen?.caseReference} captured at this meeting</caption>
                <thead>
                  <tr>
                    <th scope="col">Action</th>
                    <th scope="col">Owning agency</th>
                    <th scope="col">Due</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {forCase.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{a.description}</th>
                      <td>{agencyName(a.agency)}</td>
                      <td>{formatDay(a.dueDate)}</td>
                      <td>{a.issued ? 'Issued' : 'Draft'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {chosen && !chosen.heard && (
            <form onSubmit={conclude} aria-labelledby="ap-submit-heading" className="conclude">
              <h3 id="ap-submit-heading">Submit the plan for {chosen.caseReference}</h3>
              <div className="field field-checkbox">
                <input id="ap-risk" name="riskAnalysisRecorded" type="checkbox" defaultChecked />
                <label htmlFor="ap-risk">Risk analysis recorded</label>
              </div>
              <div className="field">
                <label htmlFor="ap-next">Next meeting for this case</label>
                <span id="ap-next-hint" className="muted">
                  Empty: the next scheduled meeting
                </span>
                <input id="ap-next" name="nextMeetingDate" type="date" min={agenda.meeting.date} aria-describedby="ap-next-hint" />
              </div>
              <p className="muted" data-testid="plan-count">
                {drafts.length === 0
                  ? 'No action captured here yet: the case is concluded with the actions the meeting recorded.'
                  : `${drafts.length} action${drafts.length === 1 ? '' : 's'} captured here will be issued, one task each for the owning agency.`}
              </p>
              <button type="submit" className="button-primary">
                Submit the plan to the pathway<span className="visually-hidden"> for {chosen.caseReference}</span>
              </button>
            </form>
          )}
        </>
      )}
    </div>
  );
}

