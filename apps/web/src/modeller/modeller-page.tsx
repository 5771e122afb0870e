// The coordinators' modeller: open a template or a file, draw, see live lint problems and the
// server's compile problems on the elements, fix them in the properties panel, check, deploy
// with a version note, compare versions and dry-run the pathway on the server.
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { api, isValidationResult } from '../api/api-client';
import type { Problem, TraceEntry } from '../api/api.types';
import { ApiView, ErrorNote } from '../components/api-status';
import { PageHeader } from '../components/page-header';
import { useApi } from '../components/use-api.hook';
import { EMPTY_DIAGRAM, createModeler, processKey } from './create-modeler';
import { DryRunPanel } from './dry-run-panel';
import { ProblemsPanel } from './problems-panel';
import { fromLintIssues, fromServerProblems, sortProblems, type DiagramProblem, type LintIssues } from './problems';
import { markersAt } from './trace.util';
import { VersionsPanel } from './versions-panel';


export default function ModellerPage() {
  const canvasRef = useRef<HTMLDivElement>(null);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const marked = useRef<Map<string, string>>(new Map());
  const traced = useRef<Map<string, string>>(new Map());
  const deployDialog = useRef<HTMLDialogElement>(null);

  const [lintProblems, setLintProblems] = useState<DiagramProblem[]>([]);
  const [serverProblems, setServerProblems] = useState<DiagramProblem[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [key, setKey] = useState<string | undefined>();
  const [title, setTitle] = useState('New pathway');
  const [templateId, setTemplateId] = useState('');
  const [versionsTick, setVersionsTick] = useState(0);
  const [templates] = useApi(() => api.templates.list(), []);

  const problems = sortProblems([...lintProblems, ...(serverProblems ?? [])]);

  // create the modeller once
  useEffect(() => {
    if (!canvasRef.current || !propertiesRef.current) return;
    const modeler = createModeler(canvasRef.current, propertiesRef.current);
    modelerRef.current = modeler;
    const eventBus = modeler.get<EventBus>('eventBus');
    eventBus.on('linting.completed', (event: { issues: LintIssues }) => setLintProblems(fromLintIssues(event.issues)));
    // a change makes the server's last verdict stale
    eventBus.on('commandStack.changed', () => setServerProblems(null));
    void modeler.importXML(EMPTY_DIAGRAM).then(() => afterImport('New pathway'));
    return () => {
      modeler.destroy();
      modelerRef.current = null;
    };
  }, []);

  // mark problems on the elements
  useEffect(() => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const canvas = modeler.get<Canvas>('canvas');
    const registry = modeler.get<ElementRegistry>('elementRegistry');
    const next = new Map<string, string>();
    for (const p of problems) {
      if (!p.elementId || !registry.get(p.elementId)) continue;
      if (next.get(p.elementId) !== 'problem-error') next.set(p.elementId, p.severity === 'error' ? 'problem-error' : 'problem-warning');
    }
    for (const [id, marker] of marked.current) if (next.get(id) !== marker && registry.get(id)) canvas.removeMarker(id, marker);
    for (const [id, marker] of next) if (marked.current.get(id) !== marker) canvas.addMarker(id, marker);
    marked.current = next;
  });

  const nameOf = useCallback((id: string): string | undefined => {
    const element = modelerRef.current?.get<ElementRegistry>('elementRegistry').get(id) as { businessObject?: { name?: string } } | undefined;
    return element?.businessObject?.name || undefined;
  }, []);

  function afterImport(label: string) {
    const modeler = modelerRef.current;
    if (!modeler) return;
    modeler.get<Canvas>('canvas').zoom('fit-viewport');
    marked.current = new Map();
    traced.current = new Map();
    setServerProblems(null);
    setKey(processKey(modeler));
    setTitle(label);
  }

  async function open(xml: string, label: string) {
    const modeler = modelerRef.current;
    if (!modeler) return;
    setError(null);
    try {
      const { warnings } = await modeler.importXML(xml);
      afterImport(label);
      setStatus(`Opened ${label}${warnings.length ? ` with ${warnings.length} import warning(s)` : ''}.`);
    } catch (e) {
      setError(new Error(`This file is not a BPMN diagram the modeller can open: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  const getXml = useCallback(async (): Promise<string> => {
    const modeler = modelerRef.current;
    if (!modeler) throw new Error('The modeller is not ready');
    const { xml } = await modeler.saveXML({ format: true });
    return xml ?? '';
  }, []);

  async function openTemplate() {
    if (!templateId) return;
    setError(null);
    try {
      const template = await api.templates.get(templateId);
      await open(template.xml, template.name);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  async function openFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) await open(await file.text(), file.name.replace(/\.(bpmn|xml)$/i, ''));
    event.target.value = '';
  }

  async function saveFile() {
    const xml = await getXml();
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${key ?? 'pathway'}.bpmn`;
    link.click();
    URL.revokeObjectURL(url);
  }

  async function validate() {
    setError(null);
    setStatus('Checking on the server…');
    try {
      const result = await api.definitions.validate(await getXml());
      setServerProblems(fromServerProblems(result.problems));
      setStatus(result.problems.length ? `The server found ${result.problems.length} problem(s).` : 'The server found no problems.');
    } catch (e) {
      setStatus('');
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  async function deploy(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    if (!note) return;
    deployDialog.current?.close();
    setError(null);
    setStatus('Deploying…');
    try {
      const result = await api.definitions.deploy({ xml: await getXml(), note });
      if (isValidationResult(result)) {
        setServerProblems(fromServerProblems(result.problems));
        setStatus(`Not deployed: the server found ${result.problems.length} problem(s).`);
      } else {
        setServerProblems([]);
        setStatus(result.created === false ? `No change: ${result.key} version ${result.version} is already this model.` : `Deployed ${result.key} version ${result.version}.`);
        setVersionsTick((t) => t + 1);
      }
    } catch (e) {
      setStatus('');
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  function activate(problem: DiagramProblem) {
    const modeler = modelerRef.current;
    if (!modeler || !problem.elementId) return;
    const element = modeler.get<ElementRegistry>('elementRegistry').get(problem.elementId);
    if (!element) return;
    modeler.get<Selection>('selection').select(element);
    (modeler.get<Canvas>('canvas') as Canvas & { scrollToElement(e: unknown): void }).scrollToElement(element);
    requestAnimationFrame(() => propertiesRef.current?.closest<HTMLElement>('.properties')?.focus());
  }

  const showTrace = useCallback((trace: TraceEntry[], step: number) => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const canvas = modeler.get<Canvas>('canvas');
    const registry = modeler.get<ElementRegistry>('elementRegistry');
    for (const [id, marker] of traced.current) if (registry.get(id)) canvas.removeMarker(id, marker);
    const next = markersAt(trace, step);
    for (const [id, marker] of next) if (registry.get(id)) canvas.addMarker(id, marker);
    traced.current = next;
  }, []);

  const onSimProblems = useCallback((list: Problem[]) => setServerProblems(fromServerProblems(list)), []);
  const hasErrors = problems.some((p) => p.severity === 'error');

  return (
    <div className="modeller">
      <PageHeader title="Modeller">
        <p className="lead">
          Editing <strong>{title}</strong>
          {key ? ` (process ${key})` : ''}
        </p>
      </PageHeader>
      <div className="toolbar" aria-label="Diagram actions" role="group">
        <button type="button" onClick={() => open(EMPTY_DIAGRAM, 'New pathway')}>
          New
        </button>
        <ApiView state={templates} what="templates" endpoint="GET /api/templates">
          {(list) => (
            <span className="inline-field">
              <label htmlFor="template-select">Template</label>
              <select id="template-select" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value="">Choose a template…</option>
                {list.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <button type="button" onClick={openTemplate} disabled={!templateId}>
                Open template
              </button>
            </span>
          )}
        </ApiView>
        <span className="inline-field file-field">
          <label htmlFor="open-file">Open a BPMN file</label>
          <input id="open-file" type="file" accept=".bpmn,.xml,application/xml" onChange={openFile} />
        </span>
        <button type="button" onClick={saveFile}>
          Save as file
        </button>
        <button type="button" onClick={validate}>
          Check on the server
        </button>
        <button type="button" className="button-primary" onClick={() => deployDialog.current?.showModal()}>
          Deploy…
        </button>
      </div>
      <p role="status" className="status-line" data-testid="modeller-status">
        {status}
      </p>
      {error && <ErrorNote error={error} />}
      <div className="modeller-layout">
        <section className="canvas-region" aria-label="Diagram">
          <div ref={canvasRef} className="canvas" data-testid="canvas" />
        </section>
        <section className="properties" aria-labelledby="properties-heading" tabIndex={-1}>
          <h2 id="properties-heading">Properties</h2>
          <div ref={propertiesRef} className="properties-panel-parent" />
        </section>
      </div>
      <ProblemsPanel problems={problems} nameOf={nameOf} onActivate={activate} serverChecked={serverProblems !== null} />
      <div className="modeller-panels">
        <VersionsPanel processKey={key} currentXml={getXml} refreshKey={versionsTick} />
        <DryRunPanel getXml={getXml} onStep={showTrace} onProblems={onSimProblems} nameOf={nameOf} />
      </div>
      <dialog ref={deployDialog} aria-labelledby="deploy-heading" className="dialog">
        <form onSubmit={deploy}>
          <h2 id="deploy-heading">Deploy {key ?? 'the pathway'}</h2>
          {hasErrors && <p className="note note-error">The live checks still find errors; the server will refuse the model until they are fixed.</p>}
          <div className="field">
            <label htmlFor="deploy-note">Version note (what changed and why)</label>
            <textarea id="deploy-note" name="note" rows={3} required />
          </div>
          <div className="button-row">
            <button type="submit" className="button-primary">
              Deploy
            </button>
            <button type="button" onClick={() => deployDialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
