/**
 * Staff's side of the review: the applications list, the application view (revisions and their diff,
 * coverage, documents, timeline, assignments, aggregates per round, disputes), and the transitions staff
 * make between submission and the board: assign a reviewer, start review, request changes, forward.
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import {
  applications,
  auditEvents,
  changeRequests,
  competencies,
  conflicts,
  courseModules,
  courses,
  moduleMappings,
  organisationMembers,
  organisations,
  reviewerAssignments,
  reviews,
  userRoles,
  users,
} from "../../db/schema";
import { can, type SessionUser } from "~/domain/policy";
import type { ApplicationStatus } from "~/domain/workflow";
import { aggregateReviews, type Aggregate } from "~/domain/scoring";
import { diffRevisions } from "~/domain/revision-diff";
import { DEFAULT_DUE_DAYS, STAFF_PAGE_SIZE, statusesMatching, type StaffListQuery } from "~/domain/review-forms";
import { config } from "~/config.server";
import { likeContaining, queryRows } from "../../db/client.server";
import type { Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { moveApplication } from "./transition.server";
import { enqueueEmail } from "./emails.server";
import { enqueueVoteRequests } from "./board-members.server";
import { attempt, ok, refuse, refused, type Outcome } from "~/domain/outcome";
import {
  applicationFacts,
  changesSincePrevious,
  conflictReason,
  coverageOf,
  documentsOf,
  formatDate,
  outstandingReviews,
  revisionsOf,
  rubricCriteriaFor,
  submittedReviewsOf,
} from "./review.server";
import { isUuid } from "~/domain/forms";

// ---- the list ----------------------------------------------------------------------------------

export type StaffListRow = {
  id: string;
  organisationId: string;
  organisationName: string;
  kind: "initial" | "renewal";
  status: ApplicationStatus;
  currentRevision: number;
  submittedAt: Date | null;
  assignments: number;
  accepted: number;
  reviewsIn: number;
  overdue: number;
  nextDue: Date | null;
};

/**
 * Free-text search across applications: the provider's display or legal name, the application's reference (the
 * start of its id, as shown in the list), the certificate number issued from it or renewed by it, or a status.
 */
function searchCondition(q: string) {
  const like = likeContaining(q);
  const reference = /^[0-9a-f-]{4,36}$/i.test(q) ? sql`a.id::text like ${`${q.toLowerCase()}%`}` : sql`false`;
  const statuses = statusesMatching(q);
  const status = statuses.length > 0 ? sql`a.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})` : sql`false`;
  return sql`(o.display_name ilike ${like} or o.legal_name ilike ${like} or ${reference} or ${status}
    or exists (select 1 from accreditations c where (c.application_id = a.id or c.id = a.renews_accreditation_id) and c.certificate_number ilike ${like}))`;
}

