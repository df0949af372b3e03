/**
 * The board: its queue of applications awaiting decision, votes (with recusal enforced here, not in the
 * UI), and the decision staff record on its behalf. The decision is one transaction that moves the
 * application with compare-and-set, stores the tally it rests on, issues the accreditation and its
 * certificate number, writes the audit trail and enqueues the emails.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import {
  accreditations,
  applications,
  boardVotes,
  conflicts,
  decisions,
  organisationMembers,
  organisations,
  reviewerAssignments,
  userRoles,
  users,
} from "../../db/schema";
import { can, hasRole, type ApplicationFacts, type SessionUser } from "~/domain/policy";
import {
  checkDecision,
  countVotes,
  majorityOutcome,
  quorumReached,
  quorumRequired,
  votesCast,
  type DecisionOutcome,
  type TallyCounts,
  type VoteChoice,
} from "~/domain/tally";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { isUniqueViolation } from "./db-errors.server";
import { moveApplication } from "./transition.server";
import { enqueueEmail } from "./emails.server";
import { issueAccreditation, organisationRecipients } from "./accreditations.server";
import { isUuid } from "~/domain/forms";
import { coverageOf, type MappingRow } from "./review.server";
import { summarise, summariseMany, type BoardSummary } from "./board-summary.server";

export type { BoardSummary, CourseCoverageSummary, ReviewerRecommendation } from "./board-summary.server";
import { attempt, refuse, refused, type Outcome } from "~/domain/outcome";

// ---- board membership and recusal ------------------------------------------------------------------

export type RecusalReason = "member" | "conflict" | "assessed";
export type BoardMember = { id: string; name: string; email: string; recused: RecusalReason | null };

/**
 * Every active board member, each marked recused when they belong to the organisation, declared a
 * conflict with it, or assessed the application (domain/impartiality.ts). The tally counts only the others.
 */
export async function boardMembersFor(tx: Database, organisationId: string, applicationId?: string): Promise<BoardMember[]> {
  const rows = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      member: sql<boolean>`exists (select 1 from ${organisationMembers} om where om.user_id = ${users.id} and om.organisation_id = ${organisationId})`,
      conflicted: sql<boolean>`exists (select 1 from ${conflicts} c where c.user_id = ${users.id} and c.organisation_id = ${organisationId})`,
      assessed: applicationId ? assessedBy(users.id, applicationId) : sql<boolean>`false`,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "board"), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, recused: r.member ? "member" : r.conflicted ? "conflict" : r.assessed ? "assessed" : null }));
}

/** The user's relation to the application's organisation, for the policy module. */
async function factsFor(tx: Database, user: SessionUser, app: { id: string; organisationId: string; status: string }): Promise<ApplicationFacts> {
  const [facts] = await tx
    .select({
      conflicted: sql<boolean>`exists (select 1 from ${conflicts} c where c.user_id = ${user.id} and c.organisation_id = ${app.organisationId})`,
      assessed: assessedBy(sql`${user.id}`, app.id),
    })
    .from(sql`(select 1) as one`);
  return { organisationId: app.organisationId, status: app.status, conflicted: Boolean(facts.conflicted), assessed: Boolean(facts.assessed) };
}

export type VoteRow = { userId: string; name: string; vote: VoteChoice; comment: string; updatedAt: Date };

async function votesFor(tx: Database, applicationId: string): Promise<VoteRow[]> {
  return tx
    .select({ userId: boardVotes.userId, name: users.name, vote: boardVotes.vote, comment: boardVotes.comment, updatedAt: boardVotes.updatedAt })
    .from(boardVotes)
    .innerJoin(users, eq(users.id, boardVotes.userId))
    .where(eq(boardVotes.applicationId, applicationId))
    .orderBy(asc(boardVotes.createdAt));
}

export type TallyView = {
  counts: TallyCounts;
  cast: number;
  required: number;
  reached: boolean;
  majority: DecisionOutcome | null;
};

function tallyView(counts: TallyCounts): TallyView {
  const quorum = config().BOARD_QUORUM;
  return { counts, cast: votesCast(counts), required: quorumRequired(counts, quorum), reached: quorumReached(counts, quorum), majority: majorityOutcome(counts) };
}

