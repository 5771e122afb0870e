// The deployed versions of the pathway, and a visual diff between two of them (or between a
// version and the diagram being edited).
import { useState } from 'react';
import { api } from '../api/api-client';
import { ApiView, ErrorNote } from '../components/api-status';
import { formatDateTime } from '../components/format.util';
import { useApi } from '../components/use-api.hook';
import { DiffView, type DiffSide } from './diff-view';

const CURRENT = 'current';

export function VersionsPanel({ processKey, currentXml, refreshKey }: { processKey: string | undefined; currentXml: () => Promise<string>; refreshKey: number }) {
  const [versions] = useApi(processKey ? () => api.definitions.versions(processKey) : null, [processKey, refreshKey]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(CURRENT);
  const [sides, setSides] = useState<{ before: DiffSide; after: DiffSide } | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function side(choice: string): Promise<DiffSide> {
    if (choice === CURRENT) return { label: 'The diagram being edited', xml: await currentXml() };
    const version = await api.definitions.version(processKey ?? '', Number(choice));
    return { label: `Version ${version.version}${version.note ? ` — ${version.note}` : ''}`, xml: version.xml };
  }

  async function compare() {
    setError(null);
    try {
      setSides({ before: await side(from), after: await side(to) });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  return (
    <section aria-labelledby="versions-heading" className="panel">
      <h2 id="versions-heading">Versions</h2>
      {!processKey ? (
        <p className="muted">Open or draw a process to see its versions.</p>
      ) : (
        <ApiView state={versions} what="versions" endpoint={`GET /api/definitions/${processKey}/versions`}>
          {(list) =>
            list.length === 0 ? (
              <p>Pathway “{processKey}” has not been deployed yet.</p>
            ) : (
              <>
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">Deployed versions of {processKey}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Version</th>
                        <th scope="col">Note</th>
                        <th scope="col">Deployed</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((v) => (
                        <tr key={v.version}>
                          <th scope="row">{v.version}</th>
                          <td>{v.note ?? '—'}</td>
                          <td>
                            {formatDateTime(v.deployedAt)}
                            {v.deployedBy ? ` by ${v.deployedBy}` : ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div className="compare-controls">
                  <div className="field">
                    <label htmlFor="diff-from">Compare</label>
                    <select id="diff-from" value={from} onChange={(e) => setFrom(e.target.value)}>
                      <option value="">Choose a version…</option>
                      {list.map((v) => (
                        <option key={v.version} value={String(v.version)}>
                          Version {v.version}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="diff-to">with</label>
                    <select id="diff-to" value={to} onChange={(e) => setTo(e.target.value)}>
                      <option value={CURRENT}>The diagram being edited</option>
                      {list.map((v) => (
                        <option key={v.version} value={String(v.version)}>
                          Version {v.version}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="button" onClick={compare} disabled={!from}>
                    Show differences
                  </button>
                </div>
              </>
            )
          }
        </ApiView>
      )}
      {error && <ErrorNote error={error} endpoint="GET /api/definitions/:key/versions/:version" />}
      {sides && <DiffView before={sides.before} after={sides.after} />}
    </section>
  );
}
