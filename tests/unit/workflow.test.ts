import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import { availableActions, transition, TRANSITIONS, type ApplicationStatus, type WorkflowAction, type WorkflowRole } from "~/domain/workflow";

const STATUSES: ApplicationStatus[] = ["draft", "submitted", "under_review", "changes_requested", "awaiting_decision", "accredited", "rejected", "withdrawn"];
const ROLES: WorkflowRole[] = ["provider_owner", "provider_member", "staff", "appeal_panel"];
const ACTIONS = Object.keys(TRANSITIONS) as WorkflowAction[];

// The whole table, written out by hand: [status, action, role] → next status, everything else refused.
const EXPECTED = new Map<string, ApplicationStatus>([
  ["draft|submit|provider_owner", "submitted"],
  ["draft|submit|provider_member", "submitted"],
  ["changes_requested|resubmit|provider_owner", "submitted"],
  ["changes_requested|resubmit|provider_member", "submitted"],
  ["submitted|start_review|staff", "under_review"],
  ["submitted|request_changes|staff", "changes_requested"],
  ["under_review|request_changes|staff", "changes_requested"],
  ["under_review|forward_to_board|staff", "awaiting_decision"],
  ["awaiting_decision|record_decision|staff", "accredited"],
  // Only an appeal panel's overturning reopens a rejection, for the board to decide again.
  ["rejected|reopen|appeal_panel", "awaiting_decision"],
  ...(["draft", "submitted", "under_review", "changes_requested", "awaiting_decision"] as const).map(
    (s) => [`${s}|withdraw|provider_owner`, "withdrawn"] as [string, ApplicationStatus],
  ),
]);

test("every status × action × role gives exactly the expected transition", () => {
  expectWholeTable({ statuses: STATUSES, actions: ACTIONS, roles: ROLES }, (from, action, role) => transition(from, action, role, "accredited"), EXPECTED, { match: "partial" });
});

test("terminal states allow nothing, except an appeal panel reopening a rejection", () => {
  for (const from of ["accredited", "rejected", "withdrawn"] as const)
    for (const role of ROLES) expect(availableActions(from, role)).toEqual(from === "rejected" && role === "appeal_panel" ? ["reopen"] : []);
});

test("a decision needs an outcome, and can reject", () => {
  expect(transition("awaiting_decision", "record_decision", "staff")).toMatchObject({ ok: false, reason: "invalid_outcome" });
  expect(transition("awaiting_decision", "record_decision", "staff", "rejected")).toMatchObject({ ok: true, to: "rejected" });
});

test("refusals say why in words", () => {
  const r = transition("accredited", "submit", "provider_owner");
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message).toBe("An application that is accredited cannot be submitted.");
});

test("preconditions are named for the service to check", () => {
  expect(transition("draft", "submit", "provider_owner")).toMatchObject({ preconditions: ["complete"] });
  expect(transition("submitted", "start_review", "staff")).toMatchObject({ preconditions: ["enough_accepted_reviewers"] });
  expect(transition("awaiting_decision", "record_decision", "staff", "rejected")).toMatchObject({ preconditions: ["quorum"] });
});
