import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { applications } from "./applications";
import { decisions } from "./review";
import { ACCREDITATION_STATUSES } from "./types";
import { createdAt, ownerRef, requiredRef, updatedAt, uuidPk } from "./columns";

/** One accredited combination: a course taught in a language through a delivery mode. */
export type ScopeEntry = { courseId: string; courseTitle: string; level: string; language: string; mode: string };

export const accreditations = pgTable(
  "accreditations",
  {
    id: uuidPk(),
    certificateNumber: text("certificate_number").notNull(),
    organisationId: ownerRef("organisation_id", () => organisations.id),
    applicationId: requiredRef("application_id", () => applications.id),
    decisionId: uuid("decision_id").references(() => decisions.id),
    scope: jsonb("scope").$type<ScopeEntry[]>().notNull(),
    conditions: text("conditions").notNull().default(""),
    /** 'expired' is never stored: it follows from valid_until and today's date. */
    status: text("status", { enum: ACCREDITATION_STATUSES }).notNull().default("active"),
    statusReason: text("status_reason"),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    supersededById: uuid("superseded_by_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("accreditations_certificate_idx").on(t.certificateNumber),
    index("accreditations_org_idx").on(t.organisationId),
    index("accreditations_valid_until_idx").on(t.validUntil),
    // An application's or a decision's accreditation (the board's recent decisions, certificates, exports): without
    // these a join from 10,000 decisions scanned every accreditation (27 ms for the board's ten latest).
    index("accreditations_application_idx").on(t.applicationId),
    index("accreditations_decision_idx").on(t.decisionId),
  ],
);

/**
 * The accreditation a record is about and its organisation (on the row, so lists are scoped to an organisation
 * without a join); the record goes when either does.
 */
export const accreditationColumns = () => ({
  accreditationId: ownerRef("accreditation_id", () => accreditations.id),
  organisationId: ownerRef("organisation_id", () => organisations.id),
});

/** Per-year counter behind certificate numbers; incremented with UPDATE … RETURNING so it is safe under concurrency. */
export const certificateSequences = pgTable("certificate_sequences", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull().default(0),
});
