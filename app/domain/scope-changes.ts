/**
 * Scope changes (ISO/IEC 17011 7.10 extending, 7.11 reducing scope). A member of an accredited organisation
 * asks to add course × language × delivery-mode combinations (an extension) or to drop some (a reduction);
 * staff approve or decline; the member may withdraw while it waits. Approval applies the change: the
 * accreditation's scope, its credential and the directory follow in the same transaction (decision 033).
 */
import { z } from "zod";
// db/schema/enums.ts is a leaf of constants with no imports, the one db module the domain may read (decision 015).
// eslint-disable-next-line no-restricted-imports
import { SCOPE_CHANGE_KINDS, SCOPE_CHANGE_STATUSES, type MaterialChangeKind, type ScopeChangeKind, type ScopeChangeStatus } from "../../db/schema/enums";
import { stateMachine, type StateRule } from "./state-table";
import { accreditationAllows, type EffectiveAccreditationStatus } from "./accreditation";
import { arrayField, longText, uuid } from "./forms";
import { DELIVERY_MODE_LABELS, list, type DeliveryModeKey } from "./application-forms";

export type { ScopeChangeKind, ScopeChangeStatus };
export { SCOPE_CHANGE_KINDS, SCOPE_CHANGE_STATUSES };
export type ScopeChangeAction = "approve" | "decline" | "withdraw";
export type ScopeChangeRole = "provider_owner" | "provider_member" | "staff" | "reviewer" | "board";
export const SCOPE_CHANGE_ROLES: ScopeChangeRole[] = ["provider_owner", "provider_member", "staff", "reviewer", "board"];

export const SCOPE_CHANGE_TRANSITIONS: Record<ScopeChangeAction, StateRule<ScopeChangeStatus, ScopeChangeRole>> = {
  approve: { from: ["requested"], roles: ["staff"], to: "approved" },
  decline: { from: ["requested"], roles: ["staff"], to: "declined" },
  withdraw: { from: ["requested"], roles: ["provider_owner", "provider_member"], to: "withdrawn" },
};

export const SCOPE_CHANGE_STATUS_LABELS: Record<ScopeChangeStatus, string> = {
  requested: "Awaiting a decision",
  approved: "Approved and applied",
  declined: "Declined",
  withdrawn: "Withdrawn",
};
export const SCOPE_CHANGE_KIND_LABELS: Record<ScopeChangeKind, string> = { extension: "Extension", reduction: "Reduction" };
const ACTION_WORDS: Record<ScopeChangeAction, string> = { approve: "approve this scope change", decline: "decline this scope change", withdraw: "withdraw this scope change" };

export const { move: scopeChangeMove, actions: scopeChangeActions } = stateMachine(SCOPE_CHANGE_TRANSITIONS, { state: (s) => SCOPE_CHANGE_STATUS_LABELS[s], action: (a) => ACTION_WORDS[a] });

/** Who may ask for a change, and of what: members of the organisation, for an accreditation in force. */
export function mayRequestScopeChange(role: ScopeChangeRole, accreditation: EffectiveAccreditationStatus) {
  return accreditationAllows("change_scope", role, accreditation, {
    role: "Only members of the accredited organisation can ask to change its scope.",
    status: `This accreditation is ${accreditation}: only an active accreditation's scope can change.`,
  });
}

// ---- the scope itself --------------------------------------------------------------------------

export type ScopeCombination = { courseId: string; courseTitle: string; level: string; language: string; mode: string };

/**
 * What an extension (decision 039) or a delta review (decision 045) changes: the certificate and the scope
 * already accredited and not under review. A delta review also names the report that opened it and the
 * accredited combinations its revised courses would replace.
 */
export type ExtensionContext = {
  accreditationId: string;
  certificateNumber: string;
  organisationName: string;
  accredited: ScopeCombination[];
  frameworkTitle: string | null;
  delta: { changeKind: MaterialChangeKind; description: string; revising: ScopeCombination[] } | null;
};

export const combinationKey = (e: Pick<ScopeCombination, "courseId" | "language" | "mode">) => `${e.courseId}|${e.language.toLowerCase()}|${e.mode}`;

