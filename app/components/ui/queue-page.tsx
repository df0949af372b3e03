import type { ReactNode } from "react";
import { ListTable, providerColumn, type ListColumn } from "~/components/ui/list-table";
import { StatusFilter } from "~/components/ui/status-filter";

/** The status filter a queue offers: the status shown, the statuses to choose from, and their names. */
export type QueueFilter<F extends string> = { value: F; filters: readonly F[]; labels: Record<F, string> };

/**
 * A staff queue (appeals, complaints, annual reports, material and scope changes): its heading, what it holds (a
 * lede) or a status filter over it, then its list: each row is led by its provider, linking to the case at
 * `${base}/${id}`, and `columns` follow.
 */
export function QueuePage<T extends { id: string; organisationName: string }, F extends string>({
  heading,
  lede,
  filter,
  caption = heading,
  base,
  rows,
  empty,
  columns,
}: {
  heading: string;
  lede?: ReactNode;
  filter?: QueueFilter<F>;
  caption?: string;
  base: string;
  rows: readonly T[];
  empty: ReactNode;
  columns: ListColumn<T>[];
}) {
  return (
    // A filtered queue is spaced as a stack; a queue with a lede keeps the paragraph's own spacing.
    <div className={filter ? "stack" : undefined}>
      <h1>{heading}</h1>
      {lede ? <p className="lede">{lede}</p> : null}
      {filter ? <StatusFilter value={filter.value} filters={filter.filters} labels={filter.labels} /> : null}
      <ListTable caption={caption} rows={rows} rowKey={(row) => row.id} empty={empty} columns={[providerColumn(base), ...columns]} />
    </div>
  );
}
