/**
 * Complaints about an accredited provider (ISO/IEC 17011 7.12) as data: state × action × role → next
 * state. A visitor files one and confirms their email by the private link; staff triage it (accept, or
 * not in scope), investigate, may ask the provider to respond, and record the outcome; an upheld complaint
 * may propose a suspension, which staff carry out through the accreditation lifecycle.
 */
import { z } from "zod";
import { email, longText, mustTick, text, uuid } from "./forms";
import { stateMachine, type StateRule } from "./state-table";

export const COMPLAINT_STATUSES = ["unconfirmed", "received", "investigating", "awaiting_provider", "suspension_proposed", "closed", "not_in_scope"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_ROLES = ["complainant", "staff", "provider"] as const;
export type ComplaintRole = (typeof COMPLAINT_ROLES)[number];

export const COMPLAINT_OUTCOMES = ["unfounded", "upheld", "upheld_suspension"] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

const COMPLAINT_TRANSITIONS = {
  confirm: { from: ["unconfirmed"], roles: ["complainant"], to: "received" },
  accept: { from: ["received"], roles: ["staff"], to: "investigating" },
  not_in_scope: { from: ["received"], roles: ["staff"], to: "not_in_scope" },
  request_response: { from: ["investigating"], roles: ["staff"], to: "awaiting_provider" },
  respond: { from: ["awaiting_provider"], roles: ["provider"], to: "investigating" },
  // Staff may conclude without the provider's answer once its deadline has passed (the service checks it).
  close_unfounded: { from: ["investigating", "awaiting_provider"], roles: ["staff"], to: "closed" },
  close_upheld: { from: ["investigating", "awaiting_provider"], roles: ["staff"], to: "closed" },
  propose_suspension: { from: ["investigating", "awaiting_provider"], roles: ["staff"], to: "suspension_proposed" },
  carry_out_suspension: { from: ["suspension_proposed"], roles: ["staff"], to: "closed" },
} as const satisfies Record<string, StateRule<ComplaintStatus, ComplaintRole>>;

export type ComplaintAction = keyof typeof COMPLAINT_TRANSITIONS;
export const COMPLAINT_ACTIONS = Object.keys(COMPLAINT_TRANSITIONS) as ComplaintAction[];

/** The outcome each concluding action records. */
export const OUTCOME_OF: Partial<Record<ComplaintAction, ComplaintOutcome>> = {
  close_unfounded: "unfounded",
  close_upheld: "upheld",
  propose_suspension: "upheld_suspension",
};

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  unconfirmed: "Waiting for email confirmation",
  received: "Received",
  investigating: "Under investigation",
  awaiting_provider: "Waiting for the provider's response",
  suspension_proposed: "Upheld: suspension proposed",
  closed: "Closed",
  not_in_scope: "Not in scope",
};

export const COMPLAINT_OUTCOME_LABELS: Record<ComplaintOutcome, string> = {
  unfounded: "Unfounded",
  upheld: "Upheld, with corrective action",
  upheld_suspension: "Upheld, suspension",
};

const ACTION_LABELS: Record<ComplaintAction, string> = {
  confirm: "be confirmed",
  accept: "be accepted for investigation",
  not_in_scope: "be marked not in scope",
  request_response: "be sent to the provider for a response",
  respond: "take a response",
  close_unfounded: "be closed as unfounded",
  close_upheld: "be upheld",
  propose_suspension: "propose a suspension",
  carry_out_suspension: "carry out a suspension",
};

export const { move: complaintMove, actions: complaintActions } = stateMachine(COMPLAINT_TRANSITIONS, {
  state: (s) => `A complaint ${COMPLAINT_STATUS_LABELS[s].toLowerCase()}`,
  action: (a) => ACTION_LABELS[a],
});

/** Open complaints: confirmed and not yet concluded (what staff work on). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ["received", "investigating", "awaiting_provider", "suspension_proposed"];

// ---- limits and deadlines (days) ------------------------------------------------------------------

export const COMPLAINT_LIMITS = {
  /** Complaints accepted from one network address per hour, and from one email address per day. */
  perAddressPerHour: 5,
  perEmailPerDay: 3,
  /** A form sent sooner than this after it was shown is a robot's. */
  minFillSeconds: 3,
  /** A form older than this is stale: the person is asked to send it again (nothing they typed is lost). */
  maxFormAgeHours: 24,
  /** An unconfirmed complaint's link stops working after this. */
  confirmWithinHours: 72,
} as const;

export const COMPLAINT_DEADLINES = {
  /** Staff triage a confirmed complaint within this many days. */
  triageDays: 5,
  /** The provider responds within this many days of being asked. */
  providerResponseDays: 14,
  /** Staff reach an outcome within this many days of accepting it. */
  resolutionDays: 60,
  /** The provider is reminded this many days before their response is due. */
  remindBeforeDays: 3,
} as const;

// ---- forms -------------------------------------------------------------------------------------------

