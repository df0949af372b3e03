import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  type PgColumnBuilderBase,
} from "drizzle-orm/pg-core";
import { INVITATION_KINDS, ORG_ROLES, ROLES, TOKEN_PURPOSES, bytea } from "./types";
import { organisations } from "./organisations";
import { createdAt, ownerRef, rowVersion, textList, ts, uuidPk } from "./columns";

export const users = pgTable(
  "users",
  {
    id: uuidPk(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    emailVerifiedAt: ts("email_verified_at"),
    disabledAt: ts("disabled_at"),
    /** Competency area codes a reviewer declared expertise in (e.g. "OWN", "ASYNC"). */
    expertise: textList("expertise"),
    version: rowVersion(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: ownerRef("user_id", () => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    grantedBy: uuid("granted_by").references(() => users.id),
    grantedAt: ts("granted_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Sessions per Lucia's guide: the cookie holds `id.secret`, the row keeps SHA-256(secret). */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: ownerRef("user_id", () => users.id),
    secretHash: bytea("secret_hash").notNull(),
    createdAt: createdAt(),
    lastVerifiedAt: ts("last_verified_at").notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * A table of links sent by email (verification and reset tokens, invitations): only the SHA-256 of a link's secret
 * is stored, a link is found by it (unique index `<table>_hash_idx`), and it works until it expires.
 */
const emailedTokenTable = <TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(name: TName, columns: TColumns) =>
  pgTable(
    name,
    { id: uuidPk(), ...columns, tokenHash: text("token_hash").notNull(), expiresAt: ts("expires_at").notNull() },
    (t) => [uniqueIndex(`${name}_hash_idx`).on(t.tokenHash)],
  );

/** Single-use, expiring tokens for email verification and password reset. */
export const emailTokens = emailedTokenTable("email_tokens", {
  userId: ownerRef("user_id", () => users.id),
  purpose: text("purpose", { enum: TOKEN_PURPOSES }).notNull(),
  email: text("email").notNull(),
  usedAt: ts("used_at"),
  createdAt: createdAt(),
});

export const invitations = emailedTokenTable("invitations", {
  email: text("email").notNull(),
  kind: text("kind", { enum: INVITATION_KINDS }).notNull(),
  role: text("role", { enum: ROLES }),
  organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
  orgRole: text("org_role", { enum: ORG_ROLES }),
  invitedBy: uuid("invited_by").references(() => users.id),
  acceptedAt: ts("accepted_at"),
  acceptedBy: uuid("accepted_by").references(() => users.id),
  revokedAt: ts("revoked_at"),
  createdAt: createdAt(),
});

/** Login attempts, for rate limiting per account and per client address. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuidPk(),
    key: text("key").notNull(),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: ts("attempted_at").notNull().defaultNow(),
  },
  (t) => [index("login_attempts_key_idx").on(t.key, t.attemptedAt)],
);
