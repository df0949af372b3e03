import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { PROFILE_CHANGE_STATUSES } from "./enums";
import { ORG_ROLES } from "./types";
import { createdAt, ownerRef, rowVersion, ts, updatedAt, uuidPk } from "./columns";

export const organisations = pgTable(
  "organisations",
  {
    id: uuidPk(),
    slug: text("slug").notNull(),
    legalName: text("legal_name").notNull(),
    displayName: text("display_name").notNull(),
    website: text("website"),
    country: text("country"),
    description: text("description").notNull().default(""),
    contactEmail: text("contact_email"),
    /** Optimistic-concurrency version of the profile section. */
    version: rowVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("organisations_slug_idx").on(t.slug)],
);

export const organisationMembers = pgTable(
  "organisation_members",
  {
    organisationId: ownerRef("organisation_id", () => organisations.id),
    userId: ownerRef("user_id", () => users.id),
    role: text("role", { enum: ORG_ROLES }).notNull(),
    joinedAt: ts("joined_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("org_members_user_idx").on(t.userId)],
);

/** A conflict of interest a reviewer or board member declared with an organisation. */
export const conflicts = pgTable(
  "conflicts",
  {
    id: uuidPk(),
    userId: ownerRef("user_id", () => users.id),
    organisationId: ownerRef("organisation_id", () => organisations.id),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("conflicts_user_org_idx").on(t.userId, t.organisationId)],
);


/**
 * A listed provider's proposed change to what the public directory shows of it (public name, description,
 * website). Staff approve it (then it is applied to the organisation in the same transaction) or reject it
 * with a reason. At most one pending change per organisation.
 */
export const profileChanges = pgTable(
  "profile_changes",
  {
    id: uuidPk(),
    organisationId: ownerRef("organisation_id", () => organisations.id),
    status: text("status", { enum: PROFILE_CHANGE_STATUSES }).notNull().default("pending"),
    displayName: text("display_name").notNull(),
    description: text("description").notNull(),
    website: text("website"),
    /** The public fields when the change was proposed, so staff see what it replaces. */
    previous: jsonb("previous").$type<{ displayName: string; description: string; website: string | null }>().notNull(),
    proposedBy: uuid("proposed_by").references(() => users.id, { onDelete: "set null" }),
    proposedAt: ts("proposed_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
    /** Why staff rejected it; sent to the provider. */
    reason: text("reason"),
  },
  (t) => [
    uniqueIndex("profile_changes_one_pending_idx").on(t.organisationId).where(sql`status = 'pending'`),
    index("profile_changes_status_idx").on(t.status, t.proposedAt),
  ],
);