/** One page of the applications matching the filters, with how many match in all (for "51–100 of 734"). */
export async function listApplications(db: Database, query: StaffListQuery) {
  // Raw SQL parameters: postgres.js wants a string for a timestamp, PGlite takes either.
  const at = now().toISOString();
  // Overdue: an accepted or pending assignment past its due date without a submitted review of the current revision.
  const open = sql`ra.status in ('pending','accepted') and not exists (select 1 from reviews r where r.assignment_id = ra.id and r.revision_number = a.current_revision and r.status = 'submitted')`;
  const where = [
    query.status ? sql`a.status = ${query.status}` : sql`a.status <> 'draft'`,
    !query.organisation
      ? sql`true`
      : isUuid(query.organisation)
        ? sql`a.organisation_id = ${query.organisation}`
        : sql`exists (select 1 from organisations n where n.id = a.organisation_id and n.display_name ilike ${likeContaining(query.organisation)})`,
    query.q ? searchCondition(query.q) : sql`true`,
    query.overdue
      ? sql`a.status in ('submitted','under_review') and exists (select 1 from reviewer_assignments ra where ra.application_id = a.id and ${open} and ra.due_at < ${at}::timestamptz)`
      : sql`true`,
  ];
  const filter = sql.join(where, sql` and `);
  // a.id breaks every tie, so the order is total and no application shows on two pages or on none.
  const order = {
    recent: sql`a.submitted_at desc nulls last, o.display_name, a.id`,
    oldest: sql`a.submitted_at asc nulls last, o.display_name, a.id`,
    organisation: sql`o.display_name asc, a.submitted_at desc nulls last, a.id`,
    due: sql`next_due asc nulls last, a.submitted_at asc, a.id`,
  }[query.sort];
  const offset = (query.page - 1) * STAFF_PAGE_SIZE;
  const rowsQuery = queryRows<{
    id: string;
    organisation_id: string;
    organisation_name: string;
    kind: "initial" | "renewal";
    status: ApplicationStatus;
    current_revision: number;
    submitted_at: string | Date | null;
    assignments: number;
    accepted: number;
    reviews_in: number;
    overdue: number;
    next_due: string | Date | null;
  }>(
    db,
    sql`
      select a.id, a.organisation_id, o.display_name as organisation_name, a.kind, a.status, a.current_revision, a.submitted_at,
        (select count(*)::int from reviewer_assignments ra where ra.application_id = a.id and ra.status <> 'declined') as assignments,
        (select count(*)::int from reviewer_assignments ra where ra.application_id = a.id and ra.status in ('accepted','completed')) as accepted,
        (select count(*)::int from reviews r join reviewer_assignments ra on ra.id = r.assignment_id
           where ra.application_id = a.id and r.revision_number = a.current_revision and r.status = 'submitted') as reviews_in,
        (select count(*)::int from reviewer_assignments ra where ra.application_id = a.id and ${open} and ra.due_at < ${at}::timestamptz
           and a.status in ('submitted','under_review')) as overdue,
        (select min(ra.due_at) from reviewer_assignments ra where ra.application_id = a.id and ${open}
           and a.status in ('submitted','under_review')) as next_due
      from applications a join organisations o on o.id = a.organisation_id
      where ${filter}
      order by ${order}
      limit ${STAFF_PAGE_SIZE} offset ${offset}`,
  );
  // A separate count rather than count(*) over (): a page past the last one has no row to carry the total.
  const countQuery = queryRows<{ total: number }>(db, sql`select count(*)::int as total from applications a join organisations o on o.id = a.organisation_id where ${filter}`);
  const [rows, [{ total }]] = await Promise.all([rowsQuery, countQuery]);
  const toDate = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  const list: StaffListRow[] = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    kind: r.kind,
    status: r.status,
    currentRevision: r.current_revision,
    submittedAt: toDate(r.submitted_at),
    assignments: r.assignments,
    accepted: r.accepted,
    reviewsIn: r.reviews_in,
    overdue: r.overdue,
    nextDue: toDate(r.next_due),
  }));
  // The filter is a text field (a list of every organisation would be thousands of options): an id from a link
  // is shown as its organisation's name.
  const [named] = isUuid(query.organisation)
    ? await db.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, query.organisation))
    : [];
  const organisationFilter = named?.name ?? (isUuid(query.organisation) ? "" : query.organisation);
  return { rows: list, total, page: query.page, pageSize: STAFF_PAGE_SIZE, pageCount: Math.ceil(total / STAFF_PAGE_SIZE), organisationFilter };
}

