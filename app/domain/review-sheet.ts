/**
 * A reviewer's sheet for one revision as data: a draft, saved as often as the reviewer likes, then submitted
 * once and never changed again. `reviewer` is an accepted reviewer of an application under review
 * (`application:review` in domain/policy.ts); anyone else only reads. The service saves with
 * `WHERE status = 'draft'` (compare-and-set), which refuses a submitted sheet.
 */
// db/schema/enums.ts is a leaf of constants with no imports, the one db module the domain may read (decision 015).
// eslint-disable-next-line no-restricted-imports
import { REVIEW_STATUSES } from "../../db/schema/enums";
import { actionsFrom, type StateRule } from "./state-table";

export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export { REVIEW_STATUSES };
export const REVIEW_ROLES = ["reviewer", "staff", "board"] as const;
export type ReviewRole = (typeof REVIEW_ROLES)[number];

const REVIEW_TRANSITIONS = {
  save: { from: ["draft"], roles: ["reviewer"], to: "draft" },
  submit: { from: ["draft"], roles: ["reviewer"], to: "submitted" },
} as const satisfies Record<string, StateRule<ReviewStatus, ReviewRole>>;

export type ReviewAction = keyof typeof REVIEW_TRANSITIONS;
export const REVIEW_ACTIONS = Object.keys(REVIEW_TRANSITIONS) as ReviewAction[];

/** What `role` may do with the sheet; `null` is a sheet not saved yet, which is a draft (for forms; the service still compares and sets). */
export function reviewActions(from: ReviewStatus | null, role: ReviewRole): ReviewAction[] {
  return actionsFrom(REVIEW_TRANSITIONS, from ?? "draft", role);
}

/** Of an application's assignments, each with its review of one revision: how many reviewers are active, and who still owes that review. */
export function owedReviews<A extends { status: string; reviewStatus: ReviewStatus | null }>(assignments: A[]): { active: number; outstanding: A[] } {
  const active = assignments.filter((a) => a.status === "accepted" || a.status === "completed");
  return { active: active.length, outstanding: active.filter((a) => a.reviewStatus !== "submitted") };
}
