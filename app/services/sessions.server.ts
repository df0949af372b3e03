import { and, eq, ne, sql } from "drizzle-orm";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sessions, users, userRoles, organisationMembers } from "../../db/schema";
import type { Database } from "./db.server";
import { preparedPerDatabase } from "../../db/client.server";
import { now } from "./clock.server";
import type { SessionUser } from "~/domain/policy";

// Lucia's guide: sessions end after 10 days without use; last-use is written at most once an hour.
export const INACTIVITY_TIMEOUT_MS = 10 * 86_400_000;
const ACTIVITY_CHECK_INTERVAL_MS = 3_600_000;

const SESSION_COOKIE = "session";

function randomSecureString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Create a session; the returned token (id.secret) goes to the cookie and is never stored. */
export async function createSession(db: Database, userId: string): Promise<{ token: string; id: string }> {
  const id = randomSecureString();
  const secret = randomSecureString();
  const at = now();
  await db.insert(sessions).values({ id, userId, secretHash: hashSecret(secret), createdAt: at, lastVerifiedAt: at });
  return { token: `${id}.${secret}`, id };
}

/**
 * The lookup every signed-in request makes: the session, its user, the user's roles and memberships in one round trip.
 * Built once per database handle and prepared (`preparedPerDatabase`): building this select (two tables' columns, two
 * subqueries) cost drizzle more CPU than the rest of the statement's round trip (decision 063).
 */
const sessionLookup = preparedPerDatabase((db) =>
  db
    .select({
      secretHash: sessions.secretHash,
      lastVerifiedAt: sessions.lastVerifiedAt,
      user: { id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt, disabledAt: users.disabledAt },
      roles: sql<string[] | string>`coalesce((select json_agg(r.role) from ${userRoles} r where r.user_id = ${users.id}), '[]')`,
      memberships: sql<SessionUser["memberships"] | string>`coalesce((select json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role)) from ${organisationMembers} m where m.user_id = ${users.id}), '[]')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_lookup"),
);

/** Validate a cookie token. Returns the user with roles and memberships, or null (and deletes an expired session). */
export async function validateSessionToken(db: Database, token: string): Promise<{ user: SessionUser; sessionId: string } | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [id, secret] = parts;
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;
  const at = now();
  if (at.getTime() - row.lastVerifiedAt.getTime() >= INACTIVITY_TIMEOUT_MS || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (at.getTime() - row.lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS) {
    await db.update(sessions).set({ lastVerifiedAt: at }).where(eq(sessions.id, id));
  }
  const json = <T,>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  return { user: sessionUserOf(row.user, json(row.roles) as SessionUser["roles"], json(row.memberships)), sessionId: id };
}

function sessionUserOf(user: Pick<typeof users.$inferSelect, "id" | "email" | "name" | "emailVerifiedAt">, roles: SessionUser["roles"], memberships: SessionUser["memberships"]): SessionUser {
  return { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerifiedAt !== null, roles, memberships };
}

export async function loadSessionUser(db: Database, user: typeof users.$inferSelect): Promise<SessionUser> {
  const [roles, memberships] = await Promise.all([
    db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id)),
    db
      .select({ organisationId: organisationMembers.organisationId, role: organisationMembers.role })
      .from(organisationMembers)
      .where(eq(organisationMembers.userId, user.id)),
  ]);
  return sessionUserOf(
    user,
    roles.map((r) => r.role),
    memberships,
  );
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Drop every session of a user, except optionally the one in use. */
export async function invalidateUserSessions(db: Database, userId: string, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

export function sessionCookie(token: string, secure: boolean): string {
  const maxAge = Math.floor(INACTIVITY_TIMEOUT_MS / 1000);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

export function blankSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}
