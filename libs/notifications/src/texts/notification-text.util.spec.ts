import { digestEmail, emailBody, emailSubject, notificationText, safeReference, safeTaskName } from './notification-text.util';

describe('notification texts', () => {
  const base = { taskName: 'Contact the victim', caseReference: 'MARAC-2026-0042', dueAt: new Date('2026-03-02T17:00:00Z'), timeZone: 'Europe/London' };

  it('say what to do, the task, the case reference and the due time, with a link to the case', () => {
    const t = notificationText({ ...base, kind: 'task-created' });
    expect(t.text).toBe(`New task in your agency's queue: "Contact the victim" for case MARAC-2026-0042. Due Mon 2 Mar, 17:00 GMT. Claim it from the inbox.`);
    expect(t.link).toBe('/cases/MARAC-2026-0042');
    expect(notificationText({ ...base, kind: 'task-escalated', escalatedTo: 'pathway-coordinator' }).text).toMatch(/^Escalated to the pathway coordinator: task "Contact the victim" for case MARAC-2026-0042 is overdue/);
    expect(notificationText({ ...base, kind: 'task-reminder' }).text).toContain('is due Mon 2 Mar, 17:00 GMT');
    expect(notificationText({ ...base, kind: 'task-breached', dueAt: null }).text).toBe('Task "Contact the victim" for case MARAC-2026-0042 is overdue. Act on it now or reassign it.');
  });

  it('show due times in the partnership time zone', () => {
    expect(notificationText({ ...base, kind: 'task-reminder', dueAt: new Date('2026-07-01T08:00:00Z'), timeZone: 'Europe/Vienna' }).text).toContain('10:00 CEST');
  });

  it('refuse anything that is not a plain reference or task name (free text never gets in)', () => {
    expect(safeReference('Jane Doe, 12 Hidden Lane')).toBeNull();
    expect(safeReference('C-1/2026')).toBe('C-1/2026');
    expect(safeReference('<script>')).toBeNull();
    const t = notificationText({ ...base, kind: 'task-created', caseReference: 'Jane Doe' });
    expect(t.text).not.toContain('Jane');
    expect(t.link).toBe('/inbox');
    expect(safeTaskName('Call\nJane <b>now</b>', 'CallVictim')).toBe('CallVictim');
    expect(safeTaskName(null, 'Triage')).toBe('Triage');
    expect(safeTaskName('Safety plan (IDVA)', 'x')).toBe('Safety plan (IDVA)');
  });

  it('build e-mails from those parts only', () => {
    expect(emailSubject('task-breached', 'C-9')).toBe('[Referral pathways] Task overdue – case C-9');
    expect(emailSubject('task-created', 'not a ref!')).toBe('[Referral pathways] New task');
    expect(emailBody('Do it.', '/cases/C-9', 'https://app.example/')).toContain('Open: https://app.example/cases/C-9');
    const d = digestEmail('2026-03-02', [
      { kind: 'task-created', text: 'a', link: '/cases/C-1' }, { kind: 'task-created', text: 'b', link: '/inbox' }, { kind: 'task-escalated', text: 'c', link: '/cases/C-2' },
    ], 'https://app.example', 2);
    expect(d.subject).toBe('[Referral pathways] Daily summary for 2026-03-02: 3 notifications');
    expect(d.body).toContain('Summary for 2026-03-02: 2 new tasks, 1 escalations.');
    expect(d.body).toContain('…and 1 more in the app.');
  });
});
