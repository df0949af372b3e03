/**
 * Who took which part in an application's decision, read from the records the workflow writes:
 * reviewer assignments (assessment), board votes, the recorded decision, declared conflicts and
 * memberships. The board and appeal services ask `involvementOf` before letting anyone vote or sit on a
 * panel; staff read the whole picture per decision in `impartialityReport`.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { applications, boardVotes, conflicts, decisions, organisationMembers, organisations, reviewerAssignments, userRoles, users } from "../../db/schema";
import { findings, NO_INVOLVEMENT, type Finding, type Involvement, type ReportPerson } from "~/domain/impartiality";
import { can, type SessionUser } from "~/domain/policy";
import { attempt, refuse, refused, type Outcome } from "~/domain/outcome";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { anyOfIds } from "../../db/client.server";
import { now } from "./clock.server";
import { isUuid } from "~/domain/forms";

/**
 * The part each of `userIds` had in the application (member, conflict, assessed, voted, decided). One
 * query per kind of record, so a whole board is checked in a handful of round trips.
 */
export async function involvementsIn(tx: Database, applicationId: string, userIds: string[]): Promise<Map<string, Involvement>> {
  const out = new Map<string, Involvement>(userIds.map((id) => [id, { ...NO_INVOLVEMENT }]));
  if (userIds.length === 0) return out;
  const [app] = await tx.select({ organisationId: applications.organisationId }).from(applications).where(eq(applications.id, applicationId));
  if (!app) return out;
  const [members, declared, assessed, voted, decided] = await Promise.all([
    tx
      .select({ userId: organisationMembers.userId })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, app.organisationId), anyOfIds(organisationMembers.userId, userIds))),
    tx.select({ userId: conflicts.userId }).from(conflicts).where(and(eq(conflicts.organisationId, app.organisationId), anyOfIds(conflicts.userId, userIds))),
    tx
      .select({ userId: reviewerAssignments.reviewerId })
      .from(reviewerAssignments)
      .where(and(eq(reviewerAssignments.applicationId, applicationId), inArray(reviewerAssignments.status, ["accepted", "completed"]), anyOfIds(reviewerAssignments.reviewerId, userIds))),
    tx.select({ userId: boardVotes.userId }).from(boardVotes).where(and(eq(boardVotes.applicationId, applicationId), anyOfIds(boardVotes.userId, userIds))),
    tx.select({ userId: decisions.recordedBy }).from(decisions).where(eq(decisions.applicationId, applicationId)),
  ]);
  const mark = (rows: { userId: string | null }[], key: keyof Involvement) => {
    for (const r of rows) {
      const inv = r.userId ? out.get(r.userId) : undefined;
      if (inv) inv[key] = true;
    }
  };
  mark(members, "member");
  mark(declared, "conflicted");
  mark(assessed, "assessed");
  mark(voted, "voted");
  mark(decided, "decided");
  return out;
}

export async function involvementOf(tx: Database, applicationId: string, userId: string): Promise<Involvement> {
  return (await involvementsIn(tx, applicationId, [userId])).get(userId) ?? { ...NO_INVOLVEMENT };
}

export type ImpartialityReport = {
  applicationId: string;
  organisationName: string;
  status: string;
  decision: { outcome: string; decidedAt: Date; recordedByName: string | null } | null;
  people: ReportPerson[];
  findings: Finding[];
};

/**
 * Staff's impartiality report of one application: who assessed it, who voted, who recorded the decision,
 * every conflict declared with the organisation, and any breach of the separation rule. Null (→ 404) for
 * anyone the policy does not let read it.
 */