/** The combinations an extension would add: the course in each language × mode, less what is already accredited. */
export function extensionEntries(course: { courseId: string; courseTitle: string; level: string }, languages: string[], modes: string[], scope: ScopeCombination[]): ScopeCombination[] {
  const held = new Set(scope.map(combinationKey));
  const out: ScopeCombination[] = [];
  for (const language of languages)
    for (const mode of modes) {
      const entry = { ...course, language, mode };
      if (held.has(combinationKey(entry))) continue;
      held.add(combinationKey(entry));
      out.push(entry);
    }
  return out;
}

export type ScopeApplied = { ok: true; scope: ScopeCombination[] } | { ok: false; message: string };

/**
 * The scope after the change, or why it cannot apply to the scope as it stands now (it may have changed
 * since the request): an extension must still add something, a reduction must remove combinations that are
 * held and leave at least one (dropping everything is a withdrawal of the accreditation, not a reduction).
 */
export function applyScopeChange(scope: ScopeCombination[], kind: ScopeChangeKind, entries: ScopeCombination[]): ScopeApplied {
  const held = new Set(scope.map(combinationKey));
  if (kind === "extension") {
    const added = entries.filter((e) => !held.has(combinationKey(e)));
    if (added.length === 0) return { ok: false, message: "Everything this extension asks for is already in the accredited scope." };
    return { ok: true, scope: [...scope, ...added] };
  }
  const removing = new Set(entries.map(combinationKey));
  if (entries.some((e) => !held.has(combinationKey(e)))) return { ok: false, message: "Some of the combinations to remove are no longer in the accredited scope." };
  const left = scope.filter((e) => !removing.has(combinationKey(e)));
  if (left.length === 0) return { ok: false, message: "A reduction must leave at least one accredited combination; to give up the whole accreditation, contact the programme team." };
  return { ok: true, scope: left };
}

/**
 * A delta review's scope (decision 045): every combination of the revised courses is replaced by the
 * revision's combinations, in the place the first of them held; the rest of the scope stays as it is.
 * Refused when none of the revised courses is still in the scope (reduced away since the review opened).
 */
export function replaceScopeCourses(scope: ScopeCombination[], revisedCourseIds: string[], entries: ScopeCombination[]): ScopeApplied {
  const revised = new Set(revisedCourseIds);
  const at = scope.findIndex((e) => revised.has(e.courseId));
  if (at < 0) return { ok: false, message: "The courses under review are no longer in the accredited scope." };
  const kept = scope.filter((e) => !revised.has(e.courseId));
  const held = new Set(kept.map(combinationKey));
  const added = entries.filter((e) => !held.has(combinationKey(e)) && held.add(combinationKey(e)));
  if (kept.length + added.length === 0) return { ok: false, message: "The revised courses hold no language or delivery mode; the scope would be empty." };
  const before = scope.slice(0, at).filter((e) => !revised.has(e.courseId)).length;
  return { ok: true, scope: [...kept.slice(0, before), ...added, ...kept.slice(before)] };
}

// ---- forms -------------------------------------------------------------------------------------

const MODE_KEYS = Object.keys(DELIVERY_MODE_LABELS) as [DeliveryModeKey, ...DeliveryModeKey[]];
const reason = longText("the reason", { min: 1, max: 4000 });

export const extendScopeSchema = z.object({
  intent: z.literal("extend"),
  courseId: z.string({ required_error: "Choose the course" }).uuid("Choose the course"),
  languages: list("languages", { min: 1 }),
  modes: arrayField(z.enum(MODE_KEYS), "Choose at least one delivery mode", { min: 1 }),
  reason,
});
export const reduceScopeSchema = z.object({
  intent: z.literal("reduce"),
  remove: arrayField(z.string().max(300), "Choose at least one combination to remove", { min: 1 }),
  reason,
});
export const withdrawScopeChangeSchema = z.object({ intent: z.literal("withdraw"), changeId: uuid("the request") });
export type ExtendScopeInput = z.output<typeof extendScopeSchema>;
export type ReduceScopeInput = z.output<typeof reduceScopeSchema>;

export const decideScopeChangeSchema = z
  .object({
    outcome: z.enum(["approve", "decline"], { errorMap: () => ({ message: "Choose approve or decline" }) }),
    note: longText("a note to the provider", { max: 4000 }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "decline" && v.note.length === 0) ctx.addIssue({ code: "custom", path: ["note"], message: "Say why the change is declined" });
  });
export type DecideScopeChangeInput = z.output<typeof decideScopeChangeSchema>;
