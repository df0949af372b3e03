/**
 * Re-mapping after a new framework version (issue 16, decision 037). Publishing a version opens one task per
 * accreditation in force whose application is pinned to an older version. Mappings to competencies that did not
 * change carry over; every module that lost a mapping (its competency changed or was retired) must be mapped again
 * before the provider completes the task. Completing moves the accredited courses' mappings to the new version.
 */
import { z } from "zod";
// db/schema/enums.ts is a leaf of constants with no imports, the one db module the domain may read (decision 015).
// eslint-disable-next-line no-restricted-imports
import { REMAP_TASK_STATUSES, type RemapTaskStatus } from "../../db/schema/enums";
import { stateMachine, type StateRule } from "./state-table";
import { uuid } from "./forms";
import type { FrameworkDiff } from "./framework-diff";

export type { RemapTaskStatus };
export { REMAP_TASK_STATUSES };
export type RemapAction = "map" | "complete";
export type RemapRole = "provider_owner" | "provider_member" | "staff" | "reviewer" | "board";
export const REMAP_ROLES: RemapRole[] = ["provider_owner", "provider_member", "staff", "reviewer", "board"];

/** `map` keeps the task open (it saves one module's mapping); only the organisation's members do either. */
export const REMAP_TRANSITIONS: Record<RemapAction, StateRule<RemapTaskStatus, RemapRole>> = {
  map: { from: ["open"], roles: ["provider_owner", "provider_member"], to: "open" },
  complete: { from: ["open"], roles: ["provider_owner", "provider_member"], to: "completed" },
};

/**
 * `superseded` has no move into it here: publishing an even newer version closes the older open task in the
 * publishing transaction (remap-open.server.ts), and nobody acts on a superseded task.
 */
export const REMAP_STATUS_LABELS: Record<RemapTaskStatus, string> = { open: "Open", completed: "Completed", superseded: "Replaced" };
const ACTION_WORDS: Record<RemapAction, string> = { map: "change this mapping", complete: "complete this re-mapping" };

export const { move: remapMove } = stateMachine(REMAP_TRANSITIONS, { state: (s) => REMAP_STATUS_LABELS[s], action: (a) => ACTION_WORDS[a] });

/** Open and past its due date (the due date itself is still in time). */
export function isOverdue(task: { status: RemapTaskStatus; dueOn: string }, today: string): boolean {
  return task.status === "open" && task.dueOn < today;
}

type OldMapping = { moduleId: string; code: string; depth: string };
type NewCompetency = { id: string; code: string; kind: string };

/**
 * What a task starts with: the old mappings whose competency is in the new version unchanged carry over (to the
 * new version's item of the same code); every module with a mapping that does not carry over must be mapped again.
 */
export function planRemap(old: OldMapping[], diff: Pick<FrameworkDiff, "changed" | "removed">, next: NewCompetency[]) {
  const notCarried = new Set([...diff.changed.map((c) => c.code), ...diff.removed.map((n) => n.code)]);
  const byCode = new Map(next.filter((c) => c.kind === "competency").map((c) => [c.code, c.id]));
  const carried: { moduleId: string; competencyId: string; depth: string }[] = [];
  const lost = new Map<string, string[]>();
  for (const m of old) {
    const id = byCode.get(m.code);
    if (id && !notCarried.has(m.code)) carried.push({ moduleId: m.moduleId, competencyId: id, depth: m.depth });
    else lost.set(m.moduleId, [...(lost.get(m.moduleId) ?? []), m.code]);
  }
  return { carried, toMap: [...lost].map(([moduleId, codes]) => ({ moduleId, lostCodes: codes.sort() })) };
}

/** Why a task cannot be completed yet, one line per module still to map; empty when it can. */
export function completionProblems(modules: { title: string; mappedAt: Date | string | null }[]): string[] {
  return modules.filter((m) => m.mappedAt === null).map((m) => `Map “${m.title}” to the new version.`);
}

const DEPTH_KEYS = ["introduced", "practised", "assessed"] as const;

/** One module's mapping against the new version: at least one competency, each with a depth. */
export const remapModuleSchema = z.object({
  intent: z.literal("map"),
  moduleId: uuid("the module"),
  competencyIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid("Choose competencies of the list")).min(1, "Choose at least one competency")),
  depth: z.enum(DEPTH_KEYS, { errorMap: () => ({ message: "Choose how deeply the module covers them" }) }),
});
export type RemapModuleInput = z.output<typeof remapModuleSchema>;
