import { formatDateTime, isoDateTime } from "~/domain/format";

export type HistoryEvent = { action: string; at: Date | string; actor: string | null };

/** A case's history (an appeal, a report, a requested change), oldest first, each event in the case's own words. */
export function History({ events, labels }: { events: HistoryEvent[]; labels: Record<string, string> }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol className="timeline">
        {events.map((e, i) => (
          <li key={i}>
            {labels[e.action] ?? e.action} · <time dateTime={isoDateTime(e.at)}>{formatDateTime(e.at)}</time>
            {e.actor ? ` · ${e.actor}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
