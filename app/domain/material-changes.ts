/**
 * Material changes (ISO/IEC 17011 7.9 and 7.11): between surveillance reports an accredited organisation tells
 * the foundation when something it was accredited on changes (a trainer left, new owners, a new legal name or
 * address, a syllabus change). Staff acknowledge it, ask a follow-up question (the member answers and it comes
 * back), propose suspension (staff then suspend from the accreditations page, as for annual reports) or open a
 * delta review of the accredited courses it touches (decision 045); once that review is rejected or withdrawn,
 * staff may still propose suspension.
 */
import { z } from "zod";
// db/schema/enums.ts is a leaf of constants with no imports, the one db module the domain may read (decision 015).
// eslint-disable-next-line no-restricted-imports
import { MATERIAL_CHANGE_KINDS, MATERIAL_CHANGE_STATUSES, type MaterialChangeKind, type MaterialChangeStatus } from "../../db/schema/enums";
import { stateMachine, type StateRule } from "./state-table";
import { accreditationAllows, type EffectiveAccreditationStatus } from "./accreditation";
import { arrayField, longText, uuid } from "./forms";
import { staffReviewSchema } from "./annual-reports";

export type { MaterialChangeKind, MaterialChangeStatus };
export { MATERIAL_CHANGE_KINDS, MATERIAL_CHANGE_STATUSES };
export type MaterialChangeAction = "respond" | "acknowledge" | "request_follow_up" | "propose_suspension" | "open_delta_review";
export type MaterialChangeRole = "provider_owner" | "provider_member" | "staff" | "reviewer" | "board";
export const MATERIAL_CHANGE_ROLES: MaterialChangeRole[] = ["provider_owner", "provider_member", "staff", "reviewer", "board"];

export const MATERIAL_CHANGE_TRANSITIONS: Record<MaterialChangeAction, StateRule<MaterialChangeStatus, MaterialChangeRole>> = {
  respond: { from: ["follow_up_requested"], roles: ["provider_owner", "provider_member"], to: "reported" },
  acknowledge: { from: ["reported"], roles: ["staff"], to: "acknowledged" },
  request_follow_up: { from: ["reported"], roles: ["staff"], to: "follow_up_requested" },
  // From an opened delta review only once it was rejected or withdrawn (the service checks: deltaReviewClosed).
  propose_suspension: { from: ["reported", "delta_review_opened"], roles: ["staff"], to: "suspension_proposed" },
  open_delta_review: { from: ["reported"], roles: ["staff"], to: "delta_review_opened" },
};

export const MATERIAL_CHANGE_STATUS_LABELS: Record<MaterialChangeStatus, string> = {
  reported: "Reported, awaiting review",
  acknowledged: "Acknowledged",
  follow_up_requested: "Follow-up requested",
  suspension_proposed: "Suspension proposed",
  delta_review_opened: "Delta review opened",
};
export const MATERIAL_CHANGE_KIND_LABELS: Record<MaterialChangeKind, string> = {
  trainer_left: "A trainer left",
  trainer_joined: "A trainer joined",
  ownership: "Ownership or control changed",
  legal_name: "Legal name changed",
  address: "Address or premises changed",
  syllabus: "Syllabus changed",
  other: "Something else",
};
const ACTION_WORDS: Record<MaterialChangeAction, string> = {
  respond: "answer the follow-up",
  acknowledge: "acknowledge this change",
  request_follow_up: "ask a follow-up question",
  propose_suspension: "propose suspension",
  open_delta_review: "open a delta review",
};

export const { move: materialChangeMove, actions: materialChangeActions } = stateMachine(MATERIAL_CHANGE_TRANSITIONS, { state: (s) => MATERIAL_CHANGE_STATUS_LABELS[s], action: (a) => ACTION_WORDS[a] });

/** Members report changes of an accreditation in force (a suspended one too: the change may be why). */
export function mayReportMaterialChange(role: MaterialChangeRole, accreditation: EffectiveAccreditationStatus) {
  return accreditationAllows("report_change", role, accreditation, {
    role: "Only members of the accredited organisation can report its changes.",
    status: `This accreditation is ${accreditation}: there is nothing to report changes against.`,
  });
}

const KIND_KEYS = MATERIAL_CHANGE_KINDS as unknown as [MaterialChangeKind, ...MaterialChangeKind[]];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const reportMaterialChangeSchema = z.object({
  intent: z.literal("report"),
  // Chosen when the form was shown: the same submission posted again is the same report.
  submissionId: uuid("the form's id; reload the page"),
  kind: z.enum(KIND_KEYS, { errorMap: () => ({ message: "Choose what changed" }) }),
  effectiveOn: z
    .string({ required_error: "Enter the date of the change" })
    .trim()
    .refine((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Enter the date of the change"),
  description: longText("what changed", { min: 1, max: 4000 }),
});
export const respondMaterialChangeSchema = z.object({
  intent: z.literal("respond"),
  changeId: uuid("the change"),
  response: longText("your answer", { min: 1, max: 4000 }),
});
export type ReportMaterialChangeInput = z.output<typeof reportMaterialChangeSchema>;

export const reviewMaterialChangeSchema = staffReviewSchema("acknowledge", { choose: "Choose acknowledge, ask a follow-up or propose suspension", maxNote: 4000 });
export type ReviewMaterialChangeInput = z.output<typeof reviewMaterialChangeSchema>;

/**
 * Staff open a delta review (decision 045) naming the accredited courses the change touches. A syllabus
 * change preselects every course; staff must leave at least one chosen.
 */
export const openDeltaReviewSchema = z.object({
  intent: z.literal("delta"),
  courseIds: arrayField(z.string().uuid("Choose the accredited courses to review"), "Choose at least one accredited course to review", { min: 1 }),
  note: longText("a note to the provider", { max: 4000 }),
});
export type OpenDeltaReviewInput = z.output<typeof openDeltaReviewSchema>;

/** After a delta review, suspension may be proposed only once the review ended without replacing the scope. */
export function deltaReviewClosed(applicationStatus: string | null): boolean {
  return applicationStatus === "rejected" || applicationStatus === "withdrawn";
}
