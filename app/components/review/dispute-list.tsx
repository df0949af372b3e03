import { formatDate } from "~/domain/format";
import type { ReactNode } from "react";
import { DISPUTE_STATE_LABELS, type DisputeState } from "~/domain/disputes";

export type DisputeItem = {
  id: string;
  note: string;
  raisedByName: string;
  createdAt: Date | string;
  state: DisputeState;
  resolvedAt: Date | string | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
};

export type DisputedMapping = {
  mappingId: string;
  courseTitle: string;
  moduleTitle: string;
  code: string;
  title: string;
  depth: string;
  excluded: boolean;
  disputes: DisputeItem[];
};

const STATE_CLASSES: Record<DisputeState, string> = { open: "warn", upheld: "bad", dismissed: "neutral" };

function DisputeStateBadge({ state }: { state: DisputeState }) {
  return <span className={`badge ${STATE_CLASSES[state]}`}>{DISPUTE_STATE_LABELS[state]}</span>;
}

/**
 * Disputed mappings with every dispute's state: open, or upheld / dismissed by whom, when and why. The same
 * list for staff, reviewers and the board; staff pass `actions` to put the resolution form under an open one.
 */
export function DisputeList({
  mappings,
  empty,
  actions,
}: {
  mappings: DisputedMapping[];
  empty: string;
  actions?: (mapping: DisputedMapping, dispute: DisputeItem) => ReactNode;
}) {
  if (mappings.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="stack">
      {mappings.map((m) => (
        <li key={m.mappingId}>
          <strong>
            {m.courseTitle} › {m.moduleTitle} › <code>{m.code}</code> {m.title}
          </strong>{" "}
          ({m.depth}, {m.excluded ? "not counted toward coverage" : "counts toward coverage"})
          <ul>
            {m.disputes.map((d) => (
              <li key={d.id}>
                <p>
                  <DisputeStateBadge state={d.state} /> {d.raisedByName} disputed it on {formatDate(d.createdAt)}: <span style={{ whiteSpace: "pre-wrap" }}>{d.note}</span>
                </p>
                {d.state !== "open" ? (
                  <p className="small">
                    {DISPUTE_STATE_LABELS[d.state]} by {d.resolvedByName ?? "staff"}
                    {d.resolvedAt ? ` on ${formatDate(d.resolvedAt)}` : ""}: <span style={{ whiteSpace: "pre-wrap" }}>{d.resolutionNote}</span>
                  </p>
                ) : null}
                {actions ? actions(m, d) : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
