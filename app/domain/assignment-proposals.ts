/**
 * A batch reviewer-assignment proposal as data: staff ask the solver (auto-assign.ts) for a plan, read it,
 * then approve it (the assignments are created and the reviewers emailed) or discard it. Nothing is sent
 * before approval. state × action × role → next state; the service updates with compare-and-set.
 */
import { z } from "zod";
import { arrayField, integer, uuid } from "./forms";
import { dueDateField } from "./review-forms";

export type ProposalStatus = "proposed" | "approved" | "discarded";
export type ProposalAction = "approve" | "discard";
export type ProposalRole = "staff" | "reviewer" | "board" | "provider";

export const PROPOSAL_STATUSES: ProposalStatus[] = ["proposed", "approved", "discarded"];
export const PROPOSAL_ROLES: ProposalRole[] = ["staff", "reviewer", "board", "provider"];

type Rule = { from: ProposalStatus[]; roles: ProposalRole[]; to: ProposalStatus };

export const PROPOSAL_TRANSITIONS: Record<ProposalAction, Rule> = {
  approve: { from: ["proposed"], roles: ["staff"], to: "approved" },
  discard: { from: ["proposed"], roles: ["staff"], to: "discarded" },
};

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = { proposed: "Awaiting approval", approved: "Approved", discarded: "Discarded" };

export type ProposalTransition = { ok: true; to: ProposalStatus } | { ok: false; message: string };

export function proposalTransition(from: ProposalStatus, action: ProposalAction, role: ProposalRole): ProposalTransition {
  const rule = PROPOSAL_TRANSITIONS[action];
  if (!rule.roles.includes(role)) return { ok: false, message: "Only staff can approve or discard a proposed assignment." };
  if (!rule.from.includes(from)) return { ok: false, message: `This proposal was already ${PROPOSAL_STATUS_LABELS[from].toLowerCase()}.` };
  return { ok: true, to: rule.to };
}

export const DEFAULT_MAX_LOAD = 6;

/** Staff's request for a proposal: which applications, how many reviewers each, the load limit and due date. */
export const proposeSchema = z.object({
  intent: z.literal("propose"),
  applicationIds: arrayField(uuid("an application"), "Choose at least one application", { min: 1 }),
  reviewersPerApplication: integer("reviewers per application", { min: 1, max: 5 }),
  maxLoad: integer("the most open assignments per reviewer", { min: 1, max: 50 }),
  dueDate: dueDateField,
});
export type ProposeInput = z.output<typeof proposeSchema>;

export const decideProposalSchema = z.object({
  intent: z.enum(["approve", "discard"], { errorMap: () => ({ message: "Choose approve or discard" }) }),
});
