/**
 * Scope changes of accreditations (decision 033): members ask to extend or reduce the accredited scope,
 * staff approve or decline, members may withdraw while it waits. Approval applies the change in the same
 * transaction as the compare-and-set: the accreditation's scope, a new credential (the old one revoked as
 * reissued), the public log's `scope_changed` entry, the directory, the audit events and the emails.
 */
import { asc, desc, eq } from "drizzle-orm";
import { accreditations, courses, scopeChanges, users } from "../../db/schema";
import {
  applyScopeChange,
  combinationKey,
  extensionEntries,
  mayRequestScopeChange,
  scopeChangeMove,
  type DecideScopeChangeInput,
  type ExtendScopeInput,
  type ReduceScopeInput,
  type ScopeChangeAction,
  type ScopeChangeKind,
  type ScopeChangeRole,
  type ScopeCombination,
  scopeChangeActions,
} from "~/domain/scope-changes";
import { accreditationAdmits, effectiveStatus } from "~/domain/accreditation";
import { isStaffFor, type SessionUser, providerRoleOf } from "~/domain/policy";
import { attempt, ok, refuse, refused, type Outcome } from "~/domain/outcome";
import { isUuid } from "~/domain/forms";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { staffRecipients, organisationRecipients } from "./recipients.server";
import { now, today } from "./clock.server";
import { entityHistory, recordAudit } from "./audit.server";
import { enqueueEmail, enqueueEmailEach } from "./emails.server";
import { accreditationWithOrganisation } from "./accreditations.server";
import { changeAccreditationScope } from "./scope-apply.server";
import { casesWithAccreditation } from "./accreditation-lists.server";

const ALREADY_OPEN = "A scope change of this accreditation is already awaiting a decision. Withdraw it, or wait for the programme team.";

// ---- reading -----------------------------------------------------------------------------------

/** The courses of the accredited application: what an extension may add languages and modes to (or bring back). */
async function accreditedCourses(db: Database, applicationId: string) {
  return db
    .select({ id: courses.id, title: courses.title, level: courses.level, languages: courses.languages, modes: courses.deliveryModes })
    .from(courses)
    .where(eq(courses.applicationId, applicationId))
    .orderBy(asc(courses.position), asc(courses.title));
}

async function changesOf(db: Database, accreditationId: string) {
  return db
    .select({ c: scopeChanges, requestedByName: users.name })
    .from(scopeChanges)
    .leftJoin(users, eq(users.id, scopeChanges.requestedBy))
    .where(eq(scopeChanges.accreditationId, accreditationId))
    .orderBy(desc(scopeChanges.requestedAt));
}

/** The scope page of an accreditation for a member of its organisation, or null (404) for anyone else. */
export async function scopeForMember(db: Database, user: SessionUser, accreditationId: string) {
  const row = await accreditationWithOrganisation(db, accreditationId);
  if (!row || providerRoleOf(user, row.a.organisationId) === null) return null;
  const status = effectiveStatus(row.a, today());
  const changes = (await changesOf(db, accreditationId)).map(({ c, requestedByName }) => ({ ...present(c), requestedByName }));
  return {
    accreditation: { id: row.a.id, certificateNumber: row.a.certificateNumber, organisationName: row.organisationName, status, validFrom: row.a.validFrom, validUntil: row.a.validUntil, scope: row.a.scope },
    courses: await accreditedCourses(db, row.a.applicationId),
    changes,
    canRequest: accreditationAdmits("change_scope", row.a, today()) && !changes.some((c) => c.status === "requested"),
  };
}

function present(c: typeof scopeChanges.$inferSelect) {
  return { id: c.id, kind: c.kind, status: c.status, entries: c.entries, reason: c.reason, requestedAt: c.requestedAt, decisionNote: c.decisionNote, decidedAt: c.decidedAt };
}

