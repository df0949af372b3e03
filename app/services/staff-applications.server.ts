/**
 * The transitions staff make between submission and the board: assign a reviewer, start review, request
 * changes, forward. (The list is staff-application-list.server.ts, the page's data staff-application-view.server.ts.)
 */
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { applications, changeRequests, conflicts, organisationMembers, organisations, reviewerAssignments, userRoles, users } from "../../db/schema";
import { can, type SessionUser } from "~/domain/policy";
import type { ApplicationStatus } from "~/domain/workflow";
import { DEFAULT_DUE_DAYS } from "~/domain/review-forms";
import { config } from "~/config.server";
import { queryRows } from "../../db/client.server";
import type { Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { moveApplication } from "./transition.server";
import { enqueueEmail } from "./emails.server";
import { organisationRecipients } from "./recipients.server";
import { enqueueVoteRequests } from "./board-members.server";
import { attempt, ok, refuse, refused, type Outcome } from "~/domain/outcome";
import { applicationFacts, conflictReason } from "./review.server";
import { formatDate } from "~/domain/format";
import { outstandingReviews } from "./review-workspace.server";
import { competencyAreasOf } from "./application-rows.server";

/** Where a reviewer can be assigned, by hand or by an auto-assignment proposal: between submission and the board. */
export const ASSIGNABLE: readonly ApplicationStatus[] = ["submitted", "under_review", "changes_requested"];

/** Each reviewer's open work: pending or accepted assignments on applications still assignable (both assignment pages count it so). */
export function openReviewLoads(db: Database) {
  return db
    .select({ reviewerId: reviewerAssignments.reviewerId, n: sql<number>`count(*)::int` })
    .from(reviewerAssignments)
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .where(and(inArray(reviewerAssignments.status, ["pending", "accepted"]), inArray(applications.status, [...ASSIGNABLE])))
    .groupBy(reviewerAssignments.reviewerId);
}

/** Joined on `users`: the user holds the reviewer role (whoever may be asked to review). */
export const holdsReviewerRole = and(eq(userRoles.userId, users.id), eq(userRoles.role, "reviewer"));

/**
 * What choosing reviewers for some applications reads, at once: the enabled reviewers (by name), the applications'
 * competency areas, every reviewer's open load, the applying organisations' members and declared conflicts, and the
 * reviewers the applications already have. Staff's candidate list for one application and the auto-assignment's
 * proposal over many both start from it.
 */
export async function reviewerPool(db: Database, applicationIds: string[], organisationIds: string[]) {
  const [reviewers, areas, loads, members, declared, assigned] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, expertise: users.expertise })
      .from(users)
      .innerJoin(userRoles, holdsReviewerRole)
      .where(isNull(users.disabledAt))
      .orderBy(users.name, users.id),
    competencyAreasOf(db, applicationIds),
    openReviewLoads(db),
    db.select({ userId: organisationMembers.userId, organisationId: organisationMembers.organisationId }).from(organisationMembers).where(inArray(organisationMembers.organisationId, organisationIds)),
    db.select({ userId: conflicts.userId, organisationId: conflicts.organisationId, note: conflicts.note }).from(conflicts).where(inArray(conflicts.organisationId, organisationIds)),
    db
      .select({ applicationId: reviewerAssignments.applicationId, reviewerId: reviewerAssignments.reviewerId, status: reviewerAssignments.status })
      .from(reviewerAssignments)
      .where(inArray(reviewerAssignments.applicationId, applicationIds)),
  ]);
  return { reviewers, areas, loads, members, declared, assigned };
}

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
  if (!ASSIGNABLE.includes(app.status)) {
    return refused(409, "Reviewers can be assigned only between submission and the board.");
  }
  const due = dueDateFrom(input.dueDate);
  if (due <= now()) return refused(400, "The due date must be in the future.", { dueDate: "Choose a due date in the future" });
  const [reviewer] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, holdsReviewerRole)
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
      for (const m of await organisationRecipients(tx, app.organisationId)) {
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