// ---- the application view ----------------------------------------------------------------------

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
export async function reviewerCandidates(db: Database, applicationId: string, organisationId: string): Promise<Candidate[]> {
  const [reviewerRows, areaRows, loadRows, memberRows, conflictRows, assignedRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, expertise: users.expertise })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "reviewer")))
      .where(isNull(users.disabledAt))
      .orderBy(asc(users.name)),
    // The application's competency areas: the parents of the competencies its modules map to.
    db
      .selectDistinct({ code: sql<string>`area.code` })
      .from(moduleMappings)
      .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
      .innerJoin(courses, eq(courses.id, courseModules.courseId))
      .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
      .innerJoin(sql`competencies as area`, sql`area.id = ${competencies.parentId}`)
      .where(eq(courses.applicationId, applicationId)),
    db
      .select({ reviewerId: reviewerAssignments.reviewerId, n: sql<number>`count(*)::int` })
      .from(reviewerAssignments)
      .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
      .where(and(inArray(reviewerAssignments.status, ["pending", "accepted"]), inArray(applications.status, ["submitted", "under_review", "changes_requested"])))
      .groupBy(reviewerAssignments.reviewerId),
    db.select({ userId: organisationMembers.userId }).from(organisationMembers).where(eq(organisationMembers.organisationId, organisationId)),
    db.select({ userId: conflicts.userId, note: conflicts.note }).from(conflicts).where(eq(conflicts.organisationId, organisationId)),
    db.select({ reviewerId: reviewerAssignments.reviewerId }).from(reviewerAssignments).where(eq(reviewerAssignments.applicationId, applicationId)),
  ]);
  const areas = new Set(areaRows.map((a) => a.code.toUpperCase()));
  const load = new Map(loadRows.map((l) => [l.reviewerId, l.n]));
  const members = new Set(memberRows.map((m) => m.userId));
  const declared = new Map(conflictRows.map((c) => [c.userId, c.note]));
  const assigned = new Set(assignedRows.map((a) => a.reviewerId));
  const candidates = reviewerRows.map<Candidate>((r) => ({
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
  if (!isUuid(applicationId)) return null;
  const [row] = await db
    .select({ app: applications, organisation: organisations })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.id, applicationId));
  if (!row || row.app.status === "draft") return null;
  const { app, organisation } = row;
  const facts = { kind: "application" as const, organisationId: app.organisationId, status: app.status };

  const [revisions, coverage, docs, criteria, allReviews, assignmentRows, timeline, requests, candidates, outstanding] = await Promise.all([
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
    reviewerCandidates(db, app.id, app.organisationId),
    outstandingReviews(db, app.id, app.currentRevision),
  ]);

  const at = now();
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
  const acceptedCount = assignmentRows.filter((a) => a.status === "accepted" || a.status === "completed").length;
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
    snapshot: revisions.find((r) => r.number === app.currentRevision)?.snapshot ?? null,
    changes: changesSincePrevious(revisions, app.currentRevision),
    comparison: compareRevisions(revisions, compare.from ?? app.currentRevision - 1, compare.to ?? app.currentRevision),
    coverage,
    disputes: coverage.mappings.filter((m) => m.disputes.length > 0),
    documents: docs,
    criteria,
    rounds,
    assignments: assignmentRows.map((a) => ({
      ...a,
      reviewStatus: a.reviewStatus ?? null,
      overdue: (a.status === "pending" || a.status === "accepted") && a.reviewStatus !== "submitted" && a.dueAt < at && ["submitted", "under_review"].includes(app.status),
    })),
    candidates,
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
    defaultDueDate: addDays(at, DEFAULT_DUE_DAYS).toISOString().slice(0, 10),
  };
}

function compareRevisions(revisions: Awaited<ReturnType<typeof revisionsOf>>, from: number, to: number) {
  const a = revisions.find((r) => r.number === from);
  const b = revisions.find((r) => r.number === to);
  if (!a || !b || from === to) return null;
  return { from, to, entries: diffRevisions(a.snapshot, b.snapshot) };
}

// ---- transitions -------------------------------------------------------------------------------

async function loadForStaff(db: Database, user: SessionUser, applicationId: string, permission: "application:screen" | "application:assign") {
  const facts = await applicationFacts(db, applicationId, user.id);
  if (!facts || facts.status === "draft" || !can(user, permission, { kind: "application", ...facts })) {
    return { found: false as const, refusal: refused(404, "Application not found.") };
  }
  const [app] = await db
    .select({ app: applications, organisationName: organisations.displayName })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.id, applicationId));
  return { found: true as const, app: app.app, organisationName: app.organisationName };
}

