import type { CalendarData } from '../../contract.types';
import { bpmn, chain } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

/** England: Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays; deadlines fall at 17:00. */
const partnership: CalendarData = { timeZone: 'Europe/London', holidays: ['2026-04-03', '2026-04-06'], dueHour: 17 };

const triage = (referral: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="triage" name="Triage the referral">
      <bpmn:extensionElements>
        ${referral}
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'triage', 'end')}`);

const withSla = triage(`
  <referral:task agency="idva" role="idva-worker" sla="P2D" calendar="partnership" reminder="P1D" scopes="identity dash">
    <referral:escalation to="agency-spoc" after="PT0S"/>
    <referral:escalation to="pathway-coordinator" after="P1D"/>
    <referral:escalation to="steering-group" after="P5D"/>
    <referral:field name="priority" type="enum" required="true" options="A B C" scope="dash"/>
    <referral:field name="contactMade" type="boolean" required="true"/>
    <referral:field name="notes" type="text" label="Notes"/>
  </referral:task>
  <zeebe:assignmentDefinition candidateGroups="idva, police" candidateUsers="sam" assignee="alex"/>`);

describe('user task', () => {
  it('given a user task with the referral extension, when it is reached, then create-user-task carries the assignment, the form and the due time', () => {
    // Thursday before Easter, 10:00 in London.
    const s = Scenario.given(withSla, { now: '2026-04-02T09:00:00.000Z', calendars: { partnership } }).start();
    const [create] = s.commandsOf('create-user-task');
    expect(create).toEqual({
      type: 'create-user-task',
      elementInstanceId: 2,
      elementId: 'triage',
      name: 'Triage the referral',
      assignment: {
        agency: 'idva',
        role: 'idva-worker',
        candidateGroups: ['idva', 'police'],
        candidateUsers: ['sam'],
        assignee: 'alex',
        sla: 'P2D',
        reminder: 'P1D',
        calendar: 'partnership',
        escalation: [
          { to: 'agency-spoc', after: 'PT0S' },
          { to: 'pathway-coordinator', after: 'P1D' },
          { to: 'steering-group', after: 'P5D' },
        ],
        dataScopes: ['identity', 'dash'],
        form: [
          { name: 'priority', type: 'enum', required: true, scope: 'dash', options: ['A', 'B', 'C'] },
          { name: 'contactMade', type: 'boolean', required: true },
          { name: 'notes', type: 'text', required: false, label: 'Notes' },
        ],
      },
      // Two working days after Thursday, skipping Good Friday, the weekend and Easter Monday: Wednesday 17:00 BST.
      dueAt: '2026-04-08T16:00:00.000Z',
    });
    expect(s.model.forms.triage).toEqual(create!.assignment.form);
  });

  it('given an SLA with reminder and escalation chain, when the task is created, then one SLA timer each is scheduled in working days', () => {
    const s = Scenario.given(withSla, { now: '2026-04-02T09:00:00.000Z', calendars: { partnership } }).start();
    const timers = s.commandsOf('schedule-timer').map((c) => [c.purpose, c.elementId, c.dueAt]);
    expect(timers).toEqual([
      ['sla', 'triage', '2026-04-07T16:00:00.000Z'], // reminder: one working day before the due time
      ['sla', 'triage', '2026-04-08T16:00:00.000Z'], // breach
      ['sla', 'triage', '2026-04-08T16:00:00.000Z'], // escalation to the agency SPOC at once
      ['sla', 'triage', '2026-04-09T16:00:00.000Z'], // pathway coordinator a working day later
      ['sla', 'triage', '2026-04-15T16:00:00.000Z'], // steering group five working days later
    ]);
    expect(s.state.subscriptions.map((sub) => `${sub.sla}${sub.step !== undefined ? `#${sub.step}` : ''}`)).toEqual(['reminder', 'breach', 'escalation#0', 'escalation#1', 'escalation#2']);
    expect(s.state.elements[0]!.due).toBe('2026-04-08T16:00:00.000Z');
  });

  it('given the SLA timers, when each fires through timer-fired, then the reminder, breach and each escalation step go out in order as sla-event commands', () => {
    const s = Scenario.given(withSla, { now: '2026-04-02T09:00:00.000Z', calendars: { partnership } }).start();
    const fired: unknown[] = [];
    for (const sub of [...s.state.subscriptions]) {
      s.at(sub.due!).ok({ type: 'timer-fired', timerId: sub.id });
      fired.push(...s.last.commands);
      expect(s.live()).toEqual(['triage']); // SLA timers never end the task
    }
    const slaEvent = (kind: string, extra: object = {}) => ({ type: 'sla-event', kind, elementInstanceId: 2, elementId: 'triage', dueAt: '2026-04-08T16:00:00.000Z', ...extra });
    expect(fired).toEqual([
      slaEvent('reminder'),
      slaEvent('breach'),
      slaEvent('escalation', { step: 0, to: 'agency-spoc' }),
      slaEvent('escalation', { step: 1, to: 'pathway-coordinator' }),
      slaEvent('escalation', { step: 2, to: 'steering-group' }),
    ]);
    expect(s.history().filter((e) => e.startsWith('triage sla'))).toEqual([
      'triage sla-reminder',
      'triage sla-breach',
      'triage sla-escalation (agency-spoc)',
      'triage sla-escalation (pathway-coordinator)',
      'triage sla-escalation (steering-group)',
    ]);
    expect(s.state.subscriptions).toEqual([]);
  });

  it('given an open task with SLA timers, when it is completed, then the remaining SLA timers are cancelled', () => {
    const s = Scenario.given(withSla, { now: '2026-04-02T09:00:00.000Z', calendars: { partnership } }).start();
    const reminder = s.state.subscriptions[0]!;
    s.at(reminder.due!).ok({ type: 'timer-fired', timerId: reminder.id });
    s.complete('triage', { priority: 'B', contactMade: true });
    expect(s.commands()).toEqual(['cancel-timer 4', 'cancel-timer 5', 'cancel-timer 6', 'cancel-timer 7', 'end-instance completed']);
    expect(s.state.variables).toEqual({ priority: 'B', contactMade: true });
  });

  it('given an SLA without a calendar, when the task is created, then the duration counts calendar time in UTC', () => {
    const s = Scenario.given(triage('<referral:task agency="police" sla="PT4H"/>'), { now: '2026-04-04T22:00:00.000Z' }).start();
    expect(s.commandsOf('create-user-task')[0]!.dueAt).toBe('2026-04-05T02:00:00.000Z');
  });

  it('given the SLA names a calendar the context does not supply, when the task is reached, then an expression-failed incident says so', () => {
    const s = Scenario.given(withSla).start();
    expect(s.trail().slice(-1)).toEqual(['triage incident (expression-failed)']);
    expect(s.state.incidents![0]!.message).toBe('the calendar "partnership" was not supplied');
    expect(s.commandsOf('create-user-task')).toEqual([]);
  });

  describe('form output validation', () => {
    const s = () => Scenario.given(withSla, { now: '2026-04-02T09:00:00.000Z', calendars: { partnership } }).start();

    it.each([
      [{}, 'priority is required; contactMade is required'],
      [{ priority: 'D', contactMade: true }, 'priority must be one of A, B, C'],
      [{ priority: 'A', contactMade: 'yes' }, 'contactMade must be true or false'],
      [{ priority: 'A', contactMade: true, notes: 3 }, 'Notes must be text'],
      [{ priority: 'A', contactMade: true, address: '1 High St' }, 'address is not a field of this task'],
    ])('given output %j, when the task is completed, then the completion is rejected as invalid-output and the state is unchanged', (variables, message) => {
      const scenario = s();
      const before = JSON.stringify(scenario.state);
      const result = scenario.send({ type: 'task-completed', elementInstanceId: 2, variables });
      expect(result.rejection).toEqual({ code: 'invalid-output', message });
      expect(result.commands).toEqual([]);
      expect(result.events).toEqual([]);
      expect(JSON.stringify(result.state)).toBe(before);
    });

    it('given valid output, when the task is completed, then the output becomes process variables', () => {
      const scenario = s().complete('triage', { priority: 'A', contactMade: false, notes: 'called twice' });
      expect(scenario.state.variables).toEqual({ priority: 'A', contactMade: false, notes: 'called twice' });
      expect(scenario.state.status).toBe('completed');
    });
  });

  it('given a plain user task without extensions, when it is reached, then it gets an empty assignment and accepts any output', () => {
    const s = Scenario.given(triage('')).start();
    expect(s.commandsOf('create-user-task')[0]!.assignment).toEqual({ escalation: [], dataScopes: [], form: [] });
    s.complete('triage', { anything: [1, 2] });
    expect(s.state.variables).toEqual({ anything: [1, 2] });
  });

  it('given FEEL in the agency, candidate groups and SLA, when the task is created, then they are evaluated on its variables and parameters', () => {
    const xml = triage('<referral:task agency="=action.agency" sla="=params.actionSla"/><zeebe:assignmentDefinition candidateGroups="=[action.agency, &quot;coordinator&quot;]"/>');
    const s = Scenario.given(xml, { params: { actionSla: 'PT12H' } }).start({ variables: { action: { agency: 'housing' } } });
    expect(s.commandsOf('create-user-task')[0]).toMatchObject({
      assignment: { agency: 'housing', candidateGroups: ['housing', 'coordinator'], sla: 'PT12H' },
      dueAt: '2026-03-02T21:00:00.000Z',
    });

    const missing = Scenario.given(s.model, { params: { actionSla: 'PT12H' } }).start();
    expect(missing.state.incidents![0]).toMatchObject({ elementId: 'triage', kind: 'expression-failed', message: 'the task\'s agency "action.agency" gave null, not text' });
  });

  it('given input mappings, when the task is created, then it carries only the mapped input, not the whole variable set', () => {
    const s = Scenario.given(
      triage(`<zeebe:ioMapping><zeebe:input source="=case.agency" target="ownerAgency"/><zeebe:input source="fixed text" target="note"/></zeebe:ioMapping>`),
    ).start({ variables: { case: { agency: 'housing', name: 'not for the task' } } });
    expect(s.commandsOf('create-user-task')[0]!.input).toEqual({ ownerAgency: 'housing', note: 'fixed text' });
  });
});
