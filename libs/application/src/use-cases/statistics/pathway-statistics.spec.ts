import { csvField, dashboardCsv, type DashboardStatistics } from './pathway-statistics.use-case';
import { describeTemplate } from '../modelling/templates.catalogue';

describe('dashboard CSV', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(3)).toBe('3');
    expect(csvField(null)).toBe('');
  });

  it('writes one row per figure', () => {
    const d: DashboardStatistics = {
      filter: { from: '2026-01-01', to: '2026-01-31' }, at: '2026-02-01T00:00:00Z', periodUnit: 'week',
      workload: [{ agencyId: 'a', agency: 'Police', open: 2, overdue: 1 }],
      breachRate: [{ period: '2026-01-05', due: 4, breached: 1, rate: 0.25 }],
      breachByAgency: [{ agencyId: 'a', agency: 'Police', due: 4, breached: 1, rate: 0.25 }],
      completion: [{ elementId: '*', name: 'All tasks', count: 3, p50Hours: 5, p90Hours: 12.5 }],
    };
    expect(dashboardCsv(d).split('\r\n')).toEqual([
      'metric,period,agency,element,value,unit',
      'open_tasks,,Police,,2,tasks',
      'overdue_tasks,,Police,,1,tasks',
      'tasks_due,2026-01-05,,,4,tasks',
      'tasks_breached,2026-01-05,,,1,tasks',
      'breach_rate,2026-01-05,,,0.25,ratio',
      'breach_rate,2026-01-01/2026-01-31,Police,,0.25,ratio',
      'time_to_complete_p50,2026-01-01/2026-01-31,,*,5,hours',
      'time_to_complete_p90,2026-01-01/2026-01-31,,*,12.5,hours',
      '',
    ]);
  });
});

describe('templates', () => {
  it('reads the name, process id and documentation of the executable process', () => {
    const xml = `<bpmn:definitions><bpmn:process id="lib" name="Library" isExecutable="false"/><bpmn:process id="marac" name="MARAC &amp; IDVA" isExecutable="true">
      <bpmn:documentation>The SafeLives model.</bpmn:documentation></bpmn:process></bpmn:definitions>`;
    expect(describeTemplate('marac-safelives', xml)).toEqual({ id: 'marac-safelives', name: 'MARAC & IDVA', description: 'The SafeLives model.', processId: 'marac' });
  });
});
