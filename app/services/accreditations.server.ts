/**
 * Accreditations: issuing one (with its certificate number) when the board's decision is recorded, the
 * staff lifecycle (suspend, reinstate, revoke), the renewal that copies an accredited application, and
 * the provider's and staff's lists. Every change refreshes the public directory in the same transaction,
 * so the directory and the verify page tell the truth the moment it commits.
 */
import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { accreditations, applications, competencies, courseModules, courses, documents, frameworks, moduleMappings, organisationMembers, organisations, rubrics, trainers, users } from "../../db/schema";
import { queryRows } from "../../db/client.server";
import { refreshDirectoryEntry } from "../../db/directory";
import { canStartRenewal, effectiveStatus, formatCertificateNumber, isoDate, RENEWAL_WINDOW_DAYS, scopeFromCourses, validityFrom, type EffectiveAccreditationStatus } from "~/domain/accreditation";
import { membershipOf, type SessionUser } from "~/domain/policy";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { addDays, now, today } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import { isUuid } from "~/domain/forms";
import { credentialsFollowLifecycle, issueCredential, revokeCredentials } from "./credentials.server";
export type AccreditationRow = typeof accreditations.$inferSelect;

/** Everyone who belongs to the organisation: lifecycle and decision emails go to each of them. */
export async function organisationRecipients(tx: Database, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(and(eq(organisationMembers.organisationId, organisationId), isNull(users.disabledAt)))
    .orderBy(asc(users.email));
}

/**
 * Next certificate number of the year. One upsert that increments the year's row: concurrent
 * transactions queue on that row, so no two ever get the same number (no read-then-write gap).
 */
export async function nextCertificateNumber(tx: Database, year: number): Promise<string> {
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`INSERT INTO certificate_sequences (year, last) VALUES (${year}, 1)
        ON CONFLICT (year) DO UPDATE SET last = certificate_sequences.last + 1
        RETURNING last`,
  );
  return formatCertificateNumber(year, Number(row.last));
}

/**
 * Issue the accreditation of an application the board accredited. Called by the decision service inside
 * its transaction, after its compare-and-set, so it runs at most once per application. A renewal's
 * approval supersedes the accreditation it renews (kept, never deleted).
 */
export async function issueAccreditation(
  tx: Database,
  input: { application: { id: string; organisationId: string; renewsAccreditationId: string | null; frameworkId: string }; decisionId: string; conditions: string; actorId: string },
): Promise<AccreditationRow> {
  const at = now();
  const day = isoDate(at);
  const certificateNumber = await nextCertificateNumber(tx, at.getUTCFullYear());
  const accreditedCourses = await tx
    .select({ id: courses.id, title: courses.title, level: courses.level, languages: courses.languages, deliveryModes: courses.deliveryModes })
    .from(courses)
    .where(eq(courses.applicationId, input.application.id))
    .orderBy(asc(courses.position), asc(courses.title));
  const validity = validityFrom(day, config().ACCREDITATION_YEARS);
  const [created] = await tx
    .insert(accreditations)
    .values({
      certificateNumber,
      organisationId: input.application.organisationId,
      applicationId: input.application.id,
      decisionId: input.decisionId,
      scope: scopeFromCourses(accreditedCourses),
      conditions: input.conditions,
      status: "active",
      validFrom: validity.validFrom,
      validUntil: validity.validUntil,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "accreditation.issued",
    entityType: "accreditation",
    entityId: created.id,
    data: { certificateNumber, applicationId: input.application.id, validFrom: created.validFrom, validUntil: created.validUntil, scope: created.scope.length },
  });
  if (input.application.renewsAccreditationId) {
    // A revoked certificate stays revoked: revocation is terminal even when a renewal is approved.
    const superseded = await tx
      .update(accreditations)
      .set({ status: "superseded", supersededById: created.id, updatedAt: at })
      .where(and(eq(accreditations.id, input.application.renewsAccreditationId), inArray(accreditations.status, ["active", "suspended"])))
      .returning({ id: accreditations.id, certificateNumber: accreditations.certificateNumber });
    for (const old of superseded) {
      await revokeCredentials(tx, old.id, "superseded");
      await recordAudit(tx, {
        actorId: input.actorId,
        action: "accreditation.superseded",
        entityType: "accreditation",
        entityId: old.id,
        data: { certificateNumber: old.certificateNumber, supersededBy: certificateNumber },
      });
    }
  }
  // The signed credential is part of the decision: same transaction, so never one without the other.
  await issueCredential(tx, created.id, input.application.renewsAccreditationId ? "renewed" : "granted", { frameworkId: input.application.frameworkId });
  await refreshDirectoryEntry(tx, input.application.organisationId, day);
  return created;
}

