/**
 * Batch reviewer assignment: staff pick submitted applications, the solver (domain/auto-assign.ts) proposes
 * reviewers by expertise under load limits and conflicts, staff read the proposal, and approving it creates
 * every assignment through `createAssignmentIn` (audit + email each) in one transaction, exactly once.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  applications,
  assignmentProposals,
  conflicts,
  organisationMembers,
  organisations,
  reviewerAssignments,
  userRoles,
  users,
  type ProposalPair,
} from "../../db/schema";
import { expertiseScore, solveAssignment } from "~/domain/auto-assign";
import { proposalTransition, type ProposalAction, type ProposeInput } from "~/domain/assignment-proposals";
import { can, membershipOf, type SessionUser } from "~/domain/policy";
import { attempt, ok, refuse, refused, type Outcome } from "~/domain/outcome";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { lockKeys } from "./rate-limit.server";
import { ASSIGNABLE, createAssignmentIn, dueDateFrom, holdsReviewerRole, reviewerPool } from "./staff-applications.server";
import { isUuid } from "~/domain/forms";

const ACTIVE_ASSIGNMENT = ["pending", "accepted", "completed"] as const;

/** Submitted applications staff may assign (none of their own organisation's), with how many reviewers each has. */
export async function assignmentBatch(db: Database, user: SessionUser) {
  const rows = await db
    .select({
      id: applications.id,
      organisationId: applications.organisationId,
      organisationName: organisations.displayName,
      submittedAt: applications.submittedAt,
      assigned: sql<number>`(select count(*)::int from ${reviewerAssignments} ra where ra.application_id = ${applications.id} and ra.status in ('pending','accepted','completed'))`,
    })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.status, "submitted"))
    .orderBy(applications.submittedAt, organisations.displayName);
  const proposals = await db
    .select({ id: assignmentProposals.id, status: assignmentProposals.status, createdAt: assignmentProposals.createdAt, pairs: assignmentProposals.pairs, applicationIds: assignmentProposals.applicationIds })
    .from(assignmentProposals)
    .orderBy(desc(assignmentProposals.createdAt))
    .limit(10);
  return {
    applications: rows.filter((r) => membershipOf(user, r.organisationId) === null),
    proposals: proposals.map((p) => ({ id: p.id, status: p.status, createdAt: p.createdAt, applications: p.applicationIds.length, assignments: p.pairs.length })),
  };
}

