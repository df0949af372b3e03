import { statusLabel, type ApplicationStatus } from "~/domain/workflow";

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return <span className={`badge ${status}`}>{statusLabel(status)}</span>;
}

const ASSIGNMENT_LABELS = { pending: "Awaiting answer", accepted: "Accepted", declined: "Declined", completed: "Review submitted" } as const;
const ASSIGNMENT_CLASSES = { pending: "pending", accepted: "info", declined: "neutral", completed: "ok" } as const;

export function AssignmentBadge({ status }: { status: keyof typeof ASSIGNMENT_LABELS }) {
  return <span className={`badge ${ASSIGNMENT_CLASSES[status]}`}>{ASSIGNMENT_LABELS[status]}</span>;
}
