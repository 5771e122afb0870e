import { StaticRecipientDirectory } from '../ports/static-directory';
import { resolveRecipients, type TaskForRecipients } from './recipients.util';

const dir = new StaticRecipientDirectory([
  { id: 'spoc', partnershipId: 'p', agency: 'idva', roles: ['agency-spoc'], email: null },
  { id: 'idva', partnershipId: 'p', agency: 'idva', roles: ['idva'], email: null },
  { id: 'other-role', partnershipId: 'p', agency: 'idva', roles: ['manager'], email: null },
  { id: 'police', partnershipId: 'p', agency: 'police', roles: ['idva'], email: null },
  { id: 'coord', partnershipId: 'p', agency: null, roles: ['pathway-coordinator'], email: null },
  { id: 'coord-elsewhere', partnershipId: 'q', agency: null, roles: ['pathway-coordinator'], email: null },
  { id: 'off', partnershipId: 'p', agency: 'idva', roles: ['idva'], email: null, disabled: true },
], []);
const task: TaskForRecipients = { partnershipId: 'p', agency: 'idva', role: 'idva', assignee: null, candidateUsers: [] };
const ids = async (t: TaskForRecipients, kind: 'task-created' | 'task-reminder' | 'task-breached' | 'task-escalated', to?: string) =>
  (await resolveRecipients(dir, t, { kind, elementId: 'x', ...(to ? { to } : {}) })).map((r) => r.userId);

describe('who hears of what', () => {
  it('a new task: the agency queue (SPOC and workers with the role), and anyone it names', async () => {
    expect(await ids(task, 'task-created')).toEqual(['idva', 'spoc']);
    expect(await ids({ ...task, assignee: 'police' }, 'task-created')).toEqual(['idva', 'police', 'spoc']);
  });

  it('a reminder: the holder, or the queue while nobody holds it', async () => {
    expect(await ids(task, 'task-reminder')).toEqual(['idva', 'spoc']);
    expect(await ids({ ...task, assignee: 'idva' }, 'task-reminder')).toEqual(['idva']);
  });

  it("a breach: the holder and the agency's single point of contact", async () => {
    expect(await ids({ ...task, assignee: 'idva' }, 'task-breached')).toEqual(['idva', 'spoc']);
  });

  it('an escalation: the role the step names, within the partnership', async () => {
    expect(await ids(task, 'task-escalated', 'agency-spoc')).toEqual(['spoc']);
    expect(await ids(task, 'task-escalated', 'pathway-coordinator')).toEqual(['coord']);
  });
});
