/**
 * The reviewer's side of the review: queue, accept/decline with a conflict declaration, the review workspace
 * (revision, coverage, documents, rubric), drafts and submission, mapping disputes, and the reminder job.
 * Every query is scoped to the reviewer's own assignment; whatever is not theirs reads as "not found".
 */
import { formatDate } from "~/domain/format";
import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  applicationRevisions,
  applications,
  competencies,
  conflicts,
  courseModules,
  courses,
  documents,
  mappingDisputes,
  moduleMappings,
  organisationMembers,
  organisations,
  reviewerAssignments,
  reviews,
  rubricCriteria,
  rubrics,
  userRoles,
  users,
} from "../../db/schema";
import { can, type ApplicationFacts, type SessionUser } from "~/domain/policy";
import { courseCoverage, type CourseCoverage, type Depth, type Level } from "~/domain/coverage";
import { disputeState, excludesMapping, type DisputeState } from "~/domain/disputes";
import { aggregateReviews, missingCriteria, type Confidence, type ScoreSheet, type ScoringCriterion } from "~/domain/scoring";
import { diffRevisions, type DiffEntry, type RevisionSnapshot } from "~/domain/revision-diff";
import type { ReviewSheetInput } from "~/domain/review-forms";
import type { ApplicationStatus } from "~/domain/workflow";
import { ok, refused, type Outcome } from "~/domain/outcome";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail } from "./emails.server";
import { isUuid } from "~/domain/forms";

/** Days before the due date when the "due soon" reminder goes out. */
export const REMINDER_DAYS_BEFORE = 3;

// ---- facts for the policy ----------------------------------------------------------------------

/** What `can()` needs about an application and this user's relation to it; null when it does not exist. */
export async function applicationFacts(db: Database, applicationId: string, userId: string): Promise<ApplicationFacts | null> {
  const [app] = await db.select({ organisationId: applications.organisationId, status: applications.status }).from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const [[assignment], [conflict]] = await Promise.all([
    db
      .select({ status: reviewerAssignments.status })
      .from(reviewerAssignments)
      .where(and(eq(reviewerAssignments.applicationId, applicationId), eq(reviewerAssignments.reviewerId, userId))),
    db.select({ id: conflicts.id }).from(conflicts).where(and(eq(conflicts.userId, userId), eq(conflicts.organisationId, app.organisationId))),
  ]);
  return { organisationId: app.organisationId, status: app.status, assignmentStatus: assignment?.status ?? null, conflicted: Boolean(conflict) };
}

/** The reviewer's own assignment with the application's facts, or null (→ 404) when it is someone else's. */
async function ownAssignment(db: Database, user: SessionUser, assignmentId: string) {
  if (!isUuid(assignmentId)) return null;
  const [row] = await db
    .select({ assignment: reviewerAssignments, app: applications, organisationName: organisations.displayName })
    .from(reviewerAssignments)
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(reviewerAssignments.id, assignmentId), eq(reviewerAssignments.reviewerId, user.id)));
  if (!row) return null;
  const [conflict] = await db
    .select({ id: conflicts.id })
    .from(conflicts)
    .where(and(eq(conflicts.userId, user.id), eq(conflicts.organisationId, row.app.organisationId)));
  const facts: ApplicationFacts = {
    organisationId: row.app.organisationId,
    status: row.app.status,
    assignmentStatus: row.assignment.status,
    conflicted: Boolean(conflict),
  };
  return { ...row, facts };
}

// ---- the queue ---------------------------------------------------------------------------------

export type QueueItem = {
  id: string;
  applicationId: string;
  organisationName: string;
  applicationStatus: ApplicationStatus;
  kind: "initial" | "renewal";
  status: "pending" | "accepted" | "declined" | "completed";
  dueAt: Date;
  overdue: boolean;
  dueSoon: boolean;
  revision: number;
  /** The reviewer's review of the current revision, if started. */
  reviewStatus: "draft" | "submitted" | null;
};

