import type { ReactNode } from 'react';

/** One row of a {@link FigureTable}: its row header, its cells, and `data-*` attributes tests and styles find it by. */
export interface FigureRow {
  key: string;
  head: ReactNode;
  cells: ReactNode[];
  attrs?: Record<`data-${string}`, string>;
}

/**
 * The table beside a chart that gives its figures to read (and to screen readers): a scrolling
 * `.table-wrap` (see scroll-regions.ts), a caption, column headers, and one row header per row.
 * The caption is for screen readers unless `captionVisible`.
 */
export function FigureTable({ testId, caption, captionVisible = false, columns, rows }: {
  testId: string;
  caption: ReactNode;
  captionVisible?: boolean;
  columns: ReactNode[];
  rows: FigureRow[];
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} {...r.attrs}>
              <th scope="row">{r.head}</th>
              {r.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