// ---- lifecycle -----------------------------------------------------------------------------------

type LifecycleAction = "suspend" | "reinstate" | "revoke";

/** Which stored statuses each action may start from (compare-and-set), and where it goes. */
const LIFECYCLE: Record<LifecycleAction, { from: ("active" | "suspended")[]; to: "active" | "suspended" | "revoked"; needsReason: boolean }> = {
  suspend: { from: ["active"], to: "suspended", needsReason: true },
  reinstate: { from: ["suspended"], to: "active", needsReason: false },
  revoke: { from: ["active", "suspended"], to: "revoked", needsReason: true },
};

const LIFECYCLE_REFUSALS: Record<LifecycleAction, string> = {
  suspend: "Only an active accreditation can be suspended.",
  reinstate: "Only a suspended accreditation can be reinstated.",
  revoke: "Only an active or suspended accreditation can be revoked.",
};

/** The lifecycle actions staff may take on an accreditation in this effective status (for the buttons). */
export function lifecycleActions(status: EffectiveAccreditationStatus): LifecycleAction[] {
  if (status === "active") return ["suspend", "revoke"];
  if (status === "suspended") return ["reinstate", "revoke"];
  return [];
}

/**
 * Suspend, reinstate or revoke, with compare-and-set on the stored status. An expired certificate is
 * past all of these (it reads as expired whatever staff do), so they are refused for it too. A revocation
 * is final except on appeal: an appeal panel that overturns it (`appealId`) reinstates it too.
 */
export async function changeAccreditationStatus(
  db: Database,
  actor: SessionUser,
  accreditationId: string,
  action: LifecycleAction,
  reason: string,
  options: { appealId?: string } = {},
): Promise<Outcome<AccreditationRow>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const rule = LIFECYCLE[action];
      if (rule.needsReason && reason.trim() === "") refuse(400, "Give the reason", { reason: "Give the reason; the provider is told it" });
      if (!isUuid(accreditationId)) refuse(404, "No such accreditation.");
      const [current] = await tx.select().from(accreditations).where(eq(accreditations.id, accreditationId));
      if (!current) refuse(404, "No such accreditation.");
      const day = today();
      const shown = effectiveStatus(current, day);
      if (shown === "expired") refuse(409, `Certificate ${current.certificateNumber} has expired; it can no longer be ${action === "reinstate" ? "reinstated" : action === "suspend" ? "suspended" : "revoked"}.`);
      const from: string[] = action === "reinstate" && options.appealId ? ["suspended", "revoked"] : rule.from;
      if (!from.includes(current.status)) refuse(409, LIFECYCLE_REFUSALS[action]);
      const at = now();
      const [updated] = await tx
        .update(accreditations)
        .set({ status: rule.to, statusReason: rule.needsReason ? reason.trim() : null, updatedAt: at })
        .where(and(eq(accreditations.id, accreditationId), eq(accreditations.status, current.status)))
        .returning();
      if (!updated) refuse(409, "Someone else changed this accreditation at the same time. Reload to see its current status.");
      await recordAudit(tx, {
        actorId: actor.id,
        action: `accreditation.${action === "suspend" ? "suspended" : action === "reinstate" ? "reinstated" : "revoked"}`,
        entityType: "accreditation",
        entityId: updated.id,
        data: { certificateNumber: updated.certificateNumber, from: current.status, to: updated.status, reason: updated.statusReason, ...(options.appealId ? { appealId: options.appealId } : {}) },
      });
      await credentialsFollowLifecycle(tx, updated, action);
      await refreshDirectoryEntry(tx, updated.organisationId, day);
      const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, updated.organisationId));
      const verifyUrl = `${config().appUrl}/verify/${updated.certificateNumber}`;
      for (const r of await organisationRecipients(tx, updated.organisationId)) {
        const base = { name: r.name, organisationName: org.name, certificateNumber: updated.certificateNumber };
        if (action === "suspend") await enqueueEmail(tx, { template: "accreditation-suspended", to: r.email, props: { ...base, reason: updated.statusReason ?? "", verifyUrl } });
        else if (action === "reinstate") await enqueueEmail(tx, { template: "accreditation-reinstated", to: r.email, props: { ...base, verifyUrl } });
        else await enqueueEmail(tx, { template: "accreditation-revoked", to: r.email, props: { ...base, reason: updated.statusReason ?? "" } });
      }
      return updated;
    }),
  );
}



