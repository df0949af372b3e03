/**
 * Who sits on the board for an application: active board members, each marked recused when they belong
 * to the organisation, declared a conflict with it, or assessed the application (domain/impartiality.ts);
 * the votes cast and the tally of the eligible ones; the asking of every eligible member to vote.
 */
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { applications, boardVotes, conflicts, organisationMembers, organisations, reviewerAssignments, userRoles, users } from "../../db/schema";
import type { ApplicationFacts, SessionUser } from "~/domain/policy";
import { countVotes, majorityOutcome, quorumReached, quorumRequired, votesCast, type DecisionOutcome, type TallyCounts, type VoteChoice } from "~/domain/tally";
import { config } from "~/config.server";
import { anyOfIds, queryRows } from "../../db/client.server";
import type { Database } from "./db.server";
import { enqueueEmail } from "./emails.server";

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
export async function factsFor(tx: Database, user: SessionUser, app: { id: string; organisationId: string; status: string }): Promise<ApplicationFacts> {
  const [facts] = await tx
    .select({
      conflicted: sql<boolean>`exists (select 1 from ${conflicts} c where c.user_id = ${user.id} and c.organisation_id = ${app.organisationId})`,
      assessed: assessedBy(sql`${user.id}`, app.id),
    })
    .from(sql`(select 1) as one`);
  return { organisationId: app.organisationId, status: app.status, conflicted: Boolean(facts.conflicted), assessed: Boolean(facts.assessed) };
}


export function recusalOf(user: SessionUser, facts: ApplicationFacts): RecusalReason | null {
  if (user.memberships.some((m) => m.organisationId === facts.organisationId)) return "member";
  if (facts.conflicted) return "conflict";
  return facts.assessed ? "assessed" : null;
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

export function tallyView(counts: TallyCounts): TallyView {
  const quorum = config().BOARD_QUORUM;
  return { counts, cast: votesCast(counts), required: quorumRequired(counts, quorum), reached: quorumReached(counts, quorum), majority: majorityOutcome(counts) };
}

export async function currentTally(tx: Database, organisationId: string, applicationId: string) {
  const [members, votes] = await Promise.all([boardMembersFor(tx, organisationId, applicationId), votesFor(tx, applicationId)]);
  const eligible = members.filter((m) => m.recused === null).map((m) => m.id);
  return { members, votes, tally: tallyView(countVotes(votes, eligible)) };
}

/**
 * Per application: how many board members are eligible to vote (the same recusal as `boardMembersFor`) and how
 * many of them have voted. One query for any number of applications.
 */
export async function eligibleVoteCounts(tx: Database, applicationIds: string[]): Promise<Map<string, { eligible: number; cast: number }>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await queryRows<{ application_id: string; eligible: number; cast: number }>(
    tx,
    sql`select a.id as application_id, count(*)::int as eligible, count(v.id)::int as cast
        from ${applications} a
        join ${userRoles} r on r.role = 'board'
        join ${users} u on u.id = r.user_id and u.disabled_at is null
        left join ${boardVotes} v on v.application_id = a.id and v.user_id = u.id
        where ${anyOfIds(sql`a.id`, applicationIds)}
          and not exists (select 1 from ${organisationMembers} om where om.user_id = u.id and om.organisation_id = a.organisation_id)
          and not exists (select 1 from ${conflicts} c where c.user_id = u.id and c.organisation_id = a.organisation_id)
          and not ${assessedBy(sql`u.id`, sql`a.id`)}
        group by a.id`,
  );
  return new Map(rows.map((r) => [r.application_id, { eligible: Number(r.eligible), cast: Number(r.cast) }]));
}

/** SQL: the user had an accepted or completed reviewer assignment on the application. */
export function assessedBy(userId: SQL | typeof users.id, applicationId: SQL | string): SQL<boolean> {
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
