import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { emailTokens, organisationMembers, organisations, userRoles, users } from "../../db/schema";
import { config } from "~/config.server";
import { CORRECT_FIELDS, ok, refused, type Outcome } from "~/domain/outcome";
import type { SessionUser } from "~/domain/policy";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { isUniqueViolation } from "./db-errors.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail } from "./emails.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { admitSignup } from "./rate-limit.server";
import { createSession, invalidateSession, invalidateUserSessions, validateSessionToken } from "./sessions.server";
import { MAX_VERIFICATION_EMAILS_PER_HOUR, minutesUntilAnotherEmail, VERIFICATION_WINDOW_MS } from "~/domain/email-limit";

const VERIFY_EMAIL_TTL_MS = 24 * 3_600_000;
const RESET_PASSWORD_TTL_MS = 3_600_000;

const DUPLICATE_EMAIL = "An account with this email already exists";
export const BAD_CREDENTIALS = "The email address or password is not right";

type User = typeof users.$inferSelect;
type TokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];

/** A token for a link in an email: 160 random bits; only its SHA-256 is stored. */
export function newToken(): { token: string; hash: string } {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Link lookups by user-supplied token: anything that is not plausibly one of ours is simply unknown. */
const plausibleToken = (token: string | null | undefined): token is string => typeof token === "string" && /^[a-z2-7]{16,64}$/.test(token);

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user;
}

async function issueEmailToken(tx: Database, input: { userId: string; purpose: TokenPurpose; email: string; ttlMs: number }): Promise<string> {
  const { token, hash } = newToken();
  const at = now();
  await tx.insert(emailTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    tokenHash: hash,
    expiresAt: new Date(at.getTime() + input.ttlMs),
    createdAt: at,
  });
  return token;
}

const verifyUrl = (token: string) => `${config().appUrl}/verify-email?token=${token}`;
const resetUrl = (token: string) => `${config().appUrl}/reset-password?token=${token}`;

// ---- sign up and verification -------------------------------------------------------------------

/**
 * Create the account, a 24-hour verification link and its email in one transaction, and sign the person in. Counted
 * per client address first: "already exists" tells whether an address has an account, so it must not be asked in bulk.
 */
export async function signUp(db: Database, input: { name: string; email: string; password: string; address: string }): Promise<Outcome<{ user: User; sessionToken: string }>> {
  const admission = await admitSignup(db, input.address);
  if (!admission.admitted) return refused(429, admission.message, undefined, admission.retryAfterSeconds);
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(db, email)) return duplicateEmail();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email, name: input.name, passwordHash, createdAt: now() }).returning();
      const token = await issueEmailToken(tx, { userId: user.id, purpose: "verify_email", email, ttlMs: VERIFY_EMAIL_TTL_MS });
      await enqueueEmail(tx, { template: "verify-email", to: email, props: { name: user.name, verifyUrl: verifyUrl(token) } });
      await recordAudit(tx, { actorId: user.id, action: "user.signed_up", entityType: "user", entityId: user.id, data: { email } });
      const session = await createSession(tx, user.id);
      return ok({ user, sessionToken: session.token });
    });
  } catch (error) {
    // Two sign-ups with the same address at once: the unique index decides, the loser gets the field error.
    if (isUniqueViolation(error)) return duplicateEmail();
    throw error;
  }
}

const duplicateEmail = () => refused(400, CORRECT_FIELDS, { email: DUPLICATE_EMAIL });

export type TokenState = "unknown" | "used" | "expired";
type TokenRefusal = TokenState | "email_taken" | "stale";

export const TOKEN_MESSAGES: Record<TokenRefusal, string> = {
  unknown: "This link is not valid. Check that you copied the whole link, or ask for a new one.",
  used: "This link has already been used. Ask for a new one if you still need it.",
  expired: "This link has expired. Ask for a new one.",
  email_taken: "Another account now uses this email address, so it cannot be moved to yours.",
  stale: "This link was for an earlier email address of your account. Ask for a new one.",
};

/** A link that cannot be followed, whatever the reason, is a bad request: the page says which reason. */
const linkRefused = (reason: TokenRefusal) => refused(400, TOKEN_MESSAGES[reason]);

