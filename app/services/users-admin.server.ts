import { and, asc, desc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import { auditEvents, competencies, frameworks, organisationMembers, organisations, sessions, userRoles, users } from "../../db/schema";
import type { FoundationRole } from "~/domain/policy";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { refused, type Outcome } from "~/domain/outcome";
import { likeContaining } from "../../db/client.server";

const PAGE_SIZE = 25;

export type AdminUserRow = {
  id: string;
  email: string;
  name: string;
  roles: FoundationRole[];
  expertise: string[];
  disabledAt: Date | null;
  emailVerified: boolean;
  createdAt: Date;
  organisations: string[];
};

export async function searchUsers(db: Database, input: { q?: string; role?: FoundationRole | ""; page?: number }) {
  const page = Math.max(1, input.page ?? 1);
  const q = input.q?.trim();
  const conditions = [];
  if (q) {
    const like = likeContaining(q);
    conditions.push(or(ilike(users.email, like), ilike(users.name, like)));
  }
  if (input.role) {
    conditions.push(sql`exists (select 1 from ${userRoles} r where r.user_id = "users"."id" and r.role = ${input.role})`);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [roles, orgs] = ids.length
    ? await Promise.all([
        db.select().from(userRoles).where(inArray(userRoles.userId, ids)),
        db
          .select({ userId: organisationMembers.userId, name: organisations.displayName })
          .from(organisationMembers)
          .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
          .where(inArray(organisationMembers.userId, ids)),
      ])
    : [[], []];
  const result: AdminUserRow[] = rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: roles.filter((r) => r.userId === u.id).map((r) => r.role),
    expertise: u.expertise,
    disabledAt: u.disabledAt,
    emailVerified: u.emailVerifiedAt !== null,
    createdAt: u.createdAt,
    organisations: orgs.filter((o) => o.userId === u.id).map((o) => o.name),
  }));
  return { users: result, total: count.n, page, pageCount: Math.max(1, Math.ceil(count.n / PAGE_SIZE)) };
}

/** Area codes of the published framework: what a reviewer can declare expertise in. */
export async function expertiseAreas(db: Database): Promise<{ code: string; title: string }[]> {
  return db
    .select({ code: competencies.code, title: competencies.title })
    .from(competencies)
    .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
    .where(and(eq(frameworks.status, "published"), eq(competencies.kind, "area")))
    .orderBy(asc(competencies.position));
}

/**
 * Lock every staff role row, then count the active staff other than `excluding`. Two concurrent demotions
 * (or a demotion and a disable) queue on these row locks, so the second one sees the first one's result
 * and can never leave the foundation without a staff member.
 */
async function otherActiveStaff(tx: Database, excluding: string): Promise<number> {
  const rows = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(eq(userRoles.role, "staff"))
    .for("update");
  const others = rows.map((r) => r.userId).filter((id) => id !== excluding);
  if (others.length === 0) return 0;
  const [active] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(inArray(users.id, others), isNull(users.disabledAt)));
  return active.n;
}

// NO KEY UPDATE, not UPDATE: audit rows and role rows reference users by foreign key, and their KEY SHARE
// checks must not wait on this lock (two staff demoting each other would otherwise deadlock).
async function userExists(tx: Database, userId: string) {
  const [u] = await tx.select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for("no key update");
  return u ?? null;
}

export async function grantRole(db: Database, actorId: string, userId: string, role: FoundationRole): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const user = await userExists(tx, userId);
    if (!user) return refused(404, "That user does not exist");
    if (user.disabledAt) return refused(409, "This account is disabled; enable it before granting a role");
    const inserted = await tx.insert(userRoles).values({ userId, role, grantedBy: actorId, grantedAt: now() }).onConflictDoNothing().returning();
    if (inserted.length === 0) return refused(409, `${user.email} already has the ${role} role`);
    await recordAudit(tx, { actorId, action: "user.role_granted", entityType: "user", entityId: userId, data: { role, email: user.email } });
    return { ok: true, value: undefined };
  });
}

