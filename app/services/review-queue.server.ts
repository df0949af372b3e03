/**
 * The reviewer's queue: assignments with their due dates, accepting or declining one (with a conflict
 * declaration), and the reminder job. Whatever is not the reviewer's own reads as "not found".
 */
import { formatDate } from "~/domain/format";
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { applications, conflicts, organisations, reviewerAssignments, reviews, users } from "../../db/schema";
import type { SessionUser } from "~/domain/policy";
import type { ApplicationStatus } from "~/domain/workflow";
import { attempt, refused, type Outcome } from "~/domain/outcome";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail } from "./emails.server";
import { ownAssignment } from "./review.server";
import { setIfStatusUnchanged } from "./transition.server";
import type { ApplicationKind } from "../../db/schema/enums";

const ALREADY_ANSWERED = "You have already answered this request.";

/** Days before the due date when the "due soon" reminder goes out. */
const REMINDER_DAYS_BEFORE = 3;

// ---- the queue ---------------------------------------------------------------------------------

export type QueueItem = {
  id: string;
  applicationId: string;
  organisationName: string;
  applicationStatus: ApplicationStatus;
  kind: ApplicationKind;
  status: "pending" | "accepted" | "declined" | "completed";
  dueAt: Date;
  overdue: boolean;
  dueSoon: boolean;
  revision: number;
  /** The reviewer's review of the current revision, if started. */
  reviewStatus: "draft" | "submitted" | null;
};

/**
 * Assignments with their application and its organisation (the `fields` asked for), and `reviewStatus`: the status of
 * the reviewer's review of the application's current revision, null until started. The queue and the reminders
 * both judge an assignment by it.
 */
function assignmentsWithReview<F extends SelectedFields>(db: Database, fields: F) {
  return db
    .select({ ...fields, reviewStatus: reviews.status })
    .from(reviewerAssignments)
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .leftJoin(reviews, and(eq(reviews.assignmentId, reviewerAssignments.id), eq(reviews.revisionNumber, applications.currentRevision)))
    .$dynamic();
}

export async function reviewerQueue(db: Database, userId: string): Promise<QueueItem[]> {
  const rows = await assignmentsWithReview(db, {
    id: reviewerAssignments.id,
    applicationId: applications.id,
    organisationName: organisations.displayName,
    applicationStatus: applications.status,
    kind: applications.kind,
    status: reviewerAssignments.status,
    dueAt: reviewerAssignments.dueAt,
    revision: applications.currentRevision,
  })
    .where(eq(reviewerAssignments.reviewerId, userId))
    .orderBy(asc(reviewerAssignments.dueAt));
  const at = now();
  const soon = addDays(at, REMINDER_DAYS_BEFORE);
  // Fields spelled out rather than spread: a spread followed by more properties is slow per row (decision 048).
  const items = rows.map((r) => {
    const open = (r.status === "pending" || r.status === "accepted") && r.reviewStatus !== "submitted" && ["submitted", "under_review"].includes(r.applicationStatus);
    const item: QueueItem = {
      id: r.id,
      applicationId: r.applicationId,
      organisationName: r.organisationName,
      applicationStatus: r.applicationStatus,
      kind: r.kind,
      status: r.status,
      dueAt: r.dueAt,
      overdue: open && r.dueAt < at,
      dueSoon: open && r.dueAt >= at && r.dueAt <= soon,
      revision: r.revision,
      reviewStatus: r.reviewStatus ?? null,
    };
    // Work to do first: overdue, then the rest still open by due date; finished work after it (issue 17).
    return { item, rank: item.overdue ? 0 : open ? 1 : 2 };
  });
  return items.sort((a, b) => a.rank - b.rank || a.item.dueAt.getTime() - b.item.dueAt.getTime()).map(({ item }) => item);
}

// ---- accept / decline --------------------------------------------------------------------------

export async function acceptAssignment(db: Database, user: SessionUser, assignmentId: string): Promise<Outcome> {
  const own = await ownAssignment(db, user, assignmentId);
  if (!own) return refused(404, "Assignment not found.");
  if (own.assignment.status !== "pending") return refused(409, ALREADY_ANSWERED);
  if (!["submitted", "under_review", "changes_requested"].includes(own.app.status)) {
    return refused(409, "This application is no longer waiting for reviewers, so the request cannot be accepted.");
  }
  // The server, not the form, decides: a member or a reviewer with a declared conflict cannot accept.
  if (own.facts.conflicted || user.memberships.some((m) => m.organisationId === own.facts.organisationId)) {
    return refused(409, "You have a conflict of interest with this organisation, so you cannot review its application. Decline instead.");
  }
  return attempt(() =>
    db.transaction(async (tx) => {
      await setIfStatusUnchanged(tx, reviewerAssignments, own.assignment, { status: "accepted", respondedAt: now(), conflictDeclaration: "I declare that I have no conflict of interest with this organisation." }, ALREADY_ANSWERED);
      await recordAudit(tx, {
        actorId: user.id,
        action: "review.assignment_accepted",
        entityType: "application",
        entityId: own.app.id,
        data: { assignmentId, noConflictDeclared: true },
      });
      return undefined;
    }),
  );
}

export async function declineAssignment(db: Database, user: SessionUser, assignmentId: string, input: { conflict: boolean; note: string }): Promise<Outcome> {
  const own = await ownAssignment(db, user, assignmentId);
  if (!own) return refused(404, "Assignment not found.");
  if (own.assignment.status !== "pending") return refused(409, ALREADY_ANSWERED);
  return attempt(() =>
    db.transaction(async (tx) => {
      await setIfStatusUnchanged(tx, reviewerAssignments, own.assignment, { status: "declined", respondedAt: now(), conflictDeclaration: input.conflict ? `Conflict of interest: ${input.note}` : `Declined: ${input.note}` }, ALREADY_ANSWERED);
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
      return undefined;
    }),
  );
}

// ---- reminders ---------------------------------------------------------------------------------

/**
 * Enqueue "due in 3 days" and "overdue" reminders for accepted assignments still owing a review of the
 * current revision. Safe to run from several workers at once: the idempotency key makes each reminder one
 * row in the outbox, whoever inserts it first. Called by the scheduler only.
 */
export async function sendReviewReminders(db: Database): Promise<{ enqueued: number }> {
  const at = now();
  const rows = await assignmentsWithReview(db, {
    assignmentId: reviewerAssignments.id,
    applicationId: applications.id,
    dueAt: reviewerAssignments.dueAt,
    revision: applications.currentRevision,
    organisationName: organisations.displayName,
    reviewerName: users.name,
    reviewerEmail: users.email,
  })
    .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
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