export async function reviewerQueue(db: Database, userId: string): Promise<QueueItem[]> {
  const rows = await db
    .select({
      id: reviewerAssignments.id,
      applicationId: applications.id,
      organisationName: organisations.displayName,
      applicationStatus: applications.status,
      kind: applications.kind,
      status: reviewerAssignments.status,
      dueAt: reviewerAssignments.dueAt,
      revision: applications.currentRevision,
      reviewStatus: reviews.status,
    })
    .from(reviewerAssignments)
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .leftJoin(reviews, and(eq(reviews.assignmentId, reviewerAssignments.id), eq(reviews.revisionNumber, applications.currentRevision)))
    .where(eq(reviewerAssignments.reviewerId, userId))
    .orderBy(asc(reviewerAssignments.dueAt));
  const at = now();
  const items = rows.map((r) => {
    const open = (r.status === "pending" || r.status === "accepted") && r.reviewStatus !== "submitted" && ["submitted", "under_review"].includes(r.applicationStatus);
    return {
      ...r,
      reviewStatus: r.reviewStatus ?? null,
      open,
      overdue: open && r.dueAt < at,
      dueSoon: open && r.dueAt >= at && r.dueAt <= addDays(at, REMINDER_DAYS_BEFORE),
    };
  });
  // Work to do first: overdue, then the rest still open by due date; finished work after it (issue 17).
  const rank = (i: (typeof items)[number]) => (i.overdue ? 0 : i.open ? 1 : 2);
  return items.sort((a, b) => rank(a) - rank(b) || a.dueAt.getTime() - b.dueAt.getTime()).map(({ open: _open, ...item }) => item);
}

// ---- accept / decline --------------------------------------------------------------------------

export async function acceptAssignment(db: Database, user: SessionUser, assignmentId: string): Promise<Outcome> {
  const own = await ownAssignment(db, user, assignmentId);
  if (!own) return refused(404, "Assignment not found.");
  if (own.assignment.status !== "pending") return refused(409, "You have already answered this request.");
  if (!["submitted", "under_review", "changes_requested"].includes(own.app.status)) {
    return refused(409, "This application is no longer waiting for reviewers, so the request cannot be accepted.");
  }
  // The server, not the form, decides: a member or a reviewer with a declared conflict cannot accept.
  if (own.facts.conflicted || user.memberships.some((m) => m.organisationId === own.facts.organisationId)) {
    return refused(409, "You have a conflict of interest with this organisation, so you cannot review its application. Decline instead.");
  }
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(reviewerAssignments)
      .set({ status: "accepted", respondedAt: now(), conflictDeclaration: "I declare that I have no conflict of interest with this organisation." })
      .where(and(eq(reviewerAssignments.id, assignmentId), eq(reviewerAssignments.status, "pending")))
      .returning({ id: reviewerAssignments.id });
    if (moved.length === 0) return refused(409, "You have already answered this request.");
    await recordAudit(tx, {
      actorId: user.id,
      action: "review.assignment_accepted",
      entityType: "application",
      entityId: own.app.id,
      data: { assignmentId, noConflictDeclared: true },
    });
    return ok(undefined);
  });
}

export async function declineAssignment(db: Database, user: SessionUser, assignmentId: string, input: { conflict: boolean; note: string }): Promise<Outcome> {
  const own = await ownAssignment(db, user, assignmentId);
  if (!own) return refused(404, "Assignment not found.");
  if (own.assignment.status !== "pending") return refused(409, "You have already answered this request.");
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(reviewerAssignments)
      .set({ status: "declined", respondedAt: now(), conflictDeclaration: input.conflict ? `Conflict of interest: ${input.note}` : `Declined: ${input.note}` })
      .where(and(eq(reviewerAssignments.id, assignmentId), eq(reviewerAssignments.status, "pending")))
      .returning({ id: reviewerAssignments.id });
    if (moved.length === 0) return refused(409, "You have already answered this request.");
    // A declared conflict is remembered, so nobody assigns this reviewer to the organisation again.
    if (input.conflict) {
      await tx
        .insert(conflicts)
        .values({ userId: user.id, organisationId: own.app.organisationId, note: input.note, createdAt: now() })
        .onConflictDoNothing({ target: [conflicts.userId, conflicts.organisationId] });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "review.assignment_declined",
      entityType: "application",
      entityId: own.app.id,
      data: { assignmentId, conflict: input.conflict, note: input.note },
    });
    return ok(undefined);
  });
}

