/**
 * Between grant and renewal (issue 16): batch reviewer-assignment proposals, annual surveillance reports.
 * Each row carries its workflow status; services move it with compare-and-set (app/domain tables say how).
 */
import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { accreditationColumns, type ScopeEntry } from "./accreditations";
import { applications } from "./applications";
import { MATERIAL_CHANGE_KINDS, MATERIAL_CHANGE_STATUSES, SCOPE_CHANGE_KINDS, SCOPE_CHANGE_STATUSES } from "./enums";
import { createdAt, orgAndStatusIndexes, requiredRef, ts, uuidPk } from "./columns";

/** One proposed reviewer for one application, as the solver chose it, with why (matched areas). */
export type ProposalPair = { applicationId: string; reviewerId: string; score: number; matches: string[] };
export type ProposalShortfall = { applicationId: string; missing: number };

/** Who at the foundation decided on the record (a reviewer-assignment proposal, a scope change), and when. */
const decisionColumns = () => ({
  decidedBy: uuid("decided_by").references(() => users.id),
  decidedAt: ts("decided_at"),
});

/** Staff's review of what a provider sent in (an annual report, a material change): their note, who, when. */
const reviewColumns = () => ({
  reviewNote: text("review_note"),
  reviewedBy: uuid("reviewed_by").references(() => users.id),
  reviewedAt: ts("reviewed_at"),
});

export const assignmentProposals = pgTable(
  "assignment_proposals",
  {
    id: uuidPk(),
    status: text("status", { enum: ["proposed", "approved", "discarded"] }).notNull().default("proposed"),
    applicationIds: jsonb("application_ids").$type<string[]>().notNull(),
    reviewersPerApplication: integer("reviewers_per_application").notNull(),
    maxLoad: integer("max_load").notNull(),
    dueAt: ts("due_at").notNull(),
    pairs: jsonb("pairs").$type<ProposalPair[]>().notNull(),
    shortfall: jsonb("shortfall").$type<ProposalShortfall[]>().notNull(),
    totalScore: integer("total_score").notNull(),
    createdBy: requiredRef("created_by", () => users.id),
    createdAt: createdAt(),
    ...decisionColumns(),
  },
  (t) => [index("assignment_proposals_created_idx").on(t.createdAt)],
);

/** What an accredited provider reports each year (ISO/IEC 17011 7.9 surveillance). */
export type AnnualReportContent = {
  coursesDelivered: number;
  learners: number;
  trainerChanges: string;
  syllabusChanges: string;
  complaintsReceived: number;
  complaintsSummary: string;
};

export const annualReports = pgTable(
  "annual_reports",
  {
    id: uuidPk(),
    ...accreditationColumns(),
    /** 1 for the first year after the grant, 2 for the second, … */
    period: integer("period").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: text("status", { enum: ["due", "submitted", "follow_up_requested", "accepted", "suspension_proposed"] })
      .notNull()
      .default("due"),
    content: jsonb("content").$type<AnnualReportContent>(),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedAt: ts("submitted_at"),
    /** Staff's note with their review (what to follow up, why suspension is proposed). */
    ...reviewColumns(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("annual_reports_period_idx").on(t.accreditationId, t.period),
    index("annual_reports_org_idx").on(t.organisationId),
    index("annual_reports_due_idx").on(t.dueOn),
  ],
);

/**
 * A change of an accreditation's scope (ISO/IEC 17011 7.10 extending, 7.11 reducing), requested by a member of
 * the organisation and decided by staff; on approval the scope, the credential and the directory follow.
 * At most one request per accreditation is open at a time (partial unique index).
 */
export const scopeChanges = pgTable(
  "scope_changes",
  {
    id: uuidPk(),
    ...accreditationColumns(),
    kind: text("kind", { enum: SCOPE_CHANGE_KINDS }).notNull(),
    status: text("status", { enum: SCOPE_CHANGE_STATUSES }).notNull().default("requested"),
    /** The combinations to add (extension) or remove (reduction). */
    entries: jsonb("entries").$type<ScopeEntry[]>().notNull(),
    reason: text("reason").notNull(),
    requestedBy: requiredRef("requested_by", () => users.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    decisionNote: text("decision_note"),
    ...decisionColumns(),
  },
  (t) => [
    uniqueIndex("scope_changes_one_open_idx").on(t.accreditationId).where(sql`status = 'requested'`),
    index("scope_changes_org_idx").on(t.organisationId),
  ],
);

/**
 * A material change the accredited organisation reports between surveillance reports (a trainer left, new
 * owners, a new legal name or address, a syllabus change). The id is chosen when the form is shown, so the
 * same submission posted twice (or fifty times at once) is one report.
 */
export const materialChanges = pgTable(
  "material_changes",
  {
    id: uuid("id").primaryKey(),
    ...accreditationColumns(),
    kind: text("kind", { enum: MATERIAL_CHANGE_KINDS }).notNull(),
    status: text("status", { enum: MATERIAL_CHANGE_STATUSES }).notNull().default("reported"),
    description: text("description").notNull(),
    effectiveOn: date("effective_on", { mode: "string" }).notNull(),
    /** The provider's answer to staff's follow-up question, if asked. */
    response: text("response"),
    reportedBy: requiredRef("reported_by", () => users.id),
    reportedAt: ts("reported_at").notNull().defaultNow(),
    ...reviewColumns(),
    /** The delta review staff opened on this report (decision 045). */
    deltaApplicationId: uuid("delta_application_id").references(() => applications.id, { onDelete: "set null" }),
  },
  (t) => orgAndStatusIndexes("material_changes", t),
);
