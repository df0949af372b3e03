import { statusLabel, type ApplicationStatus } from "~/domain/workflow";

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return <span className={`badge ${status}`}>{statusLabel(status)}</span>;
}

const ASSIGNMENT_LABELS = { pending: "Awaiting answer", accepted: "Accepted", declined: "Declined", completed: "Review submitted" } as const;
const ASSIGNMENT_CLASSES = { pending: "pending", accepted: "info", declined: "neutral", completed: "ok" } as const;

export function AssignmentBadge({ status }: { status: keyof typeof ASSIGNMENT_LABELS }) {
  return <span className={`badge ${ASSIGNMENT_CLASSES[status]}`}>{ASSIGNMENT_LABELS[status]}</span>;
}

export function formatDay(date: Date | string): string {
  return new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function formatMoment(date: Date | string): string {
  return new Date(date).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC";
}
