/**
 * The application workflow as data: state × action × role → next state. Services ask `transition()`
 * before they update with compare-and-set; routes never set a status. Preconditions that need the
 * database (completeness, accepted reviewers, quorum) are checked by the service, named here.
 */
// db/schema/enums.ts is a leaf of constants with no imports, the one db module the domain may read (decision 015).
// eslint-disable-next-line no-restricted-imports
import { APPLICATION_STATUSES } from "../../db/schema/enums";

// The one list of statuses; the schema's column is built from the same list (decision 015).
export { APPLICATION_STATUSES };
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type WorkflowAction =
  | "submit"
  | "resubmit"
  | "start_review"
  | "request_changes"
  | "forward_to_board"
  | "record_decision"
  | "withdraw"
  | "reopen";

/** `appeal_panel`: the panel that overturned a rejection on appeal (domain/appeals.ts), the one way back from a decision. */
export type WorkflowRole = "provider_owner" | "provider_member" | "staff" | "appeal_panel";

export type Precondition = "complete" | "response_written" | "enough_accepted_reviewers" | "all_reviews_in" | "quorum";

type Rule = { from: ApplicationStatus[]; roles: WorkflowRole[]; to: ApplicationStatus | "accredited_or_rejected"; preconditions: Precondition[] };

export const TRANSITIONS: Record<WorkflowAction, Rule> = {
  submit: { from: ["draft"], roles: ["provider_owner", "provider_member"], to: "submitted", preconditions: ["complete"] },
  resubmit: { from: ["changes_requested"], roles: ["provider_owner", "provider_member"], to: "submitted", preconditions: ["complete", "response_written"] },
  start_review: { from: ["submitted"], roles: ["staff"], to: "under_review", preconditions: ["enough_accepted_reviewers"] },
  request_changes: { from: ["submitted", "under_review"], roles: ["staff"], to: "changes_requested", preconditions: [] },
  forward_to_board: { from: ["under_review"], roles: ["staff"], to: "awaiting_decision", preconditions: ["all_reviews_in"] },
  record_decision: { from: ["awaiting_decision"], roles: ["staff"], to: "accredited_or_rejected", preconditions: ["quorum"] },
  withdraw: {
    from: ["draft", "submitted", "under_review", "changes_requested", "awaiting_decision"],
    roles: ["provider_owner"],
    to: "withdrawn",
    preconditions: [],
  },
  // An overturned rejection goes back to the board for a new vote and decision.
  reopen: { from: ["rejected"], roles: ["appeal_panel"], to: "awaiting_decision", preconditions: [] },
};

export type TransitionResult =
  | { ok: true; to: ApplicationStatus; preconditions: Precondition[] }
  | { ok: false; reason: "not_allowed_from_status" | "role_not_allowed" | "invalid_outcome"; message: string };

/**
 * May `role` do `action` on an application in `from`? For `record_decision` pass the outcome.
 * Pure; the caller then checks the named preconditions and updates with `WHERE status = from`.
 */
export function transition(
  from: ApplicationStatus,
  action: WorkflowAction,
  role: WorkflowRole,
  outcome?: "accredited" | "rejected",
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: "role_not_allowed", message: `A ${role.replace("_", " ")} cannot ${label(action)}.` };
  if (!rule.from.includes(from)) {
    return { ok: false, reason: "not_allowed_from_status", message: `An application that is ${statusLabel(from).toLowerCase()} cannot be ${pastLabel(action)}.` };
  }
  if (rule.to === "accredited_or_rejected") {
    if (outcome !== "accredited" && outcome !== "rejected") return { ok: false, reason: "invalid_outcome", message: "Choose accredited or rejected." };
    return { ok: true, to: outcome, preconditions: rule.preconditions };
  }
  return { ok: true, to: rule.to, preconditions: rule.preconditions };
}

/** Actions available to a role from a status (for buttons; the server still calls `transition`). */
export function availableActions(from: ApplicationStatus, role: WorkflowRole): WorkflowAction[] {
  return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter((a) => TRANSITIONS[a].from.includes(from) && TRANSITIONS[a].roles.includes(role));
}

const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  under_review: "Under review",
  changes_requested: "Changes requested",
  awaiting_decision: "Awaiting decision",
  accredited: "Accredited",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export function statusLabel(status: ApplicationStatus): string {
  return STATUS_LABELS[status];
}

function label(action: WorkflowAction): string {
  return action.replace(/_/g, " ");
}

function pastLabel(action: WorkflowAction): string {
  const past: Record<WorkflowAction, string> = {
    submit: "submitted",
    resubmit: "resubmitted",
    start_review: "put under review",
    request_changes: "sent back for changes",
    forward_to_board: "forwarded to the board",
    record_decision: "decided",
    withdraw: "withdrawn",
    reopen: "reopened",
  };
  return past[action];
}