export async function proposeAssignments(db: Database, user: SessionUser, input: ProposeInput): Promise<Outcome<{ id: string }>> {
  if (!can(user, "staff:access")) return refused(404, "Not found.");
  const due = dueDateFrom(input.dueDate);
  if (due <= now()) return refused(400, "The due date must be in the future.", { dueDate: "Choose a due date in the future" });
  const ids = [...new Set(input.applicationIds)];
  const apps = await db
    .select({ id: applications.id, organisationId: applications.organisationId, status: applications.status })
    .from(applications)
    .where(inArray(applications.id, ids));
  const usable = apps.filter((a) => ASSIGNABLE.includes(a.status) && can(user, "application:assign", { kind: "application", organisationId: a.organisationId, status: a.status }));
  if (usable.length !== ids.length) {
    return refused(409, "An application you chose no longer waits for reviewers. Reload the page and choose again.", { applicationIds: "Choose from the applications listed" });
  }
  const orgIds = [...new Set(usable.map((a) => a.organisationId))];
  const pool = await reviewerPool(db, ids, orgIds);

  const areas = new Map<string, string[]>();
  for (const r of pool.areas) areas.set(r.applicationId, [...(areas.get(r.applicationId) ?? []), r.code]);
  const load = new Map(pool.loads.map((l) => [l.reviewerId, l.n]));
  const blocked = new Set([...pool.members, ...pool.declared].map((m) => `${m.organisationId}:${m.userId}`));
  const existing = new Set(pool.assigned.map((a) => `${a.applicationId}:${a.reviewerId}`));
  const activeCount = new Map<string, number>();
  for (const a of pool.assigned) if ((ACTIVE_ASSIGNMENT as readonly string[]).includes(a.status)) activeCount.set(a.applicationId, (activeCount.get(a.applicationId) ?? 0) + 1);

  const ordered = ids.map((id) => usable.find((a) => a.id === id)!);
  const instance = {
    applications: ordered.map((a) => ({ id: a.id, needed: Math.max(0, input.reviewersPerApplication - (activeCount.get(a.id) ?? 0)) })),
    reviewers: pool.reviewers.map((r) => ({ id: r.id, load: load.get(r.id) ?? 0, capacity: Math.max(0, input.maxLoad - (load.get(r.id) ?? 0)) })),
    score: ordered.map((a) =>
      pool.reviewers.map((r) =>
        blocked.has(`${a.organisationId}:${r.id}`) || existing.has(`${a.id}:${r.id}`) ? null : expertiseScore(r.expertise, areas.get(a.id) ?? []),
      ),
    ),
  };
  const plan = solveAssignment(instance);
  const pairs: ProposalPair[] = plan.pairs.map((p) => {
    const reviewer = pool.reviewers[p.reviewer];
    const appAreas = new Set((areas.get(ordered[p.application].id) ?? []).map((a) => a.toUpperCase()));
    return { applicationId: ordered[p.application].id, reviewerId: reviewer.id, score: p.score, matches: reviewer.expertise.filter((e) => appAreas.has(e.toUpperCase())) };
  });
  return db.transaction(async (tx) => {
    // The same proposal asked for again while it awaits approval (a double click; fifty requests at once, which take
    // turns on this lock) is the one already made, not another beside it: the same applications and settings, and the
    // same plan (a plan that changed since, with a new conflict or load, is a new proposal). Decision 057.
    await lockKeys(tx, ["assignment-proposals"]);
    const planOf = (list: ProposalPair[]) => list.map((p) => `${p.applicationId}:${p.reviewerId}`).sort().join(" ");
    const waiting = await tx
      .select({ id: assignmentProposals.id, applicationIds: assignmentProposals.applicationIds, pairs: assignmentProposals.pairs })
      .from(assignmentProposals)
      .where(
        and(
          eq(assignmentProposals.status, "proposed"),
          eq(assignmentProposals.reviewersPerApplication, input.reviewersPerApplication),
          eq(assignmentProposals.maxLoad, input.maxLoad),
          eq(assignmentProposals.dueAt, due),
        ),
      );
    const same = waiting.find((p) => p.applicationIds.length === ids.length && p.applicationIds.every((id) => ids.includes(id)) && planOf(p.pairs) === planOf(pairs));
    if (same) return ok({ id: same.id });
    const [row] = await tx
      .insert(assignmentProposals)
      .values({
        applicationIds: ids,
        reviewersPerApplication: input.reviewersPerApplication,
        maxLoad: input.maxLoad,
        dueAt: due,
        pairs,
        shortfall: plan.shortfall.map((s) => ({ applicationId: ordered[s.application].id, missing: s.missing })),
        totalScore: plan.totalScore,
        createdBy: user.id,
        createdAt: now(),
      })
      .returning({ id: assignmentProposals.id });
    await recordAudit(tx, {
      actorId: user.id,
      action: "assignment.proposed",
      entityType: "assignment_proposal",
      entityId: row.id,
      data: { applications: ids.length, assignments: pairs.length, totalScore: plan.totalScore, reviewersPerApplication: input.reviewersPerApplication, maxLoad: input.maxLoad },
    });
    return ok({ id: row.id });
  });
}

/** The proposal as staff read it: per application, the proposed reviewers and why; null when there is none. */
export async function proposalView(db: Database, user: SessionUser, id: string) {
  if (!can(user, "staff:access") || !isUuid(id)) return null;
  const [proposal] = await db.select().from(assignmentProposals).where(eq(assignmentProposals.id, id));
  if (!proposal) return null;
  const people = [...new Set([...proposal.pairs.map((p) => p.reviewerId), proposal.createdBy, ...(proposal.decidedBy ? [proposal.decidedBy] : [])])];
  const [appRows, userRows] = await Promise.all([
    db
      .select({ id: applications.id, status: applications.status, organisationName: organisations.displayName })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.organisationId))
      .where(inArray(applications.id, proposal.applicationIds)),
    db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, people)),
  ]);
  const nameOf = new Map(userRows.map((u) => [u.id, u.name]));
  return {
    id: proposal.id,
    status: proposal.status,
    createdAt: proposal.createdAt,
    createdBy: nameOf.get(proposal.createdBy) ?? "",
    decidedBy: proposal.decidedBy ? (nameOf.get(proposal.decidedBy) ?? "") : null,
    decidedAt: proposal.decidedAt,
    dueAt: proposal.dueAt,
    reviewersPerApplication: proposal.reviewersPerApplication,
    maxLoad: proposal.maxLoad,
    totalScore: proposal.totalScore,
    applications: proposal.applicationIds.map((appId) => {
      const app = appRows.find((a) => a.id === appId);
      return {
        id: appId,
        organisationName: app?.organisationName ?? "(removed)",
        status: app?.status ?? null,
        missing: proposal.shortfall.find((s) => s.applicationId === appId)?.missing ?? 0,
        reviewers: proposal.pairs.filter((p) => p.applicationId === appId).map((p) => ({ id: p.reviewerId, name: nameOf.get(p.reviewerId) ?? "", score: p.score, matches: p.matches })),
      };
    }),
  };
}

