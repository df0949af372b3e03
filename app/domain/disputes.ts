/**
 * Mapping disputes: a reviewer disputes one of the provider's mappings (module → competency at a depth), and
 * staff rule on it. Pure: the rule for whether a dispute keeps its mapping out of coverage, the labels,
 * and the shape of staff's resolution form.
 */
import { z } from "zod";
import { longText, uuid } from "./forms";

export const DISPUTE_RESOLUTIONS = ["upheld", "dismissed"] as const;
export type DisputeResolution = (typeof DISPUTE_RESOLUTIONS)[number];
export type DisputeState = "open" | DisputeResolution;

/** A dispute without staff's ruling is open. */
export function disputeState(resolution: DisputeResolution | null): DisputeState {
  return resolution ?? "open";
}

/**
 * Does this dispute keep its mapping out of coverage? An open one does until staff rule; an upheld one does
 * for good (the provider fixes the mapping in a later revision); a dismissed one no longer does.
 */
export function excludesMapping(state: DisputeState): boolean {
  return state !== "dismissed";
}

export const DISPUTE_STATE_LABELS: Record<DisputeState, string> = { open: "Open", upheld: "Upheld", dismissed: "Dismissed" };

/** Staff's form: one per open dispute, posted to the application page's action. */
export const resolveDisputeSchema = z.object({
  intent: z.literal("resolve_dispute"),
  disputeId: uuid("the dispute"),
  resolution: z.enum(DISPUTE_RESOLUTIONS, { errorMap: () => ({ message: "Choose uphold or dismiss" }) }),
  note: longText("the reason for your decision", { min: 1, max: 2000 }),
});
