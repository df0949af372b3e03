import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
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

/** Single-use, expiring tokens for email verification and password reset; only the hash is stored. */
/** A link sent by email: only the SHA-256 of its secret is stored, and it works until it expires. */
const emailedTokenColumns = () => ({
  tokenHash: text("token_hash").notNull(),
  expiresAt: ts("expires_at").notNull(),
});

export const emailTokens = pgTable(
  "email_tokens",
  {
    id: uuidPk(),
    userId: ownerRef("user_id", () => users.id),
    purpose: text("purpose", { enum: TOKEN_PURPOSES }).notNull(),
    email: text("email").notNull(),
    ...emailedTokenColumns(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_tokens_hash_idx").on(t.tokenHash)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuidPk(),
    email: text("email").notNull(),
    kind: text("kind", { enum: INVITATION_KINDS }).notNull(),
    role: text("role", { enum: ROLES }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    orgRole: text("org_role", { enum: ORG_ROLES }),
    ...emailedTokenColumns(),
    invitedBy: uuid("invited_by").references(() => users.id),
    acceptedAt: ts("accepted_at"),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_hash_idx").on(t.tokenHash)],
);

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