async function findToken(db: Database, token: string | null | undefined, purposes: TokenPurpose[]) {
  if (!plausibleToken(token)) return { state: "unknown" as const };
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), inArray(emailTokens.purpose, purposes)));
  if (!row) return { state: "unknown" as const };
  if (row.usedAt) return { state: "used" as const, row };
  if (row.expiresAt.getTime() <= now().getTime()) return { state: "expired" as const, row };
  return { state: "valid" as const, row };
}

/** A new password or address ends every reset link still out: one sent to the old address must not undo the change. */
async function revokeResetLinks(tx: Database, userId: string) {
  await tx.update(emailTokens).set({ usedAt: now() }).where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt)));
}

/** Mark a token used, compare-and-set: of two concurrent uses exactly one wins. */
async function consumeToken(tx: Database, id: string): Promise<boolean> {
  const rows = await tx
    .update(emailTokens).set({ usedAt: now() })
    .where(and(eq(emailTokens.id, id), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now()))).returning({ id: emailTokens.id });
  return rows.length === 1;
}

/** What the verification page should show for a link, before the person confirms it. Uses nothing up. */
export async function describeVerifyToken(
  db: Database,
  token: string | null | undefined,
): Promise<{ state: TokenState | "stale" | "valid"; email?: string; purpose?: "verify_email" | "change_email" }> {
  const found = await findToken(db, token, ["verify_email", "change_email"]);
  if (found.state !== "valid") return { state: found.state };
  const row = found.row;
  const purpose = row.purpose === "change_email" ? "change_email" : "verify_email";
  if (purpose === "verify_email") {
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
    if (user.email.toLowerCase() !== row.email.toLowerCase()) return { state: "stale" };
  }
  return { state: "valid", email: row.email, purpose };
}

/**
 * Confirm an address through its link (sign-up or change of address). Only the POST of the confirmation
 * page calls this: a mail scanner that prefetches the link must not confirm the address for the person.
 */
export async function verifyEmail(db: Database, token: string | null | undefined): Promise<Outcome<{ email: string; purpose: "verify_email" | "change_email" }>> {
  const found = await findToken(db, token, ["verify_email", "change_email"]);
  if (found.state !== "valid") return linkRefused(found.state);
  const row = found.row;
  const purpose = row.purpose === "change_email" ? "change_email" : "verify_email";
  try {
    return await db.transaction(async (tx) => {
      // The account first, then its token: the order resendVerification locks in, so the two cannot deadlock.
      const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).for("no key update");
      if (!(await consumeToken(tx, row.id))) return linkRefused("used");
      if (purpose === "verify_email") {
        if (user.email.toLowerCase() !== row.email.toLowerCase()) return linkRefused("stale");
        await tx.update(users).set({ emailVerifiedAt: user.emailVerifiedAt ?? now() }).where(eq(users.id, user.id));
      } else {
        await tx
          .update(users)
          .set({ email: row.email, emailVerifiedAt: now(), version: sql`${users.version} + 1` })
          .where(eq(users.id, user.id));
        await revokeResetLinks(tx, user.id);
      }
      await recordAudit(tx, {
        actorId: user.id,
        action: purpose === "verify_email" ? "user.email_verified" : "user.email_changed",
        entityType: "user",
        entityId: user.id,
        data: purpose === "verify_email" ? { email: row.email } : { from: user.email, to: row.email },
      });
      return ok({ email: row.email, purpose });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return linkRefused("email_taken");
    throw error;
  }
}

/** When this account's links of `purpose` were issued in the last hour (its row locked by the caller). */
async function linksSentWithinTheHour(tx: Database, userId: string, purpose: "verify_email" | "change_email", at: Date): Promise<Date[]> {
  const rows = await tx
    .select({ createdAt: emailTokens.createdAt })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), gt(emailTokens.createdAt, new Date(at.getTime() - VERIFICATION_WINDOW_MS))));
  return rows.map((r) => r.createdAt);
}

