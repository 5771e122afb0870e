import type { CalendarData } from '@app/engine';
import { actionState, agenciesToFlag, quarterOf, statusDueDate } from './action-status.util';
import { buildAgenda } from './agenda.util';
import { assignMeeting, generateMeetings, MeetingScheduleError } from './meeting-calendar.util';
import type { ListingParams, MeetingSchedule, TrackedAction } from './meeting.types';
import { addWorkingDays, localDate, workingDaysBetween } from './working-days.util';

// England 2026, written out by hand: Good Friday, Easter Monday, early May, spring bank holiday.
const cal: CalendarData = { timeZone: 'Europe/London', weekend: [6, 7], holidays: ['2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25'], dueHour: 17 };
const listing: ListingParams = { referralCutOffWorkingDays: 8, circulationWorkingDays: 5, emergencyIfNextMeetingBeyondDays: 5, maxCasesPerMeeting: 16 };
const fortnightly: MeetingSchedule = { frequency: 'fortnightly', weekday: 2, anchorDate: '2026-03-03', startTime: '10:00', onHoliday: 'next-working-day' };

describe('working days', () => {
  it('counts over weekends and bank holidays', () => {
    expect(addWorkingDays('2026-04-02', 1, cal)).toBe('2026-04-07'); // Thu → over Good Friday, weekend, Easter Monday
    expect(addWorkingDays('2026-04-07', -1, cal)).toBe('2026-04-02');
    expect(addWorkingDays('2026-03-17', -8, cal)).toBe('2026-03-05');
    expect(workingDaysBetween('2026-04-02', '2026-04-08', cal)).toBe(2);
    expect(workingDaysBetween('2026-04-08', '2026-04-02', cal)).toBe(0);
  });

  it('takes the local date in the calendar time zone, across summer time', () => {
    expect(localDate(new Date('2026-06-04T23:30:00Z'), 'Europe/London')).toBe('2026-06-05'); // 00:30 BST
    expect(localDate(new Date('2026-01-04T23:30:00Z'), 'Europe/London')).toBe('2026-01-04'); // 23:30 GMT
    expect(localDate(new Date('2026-03-28T23:30:00Z'), 'Europe/Vienna')).toBe('2026-03-29');
  });
});

