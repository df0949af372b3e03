/**
 * The review workspace: everything the review page shows for the reviewer's own accepted assignment, saving
 * a draft or submitting the review, and disputing a mapping.
 */
import { and, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import {
  competencies,
  courseModules,
  mappingDisputes,
  moduleMappings,
  reviewerAssignments,
  reviews,
  users,
} from "../../db/schema";
import { can, type SessionUser } from "~/domain/policy";
import { aggregateReviews, missingCriteria, type ScoreSheet } from "~/domain/scoring";
import type { ReviewSheetInput } from "~/domain/review-forms";
import { shownRevision } from "~/domain/revision-diff";
import { owedReviews, reviewActions } from "~/domain/review-sheet";
import { ok, refused, type Outcome } from "~/domain/outcome";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { staffRecipients } from "./recipients.server";
import { extensionContext } from "./extensions.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { mappingsOfApplication } from "./application-rows.server";
import { enqueueEmail } from "./emails.server";
import { coverageOf, documentsOf, ownAssignment, revisionsOf, changesSincePrevious, rubricCriteriaFor, submittedReviewsOf } from "./review.server";

/** Everything the review page shows, or null (→ 404) when the reviewer may not read the application. */
export async function reviewWorkspace(db: Database, user: SessionUser, assignmentId: string) {
  const own = await ownAssignment(db, user, assignmentId);
  // Not accepted yet (or declined, or conflicted): the application does not exist for this reviewer.
  if (!own || !can(user, "application:view", { kind: "application", ...own.facts })) return null;
  const { app, assignment } = own;
  const revisionNumber = app.currentRevision;
  const [criteria, revisions, coverage, docs, ownReviews] = await Promise.all([
    rubricCriteriaFor(db, app.rubricId),
    revisionsOf(db, app.id),
    coverageOf(db, app.id, app.frameworkId),
    documentsOf(db, app.id),
    // This revision's review and the earlier ones, newest first, in one read.
    db
      .select()
      .from(reviews)
      .where(and(eq(reviews.assignmentId, assignment.id), lte(reviews.revisionNumber, revisionNumber)))
      .orderBy(desc(reviews.revisionNumber)),
  ]);
  const mine = ownReviews.find((r) => r.revisionNumber === revisionNumber);
  const previousReviews = ownReviews.filter((r) => r.revisionNumber < revisionNumber);
  const mineSubmitted = mine?.status === "submitted";
  // Others' reviews only after one's own is in, so nobody anchors on a colleague's scores.
  const others = mineSubmitted ? (await submittedReviewsOf(db, app.id, revisionNumber)).filter((r) => r.assignmentId !== assignment.id) : [];
  const current = revisions.find((r) => r.number === revisionNumber) ?? null;
  const canDispute = can(user, "review:dispute", { kind: "application", ...own.facts });
  return {
    assignment: { id: assignment.id, status: assignment.status, dueAt: assignment.dueAt, overdue: assignment.dueAt < now() && !mineSubmitted },
    application: { id: app.id, status: app.status, kind: app.kind, organisationName: own.organisationName, revisionNumber },
    revision: current ? { snapshot: shownRevision(current.snapshot) } : null,
    response: current?.response ?? null,
    changes: changesSincePrevious(revisions, revisionNumber),
    coverage: { courses: coverage.courses },
    disputes: coverage.mappings.filter((m) => m.disputes.length > 0),
    /** The mappings the reviewer may dispute now (none when they may not), for the form and the heat map's cells; their disputes are in `disputes`. */
    disputable: canDispute
      ? coverage.mappings.map((m) => ({
          mappingId: m.mappingId,
          courseId: m.courseId,
          courseTitle: m.courseTitle,
          moduleId: m.moduleId,
          moduleTitle: m.moduleTitle,
          competencyId: m.competencyId,
          code: m.code,
          title: m.title,
          depth: m.depth,
        }))
      : [],
    documents: docs,
    criteria,
    review: mine ?? null,
    /** The reviewer's last review of an earlier revision, to start the new round from. */
    previousReview: previousReviews[0] ?? null,
    others,
    othersAggregate: mine && mineSubmitted ? aggregateReviews(criteria, [...others, { ...toSubmitted(mine), reviewerName: "You" }].map((r) => ({ reviewId: r.id, reviewerName: r.reviewerName, confidence: r.confidence, scores: r.scores }))) : null,
    /** The sheet's moves for this reviewer now: save and submit while the application is under review and the sheet a draft. */
    actions: can(user, "application:review", { kind: "application", ...own.facts }) ? reviewActions(mine?.status ?? null, "reviewer") : [],
    canDispute,
    /** An extension: what is already accredited and not under review (decision 039). */
    extension: await extensionContext(db, app),
  };
}

function toSubmitted(r: typeof reviews.$inferSelect) {
  return { id: r.id, confidence: r.confidence, scores: r.scores };
}

// ---- drafts and submission ---------------------------------------------------------------------

/**
 * Save the reviewer's sheet for the current revision; with intent "submit", check every criterion is scored
 * and freeze it. A submitted review is never changed again.
 */
export async function saveReview(db: Database, user: SessionUser, assignmentId: string, input: ReviewSheetInput): Promise<Outcome<{ submitted: boolean }>> {
  const own = await ownAssignment(db, user, assignmentId);
  if (!own || !can(user, "application:view", { kind: "application", ...own.facts })) return refused(404, "Assignment not found.");
  if (!can(user, "application:review", { kind: "application", ...own.facts })) {
    return refused(409, "This application is not under review at the moment, so the review cannot be changed.");
  }
  const { app, assignment } = own;
  const revisionNumber = app.currentRevision;
  const criteria = await rubricCriteriaFor(db, app.rubricId);
  // Only the rubric's own criteria are kept, whatever else a hand-made request sends.
  const scores: ScoreSheet = {};
  for (const c of criteria) scores[c.id] = input.scores[c.id] ?? { score: null, comment: "" };

  if (input.intent === "submit") {
    const errors: Record<string, string> = {};
    for (const c of missingCriteria(criteria, scores)) errors[`score_${c.id}`] = `Score ${c.code} ${c.title}`;
    if (!input.confidence) errors.confidence = "Choose your confidence";
    if (!input.recommendation) errors.recommendation = "Choose a recommendation";
    if (!input.summary.trim()) errors.summary = "Write a summary of your review";
    if (Object.keys(errors).length > 0) {
      // Keep what was typed: the draft is saved even when submission is refused.
      const saved = await saveReview(db, user, assignmentId, { ...input, intent: "save" });
      if (!saved.ok) return saved;
      return refused(400, "The review was saved as a draft but not submitted: every criterion needs a score, and confidence, recommendation and summary are required.", errors);
    }
  }

  const at = now();
  const submitting = input.intent === "submit";
  return db.transaction(async (tx) => {
    await tx
      .insert(reviews)
      .values({ assignmentId: assignment.id, revisionNumber, scores: {}, status: "draft", updatedAt: at })
      .onConflictDoNothing({ target: [reviews.assignmentId, reviews.revisionNumber] });
    const updated = await tx
      .update(reviews)
      .set({
        scores,
        confidence: input.confidence ?? null,
        recommendation: input.recommendation ?? null,
        summary: input.summary,
        status: submitting ? "submitted" : "draft",
        submittedAt: submitting ? at : null,
        updatedAt: at,
        version: sql`${reviews.version} + 1`,
      })
      // Compare-and-set on the draft state: a submitted review is immutable.
      .where(and(eq(reviews.assignmentId, assignment.id), eq(reviews.revisionNumber, revisionNumber), eq(reviews.status, "draft")))
      .returning({ id: reviews.id });
    if (updated.length === 0) return refused(409, "This review has been submitted and can no longer be changed.");
    if (!submitting) return ok({ submitted: false });

    await tx.update(reviewerAssignments).set({ status: "completed" }).where(and(eq(reviewerAssignments.id, assignment.id), eq(reviewerAssignments.status, "accepted")));
    await recordAudit(tx, {
      actorId: user.id,
      action: "review.submitted",
      entityType: "application",
      entityId: app.id,
      data: { assignmentId: assignment.id, reviewId: updated[0].id, revision: revisionNumber, recommendation: input.recommendation ?? null },
    });
    await notifyStaffIfAllReviewsIn(tx, app.id, own.organisationName, revisionNumber);
    return ok({ submitted: true });
  });
}

/** Accepted (or completed) assignments still owing a submitted review of the given revision. */
export async function outstandingReviews(db: Database, applicationId: string, revisionNumber: number) {
  const rows = await db
    .select({ assignmentId: reviewerAssignments.id, reviewerName: users.name, status: reviewerAssignments.status, reviewStatus: reviews.status })
    .from(reviewerAssignments)
    .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
    .leftJoin(reviews, and(eq(reviews.assignmentId, reviewerAssignments.id), eq(reviews.revisionNumber, revisionNumber)))
    .where(and(eq(reviewerAssignments.applicationId, applicationId), inArray(reviewerAssignments.status, ["accepted", "completed"])));
  return owedReviews(rows);
}

async function notifyStaffIfAllReviewsIn(tx: Database, applicationId: string, organisationName: string, revisionNumber: number) {
  const { active, outstanding } = await outstandingReviews(tx, applicationId, revisionNumber);
  if (active === 0 || outstanding.length > 0) return;
  const staff = await staffRecipients(tx);
  for (const s of staff) {
    await enqueueEmail(tx, {
      template: "all-reviews-in",
      to: s.email,
      props: { name: s.name, organisationName, revision: revisionNumber, reviewCount: active, applicationUrl: `${config().appUrl}/admin/applications/${applicationId}` },
      // The last two reviewers may submit at the same moment: each staff member still gets one email.
      idempotencyKey: `all-reviews-in:${applicationId}:${revisionNumber}:${s.id}`,
    });
  }
}

// ---- mapping disputes --------------------------------------------------------------------------

export async function disputeMapping(db: Database, user: SessionUser, assignmentId: string, input: { mappingId: string; note: string }): Promise<Outcome> {
  const own = await ownAssignment(db, user, assignmentId);
  if (!own || !can(user, "application:view", { kind: "application", ...own.facts })) return refused(404, "Assignment not found.");
  if (!can(user, "review:dispute", { kind: "application", ...own.facts })) return refused(409, "Mappings can be disputed only while the application is under review.");
  // The mapping must belong to this application; anything else does not exist for this reviewer.
  const [mapping] = await mappingsOfApplication(db, own.app.id, { id: moduleMappings.id, code: competencies.code, moduleTitle: courseModules.title }, eq(moduleMappings.id, input.mappingId));
  if (!mapping) return refused(400, "Choose a mapping of this application.", { mappingId: "Choose a mapping of this application" });
  return db.transaction(async (tx) => {
    // The mapping's row is locked first, so disputes of one mapping sent at once are checked one after another.
    await tx.select({ id: moduleMappings.id }).from(moduleMappings).where(eq(moduleMappings.id, mapping.id)).for("update");
    const [existing] = await tx
      .select({ id: mappingDisputes.id })
      .from(mappingDisputes)
      .where(and(eq(mappingDisputes.mappingId, mapping.id), eq(mappingDisputes.raisedBy, user.id), isNull(mappingDisputes.resolvedAt)));
    if (existing) return refused(409, "You have already disputed this mapping.", { mappingId: "You have already disputed this mapping" });
    const [dispute] = await tx.insert(mappingDisputes).values({ mappingId: mapping.id, raisedBy: user.id, note: input.note, createdAt: now() }).returning({ id: mappingDisputes.id });
    await recordAudit(tx, {
      actorId: user.id,
      action: "review.mapping_disputed",
      entityType: "application",
      entityId: own.app.id,
      data: { disputeId: dispute.id, mappingId: mapping.id, competency: mapping.code, module: mapping.moduleTitle, note: input.note },
    });
    return ok(undefined);
  });
}