// ---- shared read models (also used by the staff view) ------------------------------------------

export async function rubricCriteriaFor(db: Database, rubricId: string | null): Promise<(ScoringCriterion & { guidance: string; descriptors: string[] })[]> {
  let id = rubricId;
  if (!id) {
    // An application that never pinned a rubric is scored against the published one.
    const [published] = await db.select({ id: rubrics.id }).from(rubrics).where(eq(rubrics.status, "published"));
    id = published?.id ?? null;
  }
  if (!id) return [];
  const rows = await db.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, id)).orderBy(asc(rubricCriteria.position), asc(rubricCriteria.code));
  return rows.map((c) => ({ id: c.id, code: c.code, title: c.title, weight: Number(c.weight), guidance: c.guidance, descriptors: c.descriptors }));
}

export type RevisionRow = { number: number; submittedAt: Date; response: string | null; snapshot: RevisionSnapshot };

export async function revisionsOf(db: Database, applicationId: string): Promise<RevisionRow[]> {
  const rows = await db
    .select({ number: applicationRevisions.number, submittedAt: applicationRevisions.submittedAt, response: applicationRevisions.response, snapshot: applicationRevisions.snapshot })
    .from(applicationRevisions)
    .where(eq(applicationRevisions.applicationId, applicationId))
    .orderBy(asc(applicationRevisions.number));
  // The snapshot is written by the submitting service; the diff reads it structurally.
  return rows.map((r) => ({ ...r, snapshot: (r.snapshot ?? {}) as RevisionSnapshot }));
}

/** Changes from the previous revision to `number` (empty for the first). */
export function changesSincePrevious(revisions: RevisionRow[], number: number): DiffEntry[] | null {
  const current = revisions.find((r) => r.number === number);
  const previous = revisions.find((r) => r.number === number - 1);
  if (!current || !previous) return null;
  return diffRevisions(previous.snapshot, current.snapshot);
}

export type MappingRow = {
  mappingId: string;
  courseId: string;
  courseTitle: string;
  moduleId: string;
  moduleTitle: string;
  competencyId: string;
  code: string;
  title: string;
  depth: Depth;
  /** Every dispute of the mapping, oldest first, open or resolved. */
  disputes: DisputeRow[];
  /** An open or upheld dispute keeps the mapping out of coverage. */
  excluded: boolean;
};

export type DisputeRow = {
  id: string;
  note: string;
  raisedBy: string;
  raisedByName: string;
  createdAt: Date;
  state: DisputeState;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
};

export type CoverageView = { courseId: string; title: string; level: Level; modules: { id: string; title: string }[]; coverage: CourseCoverage };

/**
 * The application's courses with their coverage (open and upheld disputes stop counting) and every mapping
 * with its disputes. Read from the live rows: they are frozen while the application is out of the provider's hands,
 * and disputes point at them.
 */