/** Every request for staff: those awaiting a decision first, then the newest. */
export async function scopeChangesForStaff(db: Database) {
  const rows = await casesWithAccreditation(db, scopeChanges, { c: scopeChanges }).orderBy(desc(scopeChanges.requestedAt)).limit(500);
  return rows
    .map((r) => ({ ...present(r.c), certificateNumber: r.certificateNumber, organisationName: r.organisationName }))
    .sort((a, b) => Number(b.status === "requested") - Number(a.status === "requested"));
}

async function loadChange(db: Database, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await casesWithAccreditation(db, scopeChanges, { c: scopeChanges, a: accreditations, requestedByName: users.name })
    .leftJoin(users, eq(users.id, scopeChanges.requestedBy))
    .where(eq(scopeChanges.id, id));
  return row ?? null;
}

/** One request as staff see it (the scope now, what would change, the history), or null (404). */
export async function scopeChangeForStaff(db: Database, user: SessionUser, id: string) {
  const row = await loadChange(db, id);
  if (!row || !isStaffFor(user, row.c.organisationId)) return null;
  const timeline = await entityHistory(db, "scope_change", id);
  const preview = applyScopeChange(row.a.scope, row.c.kind, row.c.entries);
  return {
    ...present(row.c),
    requestedByName: row.requestedByName,
    organisationName: row.organisationName,
    certificateNumber: row.a.certificateNumber,
    accreditationStatus: effectiveStatus(row.a, today()),
    scope: row.a.scope,
    appliesCleanly: preview.ok ? null : preview.message,
    // Only staff with no tie to the organisation see it at all, so the state table's staff actions are theirs.
    actions: scopeChangeActions(row.c.status, "staff"),
    timeline,
  };
}

// ---- requests ----------------------------------------------------------------------------------


async function request(db: Database, user: SessionUser, accreditationId: string, kind: ScopeChangeKind, build: (tx: Database, scope: ScopeCombination[], applicationId: string) => Promise<ScopeCombination[]>, reason: string): Promise<Outcome<{ id: string }>> {
  const row = await accreditationWithOrganisation(db, accreditationId);
  const role = row ? providerRoleOf(user, row.a.organisationId) : null;
  if (!row || role === null) return refused(404, "Accreditation not found.");
  const allowed = mayRequestScopeChange(role, effectiveStatus(row.a, today()));
  if (!allowed.ok) return refused(409, allowed.message);
  return attempt(() =>
    db.transaction(async (tx) => {
      const entries = await build(tx, row.a.scope, row.a.applicationId);
      // The partial unique index keeps one open request per accreditation: a second (or a concurrent twin) inserts nothing.
      const [created] = await tx
        .insert(scopeChanges)
        .values({ accreditationId, organisationId: row.a.organisationId, kind, entries, reason, requestedBy: user.id, requestedAt: now() })
        .onConflictDoNothing()
        .returning({ id: scopeChanges.id });
      if (!created) refuse(409, ALREADY_OPEN);
      await recordAudit(tx, { actorId: user.id, action: "scope_change.requested", entityType: "scope_change", entityId: created.id, data: { accreditationId, certificateNumber: row.a.certificateNumber, kind, entries: entries.length } });
      for (const s of await staffRecipients(tx)) {
        if (s.id === user.id) continue; // a staff member asking for their own organisation
        await enqueueEmail(tx, {
          template: "scope-change-requested",
          to: s.email,
          props: { name: s.name, organisationName: row.organisationName, certificateNumber: row.a.certificateNumber, kind, combinations: entries.length, reviewUrl: `${config().appUrl}/admin/scope-changes/${created.id}` },
          idempotencyKey: `scope-change-requested:${created.id}:${s.id}`,
        });
      }
      return { id: created.id };
    }),
  );
}

/** Ask to add a course's languages × delivery modes to the scope (only combinations not yet accredited). */
export function requestScopeExtension(db: Database, user: SessionUser, accreditationId: string, input: ExtendScopeInput) {
  return request(
    db,
    user,
    accreditationId,
    "extension",
    async (tx, scope, applicationId) => {
      const course = (await accreditedCourses(tx, applicationId)).find((c) => c.id === input.courseId);
      if (!course) refuse(400, "Choose one of the accredited courses.", { courseId: "Choose one of the accredited courses" });
      const added = extensionEntries({ courseId: course.id, courseTitle: course.title, level: course.level }, input.languages, input.modes, scope);
      if (added.length === 0) refuse(400, "Everything chosen is already accredited.", { languages: "These languages and delivery modes are already accredited for this course" });
      return added;
    },
    input.reason,
  );
}

