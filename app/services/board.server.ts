/**
 * The board member's side: the queue of applications awaiting decision, one application with its summary
 * and (once they have voted) the tally, and casting a vote — recusal enforced here, not in the UI.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { applications, boardVotes, conflicts, organisations } from "../../db/schema";
import { can, hasRole, type SessionUser } from "~/domain/policy";
import { quorumRequired, type VoteChoice } from "~/domain/tally";
import type { Aggregate, Recommendation } from "~/domain/scoring";
import { CORE_COVERAGE_TARGET, corePercent } from "~/domain/coverage";
import { config } from "~/config.server";
import { isUuid } from "~/domain/forms";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import type { Database } from "./db.server";
import type { ApplicationKind } from "../../db/schema/enums";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { disputedMappingsOf, type MappingRow } from "./review.server";
import { coreCoverageCounts, scoresMany, summarise, type BoardSummary } from "./board-summary.server";
import { assessedBy, currentTally, eligibleVoteCounts, factsFor, recusalOf, tallyView, type BoardMember, type RecusalReason, type TallyView, type VoteRow } from "./board-members.server";
import { loadBoardApplication, type DecisionRecord } from "./board-decision.server";

/** What a board member needs to pick an application from the queue; the whole summary is on /board/:id. */
export type QueueItem = {
  id: string;
  organisationName: string;
  kind: ApplicationKind;
  currentRevision: number;
  submittedAt: Date | null;
  /** When it last moved (forwarded to the board): the queue is oldest first. */
  waitingSince: Date;
  recused: RecusalReason | null;
  myVote: VoteChoice | null;
  /** Votes cast by eligible members, and the votes the quorum needs (counts only, never who voted how). */
  votes: { cast: number; required: number };
  /** Scores and coverage in brief; null when the member is recused (they see none of its details). */
  brief: {
    weightedTotal: number | null;
    reviewCount: number;
    flaggedCount: number;
    recommendations: Partial<Record<Recommendation, number>>;
    courses: number;
    coursesBelowTarget: number;
  } | null;
};

/**
 * The board's queue: every application awaiting decision, oldest first, in brief. A fixed number of queries
 * however long the queue is (the summaries of the applications the member may weigh, then the member's
 * conflicts, assessments and votes, and the vote counts).
 */
export async function boardQueue(db: Database, user: SessionUser): Promise<QueueItem[]> {
  if (!hasRole(user, "board")) return [];
  // The applications with what this member's recusal and vote need, in one statement (it was five).
  const rows = await db
    .select({
      app: applications,
      organisationName: organisations.displayName,
      conflicted: sql<boolean>`exists (select 1 from ${conflicts} c where c.user_id = ${user.id} and c.organisation_id = ${applications.organisationId})`,
      assessed: assessedBy(sql`${user.id}`, sql`${applications.id}`),
      myVote: sql<VoteChoice | null>`(select v.vote from ${boardVotes} v where v.user_id = ${user.id} and v.application_id = ${applications.id})`,
    })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.status, "awaiting_decision"))
    .orderBy(asc(applications.updatedAt));
  if (rows.length === 0) return [];
  const apps = rows.map((r) => r.app);
  const recusals = rows.map(({ app, conflicted, assessed }) =>
    recusalOf(user, { organisationId: app.organisationId, status: app.status, conflicted: Boolean(conflicted), assessed: Boolean(assessed) }),
  );
  // Scores and coverage only of what the member may weigh.
  const weighed = apps.filter((_, i) => recusals[i] === null);
  const ids = apps.map((a) => a.id);
  const [scores, coverage, counts] = await Promise.all([scoresMany(db, weighed), coreCoverageCounts(db, weighed.map((a) => a.id)), eligibleVoteCounts(db, ids)]);
  const quorum = config().BOARD_QUORUM;
  return rows.map(({ app, organisationName, myVote }, i) => {
    const recused = recusals[i];
    const score = scores.get(app.id);
    const count = counts.get(app.id) ?? { eligible: 0, cast: 0 };
    return {
      id: app.id,
      organisationName,
      kind: app.kind,
      currentRevision: app.currentRevision,
      submittedAt: app.submittedAt,
      waitingSince: app.updatedAt,
      recused,
      myVote: recused ? null : myVote,
      votes: { cast: count.cast, required: quorumRequired(count, quorum) },
      brief: score ? briefOf(score, coverage.get(app.id) ?? []) : null,
    };
  });
}

function briefOf(
  { aggregate, recommendations: reviews }: { aggregate: Aggregate; recommendations: { recommendation: Recommendation | null }[] },
  courses: { coreInScope: number; coreCovered: number }[],
): NonNullable<QueueItem["brief"]> {
  const recommendations: Partial<Record<Recommendation, number>> = {};
  for (const r of reviews) if (r.recommendation) recommendations[r.recommendation] = (recommendations[r.recommendation] ?? 0) + 1;
  return {
    weightedTotal: aggregate.weightedTotal,
    reviewCount: aggregate.reviewCount,
    flaggedCount: aggregate.flaggedCount,
    recommendations,
    courses: courses.length,
    coursesBelowTarget: courses.filter((c) => corePercent(c.coreInScope, c.coreCovered) < CORE_COVERAGE_TARGET).length,
  };
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
  if (!hasRole(user, "board")) return null;
  const loaded = await loadBoardApplication(db, user, applicationId);
  if (!loaded) return null;
  const { app, decision, facts } = loaded;
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
  const [summary, disputes] = await Promise.all([summarise(db, app), disputedMappingsOf(db, app.id)]);
  return {
    recused: null,
    summary,
    disputes,
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
