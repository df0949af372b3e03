import { formatDateTime } from "~/domain/format";
import type { SectionProps } from "./types";

/** The application's history, each audit event in words. */
export function Timeline({ view }: Pick<SectionProps, "view">) {
  return (
    <section className="card" aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      {view.timeline.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {view.timeline.map((e) => (
            <li key={e.id}>
              <strong>{describeEvent(e.action, e.data)}</strong>
              <br />
              <span className="small muted">
                {formatDateTime(e.occurredAt)} · {e.actorName ?? "system"}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function describeEvent(action: string, eventData: Record<string, unknown>): string {
  const s = (k: string) => (typeof eventData[k] === "string" || typeof eventData[k] === "number" ? String(eventData[k]) : "");
  switch (action) {
    case "application.submitted":
      return `Submitted revision ${s("revision")}`;
    case "application.resubmitted":
      return `Resubmitted as revision ${s("revision")}`;
    case "application.review_started":
      return "Review started";
    case "application.changes_requested":
      return "Changes requested";
    case "application.forwarded_to_board":
      return "Forwarded to the board";
    case "application.withdrawn":
      return "Withdrawn by the provider";
    case "review.reviewer_assigned":
      return `Reviewer assigned: ${s("reviewerName")}`;
    case "review.assignment_accepted":
      return "A reviewer accepted, declaring no conflict of interest";
    case "review.assignment_declined":
      return eventData.conflict ? "A reviewer declined, declaring a conflict of interest" : "A reviewer declined";
    case "review.submitted":
      return `Review submitted for revision ${s("revision")}`;
    case "review.mapping_disputed":
      return `Mapping disputed: ${s("competency")} in ${s("module")}`;
    case "review.dispute_resolved":
      return `Dispute ${eventData.resolution === "upheld" ? "upheld" : "dismissed"}: ${s("competency")} in ${s("module")}`;
    default:
      return action.replace(/[._]/g, " ");
  }
}