export async function coverageOf(db: Database, applicationId: string, frameworkId: string): Promise<{ courses: CoverageView[]; mappings: MappingRow[] }> {
  const [courseRows, moduleRows, mappingRows, competencyRows] = await Promise.all([
    db.select().from(courses).where(eq(courses.applicationId, applicationId)).orderBy(asc(courses.position), asc(courses.title)),
    db
      .select({ id: courseModules.id, courseId: courseModules.courseId, title: courseModules.title })
      .from(courseModules)
      .innerJoin(courses, eq(courses.id, courseModules.courseId))
      .where(eq(courses.applicationId, applicationId))
      .orderBy(asc(courseModules.position), asc(courseModules.title)),
    db
      .select({
        mappingId: moduleMappings.id,
        moduleId: moduleMappings.moduleId,
        competencyId: moduleMappings.competencyId,
        depth: moduleMappings.depth,
        code: competencies.code,
        title: competencies.title,
      })
      .from(moduleMappings)
      .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
      .innerJoin(courses, eq(courses.id, courseModules.courseId))
      .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
      .where(eq(courses.applicationId, applicationId))
      .orderBy(asc(competencies.code)),
    db
      .select({ id: competencies.id, code: competencies.code, title: competencies.title, level: competencies.level, core: competencies.core })
      .from(competencies)
      .where(and(eq(competencies.frameworkId, frameworkId), eq(competencies.kind, "competency")))
      .orderBy(asc(competencies.code)),
  ]);
  const resolver = alias(users, "resolver");
  const disputeRows =
    mappingRows.length === 0
      ? []
      : await db
          .select({
            id: mappingDisputes.id,
            mappingId: mappingDisputes.mappingId,
            note: mappingDisputes.note,
            raisedBy: mappingDisputes.raisedBy,
            raisedByName: users.name,
            createdAt: mappingDisputes.createdAt,
            resolution: mappingDisputes.resolution,
            resolvedAt: mappingDisputes.resolvedAt,
            resolvedByName: resolver.name,
            resolutionNote: mappingDisputes.resolutionNote,
          })
          .from(mappingDisputes)
          .innerJoin(users, eq(users.id, mappingDisputes.raisedBy))
          .leftJoin(resolver, eq(resolver.id, mappingDisputes.resolvedBy))
          .where(inArray(mappingDisputes.mappingId, mappingRows.map((m) => m.mappingId)))
          .orderBy(asc(mappingDisputes.createdAt), asc(mappingDisputes.id));
  const disputesByMapping = new Map<string, DisputeRow[]>();
  for (const { mappingId, resolution, ...d } of disputeRows) {
    disputesByMapping.set(mappingId, [...(disputesByMapping.get(mappingId) ?? []), { ...d, state: disputeState(resolution) }]);
  }

  const moduleById = new Map(moduleRows.map((m) => [m.id, m]));
  const courseById = new Map(courseRows.map((c) => [c.id, c]));
  const mappings: MappingRow[] = mappingRows.map((m) => {
    const mod = moduleById.get(m.moduleId)!;
    const course = courseById.get(mod.courseId)!;
    const disputes = disputesByMapping.get(m.mappingId) ?? [];
    return {
      mappingId: m.mappingId,
      courseId: course.id,
      courseTitle: course.title,
      moduleId: mod.id,
      moduleTitle: mod.title,
      competencyId: m.competencyId,
      code: m.code,
      title: m.title,
      depth: m.depth,
      disputes,
      excluded: disputes.some((d) => excludesMapping(d.state)),
    };
  });
  const coverageCourses = courseRows.map((c) => {
    const modules = moduleRows.filter((m) => m.courseId === c.id).map((m) => ({ id: m.id, title: m.title }));
    return {
      courseId: c.id,
      title: c.title,
      level: c.level,
      modules,
      coverage: courseCoverage({
        courseLevel: c.level,
        competencies: competencyRows,
        modules,
        mappings: mappings.filter((m) => m.courseId === c.id).map((m) => ({ moduleId: m.moduleId, competencyId: m.competencyId, depth: m.depth, disputed: m.excluded })),
      }),
    };
  });
  return { courses: coverageCourses, mappings };
}

export async function documentsOf(db: Database, applicationId: string) {
  return db
    .select({ id: documents.id, kind: documents.kind, filename: documents.filename, size: documents.size, createdAt: documents.createdAt })
    .from(documents)
    .where(eq(documents.applicationId, applicationId))
    .orderBy(asc(documents.kind), asc(documents.filename));
}

export type SubmittedReview = {
  id: string;
  assignmentId: string;
  reviewerId: string;
  reviewerName: string;
  revisionNumber: number;
  scores: ScoreSheet;
  confidence: Confidence | null;
  recommendation: "accredit" | "accredit_with_conditions" | "changes_needed" | "reject" | null;
  summary: string;
  submittedAt: Date | null;
};

