import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import { parseForm } from "~/domain/forms";
import {
  PROPOSAL_ROLES,
  PROPOSAL_STATUSES,
  PROPOSAL_TRANSITIONS,
  proposalTransition,
  proposeSchema,
  type ProposalAction,
  type ProposalStatus,
} from "~/domain/assignment-proposals";

const ACTIONS = Object.keys(PROPOSAL_TRANSITIONS) as ProposalAction[];
// The whole table by hand: only staff move a proposal, and only while it awaits approval.
const EXPECTED = new Map<string, ProposalStatus>([
  ["proposed|approve|staff", "approved"],
  ["proposed|discard|staff", "discarded"],
]);

test("every status × action × role gives exactly the expected transition", () => {
  expectWholeTable({ statuses: PROPOSAL_STATUSES, actions: ACTIONS, roles: PROPOSAL_ROLES }, proposalTransition, EXPECTED);
});

test("refusals say why in words", () => {
  expect(proposalTransition("approved", "approve", "staff")).toEqual({ ok: false, message: "This proposal was already approved." });
  expect(proposalTransition("proposed", "approve", "reviewer")).toEqual({ ok: false, message: "Only staff can approve or discard a proposed assignment." });
});

test("the proposal form: at least one application, whole numbers in range, a real date", () => {
  const id = "00000000-0000-4000-8000-00000000000a";
  const form = (fields: Record<string, string | string[]>) => {
    const params = new URLSearchParams({ intent: "propose" });
    for (const [k, v] of Object.entries(fields)) for (const item of ([] as string[]).concat(v)) params.append(k, item);
    return parseForm(params, proposeSchema);
  };
  expect(form({ applicationIds: id, reviewersPerApplication: "2", maxLoad: "6", dueDate: "2099-01-01" })).toEqual({
    success: true,
    data: { intent: "propose", applicationIds: [id], reviewersPerApplication: 2, maxLoad: 6, dueDate: "2099-01-01" },
  });
  expect(form({ reviewersPerApplication: "2", maxLoad: "6", dueDate: "2099-01-01" })).toMatchObject({ success: false, errors: { applicationIds: "Choose at least one application" } });
  expect(form({ applicationIds: "nope", reviewersPerApplication: "6", maxLoad: "1.5", dueDate: "2099-02-30x" })).toMatchObject({
    success: false,
    errors: { "applicationIds.0": "Missing an application", reviewersPerApplication: "Reviewers per application must be at most 5", maxLoad: "Most open assignments per reviewer must be a whole number" },
  });
});
