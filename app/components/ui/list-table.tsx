import type { ReactNode } from "react";

/**
 * One column of a record list: its header and how a row fills its cell. The first column is the row's header cell
 * (the record's name, usually its link).
 */
export type ListColumn<T> = { header: string; cell: (row: T) => ReactNode; className?: string; headerHidden?: boolean };

/**
 * The one way to list records: a captioned table whose rows become cards on phones (decision 025), each cell led by
 * its column's name (a column of row buttons hides its name); with no rows, the empty state says so.
 */
export function ListTable<T>({ caption, rows, columns, rowKey, empty }: { caption: string; rows: readonly T[]; columns: ListColumn<T>[]; rowKey: (row: T) => string; empty: ReactNode }) {
  if (rows.length === 0) return <p className="empty-state">{empty}</p>;
  const [first, ...rest] = columns;
  return (
    <div className="table-wrap cards" tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.headerHidden ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row" className={first.className}>
                {first.cell(row)}
              </th>
              {rest.map((c) => (
                <td key={c.header} data-label={c.headerHidden ? undefined : c.header} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The header of a column of row buttons in a table of its own: its name is for screen readers only, as in ListTable. */
export function HiddenColumnHeader({ children }: { children: string }) {
  return (
    <th scope="col">
      <span className="visually-hidden">{children}</span>
    </th>
  );
}