describe('meeting calendar', () => {
  it('generates fortnightly meetings from the anchor date', () => {
    expect(generateMeetings(fortnightly, '2026-03-01', '2026-04-30', cal).map((m) => m.date)).toEqual([
      '2026-03-03', '2026-03-17', '2026-03-31', '2026-04-14', '2026-04-28',
    ]);
  });

  it('generates monthly meetings on the nth or last weekday', () => {
    const second: MeetingSchedule = { frequency: 'monthly', weekday: 4, weekOfMonth: 2, startTime: '09:30', onHoliday: 'skip' };
    expect(generateMeetings(second, '2026-01-01', '2026-03-31', cal).map((m) => m.date)).toEqual(['2026-01-08', '2026-02-12', '2026-03-12']);
    const last: MeetingSchedule = { frequency: 'monthly', weekday: 5, weekOfMonth: -1, startTime: '09:30', onHoliday: 'skip' };
    expect(generateMeetings(last, '2026-01-01', '2026-04-30', cal).map((m) => m.date)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24']);
  });

  it('moves or skips a meeting on a bank holiday, and honours cancelled and extra dates', () => {
    const weekly: MeetingSchedule = { frequency: 'weekly', weekday: 1, startTime: '10:00', onHoliday: 'next-working-day', cancelledDates: ['2026-04-20'], extraDates: ['2026-04-16'] };
    expect(generateMeetings(weekly, '2026-03-30', '2026-04-27', cal).map((m) => m.date)).toEqual(['2026-03-30', '2026-04-07', '2026-04-13', '2026-04-16', '2026-04-27']);
    expect(generateMeetings({ ...weekly, onHoliday: 'skip' }, '2026-03-30', '2026-04-13', cal).map((m) => m.date)).toEqual(['2026-03-30', '2026-04-13']);
  });

  it('rejects inconsistent schedules', () => {
    expect(() => generateMeetings({ ...fortnightly, anchorDate: undefined }, '2026-03-01', '2026-04-01', cal)).toThrow(MeetingScheduleError);
    expect(() => generateMeetings({ ...fortnightly, anchorDate: '2026-03-04' }, '2026-03-01', '2026-04-01', cal)).toThrow(/weekday/);
    expect(() => generateMeetings({ ...fortnightly, startTime: '25:00' }, '2026-03-01', '2026-04-01', cal)).toThrow(/HH:mm/);
  });
});

describe('listing a referral (scenario 10)', () => {
  const meetings = generateMeetings(fortnightly, '2026-03-01', '2026-06-30', cal);

  it('lists a referral received by the cut-off at the next meeting, with its circulation date', () => {
    const d = assignMeeting({ receivedAt: new Date('2026-03-05T10:00:00Z'), imminentRisk: false }, meetings, cal, listing);
    expect(d).toEqual({ meetingDate: '2026-03-17', emergency: false, cutOffDate: '2026-03-05', circulationDate: '2026-03-10', reasons: ['before-cut-off'] });
  });

  it('sends a referral after the cut-off to the following meeting', () => {
    const d = assignMeeting({ receivedAt: new Date('2026-03-06T10:00:00Z'), imminentRisk: false }, meetings, cal, listing);
    expect(d.meetingDate).toBe('2026-03-31');
    expect(d.reasons).toEqual(['after-cut-off']);
  });

  it('calls an emergency MARAC when risk is imminent and the next meeting is too far away', () => {
    const d = assignMeeting({ receivedAt: new Date('2026-03-06T10:00:00Z'), imminentRisk: true }, meetings, cal, listing);
    expect(d.emergency).toBe(true);
    expect(d.meetingDate).toBe('2026-03-09');
    expect(d.reasons).toContain('imminent-risk');
    const patient = assignMeeting({ receivedAt: new Date('2026-03-04T10:00:00Z'), imminentRisk: true }, meetings, cal, { ...listing, emergencyIfNextMeetingBeyondDays: 10 });
    expect(patient).toMatchObject({ meetingDate: '2026-03-17', emergency: false });
  });

  it('skips a full meeting', () => {
    const full = meetings.map((m) => (m.date === '2026-03-17' ? { ...m, caseCount: 16 } : m));
    const d = assignMeeting({ receivedAt: new Date('2026-03-02T10:00:00Z'), imminentRisk: false }, full, cal, listing);
    expect(d.meetingDate).toBe('2026-03-31');
    expect(d.reasons).toEqual(['after-cut-off', 'meeting-full']); // too late for 3 March, 17 March full
  });

  it('counts the cut-off in working days over Easter', () => {
    // Meeting Tue 14 April: 8 working days back skips Good Friday and Easter Monday → 31 March.
    const d = assignMeeting({ receivedAt: new Date('2026-03-31T16:00:00Z'), imminentRisk: false }, meetings, cal, listing);
    expect(d.meetingDate).toBe('2026-04-14');
    expect(d.cutOffDate).toBe('2026-03-31');
    const late = assignMeeting({ receivedAt: new Date('2026-04-01T08:00:00Z'), imminentRisk: false }, meetings, cal, listing);
    expect(late.meetingDate).toBe('2026-04-28');
  });

  it('fails loudly when the calendar runs out', () => {
    expect(() => assignMeeting({ receivedAt: new Date('2026-07-01T10:00:00Z'), imminentRisk: false }, meetings, cal, listing)).toThrow(MeetingScheduleError);
  });
});

describe('agenda (scenario 12 order)', () => {
  it('puts cases with children first, then adult-only cases, then 12-month notices', () => {
    const agenda = buildAgenda({
      hasIncompleteActions: true,
      twelveMonthNotices: ['C-9'],
      cases: [
        { caseRef: 'C-1', hasChildren: false, isRepeat: false, receivedAt: '2026-03-01T09:00:00Z' },
        { caseRef: 'C-2', hasChildren: true, isRepeat: true, receivedAt: '2026-03-03T09:00:00Z' },
        { caseRef: 'C-3', hasChildren: true, isRepeat: false, receivedAt: '2026-03-02T09:00:00Z', transferredFrom: 'marac-elsewhere' },
        { caseRef: 'C-4', hasChildren: false, isRepeat: false, receivedAt: '2026-02-28T09:00:00Z' },
      ],
    });
    expect(agenda.map((i) => `${i.section}${i.caseRef ? ':' + i.caseRef : ''}`)).toEqual([
      'introductions', 'confidentiality-statement', 'incomplete-actions',
      'children-cases:C-3', 'children-cases:C-2', 'adult-cases:C-4', 'adult-cases:C-1',
      'twelve-month-notices:C-9', 'any-other-business',
    ]);
    expect(agenda.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(agenda[3]?.transferredFrom).toBe('marac-elsewhere');
  });

  it('leaves out incomplete actions when there are none and refuses a case listed twice', () => {
    const c = { caseRef: 'C-1', hasChildren: false, isRepeat: false, receivedAt: '2026-03-01T09:00:00Z' };
    expect(buildAgenda({ hasIncompleteActions: false, twelveMonthNotices: [], cases: [c] }).map((i) => i.section)).not.toContain('incomplete-actions');
    expect(() => buildAgenda({ hasIncompleteActions: false, twelveMonthNotices: [], cases: [c, c] })).toThrow(/twice/);
  });
});

describe('action status between meetings (scenarios 13, 14)', () => {
  const action: TrackedAction = { actionId: 'A-1', caseRef: 'C-1', agency: 'housing', dueDate: '2026-03-20', outcome: 'open' };

  it('needs the status one working day before the next meeting', () => {
    expect(statusDueDate('2026-04-07', cal)).toBe('2026-04-02');
  });

  it('moves an open action from on track to reminder, overdue and status required', () => {
    expect(actionState(action, '2026-03-16', '2026-03-31', cal)).toBe('on-track');
    expect(actionState(action, '2026-03-18', '2026-03-31', cal)).toBe('reminder-due');
    expect(actionState(action, '2026-03-23', '2026-03-31', cal)).toBe('overdue');
    expect(actionState(action, '2026-03-30', '2026-03-31', cal)).toBe('status-required');
    expect(actionState({ ...action, outcome: 'not-possible-change-in-circumstance' }, '2026-03-30', '2026-03-31', cal)).toBe('closed');
  });

  it('flags an agency with 3 misses in a quarter to the steering group', () => {
    const misses = [
      { agency: 'housing', date: '2026-01-10' },
      { agency: 'housing', date: '2026-02-10' },
      { agency: 'health', date: '2026-02-11' },
      { agency: 'housing', date: '2026-04-01' },
    ];
    expect(agenciesToFlag(misses, '2026-Q1')).toEqual([]);
    const third = [...misses, { agency: 'housing', date: '2026-03-31' }];
    expect(agenciesToFlag(third, '2026-Q1')).toEqual([{ agency: 'housing', misses: 3 }]);
    expect(quarterOf('2026-10-01')).toBe('2026-Q4');
  });
});
