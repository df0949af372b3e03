import { EVENT_LABELS, isEventAction } from "~/domain/complaints";
import { formatDateTime as formatMoment } from "~/domain/format";

export type TimelineEvent = { action: string; note: string; createdAt: Date | string; actorName?: string | null };

/** A complaint's timeline as the reader may see it (the service has already filtered it). */
export function ComplaintTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="stack">
      {events.map((e, i) => (
        <li key={i}>
          <strong>{isEventAction(e.action) ? EVENT_LABELS[e.action] : e.action}</strong> · {formatMoment(e.createdAt)}
          {e.actorName ? ` · ${e.actorName}` : ""}
          {e.note ? <p style={{ whiteSpace: "pre-wrap" }}>{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
