// A dry run on the server's simulation: the trace is replayed on the diagram, one entry at a
// time (play, pause, step, reset), and listed as text with the current step marked.
import { useEffect, useRef, useState } from 'react';
import { api, isValidationResult } from '../api/api-client';
import type { JsonValue, SimulationResult, TraceEntry } from '../api/api.types';
import { ErrorNote } from '../components/api-status';
import type { Problem } from '../api/api.types';

const STEP_MS = 600;

export function DryRunPanel({ getXml, onStep, onProblems, nameOf }: { getXml: () => Promise<string>; onStep: (trace: TraceEntry[], step: number) => void; onProblems: (problems: Problem[]) => void; nameOf: (id: string) => string | undefined }) {
  const [variables, setVariables] = useState('{\n  "dashScore": 15\n}');
  const [varsError, setVarsError] = useState('');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const current = useRef<HTMLLIElement>(null);

  const trace = result?.trace ?? [];

  useEffect(() => onStep(trace, step), [trace, step, onStep]);

  useEffect(() => {
    if (!playing) return;
    if (step >= trace.length) {
      setPlaying(false);
      return;
    }
    const id = window.setTimeout(() => setStep((s) => s + 1), STEP_MS);
    return () => window.clearTimeout(id);
  }, [playing, step, trace.length]);

  async function run() {
    setError(null);
    setVarsError('');
    let parsed: Record<string, JsonValue>;
    try {
      const value: unknown = JSON.parse(variables || '{}');
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
      parsed = value as Record<string, JsonValue>;
    } catch {
      setVarsError('Variables must be a JSON object, e.g. { "dashScore": 15 }');
      return;
    }
    setBusy(true);
    try {
      const answer = await api.simulations.run({ xml: await getXml(), variables: parsed });
      if (isValidationResult(answer)) {
        onProblems(answer.problems);
        setResult(null);
        setError(new Error(`The server found ${answer.problems.length} problem(s); see Problems.`));
      } else {
        setResult(answer);
        setStep(0);
        setPlaying(!window.matchMedia('(prefers-reduced-motion: reduce)').matches);
      }
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="dryrun-heading" className="panel">
      <h2 id="dryrun-heading">Dry run</h2>
      <div className="field">
        <label htmlFor="dryrun-vars">Start variables (JSON; decision data only, no personal data)</label>
        {varsError && (
          <p id="dryrun-vars-error" className="field-error">
            {varsError}
          </p>
        )}
        <textarea id="dryrun-vars" rows={4} value={variables} onChange={(e) => setVariables(e.target.value)} aria-invalid={varsError ? true : undefined} aria-describedby={varsError ? 'dryrun-vars-error' : undefined} spellCheck={false} />
      </div>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={run} disabled={busy}>
          {busy ? 'Simulating…' : 'Run on the server'}
        </button>
        {result && (
          <>
            <button type="button" onClick={() => setPlaying((p) => !p)} disabled={step >= trace.length && !playing}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <button type="button" onClick={() => setStep((s) => Math.min(trace.length, s + 1))} disabled={step >= trace.length}>
              Step
            </button>
            <button type="button" onClick={() => { setPlaying(false); setStep(0); }}>
              Reset
            </button>
          </>
        )}
      </div>
      {error && <ErrorNote error={error} endpoint="POST /api/simulations" />}
      {result && (
        <>
          <p role="status">
            Step {step} of {trace.length}; the run {result.status === 'completed' ? 'completed' : `ended ${result.status}`}.
          </p>
          <ol className="trace-list" data-testid="trace-list">
            {trace.map((entry, i) => (
              <li key={i} ref={i === step - 1 ? current : undefined} aria-current={i === step - 1 ? 'step' : undefined} className={i < step ? 'done' : ''}>
                {nameOf(entry.elementId) ?? entry.elementId}: {entry.transition}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