/** End of the chosen day (UTC), so "due 14 March" means the whole of that day. */
export function dueDateFrom(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59.000Z`);
}

export async function assignReviewer(db: Database, user: SessionUser, applicationId: string, input: { reviewerId: string; dueDate: string }): Promise<Outcome> {
  const loaded = await loadForStaff(db, user, applicationId, "application:assign");
  if (!loaded.found) return loaded.refusal;
  const { app, organisationName } = loaded;
  if (!["submitted", "under_review", "changes_requested"].includes(app.status)) {
    return refused(409, "Reviewers can be assigned only between submission and the board.");
  }
  const due = dueDateFrom(input.dueDate);
  if (due <= now()) return refused(400, "The due date must be in the future.", { dueDate: "Choose a due date in the future" });
  const [reviewer] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "reviewer")))
    .where(and(eq(users.id, input.reviewerId), isNull(users.disabledAt)));
  if (!reviewer) return refused(400, "Choose a reviewer from the list.", { reviewerId: "Choose a reviewer from the list" });
  // Enforced here, whatever the page offered: members and declared conflicts are never assignable.
  const conflict = await conflictReason(db, reviewer.id, app.organisationId);
  if (conflict) return refused(409, `${reviewer.name} cannot review this application: ${conflict.charAt(0).toLowerCase()}${conflict.slice(1)}.`, { reviewerId: conflict });

  return db.transaction(async (tx) => {
    const assignmentId = await createAssignmentIn(tx, user, { applicationId: app.id, organisationName, reviewer, due });
    if (!assignmentId) return refused(409, `${reviewer.name} is already assigned to this application.`, { reviewerId: "Already assigned" });
    return ok(undefined);
  });
}

/**
 * The one way an assignment is made, inside the caller's transaction (one by one from the application page,
 * or a batch from an approved auto-assignment proposal): the row, its audit event and the reviewer's email.
 * Null when the reviewer is already assigned to the application. The caller has checked conflicts.
 */
export async function createAssignmentIn(
  tx: Database,
  actor: SessionUser,
  input: { applicationId: string; organisationName: string; reviewer: { id: string; name: string; email: string }; due: Date; proposalId?: string },
): Promise<string | null> {
  const { applicationId, organisationName, reviewer, due } = input;
  const inserted = await tx
    .insert(reviewerAssignments)
    .values({ applicationId, reviewerId: reviewer.id, dueAt: due, assignedBy: actor.id, createdAt: now() })
    .onConflictDoNothing({ target: [reviewerAssignments.applicationId, reviewerAssignments.reviewerId] })
    .returning({ id: reviewerAssignments.id });
  if (inserted.length === 0) return null;
  await recordAudit(tx, {
    actorId: actor.id,
    action: "review.reviewer_assigned",
    entityType: "application",
    entityId: applicationId,
    data: {
      assignmentId: inserted[0].id,
      reviewerId: reviewer.id,
      reviewerName: reviewer.name,
      dueAt: due.toISOString(),
      ...(input.proposalId ? { proposalId: input.proposalId } : {}),
    },
  });
  await enqueueEmail(tx, {
    template: "reviewer-assigned",
    to: reviewer.email,
    props: { name: reviewer.name, organisationName, dueDate: formatDate(due), queueUrl: `${config().appUrl}/review` },
    idempotencyKey: `reviewer-assigned:${inserted[0].id}`,
  });
  return inserted[0].id;
}

export async function startReview(db: Database, user: SessionUser, applicationId: string): Promise<Outcome> {
  const loaded = await loadForStaff(db, user, applicationId, "application:screen");
  if (!loaded.found) return loaded.refusal;
  const { app } = loaded;
  return attempt(() =>
    db.transaction(async (tx) => {
      let acceptedReviewers = 0;
      await moveApplication(tx, app, {
        action: "start_review",
        role: "staff",
        actorId: user.id,
        check: async () => {
          // Accepted, not conflicted: a conflict recorded after accepting takes the reviewer out of the count.
          const [accepted] = await queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from reviewer_assignments ra
                where ra.application_id = ${app.id} and ra.status in ('accepted','completed')
                  and not exists (select 1 from conflicts c where c.user_id = ra.reviewer_id and c.organisation_id = ${app.organisationId})
                  and not exists (select 1 from organisation_members m where m.user_id = ra.reviewer_id and m.organisation_id = ${app.organisationId})`,
          );
          acceptedReviewers = accepted?.n ?? 0;
          const min = config().MIN_ACCEPTED_REVIEWERS;
          if (acceptedReviewers < min) {
            refuse(409, `Review can start once at least ${min} reviewers have accepted without a conflict of interest (${acceptedReviewers} so far).`);
          }
        },
        audit: { action: "application.review_started", data: () => ({ revision: app.currentRevision, acceptedReviewers }) },
      });
      // A new round (after a resubmission): reviewers keep their assignments and review the new revision.
      const reopened = await tx
        .update(reviewerAssignments)
        .set({ status: "accepted" })
        .where(and(eq(reviewerAssignments.applicationId, app.id), eq(reviewerAssignments.status, "completed")))
        .returning({ id: reviewerAssignments.id });
      if (reopened.length > 0) {
        // Give the new round a fair window rather than an already-passed due date.
        const fresh = addDays(now(), Math.ceil(DEFAULT_DUE_DAYS / 2));
        await tx
          .update(reviewerAssignments)
          .set({ dueAt: fresh })
          .where(and(inArray(reviewerAssignments.id, reopened.map((r) => r.id)), lt(reviewerAssignments.dueAt, fresh)));
      }
      return undefined;
    }),
  );
}

