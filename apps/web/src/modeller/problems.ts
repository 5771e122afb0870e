/** Problems shown on the diagram: live lint issues and the server's compile problems. */

export interface DiagramProblem {
  key: string;
  source: 'lint' | 'server';
  severity: 'error' | 'warning';
  elementId?: string;
  message: string;
  rule?: string;
}

/** `linting.completed` issues: element id → [{ message, category, rule }]. */
export type LintIssues = Record<string, { id: string; message: string; category: string; rule: string }[]>;

export function fromLintIssues(issues: LintIssues): DiagramProblem[] {
  return Object.entries(issues).flatMap(([elementId, list]) =>
    list
      .filter((issue) => issue.category === 'error' || issue.category === 'warn')
      .map((issue, i) => ({
        key: `lint:${elementId}:${issue.rule}:${i}`,
        source: 'lint' as const,
        severity: issue.category === 'error' ? ('error' as const) : ('warning' as const),
        elementId: elementId === '' ? undefined : elementId,
        message: issue.message,
        rule: issue.rule,
      })),
  );
}

export function fromServerProblems(problems: { elementId?: string; message: string; severity?: 'error' | 'warning' }[]): DiagramProblem[] {
  return problems.map((p, i) => ({
    key: `server:${p.elementId ?? ''}:${i}`,
    source: 'server',
    severity: p.severity ?? 'error',
    elementId: p.elementId,
    message: p.message,
  }));
}

/** Errors first, then warnings; within each, by element id so the list is stable. */
export function sortProblems(problems: DiagramProblem[]): DiagramProblem[] {
  return [...problems].sort((a, b) => (a.severity === b.severity ? (a.elementId ?? '').localeCompare(b.elementId ?? '') : a.severity === 'error' ? -1 : 1));
}
