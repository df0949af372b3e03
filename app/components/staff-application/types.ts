/**
 * What the staff application page's sections need from the loaded view (app/routes/admin.applications.$id.tsx),
 * typed by what they show; the route's loader data satisfies them. And the action's answer to a refused form.
 */
import type { ComponentProps } from "react";
import type { FieldErrors } from "~/domain/forms";
import type { Aggregate, ScoringCriterion } from "~/domain/scoring";
import type { DiffEntry } from "~/domain/revision-diff";
import type { ApplicationStatus, WorkflowAction } from "~/domain/workflow";
import type { DisputeList } from "~/components/review/dispute-list";
import type { AssignmentBadge } from "~/components/review/status-badge";

export type StaffApplicationView = {
  application: { id: string; status: ApplicationStatus; currentRevision: number };
  permissions: { screen: boolean; assign: boolean };
  /** `availableActions` for staff: the state table's next steps, empty for a member of the applying organisation. */
  actions: readonly WorkflowAction[];
  gates: { acceptedCount: number; minAccepted: number; outstanding: string[]; activeReviewers: number };
  defaultDueDate: string;
  assignments: {
    id: string;
    reviewerName: string;
    status: ComponentProps<typeof AssignmentBadge>["status"];
    dueAt: Date | string;
    overdue: boolean;
    reviewStatus: string | null;
    conflictDeclaration: string | null;
  }[];
  candidates: { id: string; name: string; email: string; expertise: string[]; matches: string[]; load: number; conflict: string | null; alreadyAssigned: boolean }[];
  disputes: ComponentProps<typeof DisputeList>["mappings"];
  canResolveDisputes: boolean;
  criteria: ScoringCriterion[];
  rounds: { revision: number; aggregate: Aggregate }[];
  revisions: { number: number }[];
  comparison: { from: number; to: number; entries: DiffEntry[] } | null;
  timeline: { id: number; action: string; data: Record<string, unknown>; occurredAt: Date | string; actorName: string | null }[];
};
export type StaffIntent = "assign" | "start_review" | "request_changes" | "forward" | "resolve_dispute";
/** A refused form comes back with its intent, the errors beside its fields and what was typed. */
export type StaffActionData = { intent?: StaffIntent | null; errors: FieldErrors; values: Record<string, unknown> } | undefined;
export type SectionProps = { view: StaffApplicationView; actionData: StaffActionData };
