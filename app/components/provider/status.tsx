import { formatDateTime, humanize, isoDateTime } from "~/domain/format";
import { statusLabel, type ApplicationStatus } from "~/domain/workflow";

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return <span className={`badge ${status}`}>{statusLabel(status)}</span>;
}

const EVENT_LABELS: Record<string, string> = {
  "application.created": "Draft started",
  "application.delta_review_opened": "Delta review opened on a reported change",
  "application.submitted": "Submitted",
  "application.resubmitted": "Resubmitted",
  "application.withdrawn": "Withdrawn",
  "application.review_started": "Review started",
  "application.changes_requested": "Changes requested",
  "application.forwarded_to_board": "Sent to the board",
  "application.decided": "Decision recorded",
  "application.accredited": "Accredited",
  "application.rejected": "Rejected",
};

function eventLabel(action: string): string {
  return EVENT_LABELS[action] ?? humanize(action.replace(/^application\./, ""));
}

export type TimelineEvent = { action: string; at: string | Date; by: string | null; data?: Record<string, unknown> };

/** The application's history from the audit log, oldest first. */
export function StatusTimeline({ events, label }: { events: TimelineEvent[]; label: string }) {
  if (events.length === 0) return <p className="muted small">No history yet.</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((e, i) => {
        const revision = typeof e.data?.revision === "number" ? ` (revision ${e.data.revision})` : "";
        return (
          <li key={i}>
            <strong>
              {eventLabel(e.action)}
              {revision}
            </strong>{" "}
            <span className="muted small">
              <time dateTime={isoDateTime(e.at)}>{formatDateTime(e.at)}</time>
              {e.by ? ` · ${e.by}` : ""}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