export async function submittedReviewsOf(db: Database, applicationId: string, revisionNumber?: number): Promise<SubmittedReview[]> {
  const rows = await db
    .select({
      id: reviews.id,
      assignmentId: reviews.assignmentId,
      reviewerId: users.id,
      reviewerName: users.name,
      revisionNumber: reviews.revisionNumber,
      scores: reviews.scores,
      confidence: reviews.confidence,
      recommendation: reviews.recommendation,
      summary: reviews.summary,
      submittedAt: reviews.submittedAt,
    })
    .from(reviews)
    .innerJoin(reviewerAssignments, eq(reviewerAssignments.id, reviews.assignmentId))
    .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
    .where(
      and(
        eq(reviewerAssignments.applicationId, applicationId),
        eq(reviews.status, "submitted"),
        revisionNumber === undefined ? undefined : eq(reviews.revisionNumber, revisionNumber),
      ),
    )
    .orderBy(asc(reviews.revisionNumber), asc(reviews.submittedAt));
  return rows;
}

// ---- the workspace -----------------------------------------------------------------------------

/** Everything the review page shows, or null (→ 404) when the reviewer may not read the application. */
export async function reviewWorkspace(db: Database, user: SessionUser, assignmentId: string) {
  const own = await ownAssignment(db, user, assignmentId);
  // Not accepted yet (or declined, or conflicted): the application does not exist for this reviewer.
  if (!own || !can(user, "application:view", { kind: "application", ...own.facts })) return null;
  const { app, assignment } = own;
  const revisionNumber = app.currentRevision;
  const [criteria, revisions, coverage, docs, [mine]] = await Promise.all([
    rubricCriteriaFor(db, app.rubricId),
    revisionsOf(db, app.id),
    coverageOf(db, app.id, app.frameworkId),
    documentsOf(db, app.id),
    db.select().from(reviews).where(and(eq(reviews.assignmentId, assignment.id), eq(reviews.revisionNumber, revisionNumber))),
  ]);
  const previousReviews = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.assignmentId, assignment.id), sql`${reviews.revisionNumber} < ${revisionNumber}`))
    .orderBy(desc(reviews.revisionNumber));
  const mineSubmitted = mine?.status === "submitted";
  // Others' reviews only after one's own is in, so nobody anchors on a colleague's scores.
  const others = mineSubmitted ? (await submittedReviewsOf(db, app.id, revisionNumber)).filter((r) => r.assignmentId !== assignment.id) : [];
  const current = revisions.find((r) => r.number === revisionNumber) ?? null;
  return {
    assignment: { id: assignment.id, status: assignment.status, dueAt: assignment.dueAt, overdue: assignment.dueAt < now() && !mineSubmitted },
    application: { id: app.id, status: app.status, kind: app.kind, organisationName: own.organisationName, revisionNumber },
    revision: current,
    response: current?.response ?? null,
    changes: changesSincePrevious(revisions, revisionNumber),
    coverage,
    documents: docs,
    criteria,
    review: mine ?? null,
    /** The reviewer's last review of an earlier revision, to start the new round from. */
    previousReview: previousReviews[0] ?? null,
    others,
    othersAggregate: mineSubmitted ? aggregateReviews(criteria, [...others, { ...toSubmitted(mine), reviewerName: "You" }].map((r) => ({ reviewId: r.id, reviewerName: r.reviewerName, confidence: r.confidence, scores: r.scores }))) : null,
    canReview: can(user, "application:review", { kind: "application", ...own.facts }),
    canDispute: can(user, "review:dispute", { kind: "application", ...own.facts }),
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
    .select({ assignmentId: reviewerAssignments.id, reviewerName: users.name, reviewStatus: reviews.status })
    .from(reviewerAssignments)
    .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
    .leftJoin(reviews, and(eq(reviews.assignmentId, reviewerAssignments.id), eq(reviews.revisionNumber, revisionNumber)))
    .where(and(eq(reviewerAssignments.applicationId, applicationId), inArray(reviewerAssignments.status, ["accepted", "completed"])));
  return { active: rows.length, outstanding: rows.filter((r) => r.reviewStatus !== "submitted") };
}