export const complaintFormSchema = z.object({
  provider: text("the provider", { max: 200 }),
  name: text("your name", { max: 200 }),
  email: email(),
  details: longText("what happened", { min: 20, max: 8000 }),
  consent: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  truthful: mustTick("Confirm that what you wrote is true to the best of your knowledge"),
  formToken: z.string({ required_error: "The form is incomplete; reload the page" }).max(200, "The form is incomplete; reload the page"),
  // The honeypot: hidden from people, filled in by robots. Any value is accepted here; the service discards the complaint.
  website: z.string().max(20_000).default(""),
});
export type ComplaintFormInput = z.output<typeof complaintFormSchema>;

export const staffComplaintSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), note: longText("a note", { max: 4000 }) }),
  z.object({ intent: z.literal("not_in_scope"), note: longText("why it is not in scope", { min: 1, max: 4000 }) }),
  z.object({ intent: z.literal("request_response"), note: longText("what the provider should answer", { min: 1, max: 4000 }) }),
  z.object({ intent: z.literal("close_unfounded"), note: longText("the reasons", { min: 1, max: 8000 }) }),
  z.object({ intent: z.literal("close_upheld"), note: longText("the reasons and the corrective action required", { min: 1, max: 8000 }) }),
  z.object({ intent: z.literal("propose_suspension"), note: longText("the reasons for proposing a suspension", { min: 1, max: 8000 }) }),
  z.object({ intent: z.literal("carry_out_suspension"), accreditationId: uuid("the accreditation to suspend"), note: longText("the suspension reason the provider is told", { min: 1, max: 2000 }) }),
]);
export type StaffComplaintInput = z.output<typeof staffComplaintSchema>;

export const providerResponseSchema = z.object({
  complaintId: uuid("the complaint"),
  response: longText("your response", { min: 1, max: 8000 }),
});

// ---- who reads which part of the timeline ----------------------------------------------------------

export type EventAction = ComplaintAction | "filed";
type Visibility = "with_note" | "without_note" | "hidden";

/**
 * What each audience reads of a timeline event. Staff read everything. The provider reads from the
 * request for their response on, and never the filing (the complainant's own words reach them as the
 * complaint's details, without identity unless consented). The complainant never reads staff's internal
 * triage note or the provider's response.
 */
const EVENT_VISIBILITY: Record<EventAction, { complainant: Visibility; provider: Visibility }> = {
  filed: { complainant: "without_note", provider: "hidden" },
  confirm: { complainant: "without_note", provider: "hidden" },
  accept: { complainant: "without_note", provider: "hidden" },
  not_in_scope: { complainant: "with_note", provider: "hidden" },
  request_response: { complainant: "without_note", provider: "with_note" },
  respond: { complainant: "without_note", provider: "with_note" },
  close_unfounded: { complainant: "with_note", provider: "with_note" },
  close_upheld: { complainant: "with_note", provider: "with_note" },
  propose_suspension: { complainant: "with_note", provider: "with_note" },
  carry_out_suspension: { complainant: "without_note", provider: "with_note" },
};

export const EVENT_LABELS: Record<EventAction, string> = {
  filed: "Complaint sent",
  confirm: "Email confirmed; the complaint reached the programme team",
  accept: "Accepted for investigation",
  not_in_scope: "Not in scope",
  request_response: "The provider was asked to respond",
  respond: "The provider responded",
  close_unfounded: "Outcome: unfounded",
  close_upheld: "Outcome: upheld, with corrective action",
  propose_suspension: "Outcome: upheld; suspension of the accreditation proposed",
  carry_out_suspension: "The accreditation was suspended",
};

export function isEventAction(action: string): action is EventAction {
  return Object.hasOwn(EVENT_VISIBILITY, action);
}

/** The timeline as `audience` may read it. */
export function visibleEvents<E extends { action: string; note: string }>(events: E[], audience: "complainant" | "provider"): E[] {
  return events.flatMap((e) => {
    if (!isEventAction(e.action)) return [];
    const v = EVENT_VISIBILITY[e.action][audience];
    if (v === "hidden") return [];
    return [v === "with_note" ? e : { ...e, note: "" }];
  });
}

/** What the complainant's email says after each transition (none after the provider's response). */
export const COMPLAINANT_MESSAGES: Partial<Record<ComplaintAction, string>> = {
  confirm: "Thank you for confirming. Your complaint has reached the programme team, who will decide within a few days whether it is one the foundation can investigate.",
  accept: "The programme team accepted your complaint and is investigating it.",
  not_in_scope: "The programme team read your complaint and found it is not one the foundation can investigate. Their reasons:",
  request_response: "As part of the investigation, the programme team asked the provider to respond to your complaint.",
  close_unfounded: "The investigation is complete. The programme team found the complaint unfounded. Their reasons:",
  close_upheld: "The investigation is complete. Your complaint was upheld and the provider must take corrective action:",
  propose_suspension: "The investigation is complete. Your complaint was upheld and the programme team proposes suspending the provider's accreditation:",
  carry_out_suspension: "The provider's accreditation has been suspended following your complaint. The public directory and verify page show it.",
};
