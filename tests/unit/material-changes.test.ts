import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import { parseForm } from "~/domain/forms";
import {
  MATERIAL_CHANGE_ROLES,
  MATERIAL_CHANGE_STATUSES,
  MATERIAL_CHANGE_TRANSITIONS,
  materialChangeActions,
  materialChangeMove,
  mayReportMaterialChange,
  reportMaterialChangeSchema,
  reviewMaterialChangeSchema,
  openDeltaReviewSchema,
  deltaReviewClosed,
  type MaterialChangeAction,
  type MaterialChangeStatus,
} from "~/domain/material-changes";

const ACTIONS = Object.keys(MATERIAL_CHANGE_TRANSITIONS) as MaterialChangeAction[];
// The whole table by hand: staff review a reported change (or open a delta review on it, after which they may
// still propose suspension); members answer a follow-up, which comes back to staff.
const EXPECTED = new Map<string, MaterialChangeStatus>([
  ["reported|acknowledge|staff", "acknowledged"],
  ["reported|request_follow_up|staff", "follow_up_requested"],
  ["reported|propose_suspension|staff", "suspension_proposed"],
  ["reported|open_delta_review|staff", "delta_review_opened"],
  ["delta_review_opened|propose_suspension|staff", "suspension_proposed"],
  ["follow_up_requested|respond|provider_owner", "reported"],
  ["follow_up_requested|respond|provider_member", "reported"],
]);

test("every status × action × role gives exactly the expected transition", () => {
  expectWholeTable({ statuses: MATERIAL_CHANGE_STATUSES, actions: ACTIONS, roles: MATERIAL_CHANGE_ROLES }, materialChangeMove, EXPECTED);
});

test("refusals say why in words", () => {
  expect(materialChangeMove("acknowledged", "request_follow_up", "staff")).toMatchObject({ ok: false, message: "This is acknowledged; it cannot ask a follow-up question now." });
  expect(materialChangeMove("reported", "acknowledge", "provider_owner")).toMatchObject({ ok: false, message: "You cannot acknowledge this change." });
});

test("members report changes of an accreditation in force, suspended included", () => {
  for (const role of MATERIAL_CHANGE_ROLES)
    for (const status of ["active", "suspended", "revoked", "expired", "superseded"] as const) {
      const member = role === "provider_owner" || role === "provider_member";
      expect(mayReportMaterialChange(role, status).ok, `${role} ${status}`).toBe(member && (status === "active" || status === "suspended"));
    }
});

test("the forms say what is missing, next to each field", () => {
  const f = (o: Record<string, string>) => {
    const d = new FormData();
    for (const [k, v] of Object.entries(o)) d.append(k, v);
    return d;
  };
  const bad = parseForm(f({ intent: "report", submissionId: "0b0c7a4e-6f0a-4a8e-9a39-8d6f3b0b9a11", kind: "", effectiveOn: "2026-13-45", description: "" }), reportMaterialChangeSchema);
  if (bad.success) throw new Error("an empty report parsed");
  expect(bad.errors).toMatchObject({ kind: "Choose what changed", effectiveOn: "Enter the date of the change", description: expect.any(String) });
  expect(parseForm(f({ intent: "report", submissionId: "0b0c7a4e-6f0a-4a8e-9a39-8d6f3b0b9a11", kind: "trainer_left", effectiveOn: "2026-03-01", description: "Ada left." }), reportMaterialChangeSchema)).toMatchObject({ success: true });
  const noNote = parseForm(f({ outcome: "request_follow_up", note: "" }), reviewMaterialChangeSchema);
  if (noNote.success) throw new Error("a follow-up without a question parsed");
  expect(noNote.errors.note).toBe("Say what must follow up, or why suspension is proposed");
});

test("a delta review names at least one course; suspension after it only once it was rejected or withdrawn", () => {
  const f = (entries: [string, string][]) => {
    const d = new FormData();
    for (const [k, v] of entries) d.append(k, v);
    return d;
  };
  const none = parseForm(f([["intent", "delta"], ["note", "Keep me"]]), openDeltaReviewSchema);
  if (none.success) throw new Error("a delta review of no course parsed");
  expect(none.errors.courseIds).toBe("Choose at least one accredited course to review");
  expect(none.values).toMatchObject({ note: "Keep me" });
  const two = parseForm(f([["intent", "delta"], ["courseIds", "0b0c7a4e-6f0a-4a8e-9a39-8d6f3b0b9a11"], ["courseIds", "1b0c7a4e-6f0a-4a8e-9a39-8d6f3b0b9a11"], ["note", ""]]), openDeltaReviewSchema);
  expect(two).toMatchObject({ success: true, data: { courseIds: ["0b0c7a4e-6f0a-4a8e-9a39-8d6f3b0b9a11", "1b0c7a4e-6f0a-4a8e-9a39-8d6f3b0b9a11"] } });
  expect(["draft", "submitted", "under_review", "changes_requested", "awaiting_decision", "accredited", null].map(deltaReviewClosed).some(Boolean)).toBe(false);
  expect(deltaReviewClosed("rejected") && deltaReviewClosed("withdrawn")).toBe(true);
});

test("the forms a material change offers are the table's moves: staff review a reported one, members answer a follow-up", () => {
  expect(materialChangeActions("reported", "staff")).toEqual(["acknowledge", "request_follow_up", "propose_suspension", "open_delta_review"]);
  expect(materialChangeActions("delta_review_opened", "staff")).toEqual(["propose_suspension"]);
  expect(materialChangeActions("follow_up_requested", "provider_owner")).toEqual(["respond"]);
  expect(materialChangeActions("reported", "reviewer")).toEqual([]);
});
