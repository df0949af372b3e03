/**
 * Extensions of scope with a new course (decision 039, ISO/IEC 17011 7.10): an application of kind
 * `extension`, linked to the accreditation it would extend, holding only the new course(s). It runs the
 * application pipeline as it is (editor, submission, reviewer assignment and auto-assignment, conflicts,
 * reviews, the board's vote and the recorded decision), so reviewers score the new parts only. When the
 * decision is "accredited", the accreditation's scope gains the course(s) through the one scope-changing
 * step (scope-apply.server.ts): same expiry, new credential, old one revoked, public log, directory.
 */
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { accreditations, applications, courses, frameworks, materialChanges, organisations, rubrics } from "../../db/schema";
import { effectiveStatus, isoDate, scopeFromCourses } from "~/domain/accreditation";
import { mayRequestScopeChange, type ExtensionContext } from "~/domain/scope-changes";
import type { SessionUser } from "~/domain/policy";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { changeAccreditationScope } from "./scope-apply.server";
import { lockAccreditationForMember } from "./accreditation-lists.server";

/** The statuses in which an extension or delta review is still open (the partial unique index allows one per accreditation). */
export const OPEN = ["draft", "submitted", "under_review", "changes_requested", "awaiting_decision"] as const;

/**
 * Open (or return the open) extension of an accreditation: a draft application of kind `extension`,
 * written against the framework of the accredited application so the new course is mapped like the rest
 * of the scope, and scored with the rubric published today. Members of the organisation, active
 * accreditations only. A delta review open on the accreditation (decision 045) holds the one open place.
 */
export function startExtension(db: Database, user: SessionUser, accreditationId: string): Promise<Outcome<{ applicationId: string; created: boolean }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      // Locked so two clicks cannot open two extensions (the unique index is the last line).
      const { acc, role } = await lockAccreditationForMember(tx, user, accreditationId, "Accreditation not found.");
      const allowed = mayRequestScopeChange(role, effectiveStatus(acc, isoDate(now())));
      if (!allowed.ok) refuse(409, allowed.message);
      const [existing] = await tx
        .select({ id: applications.id, kind: applications.kind })
        .from(applications)
        .where(and(eq(applications.extendsAccreditationId, acc.id), inArray(applications.status, [...OPEN])));
      if (existing?.kind === "delta") refuse(409, `A delta review of certificate ${acc.certificateNumber} is under way; add a new course once it is decided.`);
      if (existing) return { applicationId: existing.id, created: false };
      const created = await insertScopeApplication(tx, acc, "extension", user.id);
      if (!created) refuse(409, "An extension of this accreditation is already open. Reload to find it on your dashboard.");
      await recordAudit(tx, {
        actorId: user.id,
        action: "application.created",
        entityType: "application",
        entityId: created.id,
        data: { organisationId: acc.organisationId, kind: "extension", extends: acc.id, certificateNumber: acc.certificateNumber },
      });
      return { applicationId: created.id, created: true };
    }),
  );
}

/**
 * The draft of an extension or a delta review of `acc`: written against the framework of the accredited
 * application, so its courses are mapped like the rest of the scope, and scored with the rubric published
 * today. Undefined when the partial unique index finds one already open (one per accreditation).
 */
export async function insertScopeApplication(tx: Database, acc: typeof accreditations.$inferSelect, kind: "extension" | "delta", createdBy: string) {
  const [[source], [rubric]] = await Promise.all([
    tx.select({ frameworkId: applications.frameworkId, rubricId: applications.rubricId }).from(applications).where(eq(applications.id, acc.applicationId)),
    tx.select({ id: rubrics.id }).from(rubrics).where(eq(rubrics.status, "published")),
  ]);
  const at = now();
  const [created] = await tx
    .insert(applications)
    .values({
      organisationId: acc.organisationId,
      kind,
      status: "draft",
      frameworkId: source.frameworkId,
      rubricId: rubric?.id ?? source.rubricId,
      extendsAccreditationId: acc.id,
      createdBy,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: applications.id });
  return created;
}

/**
 * The board decided "accredited" on an extension: inside the decision's transaction, after its
 * compare-and-set, the extended accreditation gains the application's courses in each language × mode.
 */
