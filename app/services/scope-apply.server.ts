/**
 * The one way an accreditation's scope changes in place, inside the caller's transaction after its
 * compare-and-set: lock the accreditation as it stands now, apply the change, record it, revoke the old
 * credential as reissued, issue the new one (which appends the public log's `scope_changed` entry) and
 * refresh the directory. Scope-change approvals (decision 033), extension decisions (decision 039) and delta
 * review decisions (decision 045, which replace the revised courses' combinations) use it.
 */
import { eq } from "drizzle-orm";
import { accreditations } from "../../db/schema";
import { refreshDirectoryEntry } from "../../db/directory";
import { applyScopeChange, replaceScopeCourses, type ScopeChangeKind, type ScopeCombination } from "~/domain/scope-changes";
import { effectiveStatus, isoDate } from "~/domain/accreditation";
import { refuse } from "~/domain/outcome";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { issueCredential, revokeCredentials } from "./credentials.server";

/** Add or remove combinations, or replace every combination of the revised courses by the entries. */
type ScopeEdit = { kind: ScopeChangeKind; entries: ScopeCombination[] } | { kind: "replacement"; revisedCourseIds: string[]; entries: ScopeCombination[] };

export async function changeAccreditationScope(tx: Database, input: { actorId: string; accreditationId: string; audit: Record<string, unknown> } & ScopeEdit) {
  const [current] = await tx.select().from(accreditations).where(eq(accreditations.id, input.accreditationId)).for("update");
  const day = isoDate(now());
  if (!current) refuse(404, "Accreditation not found.");
  if (effectiveStatus(current, day) !== "active") refuse(409, `Certificate ${current.certificateNumber} is no longer active; its scope cannot change.`);
  const applied = input.kind === "replacement" ? replaceScopeCourses(current.scope, input.revisedCourseIds, input.entries) : applyScopeChange(current.scope, input.kind, input.entries);
  if (!applied.ok) refuse(409, applied.message);
  const at = now();
  await tx.update(accreditations).set({ scope: applied.scope, updatedAt: at }).where(eq(accreditations.id, current.id));
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "accreditation.scope_changed",
    entityType: "accreditation",
    entityId: current.id,
    data: { certificateNumber: current.certificateNumber, ...input.audit, kind: input.kind, before: current.scope.length, after: applied.scope.length },
  });
  await revokeCredentials(tx, current.id, "reissued");
  await issueCredential(tx, current.id, "scope_changed");
  await refreshDirectoryEntry(tx, current.organisationId, day);
  return { ...current, scope: applied.scope, updatedAt: at };
}
