import { Link } from "@remix-run/react";
import { isValidElement, type ReactNode } from "react";

/**
 * One column of a record list: its header and how a row fills its cell. The first column is the row's header cell
 * (the record's name, usually its link).
 */
export type ListColumn<T> = { header: string; cell: (row: T) => ReactNode; className?: string; headerHidden?: boolean };

/** The usual first column of a list about providers: the organisation's name, linking to the record at `${base}/${id}`. */
export function providerColumn<T extends { id: string; organisationName: string }>(base: string): ListColumn<T> {
  return { header: "Provider", cell: (row) => <Link to={`${base}/${row.id}`}>{row.organisationName}</Link> };
}

/** An accreditation's certificate number, in the monospaced face. */
export function certificateColumn<T extends { certificateNumber: string }>(): ListColumn<T> {
  return { header: "Certificate", cell: (row) => row.certificateNumber, className: "mono" };
}

/** A ListTable's props: `rowKey` may be left out when the rows have an `id`, which then keys them. */
export type ListTableProps<T> = { caption: string; rows: readonly T[]; columns: ListColumn<T>[]; empty: ReactNode } & ([T] extends [{ id: string | number }]
  ? { rowKey?: (row: T) => string }
  : { rowKey: (row: T) => string });

// The props' type asks for rowKey unless the rows have an id, so here a row has one.
const idOf = (row: unknown) => String((row as { id: string | number }).id);

/**
 * The one way to list records: a captioned table whose rows become cards on phones (decision 025), each cell led by
 * its column's name (a column of row buttons hides its name); with no rows, the empty state says so.
 */
export function ListTable<T>({ caption, rows, columns, rowKey = idOf, empty }: ListTableProps<T>) {
  if (rows.length === 0) return <p className="empty-state">{empty}</p>;
  const [first, ...rest] = columns;
  return (
    <DataTable caption={caption} headings={columns.map((c) => (c.headerHidden ? { hidden: c.header } : c.header))} wrapClassName="cards">
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
    </DataTable>
  );
}

/**
 * One column heading of a DataTable: its text, or `{ hidden }` for a column of row buttons whose name is for screen
 * readers only. `null` or `false` leaves a conditional column out.
 */
export type ColumnHeading = ReactNode | { hidden: string };

function isHidden(h: ColumnHeading): h is { hidden: string } {
  return typeof h === "object" && h !== null && !isValidElement(h) && "hidden" in h;
}

/**
 * The one table frame: a scrollable, focusable wrapper, a caption (for screen readers unless `showCaption`), one
 * heading row of `th scope="col"`, and the rows the caller gives. `region` names the wrapper as a landmark;
 * `bare` leaves the wrapper out (a printed sheet, a chart).
 */
export function DataTable({
  caption,
  showCaption = false,
  headings,
  className,
  wrapClassName,
  region,
  bare = false,
  children,
}: {
  caption?: ReactNode;
  showCaption?: boolean;
  headings: readonly ColumnHeading[];
  className?: string;
  wrapClassName?: string;
  region?: string;
  bare?: boolean;
  children: ReactNode;
}) {
  const table = (
    <table className={className}>
      {caption === undefined ? null : <caption className={showCaption ? undefined : "visually-hidden"}>{caption}</caption>}
      <thead>
        <tr>
          {headings.map((h, i) =>
            h === null || h === false ? null : (
              <th key={i} scope="col">
                {isHidden(h) ? <span className="visually-hidden">{h.hidden}</span> : h}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (bare) return table;
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : "table-wrap"} tabIndex={0} role={region ? "region" : undefined} aria-label={region}>
      {table}
    </div>
  );
}