/** A new verification link for a signed-in, unverified user, within the hourly limit. */
export async function resendVerification(db: Database, userId: string): Promise<Outcome> {
  return db.transaction(async (tx): Promise<Outcome> => {
    // Locking the account row makes concurrent resends take turns, so the count below cannot be outrun.
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("no key update");
    if (!user || user.emailVerifiedAt) return refused(400, "Your email address is already confirmed.");
    const at = now();
    const retryAfterMinutes = minutesUntilAnotherEmail(await linksSentWithinTheHour(tx, user.id, "verify_email", at), at);
    if (retryAfterMinutes !== null) {
      const message = `We have sent ${MAX_VERIFICATION_EMAILS_PER_HOUR} confirmation emails in the last hour, so no new one was sent. Check your spam folder, or try again in ${retryAfterMinutes} minute${retryAfterMinutes === 1 ? "" : "s"}.`;
      return refused(429, message, undefined, retryAfterMinutes * 60);
    }
    // The newest link is the only one that works, so an old email in the inbox cannot confuse.
    await tx
      .update(emailTokens)
      .set({ usedAt: at })
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "verify_email"), isNull(emailTokens.usedAt)));
    const token = await issueEmailToken(tx, { userId: user.id, purpose: "verify_email", email: user.email, ttlMs: VERIFY_EMAIL_TTL_MS });
    await enqueueEmail(tx, { template: "verify-email", to: user.email, props: { name: user.name, verifyUrl: verifyUrl(token) } });
    await recordAudit(tx, { actorId: user.id, action: "user.verification_resent", entityType: "user", entityId: user.id, data: {} });
    return ok();
  });
}

// ---- log out (log in: login.server.ts) ----------------------------------------------------------
/** End the session the request carried, if it is one. */
export async function logout(db: Database, sessionToken: string | null | undefined): Promise<void> {
  if (!sessionToken) return;
  const current = await validateSessionToken(db, sessionToken);
  if (!current) return;
  await db.transaction(async (tx) => {
    await invalidateSession(tx, current.sessionId);
    await recordAudit(tx, { actorId: current.user.id, action: "user.logged_out", entityType: "user", entityId: current.user.id, data: {} });
  });
}

/** The landing page after login: the most specific area the person works in. */
export function homeFor(user: SessionUser): string {
  if (user.roles.includes("staff")) return "/admin";
  if (user.roles.includes("reviewer")) return "/review";
  if (user.roles.includes("board")) return "/board";
  return "/provider";
}

// ---- password reset -----------------------------------------------------------------------------

/** At most this many reset emails per account per hour, so the form cannot be used to flood an inbox. */
export const MAX_RESET_EMAILS_PER_HOUR = 3;

/** A one-hour reset link if the address has an active account; the caller answers the same either way. */
export async function requestPasswordReset(db: Database, emailInput: string): Promise<void> {
  const user = await findUserByEmail(db, emailInput);
  if (!user || user.disabledAt) return;
  await db.transaction(async (tx) => {
    // Locking the account row makes concurrent requests take turns, so the count cannot be outrun.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("no key update");
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(emailTokens)
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "reset_password"), gt(emailTokens.createdAt, new Date(now().getTime() - 3_600_000))));
    // The page answers the same either way, so this reveals nothing about the account.
    if (recent.n >= MAX_RESET_EMAILS_PER_HOUR) return;
    const token = await issueEmailToken(tx, { userId: user.id, purpose: "reset_password", email: user.email, ttlMs: RESET_PASSWORD_TTL_MS });
    await enqueueEmail(tx, { template: "reset-password", to: user.email, props: { name: user.name, resetUrl: resetUrl(token) } });
    await recordAudit(tx, { actorId: null, action: "user.password_reset_requested", entityType: "user", entityId: user.id, data: {} });
  });
}

/** What the reset page should show for a token, before the person types a new password. */
export async function describeResetToken(db: Database, token: string | null | undefined): Promise<{ state: TokenState | "valid"; email?: string }> {
  const found = await findToken(db, token, ["reset_password"]);
  return { state: found.state, email: found.state === "valid" ? found.row.email : undefined };
}

/** Set a new password through a reset link: the link is used up and every session of the account ends. */
export async function resetPassword(db: Database, token: string | null | undefined, newPassword: string): Promise<Outcome<{ userId: string }>> {
  const found = await findToken(db, token, ["reset_password"]);
  if (found.state !== "valid") return linkRefused(found.state);
  const row = found.row;
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx): Promise<Outcome<{ userId: string }>> => {
    if (!(await consumeToken(tx, row.id))) return linkRefused("used");
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    // Following the emailed link proves the address, so it counts as verified too.
    const verified = user.email.toLowerCase() === row.email.toLowerCase();
    await tx
      .update(users)
      .set({ passwordHash, ...(verified && !user.emailVerifiedAt ? { emailVerifiedAt: now() } : {}) })
      .where(eq(users.id, user.id));
    await revokeResetLinks(tx, user.id);
    await invalidateUserSessions(tx, user.id);
    await recordAudit(tx, { actorId: user.id, action: "user.password_reset", entityType: "user", entityId: user.id, data: {} });
    return ok({ userId: user.id });
  });
}