/** Ask to drop combinations from the scope; at least one must stay. */
export function requestScopeReduction(db: Database, user: SessionUser, accreditationId: string, input: ReduceScopeInput) {
  return request(
    db,
    user,
    accreditationId,
    "reduction",
    async (_tx, scope) => {
      const wanted = new Set(input.remove);
      const removed = scope.filter((e) => wanted.has(combinationKey(e)));
      if (removed.length !== wanted.size) refuse(400, "Choose combinations from the accredited scope.", { remove: "Choose combinations from the accredited scope" });
      const check = applyScopeChange(scope, "reduction", removed);
      if (!check.ok) refuse(400, check.message, { remove: check.message });
      return removed;
    },
    input.reason,
  );
}

// ---- transitions -------------------------------------------------------------------------------

type Loaded = NonNullable<Awaited<ReturnType<typeof loadChange>>>;

export async function withdrawScopeChange(db: Database, user: SessionUser, id: string): Promise<Outcome> {
  const row = await loadChange(db, id);
  const role = row ? providerRoleOf(user, row.c.organisationId) : null;
  if (!row || role === null) return refused(404, "Scope change not found.");
  return transition(db, user, row, "withdraw", role, null, async () => undefined);
}

export async function decideScopeChange(db: Database, user: SessionUser, id: string, input: DecideScopeChangeInput): Promise<Outcome> {
  const row = await loadChange(db, id);
  // Staff never decide on a change of an organisation they belong to: for them it does not exist.
  if (!row || !isStaffFor(user, row.c.organisationId)) return refused(404, "Scope change not found.");
  return transition(db, user, row, input.outcome, "staff", input.note, async (tx, to) => {
    if (to === "approved")
      await changeAccreditationScope(tx, { actorId: user.id, accreditationId: row.a.id, kind: row.c.kind, entries: row.c.entries, audit: { scopeChangeId: row.c.id } });
    await enqueueEmailEach(tx, await organisationRecipients(tx, row.c.organisationId), {
      template: "scope-change-decided",
      props: {
        organisationName: row.organisationName,
        certificateNumber: row.a.certificateNumber,
        kind: row.c.kind,
        outcome: to === "approved" ? "approved" : "declined",
        note: input.note,
        scopeUrl: `${config().appUrl}/provider/accreditations/${row.a.id}/scope`,
      },
      idempotencyKey: `scope-change-decided:${row.c.id}`,
    });
  });
}

async function transition(
  db: Database,
  user: SessionUser,
  row: Loaded,
  action: ScopeChangeAction,
  role: ScopeChangeRole,
  note: string | null,
  effect: (tx: Database, to: "approved" | "declined" | "withdrawn" | "requested") => Promise<void>,
): Promise<Outcome> {
  const m = scopeChangeMove(row.c.status, action, role);
  if (!m.ok) return refused(409, m.message);
  const decided = action === "withdraw" ? {} : { decisionNote: note ?? "", decidedBy: user.id, decidedAt: now() };
  return attempt(async () =>
    db.transaction(async (tx) => {
      await setIfStatusUnchanged(tx, scopeChanges, row.c, { status: m.to, ...decided });
      await recordAudit(tx, {
        actorId: user.id,
        action: `scope_change.${m.to}`,
        entityType: "scope_change",
        entityId: row.c.id,
        data: { from: row.c.status, to: m.to, kind: row.c.kind, accreditationId: row.a.id, certificateNumber: row.a.certificateNumber, ...(note ? { note } : {}) },
      });
      await effect(tx, m.to);
    }),
  ).then((r) => (r.ok ? ok() : r));
}