async function notifyStaffIfAllReviewsIn(tx: Database, applicationId: string, organisationName: string, revisionNumber: number) {
  const { active, outstanding } = await outstandingReviews(tx, applicationId, revisionNumber);
  if (active === 0 || outstanding.length > 0) return;
  const staff = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "staff")))
    .where(isNull(users.disabledAt));
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
  const [mapping] = await db
    .select({ id: moduleMappings.id, code: competencies.code, moduleTitle: courseModules.title })
    .from(moduleMappings)
    .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
    .where(and(eq(moduleMappings.id, input.mappingId), eq(courses.applicationId, own.app.id)));
  if (!mapping) return refused(400, "Choose a mapping of this application.", { mappingId: "Choose a mapping of this application" });
  return db.transaction(async (tx) => {
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

// ---- reminders ---------------------------------------------------------------------------------

/**
 * Enqueue "due in 3 days" and "overdue" reminders for accepted assignments still owing a review of the
 * current revision. Safe to run from several workers at once: the idempotency key makes each reminder one
 * row in the outbox, whoever inserts it first. Called by the scheduler only.
 */
export async function sendReviewReminders(db: Database): Promise<{ enqueued: number }> {
  const at = now();
  const rows = await db
    .select({
      assignmentId: reviewerAssignments.id,
      applicationId: applications.id,
      dueAt: reviewerAssignments.dueAt,
      revision: applications.currentRevision,
      organisationName: organisations.displayName,
      reviewerName: users.name,
      reviewerEmail: users.email,
      reviewStatus: reviews.status,
    })
    .from(reviewerAssignments)
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
    .leftJoin(reviews, and(eq(reviews.assignmentId, reviewerAssignments.id), eq(reviews.revisionNumber, applications.currentRevision)))
    .where(
      and(
        eq(reviewerAssignments.status, "accepted"),
        inArray(applications.status, ["submitted", "under_review"]),
        isNull(users.disabledAt),
        lte(reviewerAssignments.dueAt, addDays(at, REMINDER_DAYS_BEFORE)),
      ),
    );
  let enqueued = 0;
  for (const r of rows) {
    if (r.reviewStatus === "submitted") continue;
    const overdue = r.dueAt < at;
    const key = overdue ? `review-overdue:${r.assignmentId}:${r.revision}` : `review-due:${r.assignmentId}:${r.revision}`;
    const inserted = await db.transaction((tx) =>
      enqueueEmail(tx, {
        template: "review-reminder",
        to: r.reviewerEmail,
        props: {
          name: r.reviewerName,
          organisationName: r.organisationName,
          dueDate: formatDate(r.dueAt),
          overdue,
          revision: r.revision,
          reviewUrl: `${config().appUrl}/review/${r.assignmentId}`,
        },
        idempotencyKey: key,
      }),
    );
    if (inserted) enqueued += 1;
  }
  return { enqueued };
}

// Emails show dates like the pages do: the one formatting module (re-exported for the services that import it here).
export { formatDate };

// ---- membership check shared with assignment ---------------------------------------------------

/** Why a user may not review an organisation's application, or null when they may. */
export async function conflictReason(db: Database, userId: string, organisationId: string): Promise<string | null> {
  const [[member], [declared]] = await Promise.all([
    db.select({ role: organisationMembers.role }).from(organisationMembers).where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId))),
    db.select({ note: conflicts.note }).from(conflicts).where(and(eq(conflicts.userId, userId), eq(conflicts.organisationId, organisationId))),
  ]);
  if (member) return "Member of the applying organisation";
  if (declared) return declared.note ? `Declared a conflict: ${declared.note}` : "Declared a conflict of interest";
  return null;
}