export async function extendAccreditation(tx: Database, input: { application: { id: string; extendsAccreditationId: string | null }; decisionId: string; actorId: string }) {
  if (!input.application.extendsAccreditationId) throw new Error(`Extension ${input.application.id} names no accreditation`);
  const added = await tx
    .select({ id: courses.id, title: courses.title, level: courses.level, languages: courses.languages, deliveryModes: courses.deliveryModes })
    .from(courses)
    .where(eq(courses.applicationId, input.application.id))
    .orderBy(asc(courses.position), asc(courses.title));
  return changeAccreditationScope(tx, {
    actorId: input.actorId,
    accreditationId: input.application.extendsAccreditationId,
    kind: "extension",
    entries: scopeFromCourses(added),
    audit: { extensionApplicationId: input.application.id, decisionId: input.decisionId },
  });
}

/**
 * The board decided "accredited" on a delta review (decision 045): inside the decision's transaction, every
 * combination of each revised course is replaced by its revision's (a course added in the review joins too).
 */
export async function reviseAccreditation(tx: Database, input: { application: { id: string; extendsAccreditationId: string | null }; decisionId: string; actorId: string }) {
  if (!input.application.extendsAccreditationId) throw new Error(`Delta review ${input.application.id} names no accreditation`);
  const revisions = await tx
    .select({ id: courses.id, title: courses.title, level: courses.level, languages: courses.languages, deliveryModes: courses.deliveryModes, revisesCourseId: courses.revisesCourseId })
    .from(courses)
    .where(eq(courses.applicationId, input.application.id))
    .orderBy(asc(courses.position), asc(courses.title));
  const revisedCourseIds = revisions.flatMap((c) => (c.revisesCourseId ? [c.revisesCourseId] : []));
  return changeAccreditationScope(tx, {
    actorId: input.actorId,
    accreditationId: input.application.extendsAccreditationId,
    kind: "replacement",
    revisedCourseIds,
    entries: scopeFromCourses(revisions),
    audit: { deltaApplicationId: input.application.id, decisionId: input.decisionId, revisedCourseIds },
  });
}

/**
 * What an extension or a delta review changes: the certificate and the scope already accredited (not under
 * review). A delta review also names its report and the combinations its revised courses would replace,
 * which are under review rather than "already accredited". Null for other kinds.
 */
export async function extensionContext(db: Database, application: { id: string; kind: string; extendsAccreditationId: string | null }): Promise<ExtensionContext | null> {
  if ((application.kind !== "extension" && application.kind !== "delta") || !application.extendsAccreditationId) return null;
  const [row] = await db
    .select({ a: accreditations, organisationName: organisations.displayName, frameworkTitle: frameworks.title, frameworkVersion: frameworks.version })
    .from(accreditations)
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .innerJoin(applications, eq(applications.id, accreditations.applicationId))
    .leftJoin(frameworks, eq(frameworks.id, applications.frameworkId))
    .where(eq(accreditations.id, application.extendsAccreditationId));
  if (!row) return null;
  const base = {
    accreditationId: row.a.id,
    certificateNumber: row.a.certificateNumber,
    organisationName: row.organisationName,
    frameworkTitle: row.frameworkTitle ? `${row.frameworkTitle} (version ${row.frameworkVersion})` : null,
  };
  if (application.kind === "extension") return { ...base, accredited: row.a.scope, delta: null };
  const [[report], revised] = await Promise.all([
    db.select({ kind: materialChanges.kind, description: materialChanges.description }).from(materialChanges).where(eq(materialChanges.deltaApplicationId, application.id)),
    db.select({ id: courses.revisesCourseId }).from(courses).where(and(eq(courses.applicationId, application.id), isNotNull(courses.revisesCourseId))),
  ]);
  const revising = new Set(revised.map((c) => c.id));
  return {
    ...base,
    accredited: row.a.scope.filter((e) => !revising.has(e.courseId)),
    delta: { changeKind: report?.kind ?? "other", description: report?.description ?? "", revising: row.a.scope.filter((e) => revising.has(e.courseId)) },
  };
}
