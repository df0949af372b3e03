/**
 * Appeals against the foundation's decisions (ISO/IEC 17011 7.13) as data: state × action × role → next
 * state. A provider's owner lodges an appeal against a rejection, suspension or revocation within the
 * appeal window; staff with no part in the decision constitute a panel of board members with no part in
 * it either (domain/impartiality.ts); a panel member records the panel's finding — upheld (the decision
 * stands) or overturned (a rejection goes back to the board, a suspension or revocation is lifted).
 */
import { z } from "zod";
// db/schema/enums.ts is a leaf of constants with no imports, the one db module the domain may read (decision 015).
// eslint-disable-next-line no-restricted-imports
import { APPEAL_KINDS, APPEAL_STATUSES, type AppealKind, type AppealStatus } from "../../db/schema/enums";
import { longText, uuid } from "./forms";
import { pdfFile } from "./application-forms";
import { stateMachine, type StateRule } from "./state-table";

export { APPEAL_KINDS, APPEAL_STATUSES, type AppealKind, type AppealStatus };

export const APPEAL_ROLES = ["provider", "staff", "panel"] as const;
export type AppealRole = (typeof APPEAL_ROLES)[number];

const APPEAL_TRANSITIONS = {
  constitute_panel: { from: ["lodged"], roles: ["staff"], to: "hearing" },
  uphold: { from: ["hearing"], roles: ["panel"], to: "upheld" },
  overturn: { from: ["hearing"], roles: ["panel"], to: "overturned" },
  withdraw: { from: ["lodged", "hearing"], roles: ["provider"], to: "withdrawn" },
} as const satisfies Record<string, StateRule<AppealStatus, AppealRole>>;

export type AppealAction = keyof typeof APPEAL_TRANSITIONS;
export const APPEAL_ACTIONS = Object.keys(APPEAL_TRANSITIONS) as AppealAction[];

export const OPEN_APPEAL_STATUSES: readonly AppealStatus[] = ["lodged", "hearing"];

export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  lodged: "Lodged, waiting for a panel",
  hearing: "Being heard by the panel",
  upheld: "Upheld: the decision stands",
  overturned: "Overturned",
  withdrawn: "Withdrawn",
};

export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  rejection: "Rejection of the application",
  suspension: "Suspension of the accreditation",
  revocation: "Revocation of the accreditation",
};

/** What overturning each kind of decision does. */
export const OVERTURN_EFFECT: Record<AppealKind, string> = {
  rejection: "The application goes back to the board for a new vote and decision.",
  suspension: "The accreditation is reinstated and a new credential issued.",
  revocation: "The accreditation is reinstated and a new credential issued.",
};

const ACTION_LABELS: Record<AppealAction, string> = {
  constitute_panel: "have a panel constituted",
  uphold: "be decided",
  overturn: "be decided",
  withdraw: "be withdrawn",
};

/** How a refusal names the appeal's state: "This is an appeal already decided; it cannot be withdrawn now." */
const STATE_IN_REFUSALS: Record<AppealStatus, string> = {
  lodged: "an appeal still waiting for its panel",
  hearing: "an appeal before its panel",
  upheld: "an appeal already decided",
  overturned: "an appeal already decided",
  withdrawn: "a withdrawn appeal",
};

export const { move: appealMove, actions: appealActions } = stateMachine(APPEAL_TRANSITIONS, { state: (s) => STATE_IN_REFUSALS[s], action: (a) => ACTION_LABELS[a] });

// ---- the window and the panel ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** The last moment a decision taken at `decidedAt` may be appealed. */
export function appealDeadline(decidedAt: Date, windowDays: number): Date {
  return new Date(decidedAt.getTime() + windowDays * DAY_MS);
}

export function withinAppealWindow(decidedAt: Date, at: Date, windowDays: number): boolean {
  return at.getTime() >= decidedAt.getTime() && at.getTime() <= appealDeadline(decidedAt, windowDays).getTime();
}

const APPEAL_PANEL = { min: 1, max: 5 } as const;

/** `rejection:<decision id>`, `suspension:<audit event id>`: one appeal per decision, whatever the race. */
export function decisionKey(kind: AppealKind, id: string | number): string {
  return `${kind}:${id}`;
}

export function parseDecisionKey(key: string): { kind: AppealKind; id: string } | null {
  const m = /^(rejection|suspension|revocation):([0-9a-f-]{36}|\d{1,18})$/.exec(key);
  if (!m) return null;
  const kind = m[1] as AppealKind; // the pattern admits only the three kinds
  if ((kind === "rejection") !== m[2].includes("-")) return null;
  return { kind, id: m[2] };
}

// ---- forms -----------------------------------------------------------------------------------------------

export const lodgeAppealSchema = z.object({
  decision: z.string({ required_error: "Choose the decision you appeal against" }).min(1, "Choose the decision you appeal against").max(60, "Choose the decision you appeal against"),
  grounds: longText("your grounds for appeal", { min: 50, max: 10_000 }),
});
export type LodgeAppealInput = z.output<typeof lodgeAppealSchema>;

const panelIds = z.preprocess(
  // A native form posts one value per ticked box; react-hook-form gives an array, or false for a lone unticked box.
  (v) => (v === undefined || v === "" || v === false ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(uuid("a board member"))
    .min(APPEAL_PANEL.min, `Choose at least ${APPEAL_PANEL.min} board member for the panel`)
    .max(APPEAL_PANEL.max, `Choose at most ${APPEAL_PANEL.max} board members`),
);

export const constitutePanelSchema = z.object({ panel: panelIds });
export type ConstitutePanelInput = z.output<typeof constitutePanelSchema>;

export const decideAppealSchema = z.object({
  finding: z.enum(["uphold", "overturn"], { errorMap: () => ({ message: "Choose upheld or overturned" }) }),
  reasons: longText("the panel's reasons", { min: 20, max: 10_000 }),
});
export type DecideAppealInput = z.output<typeof decideAppealSchema>;

/** Supporting documents: PDFs, added by the provider while the appeal is open. */
export const MAX_APPEAL_DOCUMENTS = 10;
export const appealDocumentSchema = z.object({ file: pdfFile });

export const withdrawAppealSchema = z.object({ intent: z.literal("withdraw", { errorMap: () => ({ message: "Unknown request" }) }) });

// ---- the timeline ----------------------------------------------------------------------------------------

export const APPEAL_EVENT_LABELS: Record<string, string> = {
  "appeal.lodged": "Appeal lodged",
  "appeal.constitute_panel": "Panel constituted",
  "appeal.uphold": "Panel's finding: upheld, the decision stands",
  "appeal.overturn": "Panel's finding: overturned",
  "appeal.withdraw": "Appeal withdrawn",
  "appeal.document_added": "Supporting document added",
};