// ---- renewal -------------------------------------------------------------------------------------

/**
 * Start the renewal of an accreditation: a new draft application (kind `renewal`) prefilled by copying
 * the accredited application's trainers, courses, modules, mappings and documents. Open from 90 days
 * before expiry, to the organisation's owners. Starting twice returns the renewal already under way.
 * Declarations are not copied: the owner signs them again for the renewal.
 */
export async function startRenewal(db: Database, user: SessionUser, accreditationId: string): Promise<Outcome<{ applicationId: string; created: boolean }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      if (!isUuid(accreditationId)) refuse(404, "No such accreditation.");
      // Lock the accreditation so two clicks cannot open two renewals.
      const [acc] = await tx.select().from(accreditations).where(eq(accreditations.id, accreditationId)).for("update");
      if (!acc || membershipOf(user, acc.organisationId) === null) refuse(404, "No such accreditation.");
      if (membershipOf(user, acc.organisationId) !== "owner") refuse(409, "Only an owner of the organisation can start a renewal.");
      const [existing] = await tx
        .select({ id: applications.id })
        .from(applications)
        .where(and(eq(applications.renewsAccreditationId, acc.id), notInArray(applications.status, ["withdrawn", "rejected"])));
      if (existing) return { applicationId: existing.id, created: false };
      const day = today();
      if (!canStartRenewal(acc, day)) {
        const status = effectiveStatus(acc, day);
        if (status !== "active") refuse(409, `Certificate ${acc.certificateNumber} is ${status}; only an active accreditation can be renewed.`);
        const opensOn = isoDate(addDays(new Date(`${acc.validUntil}T00:00:00Z`), -RENEWAL_WINDOW_DAYS));
        refuse(409, `Renewal opens ${RENEWAL_WINDOW_DAYS} days before expiry, on ${opensOn}. Certificate ${acc.certificateNumber} is valid until ${acc.validUntil}.`);
      }
      const [source] = await tx.select().from(applications).where(eq(applications.id, acc.applicationId));
      const target = await renewalTargets(tx, source);
      const at = now();
      const [created] = await tx
        .insert(applications)
        .values({
          organisationId: acc.organisationId,
          kind: "renewal",
          status: "draft",
          frameworkId: target.frameworkId,
          rubricId: target.rubricId,
          renewsAccreditationId: acc.id,
          createdBy: user.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: applications.id });
      const copied = await copyApplicationContent(tx, source.id, created.id, target.competencyIdFor);
      await recordAudit(tx, {
        actorId: user.id,
        action: "application.renewal_started",
        entityType: "application",
        entityId: created.id,
        data: { renews: acc.id, certificateNumber: acc.certificateNumber, copiedFrom: source.id, ...copied },
      });
      return { applicationId: created.id, created: true };
    }),
  );
}

/**
 * The renewal is written against the framework and rubric published today. Mappings follow their
 * competency by code into a newer framework; a competency the new version dropped loses its mapping.
 */
