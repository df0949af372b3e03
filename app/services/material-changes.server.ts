/**
 * Material-change reports (decision 033): members report, staff acknowledge, ask a follow-up (the member
 * answers) or propose suspension. Each step: the table (domain/material-changes.ts), compare-and-set, audit
 * and emails in one transaction. A report's id comes from the form, so a repeated submission is one report.
 */
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { accreditations, applications, materialChanges, users } from "../../db/schema";
import {
  deltaReviewClosed,
  materialChangeMove,
  mayReportMaterialChange,
  type MaterialChangeAction,
  type MaterialChangeRole,
  type ReportMaterialChangeInput,
  type ReviewMaterialChangeInput,
  materialChangeActions,
} from "~/domain/material-changes";
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
import { casesWithAccreditation } from "./accreditation-lists.server";

function present(c: typeof materialChanges.$inferSelect) {
  return { id: c.id, kind: c.kind, status: c.status, description: c.description, effectiveOn: c.effectiveOn, response: c.response, reportedAt: c.reportedAt, reviewNote: c.reviewNote, reviewedAt: c.reviewedAt, deltaApplicationId: c.deltaApplicationId };
}

/** The changes page of an accreditation for a member of its organisation, or null (404) for anyone else. */
export async function materialChangesForMember(db: Database, user: SessionUser, accreditationId: string) {
  const row = await accreditationWithOrganisation(db, accreditationId);
  if (!row || providerRoleOf(user, row.a.organisationId) === null) return null;
  const status = effectiveStatus(row.a, today());
  const changes = await db.select().from(materialChanges).where(eq(materialChanges.accreditationId, accreditationId)).orderBy(desc(materialChanges.reportedAt));
  return {
    accreditation: { id: row.a.id, certificateNumber: row.a.certificateNumber, organisationName: row.organisationName, status },
    changes: changes.map(present),
    canReport: accreditationAdmits("report_change", row.a, today()),
  };
}

/** Every report for staff: awaiting review first, then the newest. */
export async function materialChangesForStaff(db: Database) {
  const rows = await casesWithAccreditation(db, materialChanges, { c: materialChanges }).orderBy(desc(materialChanges.reportedAt)).limit(500);
  return rows
    .map((r) => ({ ...present(r.c), certificateNumber: r.certificateNumber, organisationName: r.organisationName }))
    .sort((a, b) => Number(b.status === "reported") - Number(a.status === "reported"));
}

/** A report with its accreditation's number and scope, and the status of the delta review opened on it, if any. */
export async function loadChange(db: Database, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await casesWithAccreditation(db, materialChanges, { c: materialChanges, scope: accreditations.scope, reportedByName: users.name, deltaStatus: applications.status })
    .leftJoin(users, eq(users.id, materialChanges.reportedBy))
    .leftJoin(applications, eq(applications.id, materialChanges.deltaApplicationId))
    .where(eq(materialChanges.id, id));
  return row ?? null;
}

export async function materialChangeForStaff(db: Database, user: SessionUser, id: string) {
  const row = await loadChange(db, id);
  if (!row || !isStaffFor(user, row.c.organisationId)) return null;
  const timeline = await entityHistory(db, "material_change", id);
  // The accredited courses a delta review may revise, once each, in scope order.
  const scopeCourses = [...new Map(row.scope.map((e) => [e.courseId, { id: e.courseId, title: e.courseTitle }])).values()];
  return {
    ...present(row.c),
    certificateNumber: row.certificateNumber,
    organisationName: row.organisationName,
    reportedByName: row.reportedByName,
    // The state table's staff actions (only staff with no tie to the organisation see it at all); after a delta
    // review, proposing suspension waits until that review has ended without replacing the scope.
    actions: materialChangeActions(row.c.status, "staff").filter((a) => !(a === "propose_suspension" && row.c.status === "delta_review_opened" && !deltaReviewClosed(row.deltaStatus))),
    scopeCourses,
    delta: row.c.deltaApplicationId && row.deltaStatus ? { id: row.c.deltaApplicationId, status: row.deltaStatus } : null,
    timeline,
  };
}

async function tellStaff(tx: Database, user: SessionUser, row: { id: string; organisationName: string; certificateNumber: string; kind: string }, key: string) {
  const staff = await staffRecipients(tx);
  for (const s of staff) {
    if (s.id === user.id) continue; // a staff member reporting for their own organisation
    await enqueueEmail(tx, {
      template: "material-change-reported",
      to: s.email,
      props: { name: s.name, organisationName: row.organisationName, certificateNumber: row.certificateNumber, kind: row.kind, reviewUrl: `${config().appUrl}/admin/material-changes/${row.id}` },
      idempotencyKey: `material-change-reported:${row.id}:${key}:${s.id}`,
    });
  }
}

