/**
 * A small hand-worked fixture for the KPI tests: synthetic MARAC area "SYN-MARAC", 2026-Q1,
 * 8 cases heard at 4 meetings, plus one Q2 case that must be left out. Expected values are
 * worked out by hand in marac-kpi.spec.ts (comments there show the arithmetic).
 */
import type { ActionRecord, MaracCaseRecord, SlaRecord } from './kpi.types';

const c = (
  caseId: string,
  referralDate: string,
  receivedHour: string,
  referringAgency: MaracCaseRecord['referringAgency'],
  isRepeat: boolean,
  meetingDate: string,
  idvaFirstContactAt: string | undefined,
  victim: MaracCaseRecord['victim'],
  perpetratorAges: number[],
  childrenInHousehold: number,
): MaracCaseRecord => ({
  caseId,
  pathway: 'marac-safelives',
  maracArea: 'SYN-MARAC',
  referralDate,
  receivedAt: `${referralDate}T${receivedHour}:00Z`,
  referringAgency,
  isRepeat,
  meetingDate,
  ...(idvaFirstContactAt ? { idvaFirstContactAt } : {}),
  victim,
  perpetratorAges,
  childrenInHousehold,
});

export const FIXTURE_POPULATION = 20_000;

export const FIXTURE_CASES: MaracCaseRecord[] = [
  c('C1', '2026-01-05', '09:00', 'police', false, '2026-01-20', '2026-01-06T09:00:00Z', { gender: 'female', age: 34, bme: true }, [36], 2),
  c('C2', '2026-01-07', '10:00', 'police', true, '2026-01-20', '2026-01-07T16:00:00Z', { gender: 'female', age: 17 }, [17], 0),
  c('C3', '2026-01-12', '09:00', 'health', false, '2026-02-03', '2026-01-14T09:00:00Z', { gender: 'male', age: 45, lgbt: true }, [40], 1),
  c('C4', '2026-01-14', '09:00', 'housing', false, '2026-02-03', undefined, { gender: 'female', age: 29, disability: true }, [31, 16], 3),
  c('C5', '2026-01-20', '09:00', 'police', true, '2026-02-03', '2026-01-21T21:00:00Z', { gender: 'female', age: 52 }, [55], 0),
  c('C6', '2026-02-02', '09:00', 'idva', false, '2026-02-17', '2026-02-02T12:00:00Z', { gender: 'female', age: 16, bme: true }, [19], 1),
  c('C7', '2026-02-10', '09:00', 'childrens-social-care', false, '2026-02-17', '2026-02-12T09:00:00Z', { gender: 'female', age: 41, bme: true, disability: true }, [44], 2),
  c('C8', '2026-02-11', '09:00', 'police', true, '2026-03-03', undefined, { gender: 'female', age: 23, lgbt: true }, [25], 0),
  c('C9', '2026-04-02', '09:00', 'police', false, '2026-04-14', '2026-04-02T10:00:00Z', { gender: 'female', age: 30 }, [30], 1),
];

export const FIXTURE_ACTIONS: ActionRecord[] = [
  { actionId: 'A1', caseId: 'C1', pathway: 'marac-safelives', agency: 'police', dueDate: '2026-02-01', outcome: 'completed' },
  { actionId: 'A2', caseId: 'C1', pathway: 'marac-safelives', agency: 'housing', dueDate: '2026-02-01', outcome: 'agency-did-not-act' },
  { actionId: 'A3', caseId: 'C3', pathway: 'marac-safelives', agency: 'health', dueDate: '2026-02-14', outcome: 'completed' },
  { actionId: 'A4', caseId: 'C4', pathway: 'marac-safelives', agency: 'housing', dueDate: '2026-02-14', outcome: 'not-possible-change-in-circumstance' },
  { actionId: 'A5', caseId: 'C5', pathway: 'marac-safelives', agency: 'police', dueDate: '2026-02-14', outcome: 'completed' },
  { actionId: 'A6', caseId: 'C7', pathway: 'marac-safelives', agency: 'childrens-social-care', dueDate: '2026-03-01', outcome: 'open' },
  { actionId: 'A7', caseId: 'C7', pathway: 'marac-safelives', agency: 'housing', dueDate: '2026-03-01', outcome: 'agency-did-not-act' },
  { actionId: 'A8', caseId: 'C8', pathway: 'marac-safelives', agency: 'health', dueDate: '2026-03-14', outcome: 'completed' },
];

export const FIXTURE_AS_OF = '2026-03-31T00:00:00Z';

export const FIXTURE_SLAS: SlaRecord[] = [
  { taskId: 'S1', pathway: 'marac-safelives', task: 'ContactVictim', agency: 'idva', dueAt: '2026-01-07T17:00:00Z', completedAt: '2026-01-06T09:00:00Z' },
  { taskId: 'S2', pathway: 'marac-safelives', task: 'ContactVictim', agency: 'idva', dueAt: '2026-01-16T17:00:00Z', completedAt: '2026-01-19T10:00:00Z' },
  { taskId: 'S3', pathway: 'marac-safelives', task: 'ResearchAgencyRecords', agency: 'housing', dueAt: '2026-02-02T17:00:00Z', completedAt: null },
  { taskId: 'S4', pathway: 'marac-safelives', task: 'ResearchAgencyRecords', agency: 'police', dueAt: '2026-02-02T17:00:00Z', completedAt: '2026-02-02T12:00:00Z' },
  { taskId: 'S5', pathway: 'marac-safelives', task: 'CompleteAction', agency: 'housing', dueAt: '2026-02-20T17:00:00Z', completedAt: '2026-02-23T09:00:00Z' },
  { taskId: 'S6', pathway: 'marac-safelives', task: 'ResearchAgencyRecords', agency: 'health', dueAt: '2026-04-10T17:00:00Z', completedAt: null },
];
