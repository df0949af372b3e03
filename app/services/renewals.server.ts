/**
 * Renewal of an accreditation: a new draft application prefilled from what is accredited today (its current
 * scope, so courses added and languages or delivery modes extended since the grant are carried over).
 */
import { and, asc, eq, notInArray } from "drizzle-orm";
import { applications, competencies, documents, frameworks, rubrics, trainers } from "../../db/schema";
import { ACCREDITATION_RULES, canStartRenewal, effectiveStatus, isoDate, RENEWAL_WINDOW_DAYS } from "~/domain/accreditation";
import type { ScopeCombination } from "~/domain/scope-changes";
import type { SessionUser } from "~/domain/policy";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { addDays, now, today } from "./clock.server";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import { copyScopeCourses } from "./course-copy.server";
import { lockAccreditationForMember } from "./accreditation-lists.server";

// ---- renewal -------------------------------------------------------------------------------------

/**
 * Start the renewal of an accreditation: a new draft application (kind `renewal`) prefilled by copying
 * the accredited application's trainers and documents, and the courses of the accreditation's current
 * scope (whichever application they came from) with their modules and mappings. Open from 90 days
 * before expiry, to the organisation's owners. Starting twice returns the renewal already under way.
 * Declarations are not copied: the owner signs them again for the renewal.
 */
export async function startRenewal(db: Database, user: SessionUser, accreditationId: string): Promise<Outcome<{ applicationId: string; created: boolean }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const { acc, role } = await lockAccreditationForMember(tx, user, accreditationId, "No such accreditation.");
      if (!ACCREDITATION_RULES.renew.roles.includes(role)) refuse(409, "Only an owner of the organisation can start a renewal.");
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
      const copied = await copyApplicationContent(tx, source.id, acc.scope, created.id, target.competencyIdFor);
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

async function copyApplicationContent(tx: Database, fromId: string, scope: ScopeCombination[], toId: string, competencyIdFor: (id: string) => string | null) {
  const oldTrainers = await tx.select().from(trainers).where(eq(trainers.applicationId, fromId)).orderBy(asc(trainers.position));
  if (oldTrainers.length) {
    await tx.insert(trainers).values(oldTrainers.map(({ id: _id, applicationId: _a, version: _v, ...t }) => ({ ...t, applicationId: toId })));
  }
  const copied = await copyScopeCourses(tx, scope, toId, { competencyIdFor });
  const oldDocuments = await tx.select().from(documents).where(eq(documents.applicationId, fromId));
  if (oldDocuments.length) {
    await tx.insert(documents).values(oldDocuments.map(({ id: _id, applicationId: _a, ...d }) => ({ ...d, applicationId: toId })));
  }
  return { trainers: oldTrainers.length, ...copied, documents: oldDocuments.length };
}
