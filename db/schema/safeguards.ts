/**
 * The accreditation body's safeguards beside the application workflow: complaints about accredited
 * providers (ISO/IEC 17011 7.12) and providers' appeals against decisions (7.13). Their state tables
 * live in app/domain/complaints.ts and app/domain/appeals.ts.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { organisations } from "./organisations";
import { applications, uploadColumns } from "./applications";
import { accreditations } from "./accreditations";
import { bytea } from "./types";
import { APPEAL_KINDS, APPEAL_STATUSES } from "./enums";
import { createdAt, orgAndStatusIndexes, ownerRef, requiredRef, ts, updatedAt, uuidPk } from "./columns";

export const complaints = pgTable(
  "complaints",
  {
    id: uuidPk(),
    organisationId: ownerRef("organisation_id", () => organisations.id),
    /** The certificate the complainant came from (the verify page), if any. */
    accreditationId: uuid("accreditation_id").references(() => accreditations.id),
    complainantName: text("complainant_name").notNull(),
    complainantEmail: text("complainant_email").notNull(),
    /** The complainant agreed that the provider may see their name and email. */
    consentToShare: boolean("consent_to_share").notNull().default(false),
    details: text("details").notNull(),
    status: text("status", { enum: ["unconfirmed", "received", "investigating", "awaiting_provider", "suspension_proposed", "closed", "not_in_scope"] })
      .notNull()
      .default("unconfirmed"),
    outcome: text("outcome", { enum: ["unfounded", "upheld", "upheld_suspension"] }),
    /** SHA-256 of the private link's secret; the secret itself is only in the complainant's email. */
    tokenHash: text("token_hash").notNull(),
    /** SHA-256 of the network address it was sent from, for the rate limit (not the address itself). */
    submittedFrom: text("submitted_from").notNull(),
    createdAt: createdAt(),
    confirmedAt: ts("confirmed_at"),
    triageDueAt: ts("triage_due_at"),
    responseDueAt: ts("response_due_at"),
    resolutionDueAt: ts("resolution_due_at"),
    closedAt: ts("closed_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("complaints_token_idx").on(t.tokenHash),
    ...orgAndStatusIndexes("complaints", t),
    index("complaints_from_idx").on(t.submittedFrom, t.createdAt),
    index("complaints_email_idx").on(t.complainantEmail, t.createdAt),
  ],
);

/**
 * The complaint's timeline: one row per transition, with the note written with it. Who may read a row
 * follows from its action (app/domain/complaints.ts): the provider never reads the complainant's identity
 * from here, and the complainant never reads staff's internal notes.
 */
export const complaintEvents = pgTable(
  "complaint_events",
  {
    id: uuidPk(),
    complaintId: ownerRef("complaint_id", () => complaints.id),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("complaint_events_complaint_idx").on(t.complaintId, t.createdAt)],
);

/** Keys the server makes for itself (the complaint form's signed timestamp): random, never configured. */
export const signingKeys = pgTable("signing_keys", {
  name: text("name").primaryKey(),
  key: bytea("key").notNull(),
  createdAt: createdAt(),
});

export const appeals = pgTable(
  "appeals",
  {
    id: uuidPk(),
    organisationId: ownerRef("organisation_id", () => organisations.id),
    kind: text("kind", { enum: APPEAL_KINDS }).notNull(),
    /** The decision appealed against, e.g. `rejection:<decision id>`: one appeal per decision, whatever the race. */
    decisionKey: text("decision_key").notNull(),
    applicationId: uuid("application_id").references(() => applications.id),
    accreditationId: uuid("accreditation_id").references(() => accreditations.id),
    /** When the decision was taken and who recorded it (they may not sit on the panel). */
    decidedAt: ts("decided_at").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id),
    /** The decision as it stood when appealed (a reopened rejection's decision row is removed). */
    original: jsonb("original").$type<Record<string, unknown>>().notNull(),
    grounds: text("grounds").notNull(),
    status: text("status", { enum: APPEAL_STATUSES }).notNull().default("lodged"),
    reasons: text("reasons"),
    filedBy: uuid("filed_by").references(() => users.id),
    filedAt: ts("filed_at").notNull().defaultNow(),
    panelConstitutedAt: ts("panel_constituted_at"),
    concludedBy: uuid("concluded_by").references(() => users.id),
    concludedAt: ts("concluded_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("appeals_decision_idx").on(t.decisionKey),
    ...orgAndStatusIndexes("appeals", t),
    check("appeals_concluded_check", sql`(${t.status} in ('upheld', 'overturned')) = (${t.reasons} is not null and ${t.concludedAt} is not null)`),
  ],
);

export const appealPanelMembers = pgTable(
  "appeal_panel_members",
  {
    appealId: ownerRef("appeal_id", () => appeals.id),
    userId: requiredRef("user_id", () => users.id),
    addedBy: uuid("added_by").references(() => users.id),
    addedAt: ts("added_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.userId] }), index("appeal_panel_user_idx").on(t.userId)],
);

/** Supporting documents of an appeal: PDF only, checked by content, like an application's documents. */
export const appealDocuments = pgTable(
  "appeal_documents",
  {
    id: uuidPk(),
    appealId: ownerRef("appeal_id", () => appeals.id),
    ...uploadColumns(),
  },
  (t) => [index("appeal_documents_appeal_idx").on(t.appealId)],
);