// ---- the account page ---------------------------------------------------------------------------

export async function updateProfile(db: Database, user: SessionUser, input: { name: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ name: input.name, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id));
    await recordAudit(tx, { actorId: user.id, action: "user.profile_updated", entityType: "user", entityId: user.id, data: { from: user.name, to: input.name } });
  });
}

const wrongPassword = () => refused(400, CORRECT_FIELDS, { currentPassword: "Your current password is not right" });

/**
 * Start moving the account to a new address: the current password confirms it is the owner, and the
 * change happens only when the link sent to the new address is followed.
 */
export async function changeEmail(db: Database, user: SessionUser, input: { email: string; currentPassword: string }): Promise<Outcome> {
  const email = input.email.trim().toLowerCase();
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) return wrongPassword();
  if (row.email.toLowerCase() === email) return refused(400, CORRECT_FIELDS, { email: "This is already your email address" });
  if (await findUserByEmail(db, email)) return duplicateEmail();
  return db.transaction(async (tx): Promise<Outcome> => {
    // As for resendVerification: the account's row lock makes concurrent requests take turns, so the hourly count
    // below cannot be outrun (fifty identical requests at once emailed fifty links).
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("no key update");
    const at = now();
    const retryAfterMinutes = minutesUntilAnotherEmail(await linksSentWithinTheHour(tx, user.id, "change_email", at), at);
    if (retryAfterMinutes !== null) {
      const message = `We have sent ${MAX_VERIFICATION_EMAILS_PER_HOUR} confirmation links in the last hour, so no new one was sent. Check the new address's inbox and spam folder, or try again in ${retryAfterMinutes} minute${retryAfterMinutes === 1 ? "" : "s"}.`;
      return refused(429, message, { email: message }, retryAfterMinutes * 60);
    }
    // Only the latest requested address can be confirmed.
    await tx
      .update(emailTokens)
      .set({ usedAt: now() })
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "change_email"), isNull(emailTokens.usedAt)));
    const token = await issueEmailToken(tx, { userId: user.id, purpose: "change_email", email, ttlMs: VERIFY_EMAIL_TTL_MS });
    await enqueueEmail(tx, { template: "verify-email", to: email, props: { name: row.name, verifyUrl: verifyUrl(token) } });
    await recordAudit(tx, { actorId: user.id, action: "user.email_change_requested", entityType: "user", entityId: user.id, data: { to: email } });
    return ok();
  });
}

/** New password: every session of the account ends, and the person continues on a fresh one. */
export async function changePassword(db: Database, user: SessionUser, input: { currentPassword: string; newPassword: string }): Promise<Outcome<{ sessionToken: string }>> {
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) return wrongPassword();
  if (input.currentPassword === input.newPassword) return refused(400, CORRECT_FIELDS, { newPassword: "Choose a password different from the current one" });
  const passwordHash = await hashPassword(input.newPassword);
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeResetLinks(tx, user.id);
    await invalidateUserSessions(tx, user.id);
    await recordAudit(tx, { actorId: user.id, action: "user.password_changed", entityType: "user", entityId: user.id, data: {} });
    return createSession(tx, user.id);
  });
  return ok({ sessionToken: session.token });
}

/** What the account page shows besides the forms. */
export async function accountOverview(db: Database, userId: string) {
  const [[user], roles, memberships, pending] = await Promise.all([
    db.select().from(users).where(eq(users.id, userId)),
    db.select({ role: userRoles.role, grantedAt: userRoles.grantedAt }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(userRoles.role),
    db
      .select({ role: organisationMembers.role, slug: organisations.slug, name: organisations.displayName })
      .from(organisationMembers)
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .where(eq(organisationMembers.userId, userId))
      .orderBy(organisations.displayName),
    db
      .select({ email: emailTokens.email, expiresAt: emailTokens.expiresAt })
      .from(emailTokens)
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "change_email"), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now())))
      .orderBy(sql`${emailTokens.createdAt} desc`)
      .limit(1),
  ]);
  return {
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    roles: roles.map((r) => r.role),
    memberships,
    pendingEmail: pending[0]?.email ?? null,
    expertise: user.expertise,
  };
}