async function renewalTargets(tx: Database, source: typeof applications.$inferSelect) {
  const [published] = await tx.select({ id: frameworks.id }).from(frameworks).where(eq(frameworks.status, "published"));
  const [rubric] = await tx.select({ id: rubrics.id }).from(rubrics).where(eq(rubrics.status, "published"));
  const frameworkId = published?.id ?? source.frameworkId;
  const rubricId = rubric?.id ?? source.rubricId;
  if (frameworkId === source.frameworkId) return { frameworkId, rubricId, competencyIdFor: (id: string): string | null => id };
  const [oldItems, newItems] = await Promise.all([
    tx.select({ id: competencies.id, code: competencies.code }).from(competencies).where(eq(competencies.frameworkId, source.frameworkId)),
    tx.select({ id: competencies.id, code: competencies.code }).from(competencies).where(eq(competencies.frameworkId, frameworkId)),
  ]);
  const newByCode = new Map(newItems.map((c) => [c.code, c.id]));
  const oldToNew = new Map(oldItems.map((c) => [c.id, newByCode.get(c.code) ?? null]));
  return { frameworkId, rubricId, competencyIdFor: (id: string) => oldToNew.get(id) ?? null };
}

async function copyApplicationContent(tx: Database, fromId: string, toId: string, competencyIdFor: (id: string) => string | null) {
  const oldTrainers = await tx.select().from(trainers).where(eq(trainers.applicationId, fromId)).orderBy(asc(trainers.position));
  if (oldTrainers.length) {
    await tx.insert(trainers).values(oldTrainers.map(({ id: _id, applicationId: _a, version: _v, ...t }) => ({ ...t, applicationId: toId })));
  }
  const oldCourses = await tx.select().from(courses).where(eq(courses.applicationId, fromId)).orderBy(asc(courses.position));
  let moduleCount = 0;
  let mappingCount = 0;
  let droppedMappings = 0;
  for (const { id: oldCourseId, applicationId: _a, version: _v, ...course } of oldCourses) {
    const [newCourse] = await tx.insert(courses).values({ ...course, applicationId: toId }).returning({ id: courses.id });
    const oldModules = await tx.select().from(courseModules).where(eq(courseModules.courseId, oldCourseId)).orderBy(asc(courseModules.position));
    for (const { id: oldModuleId, courseId: _c, version: _mv, ...module } of oldModules) {
      const [newModule] = await tx.insert(courseModules).values({ ...module, courseId: newCourse.id }).returning({ id: courseModules.id });
      moduleCount += 1;
      const oldMappings = await tx.select().from(moduleMappings).where(eq(moduleMappings.moduleId, oldModuleId));
      const kept = oldMappings.flatMap((m) => {
        const competencyId = competencyIdFor(m.competencyId);
        if (!competencyId) {
          droppedMappings += 1;
          return [];
        }
        return [{ moduleId: newModule.id, competencyId, depth: m.depth, fromSuggestion: m.fromSuggestion }];
      });
      if (kept.length) await tx.insert(moduleMappings).values(kept).onConflictDoNothing();
      mappingCount += kept.length;
    }
  }
  const oldDocuments = await tx.select().from(documents).where(eq(documents.applicationId, fromId));
  if (oldDocuments.length) {
    await tx.insert(documents).values(oldDocuments.map(({ id: _id, applicationId: _a, ...d }) => ({ ...d, applicationId: toId })));
  }
  return { trainers: oldTrainers.length, courses: oldCourses.length, modules: moduleCount, mappings: mappingCount, droppedMappings, documents: oldDocuments.length };
}

/** For the verify page and API: the accreditation behind a certificate number, as it reads today. */
export async function accreditationByCertificate(db: Database, certificateNumber: string) {
  const [row] = await db
    .select({ a: accreditations, organisationName: organisations.displayName, organisationSlug: organisations.slug })
    .from(accreditations)
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .where(eq(accreditations.certificateNumber, certificateNumber.trim().toUpperCase()));
  if (!row) return null;
  return { ...row.a, organisationName: row.organisationName, organisationSlug: row.organisationSlug, effectiveStatus: effectiveStatus(row.a, today()) };
}

export type { LifecycleAction };
