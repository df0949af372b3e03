/**
 * Between grant and renewal (issue 16): batch reviewer-assignment proposals, annual surveillance reports.
 * Each row carries its workflow status; services move it with compare-and-set (app/domain tables say how).
 */
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { organisations } from "./organisations";
import { accreditations } from "./accreditations";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** One proposed reviewer for one application, as the solver chose it, with why (matched areas). */
export type ProposalPair = { applicationId: string; reviewerId: string; score: number; matches: string[] };
export type ProposalShortfall = { applicationId: string; missing: number };

export const assignmentProposals = pgTable(
  "assignment_proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: text("status", { enum: ["proposed", "approved", "discarded"] }).notNull().default("proposed"),
    applicationIds: jsonb("application_ids").$type<string[]>().notNull(),
    reviewersPerApplication: integer("reviewers_per_application").notNull(),
    maxLoad: integer("max_load").notNull(),
    dueAt: ts("due_at").notNull(),
    pairs: jsonb("pairs").$type<ProposalPair[]>().notNull(),
    shortfall: jsonb("shortfall").$type<ProposalShortfall[]>().notNull(),
    totalScore: integer("total_score").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: ts("decided_at"),
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
    id: uuid("id").primaryKey().defaultRandom(),
    accreditationId: uuid("accreditation_id")
      .notNull()
      .references(() => accreditations.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
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
    reviewNote: text("review_note"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: ts("reviewed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("annual_reports_period_idx").on(t.accreditationId, t.period),
    index("annual_reports_org_idx").on(t.organisationId),
    index("annual_reports_due_idx").on(t.dueOn),
  ],
);
