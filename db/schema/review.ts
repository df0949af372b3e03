import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { applications, moduleMappings } from "./applications";
import { ASSIGNMENT_STATUSES, CONFIDENCES, DISPUTE_RESOLUTIONS, OUTCOMES, RECOMMENDATIONS, REVIEW_STATUSES, VOTES } from "./types";
import { createdAt, ownerRef, requiredRef, rowVersion, ts, updatedAt, uuidPk } from "./columns";

export const reviewerAssignments = pgTable(
  "reviewer_assignments",
  {
    id: uuidPk(),
    applicationId: ownerRef("application_id", () => applications.id),
    reviewerId: requiredRef("reviewer_id", () => users.id),
    status: text("status", { enum: ASSIGNMENT_STATUSES }).notNull().default("pending"),
    dueAt: ts("due_at").notNull(),
    /** Declared on accept ("no conflict") or decline (the conflict). */
    conflictDeclaration: text("conflict_declaration"),
    respondedAt: ts("responded_at"),
    assignedBy: uuid("assigned_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reviewer_assignments_unique_idx").on(t.applicationId, t.reviewerId),
    index("reviewer_assignments_reviewer_idx").on(t.reviewerId),
  ],
);

export type CriterionScore = { score: number | null; comment: string };

export const reviews = pgTable(
  "reviews",
  {
    id: uuidPk(),
    assignmentId: ownerRef("assignment_id", () => reviewerAssignments.id),
    revisionNumber: integer("revision_number").notNull(),
    /** criterion id → score and comment */
    scores: jsonb("scores").$type<Record<string, CriterionScore>>().notNull(),
    confidence: text("confidence", { enum: CONFIDENCES }),
    recommendation: text("recommendation", { enum: RECOMMENDATIONS }),
    summary: text("summary").notNull().default(""),
    status: text("status", { enum: REVIEW_STATUSES }).notNull().default("draft"),
    version: rowVersion(),
    updatedAt: updatedAt(),
    submittedAt: ts("submitted_at"),
  },
  (t) => [uniqueIndex("reviews_assignment_revision_idx").on(t.assignmentId, t.revisionNumber)],
);

export const mappingDisputes = pgTable(
  "mapping_disputes",
  {
    id: uuidPk(),
    mappingId: ownerRef("mapping_id", () => moduleMappings.id),
    raisedBy: requiredRef("raised_by", () => users.id),
    note: text("note").notNull(),
    createdAt: createdAt(),
    resolvedAt: ts("resolved_at"),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    /** Staff's ruling: upheld (the mapping is wrong and stays out of coverage) or dismissed (it counts again). */
    resolution: text("resolution", { enum: DISPUTE_RESOLUTIONS }),
    /** Staff's reason, required with the ruling. */
    resolutionNote: text("resolution_note"),
  },
  (t) => [
    index("mapping_disputes_mapping_idx").on(t.mappingId),
    // Open, or resolved with everything a resolution needs: never half of each.
    check(
      "mapping_disputes_resolution_check",
      sql`(${t.resolution} is null and ${t.resolvedAt} is null and ${t.resolvedBy} is null and ${t.resolutionNote} is null)
        or (${t.resolution} in ('upheld', 'dismissed') and ${t.resolvedAt} is not null and ${t.resolvedBy} is not null and ${t.resolutionNote} is not null)`,
    ),
  ],
);

export const boardVotes = pgTable(
  "board_votes",
  {
    id: uuidPk(),
    applicationId: ownerRef("application_id", () => applications.id),
    userId: requiredRef("user_id", () => users.id),
    vote: text("vote", { enum: VOTES }).notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("board_votes_unique_idx").on(t.applicationId, t.userId)],
);

export type Tally = { approve: number; approve_with_conditions: number; reject: number; abstain: number; eligible: number };

export const decisions = pgTable(
  "decisions",
  {
    id: uuidPk(),
    applicationId: ownerRef("application_id", () => applications.id),
    outcome: text("outcome", { enum: OUTCOMES }).notNull(),
    conditions: text("conditions").notNull().default(""),
    rationale: text("rationale").notNull().default(""),
    meetingReference: text("meeting_reference").notNull().default(""),
    tally: jsonb("tally").$type<Tally>().notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  // One decision per application, whatever the race.
  (t) => [uniqueIndex("decisions_application_idx").on(t.applicationId)],
);
