// The problems of the diagram as a list: each item is a button that selects the element on
// the canvas and moves focus to the properties panel, where it can be fixed.
import type { DiagramProblem } from './problems';

export function ProblemsPanel({ problems, nameOf, onActivate, serverChecked }: { problems: DiagramProblem[]; nameOf: (id: string) => string | undefined; onActivate: (problem: DiagramProblem) => void; serverChecked: boolean }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section aria-labelledby="problems-heading" className="panel problems-panel">
      <h2 id="problems-heading">
        Problems <span className="count">({errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'})</span>
      </h2>
      <p className="muted" aria-live="polite">
        {problems.length === 0 ? 'No problems found by the live checks.' : 'Choose a problem to select its element.'}
        {serverChecked ? '' : ' The server has not checked this version yet.'}
      </p>
      <ul className="problem-list" data-testid="problem-list">
        {problems.map((p) => {
          const name = p.elementId ? nameOf(p.elementId) : undefined;
          return (
            <li key={p.key} className={`problem problem-${p.severity}`} data-element-id={p.elementId ?? ''} data-source={p.source}>
              <button type="button" onClick={() => onActivate(p)} disabled={!p.elementId}>
                <span className="problem-severity">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
                <span className="problem-where">{p.elementId ? `${name ? `${name} ` : ''}(${p.elementId})` : 'Whole model'}</span>
                <span className="problem-message">{p.message}</span>
                <span className="problem-source">{p.source === 'lint' ? `live check ${p.rule ?? ''}` : 'server'}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
