/**
 * Delta reviews (decision 045, ISO/IEC 17011 7.9 and 7.10): staff answer a material-change report by opening a
 * short application of kind `delta` holding copies of the accredited course(s) the change touches. The provider
 * revises and submits them; reviewers score those courses only and the board decides, as for an extension
 * (decision 039). "Accredited" replaces those courses' part of the scope (extensions.server.ts
 * `reviseAccreditation`); a rejection leaves the scope as it is.
 */
import { eq } from "drizzle-orm";
import { accreditations, materialChanges } from "../../db/schema";
import type { OpenDeltaReviewInput } from "~/domain/material-changes";
import { effectiveStatus, isoDate } from "~/domain/accreditation";
import { CORRECT_FIELDS, refuse, refused, type Outcome } from "~/domain/outcome";
import { isStaffFor, type SessionUser } from "~/domain/policy";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { enqueueEmailEach } from "./emails.server";
import { copyScopeCourses } from "./course-copy.server";
import { insertScopeApplication } from "./extensions.server";
import { organisationRecipients } from "./recipients.server";
import { loadChange, transition, type Loaded } from "./material-changes.server";

/**
 * Staff open a delta review on a reported change, naming the accredited courses it touches. One transaction:
 * the report's compare-and-set (`reported → delta_review_opened`), the application with its course copies,
 * one audit event on each, one email to each owner. Refused whole when an extension or another delta review
 * of the accreditation is open, or the accreditation is no longer active.
 */
export async function openDeltaReview(db: Database, user: SessionUser, changeId: string, input: OpenDeltaReviewInput): Promise<Outcome<{ applicationId: string }>> {
  const row = await loadChange(db, changeId);
  if (!row || !isStaffFor(user, row.c.organisationId)) return refused(404, "Change not found.");
  const accredited = new Set(row.scope.map((e) => e.courseId));
  const courseIds = [...new Set(input.courseIds)];
  if (courseIds.some((id) => !accredited.has(id))) return refused(400, CORRECT_FIELDS, { courseIds: "Choose among the courses accredited under this certificate" });
  const at = now();
  return transition(db, user, row, "open_delta_review", "staff", { reviewNote: input.note, reviewedBy: user.id, reviewedAt: at }, async (tx) => {
    const applicationId = await createDeltaApplication(tx, user, row, courseIds);
    await tx.update(materialChanges).set({ deltaApplicationId: applicationId }).where(eq(materialChanges.id, row.c.id));
    const base = config().appUrl;
    await enqueueEmailEach(tx, await organisationRecipients(tx, row.c.organisationId, "owners"), {
      template: "material-change-reviewed",
      props: {
        organisationName: row.organisationName,
        certificateNumber: row.certificateNumber,
        outcome: "delta_review_opened",
        note: input.note,
        changesUrl: `${base}/provider/accreditations/${row.c.accreditationId}/changes`,
        applicationUrl: `${base}/provider/applications/${applicationId}`,
      },
      // A report opens at most one delta review (the compare-and-set leaves `reported` once).
      idempotencyKey: `material-change-delta:${row.c.id}`,
    });
    return { applicationId };
  });
}

async function createDeltaApplication(tx: Database, user: SessionUser, row: Loaded, courseIds: string[]) {
  // Lock the accreditation and read its scope as it stands now (it may have changed since the page was read).
  const [acc] = await tx.select().from(accreditations).where(eq(accreditations.id, row.c.accreditationId)).for("update");
  const status = effectiveStatus(acc, isoDate(now()));
  if (status !== "active") refuse(409, `Certificate ${acc.certificateNumber} is ${status}: only an active accreditation's courses can be reviewed again.`);
  const chosen = new Set(courseIds);
  const revising = acc.scope.filter((e) => chosen.has(e.courseId));
  if (revising.length === 0) refuse(409, "None of the chosen courses is in the accredited scope any more. Reload the page.");
  // Undefined when an extension or delta review of this accreditation is open (the partial unique index).
  const created = await insertScopeApplication(tx, acc, "delta", user.id);
  if (!created) refuse(409, `An extension or delta review of certificate ${acc.certificateNumber} is already open; it must be decided or withdrawn first.`);
  const copied = await copyScopeCourses(tx, revising, created.id, { revises: true });
  await recordAudit(tx, {
    actorId: user.id,
    action: "application.delta_review_opened",
    entityType: "application",
    entityId: created.id,
    data: { organisationId: acc.organisationId, kind: "delta", extends: acc.id, certificateNumber: acc.certificateNumber, materialChangeId: row.c.id, revisedCourseIds: [...chosen], ...copied },
  });
  return created.id;
}