export async function reportMaterialChange(db: Database, user: SessionUser, accreditationId: string, input: ReportMaterialChangeInput): Promise<Outcome<{ id: string }>> {
  const page = await materialChangesForMember(db, user, accreditationId);
  if (!page) return refused(404, "Accreditation not found.");
  const [a] = await db.select().from(accreditations).where(eq(accreditations.id, accreditationId));
  const role = providerRoleOf(user, a.organisationId);
  const allowed = role ? mayReportMaterialChange(role, page.accreditation.status) : { ok: false as const, message: "Not found" };
  if (!allowed.ok) return refused(409, allowed.message);
  return attempt(() =>
    db.transaction(async (tx) => {
      const [created] = await tx
        .insert(materialChanges)
        .values({ id: input.submissionId, accreditationId, organisationId: a.organisationId, kind: input.kind, description: input.description, effectiveOn: input.effectiveOn, reportedBy: user.id, reportedAt: now() })
        .onConflictDoNothing()
        .returning({ id: materialChanges.id });
      // The same submission again: already reported, nothing more to do.
      if (!created) {
        const [existing] = await tx.select({ accreditationId: materialChanges.accreditationId }).from(materialChanges).where(eq(materialChanges.id, input.submissionId));
        if (existing?.accreditationId !== accreditationId) refuse(409, "This form was already used. Reload the page to report another change.");
        return { id: input.submissionId };
      }
      await recordAudit(tx, { actorId: user.id, action: "material_change.reported", entityType: "material_change", entityId: created.id, data: { accreditationId, certificateNumber: a.certificateNumber, kind: input.kind, effectiveOn: input.effectiveOn } });
      await tellStaff(tx, user, { id: created.id, organisationName: page.accreditation.organisationName, certificateNumber: a.certificateNumber, kind: input.kind }, "reported");
      return { id: created.id };
    }),
  );
}

export type Loaded = NonNullable<Awaited<ReturnType<typeof loadChange>>>;

export async function respondToMaterialChange(db: Database, user: SessionUser, id: string, response: string): Promise<Outcome> {
  const row = await loadChange(db, id);
  const role = row ? providerRoleOf(user, row.c.organisationId) : null;
  if (!row || role === null) return refused(404, "Change not found.");
  return transition(db, user, row, "respond", role, { response }, async (tx) => {
    // Each answer is a new event, sent once because only the transaction that won the compare-and-set gets here.
    await tellStaff(tx, user, { id: row.c.id, organisationName: row.organisationName, certificateNumber: row.certificateNumber, kind: row.c.kind }, `answer-${randomUUID()}`);
  }).then((r) => (r.ok ? ok() : r));
}

export async function reviewMaterialChange(db: Database, user: SessionUser, id: string, input: ReviewMaterialChangeInput): Promise<Outcome> {
  const row = await loadChange(db, id);
  // Staff never review a change of an organisation they belong to: for them it does not exist.
  if (!row || !isStaffFor(user, row.c.organisationId)) return refused(404, "Change not found.");
  if (row.c.status === "delta_review_opened" && input.outcome === "propose_suspension" && !deltaReviewClosed(row.deltaStatus)) {
    return refused(409, "The delta review opened on this change is still under way; suspension may be proposed once it is rejected or withdrawn.");
  }
  const review = randomUUID();
  return transition(db, user, row, input.outcome, "staff", { reviewNote: input.note, reviewedBy: user.id, reviewedAt: now() }, async (tx, to) => {
    await enqueueEmailEach(tx, await organisationRecipients(tx, row.c.organisationId), {
      template: "material-change-reviewed",
      props: {
        organisationName: row.organisationName,
        certificateNumber: row.certificateNumber,
        outcome: to === "follow_up_requested" || to === "suspension_proposed" ? to : "acknowledged",
        note: input.note,
        changesUrl: `${config().appUrl}/provider/accreditations/${row.c.accreditationId}/changes`,
      },
      // A change can be reviewed again after each answer; the compare-and-set makes each review's emails once.
      idempotencyKey: `material-change-reviewed:${row.c.id}:${review}`,
    });
  }).then((r) => (r.ok ? ok() : r));
}

/** One step of a report: the table, compare-and-set, one audit event, then the step's own effects, in one transaction. */
export async function transition<T = undefined>(
  db: Database,
  user: SessionUser,
  row: Loaded,
  action: MaterialChangeAction,
  role: MaterialChangeRole,
  set: Partial<typeof materialChanges.$inferInsert>,
  effects: (tx: Database, to: string) => Promise<T>,
): Promise<Outcome<T>> {
  const m = materialChangeMove(row.c.status, action, role);
  if (!m.ok) return refused(409, m.message);
  return attempt(async () =>
    db.transaction(async (tx) => {
      await setIfStatusUnchanged(tx, materialChanges, row.c, { ...set, status: m.to });
      await recordAudit(tx, {
        actorId: user.id,
        action: `material_change.${action}`,
        entityType: "material_change",
        entityId: row.c.id,
        data: { from: row.c.status, to: m.to, kind: row.c.kind, accreditationId: row.c.accreditationId, ...(set.reviewNote ? { note: set.reviewNote } : {}) },
      });
      return effects(tx, m.to);
    }),
  );
}
