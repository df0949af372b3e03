/**
 * Staff's view of one application: revisions and their diff, coverage, documents, timeline, assignments and
 * reviewer candidates, aggregates per round, disputes.
 */
import { availableActions } from "~/domain/workflow";
import { and, asc, desc, eq } from "drizzle-orm";
import { auditEvents, changeRequests, reviewerAssignments, reviews, users } from "../../db/schema";
import { can, type SessionUser } from "~/domain/policy";
import { aggregateReviews, type Aggregate } from "~/domain/scoring";
import { diffRevisions, shownRevision } from "~/domain/revision-diff";
import { DEFAULT_DUE_DAYS } from "~/domain/review-forms";
import { owedReviews } from "~/domain/review-sheet";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { changesSincePrevious, coverageOf, documentsOf, revisionsOf, rubricCriteriaFor, submittedReviewsOf } from "./review.server";
import { reviewerPool } from "./staff-applications.server";
import { readApplication } from "./applications.server";

export type Candidate = {
  id: string;
  name: string;
  email: string;
  expertise: string[];
  /** Expertise areas that match the application's competency areas. */
  matches: string[];
  /** Open assignments (pending or accepted) across all applications. */
  load: number;
  /** Why they cannot be assigned, or null. */
  conflict: string | null;
  alreadyAssigned: boolean;
};

/** Reviewers staff may assign: sorted by expertise match, then by lightest load; conflicted ones listed but marked. */
function reviewerCandidates(pool: Awaited<ReturnType<typeof reviewerPool>>): Candidate[] {
  const areas = new Set(pool.areas.map((a) => a.code.toUpperCase()));
  const load = new Map(pool.loads.map((l) => [l.reviewerId, l.n]));
  const members = new Set(pool.members.map((m) => m.userId));
  const declared = new Map(pool.declared.map((c) => [c.userId, c.note]));
  const assigned = new Set(pool.assigned.map((a) => a.reviewerId));
  const candidates = pool.reviewers.map<Candidate>((r) => ({
    ...r,
    matches: r.expertise.filter((e) => areas.has(e.toUpperCase())),
    load: load.get(r.id) ?? 0,
    conflict: members.has(r.id)
      ? "Member of the applying organisation"
      : declared.has(r.id)
        ? `Declared a conflict${declared.get(r.id) ? `: ${declared.get(r.id)}` : ""}`
        : null,
    alreadyAssigned: assigned.has(r.id),
  }));
  return candidates.sort((a, b) => Number(a.conflict !== null) - Number(b.conflict !== null) || b.matches.length - a.matches.length || a.load - b.load || a.name.localeCompare(b.name));
}

export type Round = { revision: number; submittedAt: Date | null; aggregate: Aggregate; reviews: Awaited<ReturnType<typeof submittedReviewsOf>> };