export async function removeRole(db: Database, actorId: string, userId: string, role: FoundationRole): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const user = await userExists(tx, userId);
    if (!user) return refused(404, "That user does not exist");
    if (role === "staff" && (await otherActiveStaff(tx, userId)) === 0) {
      return refused(409, "This is the last active staff member: grant staff to someone else first");
    }
    const deleted = await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role))).returning();
    if (deleted.length === 0) return refused(409, `${user.email} does not have the ${role} role`);
    await recordAudit(tx, { actorId, action: "user.role_removed", entityType: "user", entityId: userId, data: { role, email: user.email } });
    return { ok: true, value: undefined };
  });
}

/** Disable an account: it can no longer sign in, and every session it has ends now. */
export async function disableUser(db: Database, actorId: string, userId: string, reason: string): Promise<Outcome> {
  if (actorId === userId) return refused(409, "You cannot disable your own account");
  return db.transaction(async (tx) => {
    const user = await userExists(tx, userId);
    if (!user) return refused(404, "That user does not exist");
    if (user.disabledAt) return refused(409, `${user.email} is already disabled`);
    const [isStaff] = await tx.select().from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, "staff")));
    if (isStaff && (await otherActiveStaff(tx, userId)) === 0) return refused(409, "This is the last active staff member and cannot be disabled");
    await tx.update(users).set({ disabledAt: now(), version: sql`${users.version} + 1` }).where(eq(users.id, userId));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    await recordAudit(tx, { actorId, action: "user.disabled", entityType: "user", entityId: userId, data: { email: user.email, reason, sessionsEnded: ended.length } });
    return { ok: true, value: undefined };
  });
}

export async function enableUser(db: Database, actorId: string, userId: string): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const user = await userExists(tx, userId);
    if (!user) return refused(404, "That user does not exist");
    if (!user.disabledAt) return refused(409, `${user.email} is not disabled`);
    await tx.update(users).set({ disabledAt: null, version: sql`${users.version} + 1` }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId, action: "user.enabled", entityType: "user", entityId: userId, data: { email: user.email } });
    return { ok: true, value: undefined };
  });
}

export async function setExpertise(db: Database, actorId: string, userId: string, areas: string[]): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const user = await userExists(tx, userId);
    if (!user) return refused(404, "That user does not exist");
    const known = new Set((await expertiseAreas(tx)).map((a) => a.code));
    const unknown = areas.filter((a) => !known.has(a));
    if (unknown.length > 0) return refused(400, `Not an area of the published framework: ${unknown.join(", ")}`);
    const [before] = await tx.select({ expertise: users.expertise }).from(users).where(eq(users.id, userId));
    const sorted = [...new Set(areas)].sort();
    await tx.update(users).set({ expertise: sorted }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId, action: "user.expertise_set", entityType: "user", entityId: userId, data: { before: before.expertise, after: sorted } });
    return { ok: true, value: undefined };
  });
}

/** One user for the staff detail page: roles, organisations, expertise and the latest audit events by or about them. */
export async function userDetail(db: Database, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const [roles, orgs, events] = await Promise.all([
    db.select({ role: userRoles.role, grantedAt: userRoles.grantedAt }).from(userRoles).where(eq(userRoles.userId, userId)),
    db
      .select({ id: organisations.id, name: organisations.displayName, slug: organisations.slug, role: organisationMembers.role })
      .from(organisationMembers)
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .where(eq(organisationMembers.userId, userId))
      .orderBy(asc(organisations.displayName)),
    db
      .select({ id: auditEvents.id, occurredAt: auditEvents.occurredAt, action: auditEvents.action, entityType: auditEvents.entityType, actorName: users.name, actorEmail: users.email })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(or(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)), eq(auditEvents.actorId, userId)))
      .orderBy(desc(auditEvents.id))
      .limit(RECENT_EVENTS),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
    emailVerified: user.emailVerifiedAt !== null,
    expertise: user.expertise,
    roles: roles.map((r) => r.role),
    organisations: orgs,
    events: events.map((e) => ({ ...e, actor: e.actorEmail ? e.actorName || e.actorEmail : null })),
  };
}

const RECENT_EVENTS = 20;
