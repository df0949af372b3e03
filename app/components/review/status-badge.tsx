const ASSIGNMENT_LABELS = { pending: "Awaiting answer", accepted: "Accepted", declined: "Declined", completed: "Review submitted" } as const;
const ASSIGNMENT_CLASSES = { pending: "pending", accepted: "info", declined: "neutral", completed: "ok" } as const;

export function AssignmentBadge({ status }: { status: keyof typeof ASSIGNMENT_LABELS }) {
  return <span className={`badge ${ASSIGNMENT_CLASSES[status]}`}>{ASSIGNMENT_LABELS[status]}</span>;
}
