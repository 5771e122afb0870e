// The heat-map: the pathway's latest diagram (bpmn-js viewer) with an overlay on each element
// saying how long cases waited there (p90 hours) and how many still wait, coloured from cool to
// hot; the same figures as a table, longest waits first.
import { useEffect, useRef, useState } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { api } from '../../api/api-client';
import type { DashboardFilter, ElementWaitStat } from '../../api/api.types';
import { ApiView } from '../../components/api-status';
import { useApi } from '../../components/use-api.hook';
import { moddleExtensions } from '../../modeller/moddle-extensions';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

/** 0 (no wait) … 4 (the longest wait of the pathway), by p90 relative to the longest. */
export function heatLevel(stat: ElementWaitStat, max: number): number {
  const wait = Math.max(stat.p90WaitHours ?? 0, stat.oldestOpenHours ?? 0);
  if (max <= 0 || wait <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((wait / max) * 4)));
}

const fmt = (h: number | null) => (h === null ? '—' : h < 1 ? `${Math.round(h * 60)} min` : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`);

async function latestXml(pathway: string): Promise<{ version: number; xml: string }> {
  const versions = await api.definitions.versions(pathway);
  const latest = versions[0];
  if (!latest) throw new Error(`${pathway} has no deployed version`);
  const v = await api.definitions.version(pathway, latest.version);
  return { version: v.version, xml: v.xml };
}

export function HeatMap({ pathway, filter }: { pathway: string; filter: DashboardFilter }) {
  const [diagram] = useApi(() => latestXml(pathway), [pathway]);
  const [waits] = useApi(() => api.dashboard.waits(pathway, filter), [pathway, filter.from, filter.to, filter.agency]);
  return (
    <ApiView state={diagram} what="the pathway's diagram" endpoint={`GET /api/definitions/${pathway}/versions`}>
      {(d) => (
        <ApiView state={waits} what="waiting times" endpoint={`GET /api/statistics/pathways/${pathway}/element-waits`}>
          {(stats) => <HeatMapView xml={d.xml} version={d.version} pathway={pathway} stats={stats} />}
        </ApiView>
      )}
    </ApiView>
  );
}

function HeatMapView({ xml, version, pathway, stats }: { xml: string; version: number; pathway: string; stats: ElementWaitStat[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const waiting = stats.filter((s) => (s.p90WaitHours ?? 0) > 0 || s.open > 0);
  const max = Math.max(0, ...waiting.map((s) => Math.max(s.p90WaitHours ?? 0, s.oldestOpenHours ?? 0)));

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current, moddleExtensions });
    let live = true;
    (async () => {
      try {
        await viewer.importXML(xml);
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        const overlays = viewer.get<Overlays>('overlays');
        const found: Record<string, string> = {};
        for (const s of waiting) {
          const element = registry.get(s.elementId) as { businessObject?: { name?: string } } | undefined;
          if (!element) continue;
          found[s.elementId] = element.businessObject?.name ?? s.elementId;
          canvas.addMarker(s.elementId, `heat-${heatLevel(s, max)}`);
          const badge = document.createElement('div');
          badge.className = `heat-badge heat-badge-${heatLevel(s, max)}`;
          badge.dataset.elementId = s.elementId;
          badge.textContent = `p90 ${fmt(s.p90WaitHours)}${s.open > 0 ? ` · ${s.open} waiting` : ''}`;
          overlays.add(s.elementId, 'heat', { position: { bottom: -6, left: -6 }, html: badge });
        }
        canvas.zoom('fit-viewport');
        setNames(found);
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml, stats]);

  const rows = [...waiting].sort((a, b) => Math.max(b.p90WaitHours ?? 0, b.oldestOpenHours ?? 0) - Math.max(a.p90WaitHours ?? 0, a.oldestOpenHours ?? 0));
  return (
    <div className="heat-map">
      <p className="muted">
        {pathway}, version {version}. Colour and label: the 90th percentile of the time from an element's start to its end; “waiting” counts cases there now.
      </p>
      <ul className="legend" aria-label="Heat-map legend">
        {[1, 2, 3, 4].map((l) => (
          <li key={l}>
            <span className={`swatch heat-swatch-${l}`} /> {['short', 'medium', 'long', 'longest'][l - 1]} wait
          </li>
        ))}
      </ul>
      <figure className="heat-figure">
        <div ref={container} className="heat-canvas" data-testid="heat-map" />
        <figcaption className="muted">Diagram of {pathway} coloured by waiting time; the table below lists the same figures.</figcaption>
      </figure>
      {error && <p role="alert" className="note note-error">The diagram could not be shown: {error}</p>}
      {rows.length === 0 ? (
        <p>No case has waited at any step of this pathway in the period.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="waits-table">
            <caption className="visually-hidden">Waiting time per step of {pathway}, longest first</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Started</th>
                <th scope="col">Waiting now</th>
                <th scope="col">p50</th>
                <th scope="col">p90</th>
                <th scope="col">Oldest waiting</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.elementId}>
                  <th scope="row">{names[s.elementId] ?? s.elementId}</th>
                  <td>{s.count}</td>
                  <td>{s.open}</td>
                  <td>{fmt(s.p50WaitHours)}</td>
                  <td>{fmt(s.p90WaitHours)}</td>
                  <td>{fmt(s.oldestOpenHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
