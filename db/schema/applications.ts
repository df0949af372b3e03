import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  type PgColumnBuilderBase,
} from "drizzle-orm/pg-core";
import { APPLICATION_KINDS, APPLICATION_STATUSES, DEPTHS, DOCUMENT_KINDS, LEVELS, bytea } from "./types";
import { users } from "./accounts";
import { organisations } from "./organisations";
import { competencies, frameworks, rubrics } from "./framework";
import { createdAt, orgAndStatusIndexes, ownerRef, position, requiredRef, rowVersion, textList, ts, updatedAt, uuidPk } from "./columns";

export type Declarations = {
  accurate: boolean;
  codeOfConduct: boolean;
  dataProcessing: boolean;
  signedBy: string;
  signedAt: string | null;
};

export const applications = pgTable(
  "applications",
  {
    id: uuidPk(),
    organisationId: ownerRef("organisation_id", () => organisations.id),
    kind: text("kind", { enum: APPLICATION_KINDS }).notNull().default("initial"),
    status: text("status", { enum: APPLICATION_STATUSES })
      .notNull()
      .default("draft"),
    /** The framework and rubric versions this application was written against. */
    frameworkId: requiredRef("framework_id", () => frameworks.id),
    rubricId: uuid("rubric_id").references(() => rubrics.id),
    /** Number of the latest frozen revision; 0 while never submitted. */
    currentRevision: integer("current_revision").notNull().default(0),
    renewsAccreditationId: uuid("renews_accreditation_id"),
    /** An extension (decision 039) or a delta review (decision 045): the accreditation whose scope it changes. */
    extendsAccreditationId: uuid("extends_accreditation_id"),
    declarations: jsonb("declarations").$type<Declarations | null>(),
    declarationsVersion: integer("declarations_version").notNull().default(1),
    /** Staff summary when forwarding to the board. */
    staffRecommendation: text("staff_recommendation"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The latest submission (a resubmission moves it): how long the application has been waiting on the foundation. */
    submittedAt: ts("submitted_at"),
    /**
     * The first submission (revision 1's time), never moved: where the days to a decision count from. Kept here so the
     * staff dashboard's median reads one table, not every revision grouped (decision 061).
     */
    firstSubmittedAt: ts("first_submitted_at"),
    decidedAt: ts("decided_at"),
  },
  (t) => [
    ...orgAndStatusIndexes("applications", t),
    // Staff's list, newest submission first: read in this order and stopped after a page, not all sorted (decision 054).
    index("applications_submitted_idx").on(t.submittedAt.desc().nullsLast(), t.id),
    // One open extension or delta review per accreditation: a second (or a concurrent twin) inserts nothing.
    uniqueIndex("applications_open_extension_idx")
      .on(t.extendsAccreditationId)
      .where(sql`${t.extendsAccreditationId} is not null and ${t.status} not in ('accredited', 'rejected', 'withdrawn')`),
  ],
);

/**
 * A table of an application's parts (trainers, courses, documents, change requests): each row has its own id,
 * belongs to one application and goes with it, and is listed by it through the index `<table>_application_idx`.
 */
const applicationPartTable = <TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(name: TName, columns: TColumns) =>
  pgTable(name, { id: uuidPk(), applicationId: ownerRef("application_id", () => applications.id), ...columns }, (t) => [
    index(`${name}_application_idx`).on(t.applicationId),
  ]);

export const trainers = applicationPartTable("trainers", {
  name: text("name").notNull(),
  qualifications: text("qualifications").notNull().default(""),
  certifications: text("certifications").notNull().default(""),
  yearsExperience: integer("years_experience").notNull().default(0),
  links: textList("links"),
  position: position(),
  version: rowVersion(),
});

export const courses = applicationPartTable("courses", {
  title: text("title").notNull(),
  level: text("level", { enum: LEVELS }).notNull(),
  description: text("description").notNull().default(""),
  totalHours: numeric("total_hours", { precision: 6, scale: 1, mode: "number" }).notNull().default(0),
  deliveryModes: textList("delivery_modes"),
  languages: textList("languages"),
  regions: textList("regions"),
  position: position(),
  version: rowVersion(),
  /** In a delta review (decision 045): the accredited course this copy revises, whose scope it replaces. */
  revisesCourseId: uuid("revises_course_id"),
});

export const courseModules = pgTable(
  "course_modules",
  {
    id: uuidPk(),
    courseId: ownerRef("course_id", () => courses.id),
    title: text("title").notNull(),
    learningOutcomes: text("learning_outcomes").notNull().default(""),
    hours: numeric("hours", { precision: 6, scale: 1, mode: "number" }).notNull().default(0),
    position: position(),
    version: rowVersion(),
  },
  (t) => [index("course_modules_course_idx").on(t.courseId)],
);

/** What a mapping says: this module teaches this competency to this depth (the live mapping, or a remap task's). */
export const mappingColumns = () => ({
  moduleId: ownerRef("module_id", () => courseModules.id),
  competencyId: requiredRef("competency_id", () => competencies.id),
  depth: text("depth", { enum: DEPTHS }).notNull(),
});

export const moduleMappings = pgTable(
  "module_mappings",
  {
    id: uuidPk(),
    ...mappingColumns(),
    /** True when the provider took it from a suggestion (measured, not trusted). */
    fromSuggestion: boolean("from_suggestion").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("module_mappings_unique_idx").on(t.moduleId, t.competencyId),
    index("module_mappings_competency_idx").on(t.competencyId),
  ],
);

/** An uploaded PDF (an application's document, an appeal's): its name, size, SHA-256 and bytes, who uploaded it, when. */
export const uploadColumns = () => ({
  filename: text("filename").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  content: bytea("content").notNull(),
  uploadedBy: uuid("uploaded_by").references(() => users.id),
  createdAt: createdAt(),
});

export const documents = applicationPartTable("documents", {
  kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
  contentType: text("content_type").notNull().default("application/pdf"),
  ...uploadColumns(),
});

/** Immutable snapshot frozen at every submission. */
export const applicationRevisions = pgTable(
  "application_revisions",
  {
    id: uuidPk(),
    applicationId: ownerRef("application_id", () => applications.id),
    number: integer("number").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    /** The provider's answer to the change request that preceded this revision. */
    response: text("response"),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedAt: ts("submitted_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("application_revisions_number_idx").on(t.applicationId, t.number)],
);

export const changeRequests = applicationPartTable("change_requests", {
  revisionNumber: integer("revision_number").notNull(),
  message: text("message").notNull(),
  items: jsonb("items").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  dueAt: ts("due_at"),
  requestedBy: uuid("requested_by").references(() => users.id),
  createdAt: createdAt(),
  response: text("response"),
  respondedAt: ts("responded_at"),
});