export async function impartialityReport(db: Database, user: SessionUser, applicationId: string): Promise<ImpartialityReport | null> {
  if (!isUuid(applicationId)) return null;
  const [app] = await db
    .select({ id: applications.id, organisationId: applications.organisationId, status: applications.status, organisationName: organisations.displayName })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.id, applicationId));
  if (!app || !can(user, "application:impartiality", { kind: "application", organisationId: app.organisationId, status: app.status })) return null;

  const [assignments, votes, [decision], declared] = await Promise.all([
    db
      .select({ userId: reviewerAssignments.reviewerId, status: reviewerAssignments.status, declaration: reviewerAssignments.conflictDeclaration })
      .from(reviewerAssignments)
      .where(eq(reviewerAssignments.applicationId, app.id)),
    db.select({ userId: boardVotes.userId, vote: boardVotes.vote }).from(boardVotes).where(eq(boardVotes.applicationId, app.id)),
    db.select({ outcome: decisions.outcome, decidedAt: decisions.createdAt, recordedBy: decisions.recordedBy }).from(decisions).where(eq(decisions.applicationId, app.id)),
    db.select({ userId: conflicts.userId, note: conflicts.note }).from(conflicts).where(eq(conflicts.organisationId, app.organisationId)),
  ]);
  const ids = [...new Set([...assignments.map((a) => a.userId), ...votes.map((v) => v.userId), ...declared.map((c) => c.userId), ...(decision?.recordedBy ? [decision.recordedBy] : [])])];
  const [involvements, named, roles] = await Promise.all([
    involvementsIn(db, app.id, ids),
    ids.length ? db.select({ id: users.id, name: users.name }).from(users).where(anyOfIds(users.id, ids)).orderBy(asc(users.name)) : Promise.resolve([]),
    ids.length ? db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(anyOfIds(userRoles.userId, ids)) : Promise.resolve([]),
  ]);
  const people: ReportPerson[] = named.map((u) => {
    const assignment = assignments.find((a) => a.userId === u.id);
    return {
      userId: u.id,
      name: u.name,
      roles: roles.filter((r) => r.userId === u.id).map((r) => r.role),
      involvement: involvements.get(u.id) ?? { ...NO_INVOLVEMENT },
      assignment: assignment ? { status: assignment.status, declaration: assignment.declaration } : null,
      vote: votes.find((v) => v.userId === u.id)?.vote ?? null,
      conflictNote: declared.find((c) => c.userId === u.id)?.note ?? null,
    };
  });
  const recordedByName = decision?.recordedBy ? (named.find((u) => u.id === decision.recordedBy)?.name ?? null) : null;
  return {
    applicationId: app.id,
    organisationName: app.organisationName,
    status: app.status,
    decision: decision ? { outcome: decision.outcome, decidedAt: decision.decidedAt, recordedByName } : null,
    people,
    findings: findings(people.map((p) => ({ userId: p.userId, name: p.name, involvement: p.involvement }))),
  };
}

/** Declared conflicts of a person, whatever roles they hold: they bar reviewing, voting, deciding and appeals alike. */
export async function conflictsOf(db: Database, userId: string) {
  return db
    .select({ id: conflicts.id, organisationId: conflicts.organisationId, organisationName: organisations.displayName, note: conflicts.note, createdAt: conflicts.createdAt })
    .from(conflicts)
    .innerJoin(organisations, eq(organisations.id, conflicts.organisationId))
    .where(eq(conflicts.userId, userId))
    .orderBy(asc(organisations.displayName));
}

/**
 * A foundation member (reviewer, board or staff) declares a conflict with an organisation. It is stored
 * once per person and organisation and bars every role they hold; declaring it again changes nothing.
 */
export async function declareConflict(db: Database, user: SessionUser, input: { organisationId: string; note: string }): Promise<Outcome<{ created: boolean }>> {
  if (user.roles.length === 0) return refused(404, "Not found.");
  if (!isUuid(input.organisationId)) return refused(400, "Choose an organisation.", { organisationId: "Choose an organisation" });
  return attempt(() =>
    db.transaction(async (tx) => {
      const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
      if (!org) refuse(400, "Choose an organisation.", { organisationId: "Choose an organisation" });
      const inserted = await tx
        .insert(conflicts)
        .values({ userId: user.id, organisationId: org.id, note: input.note, createdAt: now() })
        .onConflictDoNothing()
        .returning({ id: conflicts.id });
      if (inserted.length === 0) return { created: false };
      await recordAudit(tx, { actorId: user.id, action: "conflict.declared", entityType: "organisation", entityId: org.id, data: { note: input.note, roles: user.roles } });
      return { created: true };
    }),
  );
}

/** Every organisation, for choosing one to declare a conflict with. */
export async function organisationChoices(db: Database) {
  return db.select({ id: organisations.id, name: organisations.displayName }).from(organisations).orderBy(asc(organisations.displayName));
}