export async function decideProposal(db: Database, user: SessionUser, id: string, action: ProposalAction): Promise<Outcome<{ assignments: number }>> {
  if (!can(user, "staff:access") || !isUuid(id)) return refused(404, "Proposal not found.");
  const [proposal] = await db.select().from(assignmentProposals).where(eq(assignmentProposals.id, id));
  if (!proposal) return refused(404, "Proposal not found.");
  const t = proposalTransition(proposal.status, action, "staff");
  if (!t.ok) return refused(409, t.message);
  return attempt(async () =>
    db.transaction(async (tx) => {
      await setIfStatusUnchanged(tx, assignmentProposals, proposal, { status: t.to, decidedBy: user.id, decidedAt: now() });
      const made = action === "approve" ? await createProposedAssignments(tx, user, proposal) : 0;
      await recordAudit(tx, {
        actorId: user.id,
        action: action === "approve" ? "assignment.proposal_approved" : "assignment.proposal_discarded",
        entityType: "assignment_proposal",
        entityId: id,
        data: { from: proposal.status, to: t.to, assignments: made },
      });
      return { assignments: made };
    }),
  );
}

/**
 * Every proposed pair through the one assignment path. Anything that changed since the proposal (an
 * application moved on, a reviewer left or declared a conflict, someone assigned by hand) refuses the whole
 * approval, so staff never send half a plan they did not see.
 */
async function createProposedAssignments(tx: Database, user: SessionUser, proposal: typeof assignmentProposals.$inferSelect): Promise<number> {
  const appIds = [...new Set(proposal.pairs.map((p) => p.applicationId))];
  const reviewerIds = [...new Set(proposal.pairs.map((p) => p.reviewerId))];
  if (appIds.length === 0) return 0;
  const [apps, reviewers, members, declared] = await Promise.all([
    tx
      .select({ id: applications.id, status: applications.status, organisationId: applications.organisationId, organisationName: organisations.displayName })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.organisationId))
      .where(inArray(applications.id, appIds))
      .for("update", { of: applications }),
    tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .innerJoin(userRoles, holdsReviewerRole)
      .where(and(inArray(users.id, reviewerIds), isNull(users.disabledAt))),
    tx.select({ userId: organisationMembers.userId, organisationId: organisationMembers.organisationId }).from(organisationMembers).where(inArray(organisationMembers.userId, reviewerIds)),
    tx.select({ userId: conflicts.userId, organisationId: conflicts.organisationId }).from(conflicts).where(inArray(conflicts.userId, reviewerIds)),
  ]);
  const blocked = new Set([...members, ...declared].map((m) => `${m.organisationId}:${m.userId}`));
  let made = 0;
  for (const pair of proposal.pairs) {
    const app = apps.find((a) => a.id === pair.applicationId);
    const reviewer = reviewers.find((r) => r.id === pair.reviewerId);
    if (!app || !ASSIGNABLE.includes(app.status) || !can(user, "application:assign", { kind: "application", organisationId: app.organisationId, status: app.status })) {
      refuse(409, `${app?.organisationName ?? "An application"} no longer waits for reviewers. Discard this proposal and propose again.`);
    }
    if (!reviewer) refuse(409, "A proposed reviewer is no longer an active reviewer. Discard this proposal and propose again.");
    if (blocked.has(`${app.organisationId}:${reviewer.id}`)) {
      refuse(409, `${reviewer.name} now has a conflict with ${app.organisationName}. Discard this proposal and propose again.`);
    }
    const id = await createAssignmentIn(tx, user, { applicationId: app.id, organisationName: app.organisationName, reviewer, due: proposal.dueAt, proposalId: proposal.id });
    if (!id) refuse(409, `${reviewer.name} was assigned to ${app.organisationName} since this was proposed. Discard this proposal and propose again.`);
    made += 1;
  }
  return made;
}