/** The staff view of one application, or null when it does not exist (or is still a private draft). */
/** `compare` picks the two revisions to diff (default: the current one against its predecessor). */
export async function staffApplicationView(db: Database, user: SessionUser, applicationId: string, compare: { from?: number; to?: number } = {}) {
  const row = await readApplication(db, applicationId);
  if (!row || row.application.status === "draft") return null;
  const { application: app, organisation } = row;
  const facts = { kind: "application" as const, organisationId: app.organisationId, status: app.status };

  const [revisions, coverage, docs, criteria, allReviews, assignmentRows, timeline, requests, pool] = await Promise.all([
    revisionsOf(db, app.id),
    coverageOf(db, app.id, app.frameworkId),
    documentsOf(db, app.id),
    rubricCriteriaFor(db, app.rubricId),
    submittedReviewsOf(db, app.id),
    db
      .select({
        id: reviewerAssignments.id,
        reviewerId: users.id,
        reviewerName: users.name,
        reviewerEmail: users.email,
        status: reviewerAssignments.status,
        dueAt: reviewerAssignments.dueAt,
        respondedAt: reviewerAssignments.respondedAt,
        conflictDeclaration: reviewerAssignments.conflictDeclaration,
        reviewStatus: reviews.status,
      })
      .from(reviewerAssignments)
      .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
      .leftJoin(reviews, and(eq(reviews.assignmentId, reviewerAssignments.id), eq(reviews.revisionNumber, app.currentRevision)))
      .where(eq(reviewerAssignments.applicationId, app.id))
      .orderBy(asc(reviewerAssignments.createdAt)),
    db
      .select({ id: auditEvents.id, occurredAt: auditEvents.occurredAt, action: auditEvents.action, data: auditEvents.data, actorName: users.name })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(and(eq(auditEvents.entityType, "application"), eq(auditEvents.entityId, app.id)))
      .orderBy(desc(auditEvents.id)),
    db
      .select({
        id: changeRequests.id,
        revisionNumber: changeRequests.revisionNumber,
        message: changeRequests.message,
        items: changeRequests.items,
        createdAt: changeRequests.createdAt,
        requestedByName: users.name,
        response: changeRequests.response,
        respondedAt: changeRequests.respondedAt,
      })
      .from(changeRequests)
      .leftJoin(users, eq(users.id, changeRequests.requestedBy))
      .where(eq(changeRequests.applicationId, app.id))
      .orderBy(desc(changeRequests.createdAt)),
    reviewerPool(db, [app.id], [app.organisationId]),
  ]);

  const at = now();
  const current = revisions.find((r) => r.number === app.currentRevision);
  const rounds: Round[] = revisions
    .map((r) => {
      const roundReviews = allReviews.filter((rv) => rv.revisionNumber === r.number);
      return {
        revision: r.number,
        submittedAt: r.submittedAt,
        reviews: roundReviews,
        aggregate: aggregateReviews(
          criteria,
          roundReviews.map((rv) => ({ reviewId: rv.id, reviewerName: rv.reviewerName, confidence: rv.confidence, scores: rv.scores })),
        ),
      };
    })
    .reverse();
  // Who still owes a review of the current revision, from the assignments just read (each with that review's status).
  const outstanding = owedReviews(assignmentRows);
  const acceptedCount = outstanding.active;
  const minAccepted = config().MIN_ACCEPTED_REVIEWERS;

  return {
    application: {
      id: app.id,
      status: app.status,
      kind: app.kind,
      currentRevision: app.currentRevision,
      submittedAt: app.submittedAt,
      staffRecommendation: app.staffRecommendation,
    },
    organisation: { id: organisation.id, displayName: organisation.displayName, legalName: organisation.legalName, slug: organisation.slug, country: organisation.country, website: organisation.website },
    revisions: revisions.map((r) => ({ number: r.number, submittedAt: r.submittedAt, response: r.response })),
    snapshot: current ? shownRevision(current.snapshot) : null,
    changes: changesSincePrevious(revisions, app.currentRevision),
    comparison: compareRevisions(revisions, compare.from ?? app.currentRevision - 1, compare.to ?? app.currentRevision),
    // The page draws the courses' coverage and lists the disputed mappings; every mapping again would be waste.
    coverage: { courses: coverage.courses },
    disputes: coverage.mappings.filter((m) => m.disputes.length > 0),
    documents: docs,
    criteria,
    rounds,
    assignments: assignmentRows.map((a) => ({
      ...a,
      reviewStatus: a.reviewStatus ?? null,
      overdue: (a.status === "pending" || a.status === "accepted") && a.reviewStatus !== "submitted" && a.dueAt < at && ["submitted", "under_review"].includes(app.status),
    })),
    candidates: reviewerCandidates(pool),
    timeline,
    changeRequests: requests,
    gates: {
      acceptedCount,
      minAccepted,
      outstanding: outstanding.outstanding.map((o) => o.reviewerName),
      activeReviewers: outstanding.active,
    },
    permissions: {
      screen: can(user, "application:screen", facts),
      assign: can(user, "application:assign", facts),
    },
    // The pool read the organisation's declared conflicts: whether staff may rule on disputes needs no read of its own.
    canResolveDisputes: can(user, "dispute:resolve", { ...facts, conflicted: pool.declared.some((d) => d.userId === user.id) }),
    // What staff may do next by the state table; the page shows a form only for these (the server still checks).
    actions: can(user, "application:screen", facts) ? availableActions(app.status, "staff") : [],
    defaultDueDate: addDays(at, DEFAULT_DUE_DAYS).toISOString().slice(0, 10),
  };
}

function compareRevisions(revisions: Awaited<ReturnType<typeof revisionsOf>>, from: number, to: number) {
  const a = revisions.find((r) => r.number === from);
  const b = revisions.find((r) => r.number === to);
  if (!a || !b || from === to) return null;
  return { from, to, entries: diffRevisions(a.snapshot, b.snapshot) };
}