async function currentTally(tx: Database, organisationId: string, applicationId: string) {
  const [members, votes] = await Promise.all([boardMembersFor(tx, organisationId, applicationId), votesFor(tx, applicationId)]);
  const eligible = members.filter((m) => m.recused === null).map((m) => m.id);
  return { members, votes, tally: tallyView(countVotes(votes, eligible)) };
}

/** SQL: the user had an accepted or completed reviewer assignment on the application. */
function assessedBy(userId: SQL | typeof users.id, applicationId: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${reviewerAssignments} ra where ra.reviewer_id = ${userId} and ra.application_id = ${applicationId} and ra.status in ('accepted', 'completed'))`;
}

// ---- emails to the board ---------------------------------------------------------------------------

/**
 * Ask every eligible board member to vote. Call inside the transaction that moves the application to
 * awaiting_decision (the review service's forward-to-board); recused members are not asked. The key
 * makes a repeated call harmless.
 */
export async function enqueueVoteRequests(tx: Database, applicationId: string): Promise<number> {
  const [app] = await tx
    .select({ organisationId: applications.organisationId, kind: applications.kind, organisationName: organisations.displayName })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.id, applicationId));
  if (!app) return 0;
  let sent = 0;
  for (const m of await boardMembersFor(tx, app.organisationId, applicationId)) {
    if (m.recused) continue;
    const queued = await enqueueEmail(tx, {
      template: "vote-requested",
      to: m.email,
      props: { name: m.name, organisationName: app.organisationName, kind: app.kind, voteUrl: `${config().appUrl}/board/${applicationId}` },
      idempotencyKey: `vote-requested:${applicationId}:${m.id}`,
    });
    if (queued) sent += 1;
  }
  return sent;
}

// ---- what the board reads: board-summary.server.ts ------------------------------------------------

export type QueueItem = BoardSummary & { recused: RecusalReason | null; myVote: VoteChoice | null };

/**
 * The board's queue: every application awaiting decision, with what the board needs to weigh it. A fixed
 * number of queries however long the queue is (the summaries, then the user's conflicts, assessments and votes).
 */
export async function boardQueue(db: Database, user: SessionUser): Promise<QueueItem[]> {
  if (!hasRole(user, "board")) return [];
  const apps = await db.select().from(applications).where(eq(applications.status, "awaiting_decision")).orderBy(asc(applications.updatedAt));
  if (apps.length === 0) return [];
  const ids = apps.map((a) => a.id);
  const [summaries, conflicted, assessed, mine] = await Promise.all([
    summariseMany(db, apps),
    db
      .select({ organisationId: conflicts.organisationId })
      .from(conflicts)
      .where(and(eq(conflicts.userId, user.id), inArray(conflicts.organisationId, [...new Set(apps.map((a) => a.organisationId))]))),
    db
      .select({ applicationId: reviewerAssignments.applicationId })
      .from(reviewerAssignments)
      .where(and(eq(reviewerAssignments.reviewerId, user.id), inArray(reviewerAssignments.applicationId, ids), inArray(reviewerAssignments.status, ["accepted", "completed"]))),
    db.select({ applicationId: boardVotes.applicationId, vote: boardVotes.vote }).from(boardVotes).where(and(eq(boardVotes.userId, user.id), inArray(boardVotes.applicationId, ids))),
  ]);
  const conflictedWith = new Set(conflicted.map((c) => c.organisationId));
  const assessedIds = new Set(assessed.map((a) => a.applicationId));
  const votes = new Map(mine.map((v) => [v.applicationId, v.vote]));
  return apps.map((app, i) => {
    const facts: ApplicationFacts = { organisationId: app.organisationId, status: app.status, conflicted: conflictedWith.has(app.organisationId), assessed: assessedIds.has(app.id) };
    const recused = recusalOf(user, facts);
    return { ...summaries[i], recused, myVote: recused ? null : (votes.get(app.id) ?? null) };
  });
}

function recusalOf(user: SessionUser, facts: ApplicationFacts): RecusalReason | null {
  if (user.memberships.some((m) => m.organisationId === facts.organisationId)) return "member";
  if (facts.conflicted) return "conflict";
  return facts.assessed ? "assessed" : null;
}

export type DecisionRecord = typeof decisions.$inferSelect & { recordedByName: string | null; certificateNumber: string | null };

async function decisionFor(tx: Database, applicationId: string): Promise<DecisionRecord | null> {
  const [row] = await tx
    .select({ d: decisions, recordedByName: users.name, certificateNumber: accreditations.certificateNumber })
    .from(decisions)
    .leftJoin(users, eq(users.id, decisions.recordedBy))
    .leftJoin(accreditations, eq(accreditations.decisionId, decisions.id))
    .where(eq(decisions.applicationId, applicationId));
  return row ? { ...row.d, recordedByName: row.recordedByName, certificateNumber: row.certificateNumber } : null;
}

export type BoardApplicationView =
  | { recused: RecusalReason; id: string; organisationName: string; members: BoardMember[] }
  | {
      recused: null;
      summary: BoardSummary;
      members: (BoardMember & { voted: boolean })[];
      myVote: { vote: VoteChoice; comment: string } | null;
      /** Shown only once the member has voted, so nobody is anchored by the others. */
      tally: TallyView | null;
      votes: VoteRow[] | null;
      decision: DecisionRecord | null;
      /** Mappings reviewers disputed, with staff's rulings: why coverage may read lower than the syllabus claims. */
      disputes: MappingRow[];
    };

/**
 * One application for a board member: the summary and their vote; the tally and the others' votes once
 * they have voted. A recused member sees only that they are recused. Null (404) for anyone else, and
 * for an application that never reached the board.
 */
export async function boardApplication(db: Database, user: SessionUser, applicationId: string): Promise<BoardApplicationView | null> {
  if (!hasRole(user, "board") || !isUuid(applicationId)) return null;
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const decision = await decisionFor(db, app.id);
  if (app.status !== "awaiting_decision" && !decision) return null;
  const facts = await factsFor(db, user, app);
  const recused = recusalOf(user, facts);
  // Whoever assessed the application has no vote page for it at all (separation of assessment and decision).
  if (recused === "assessed") return null;
  const { members, votes, tally } = await currentTally(db, app.organisationId, app.id);
  if (recused) {
    const [org] = await db.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, app.organisationId));
    return { recused, id: app.id, organisationName: org.name, members };
  }
  const mine = votes.find((v) => v.userId === user.id) ?? null;
  const revealed = mine !== null || decision !== null;
  return {
    recused: null,
    summary: await summarise(db, app),
    disputes: (await coverageOf(db, app.id, app.frameworkId)).mappings.filter((m) => m.disputes.length > 0),
    members: members.map((m) => ({ ...m, voted: votes.some((v) => v.userId === m.id) })),
    myVote: mine ? { vote: mine.vote, comment: mine.comment } : null,
    tally: revealed ? (decision ? tallyView(decision.tally) : tally) : null,
    votes: revealed ? votes.filter((v) => members.some((m) => m.id === v.userId && m.recused === null)) : null,
    decision,
  };
}

/**
 * Cast or change a vote. One vote per member (the unique index picks the first), changeable until the
 * decision is recorded. The row lock on the application orders votes against the decision: a vote
 * either lands before the decision reads the tally, or sees the application decided and is refused.
 */
export async function castVote(
  db: Database,
  user: SessionUser,
  applicationId: string,
  input: { vote: VoteChoice; comment: string },
): Promise<Outcome<{ changed: boolean; already: boolean }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      if (!isUuid(applicationId)) refuse(404, "No such application.");
      const [app] = await tx
        .select({ id: applications.id, organisationId: applications.organisationId, status: applications.status })
        .from(applications)
        .where(eq(applications.id, applicationId))
        .for("share");
      if (!app || !hasRole(user, "board")) refuse(404, "No such application.");
      const facts = await factsFor(tx, user, app);
      const recused = recusalOf(user, facts);
      if (recused === "member") refuse(409, "You are recused: you belong to the applying organisation, so you cannot vote on its application.");
      if (recused === "conflict") refuse(409, "You are recused: you declared a conflict of interest with this organisation, so you cannot vote on its application.");
      if (recused === "assessed") refuse(404, "No such application.");
      if (app.status !== "awaiting_decision") refuse(409, "The decision on this application has been recorded; votes can no longer be cast or changed.");
      if (!can(user, "application:vote", { kind: "application", ...facts })) refuse(404, "No such application.");
      const at = now();
      const where = and(eq(boardVotes.applicationId, app.id), eq(boardVotes.userId, user.id));
      // The first vote is the insert that wins the unique index; simultaneous identical votes wait for it and insert nothing.
      const first = await tx
        .insert(boardVotes)
        .values({ applicationId: app.id, userId: user.id, vote: input.vote, comment: input.comment, createdAt: at, updatedAt: at })
        .onConflictDoNothing({ target: [boardVotes.applicationId, boardVotes.userId] })
        .returning({ id: boardVotes.id });
      if (first.length === 1) {
        await recordAudit(tx, { actorId: user.id, action: "board.vote_cast", entityType: "application", entityId: app.id, data: { vote: input.vote } });
        return { changed: false, already: false };
      }
      // A vote exists: read it under a row lock, and change (and audit) it only if this one differs.
      const [before] = await tx.select({ vote: boardVotes.vote, comment: boardVotes.comment }).from(boardVotes).where(where).for("update");
      if (before.vote === input.vote && before.comment === input.comment) return { changed: false, already: true };
      await tx.update(boardVotes).set({ vote: input.vote, comment: input.comment, updatedAt: at }).where(where);
      await recordAudit(tx, { actorId: user.id, action: "board.vote_changed", entityType: "application", entityId: app.id, data: { from: before.vote, to: input.vote } });
      return { changed: true, already: false };
    }),
  );
}

// ---- the decision --------------------------------------------------------------------------------------

export type DecisionView = {
  summary: BoardSummary;
  members: (BoardMember & { vote: VoteChoice | null; comment: string })[];
  tally: TallyView;
  decision: DecisionRecord | null;
  canDecide: boolean;
};

/** Staff's view of the decision: every vote with its comment, the tally, quorum, majority, or the recorded decision. */
export async function decisionView(db: Database, user: SessionUser, applicationId: string): Promise<DecisionView | null> {
  if (!hasRole(user, "staff") || !isUuid(applicationId)) return null;
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const decision = await decisionFor(db, app.id);
  if (app.status !== "awaiting_decision" && !decision) return null;
  const facts = await factsFor(db, user, app);
  if (recusalOf(user, facts)) return null;
  const { members, votes, tally } = await currentTally(db, app.organisationId, app.id);
  return {
    summary: await summarise(db, app),
    members: members.map((m) => {
      const v = votes.find((x) => x.userId === m.id);
      return { ...m, vote: v?.vote ?? null, comment: v?.comment ?? "" };
    }),
    tally: decision ? tallyView(decision.tally) : tally,
    decision,
    canDecide: can(user, "application:decide", { kind: "application", ...facts }),
  };
}

export type DecisionInput = { outcome: DecisionOutcome; conditions: string; rationale: string; meetingReference: string };

/**
 * Record the board's decision. Compare-and-set from awaiting_decision first, so of any number of
 * simultaneous requests exactly one proceeds (the others wait on the row, then find it decided); then
 * the tally is read under that lock, checked for quorum and majority, and stored with the decision.
 */
export async function recordDecision(
  db: Database,
  user: SessionUser,
  applicationId: string,
  input: DecisionInput,
): Promise<Outcome<{ decisionId: string; outcome: DecisionOutcome; certificateNumber: string | null }>> {
  try {
    return await attempt(() =>
      db.transaction(async (tx) => {
        if (!isUuid(applicationId)) refuse(404, "No such application.");
        const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId));
        if (!app || !hasRole(user, "staff")) refuse(404, "No such application.");
        const facts = await factsFor(tx, user, app);
        if (recusalOf(user, facts)) refuse(409, "You are recused from this application (a member of the organisation, a declared conflict, or you reviewed it), so you cannot record its decision.");
        // Compare-and-set first: of simultaneous requests one moves on, and reads the tally under that lock.
        // Audited below, with the decision it recorded.
        const move = await moveApplication(tx, app, {
          action: "record_decision",
          role: "staff",
          actorId: user.id,
          outcome: input.outcome,
          set: { decidedAt: now() },
          messages: {
            notAllowed: app.status === "accredited" || app.status === "rejected" ? "The decision on this application has already been recorded." : undefined,
            raceLost: "Someone else recorded the decision on this application a moment ago. Reload to see it.",
          },
        });
        const at = move.at;

        const { tally } = await currentTally(tx, app.organisationId, app.id);
        const check = checkDecision(tally.counts, config().BOARD_QUORUM, input);
        if (!check.ok) refuse(400, check.message, { [check.field]: check.message });

        const [decision] = await tx
          .insert(decisions)
          .values({
            applicationId: app.id,
            outcome: input.outcome,
            conditions: input.outcome === "accredited" ? input.conditions : "",
            rationale: input.rationale,
            meetingReference: input.meetingReference,
            tally: tally.counts,
            recordedBy: user.id,
            createdAt: at,
          })
          .returning();
        await recordAudit(tx, {
          actorId: user.id,
          action: "application.decided",
          entityType: "application",
          entityId: app.id,
          data: {
            from: app.status,
            to: move.to,
            decisionId: decision.id,
            outcome: input.outcome,
            tally: tally.counts,
            againstMajority: check.againstMajority,
            meetingReference: input.meetingReference,
          },
        });

        const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, app.organisationId));
        const recipients = await organisationRecipients(tx, app.organisationId);
        const dashboardUrl = `${config().appUrl}/provider`;
        if (input.outcome === "accredited") {
          const accreditation = await issueAccreditation(tx, {
            application: app,
            decisionId: decision.id,
            conditions: decision.conditions,
            actorId: user.id,
          });
          for (const r of recipients) {
            await enqueueEmail(tx, {
              template: "decision-accredited",
              to: r.email,
              props: {
                name: r.name,
                organisationName: org.name,
                certificateNumber: accreditation.certificateNumber,
                validFrom: accreditation.validFrom,
                validUntil: accreditation.validUntil,
                conditions: accreditation.conditions,
                verifyUrl: `${config().appUrl}/verify/${accreditation.certificateNumber}`,
                certificateUrl: `${config().appUrl}/provider/accreditations/${accreditation.id}/certificate`,
              },
              idempotencyKey: `decision:${decision.id}:${r.id}`,
            });
          }
          return { decisionId: decision.id, outcome: input.outcome, certificateNumber: accreditation.certificateNumber };
        }
        for (const r of recipients) {
          await enqueueEmail(tx, {
            template: "decision-rejected",
            to: r.email,
            props: { name: r.name, organisationName: org.name, rationale: decision.rationale, dashboardUrl },
            idempotencyKey: `decision:${decision.id}:${r.id}`,
          });
        }
        return { decisionId: decision.id, outcome: input.outcome, certificateNumber: null };
      }),
    );
  } catch (error) {
    // The compare-and-set already serialises decisions; the unique index is the last line of defence.
    if (isUniqueViolation(error)) return refused(409, "The decision on this application has already been recorded.");
    throw error;
  }
}

/** The recorded decision of an application of the user's organisation (the provider sees the rationale). */
export async function decisionForMember(db: Database, user: SessionUser, applicationId: string) {
  if (!isUuid(applicationId)) return null;
  const [app] = await db.select({ organisationId: applications.organisationId }).from(applications).where(eq(applications.id, applicationId));
  if (!app || !user.memberships.some((m) => m.organisationId === app.organisationId)) return null;
  const d = await decisionFor(db, applicationId);
  if (!d) return null;
  return { outcome: d.outcome, conditions: d.conditions, rationale: d.rationale, decidedAt: d.createdAt, certificateNumber: d.certificateNumber };
}

/** Recently decided applications, for the board's record. */
export async function recentDecisions(db: Database, user: SessionUser, limit = 10) {
  if (!hasRole(user, "board")) return [];
  return db
    .select({
      applicationId: decisions.applicationId,
      outcome: decisions.outcome,
      decidedAt: decisions.createdAt,
      organisationName: organisations.displayName,
      certificateNumber: accreditations.certificateNumber,
    })
    .from(decisions)
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .leftJoin(accreditations, eq(accreditations.decisionId, decisions.id))
    .orderBy(desc(decisions.createdAt))
    .limit(limit);
}