export async function requestChanges(db: Database, user: SessionUser, applicationId: string, input: { message: string; items: string[] }): Promise<Outcome> {
  const loaded = await loadForStaff(db, user, applicationId, "application:screen");
  if (!loaded.found) return loaded.refusal;
  const { app, organisationName } = loaded;
  return attempt(() =>
      db.transaction(async (tx) => {
      // Audited below rather than by the move: the event names the change request it opened.
      await moveApplication(tx, app, { action: "request_changes", role: "staff", actorId: user.id });
      const [request] = await tx
        .insert(changeRequests)
        .values({ applicationId: app.id, revisionNumber: app.currentRevision, message: input.message, items: input.items, requestedBy: user.id, createdAt: now() })
        .returning({ id: changeRequests.id });
      await recordAudit(tx, {
        actorId: user.id,
        action: "application.changes_requested",
        entityType: "application",
        entityId: app.id,
        data: { from: app.status, to: "changes_requested", changeRequestId: request.id, revision: app.currentRevision, items: input.items },
      });
      const members = await tx
        .select({ name: users.name, email: users.email })
        .from(organisationMembers)
        .innerJoin(users, eq(users.id, organisationMembers.userId))
        .where(and(eq(organisationMembers.organisationId, app.organisationId), isNull(users.disabledAt)));
      for (const m of members) {
        await enqueueEmail(tx, {
          template: "changes-requested",
          to: m.email,
          props: { name: m.name, organisationName, message: input.message, items: input.items, applicationUrl: `${config().appUrl}/provider/applications/${app.id}` },
          idempotencyKey: `changes-requested:${request.id}:${m.email}`,
        });
      }
      return undefined;
    }),
  );
}

export async function forwardToBoard(db: Database, user: SessionUser, applicationId: string, input: { recommendation: string }): Promise<Outcome> {
  const loaded = await loadForStaff(db, user, applicationId, "application:screen");
  if (!loaded.found) return loaded.refusal;
  const { app } = loaded;
  return attempt(() =>
    db.transaction(async (tx) => {
      await moveApplication(tx, app, {
        action: "forward_to_board",
        role: "staff",
        actorId: user.id,
        check: async () => {
          const { active, outstanding } = await outstandingReviews(tx, app.id, app.currentRevision);
          if (active === 0) refuse(409, "No reviewer has accepted this application, so there are no reviews to forward.");
          if (outstanding.length > 0) {
            refuse(409, `Every reviewer must submit a review of revision ${app.currentRevision} first. Still waiting for: ${outstanding.map((o) => o.reviewerName).join(", ")}.`);
          }
        },
        set: { staffRecommendation: input.recommendation },
        audit: { action: "application.forwarded_to_board", data: { revision: app.currentRevision, recommendation: input.recommendation } },
      });
      // The board is asked to vote in the same transaction; recused members are skipped by the board service.
      await enqueueVoteRequests(tx, app.id);
      return undefined;
    }),
  );
}
