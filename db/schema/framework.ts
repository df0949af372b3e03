import { boolean, index, integer, numeric, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { FRAMEWORK_NODE_KINDS, LEVELS, VERSION_STATUSES, tsvector } from "./types";
import { users } from "./accounts";
import { createdAt, ownerRef, position, ts, uuidPk } from "./columns";

/** What a framework version and a rubric version both are: a numbered version, drafted, then published. */
const versionColumns = () => ({
  version: integer("version").notNull(),
  title: text("title").notNull(),
  status: text("status", { enum: VERSION_STATUSES }).notNull().default("draft"),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: createdAt(),
  publishedAt: ts("published_at"),
});

/** Each version number once, and at most one published version at a time (`<table>_version_idx`, `<table>_one_published_idx`). */
const versionIndexes = (table: string, t: { version: AnyPgColumn; status: AnyPgColumn }) => [
  uniqueIndex(`${table}_version_idx`).on(t.version),
  uniqueIndex(`${table}_one_published_idx`).on(t.status).where(sql`status = 'published'`),
];

/** A version of the competency framework. Its id is the CASE CFDocument identifier (UUID v4/v5). */
export const frameworks = pgTable(
  "frameworks",
  {
    id: uuidPk(),
    ...versionColumns(),
    description: text("description").notNull().default(""),
    /**
     * Where an imported version came from: the source CFDocument's uri and identifier (a UUID; a
     * non-UUID source identifier is mapped to a v5 UUID of its uri). The portal serves every version at
     * its own uri; these are provenance only (decision 027).
     */
    sourceUri: text("uri"),
    sourceIdentifier: uuid("source_identifier"),
    retiredAt: ts("retired_at"),
  },
  (t) => versionIndexes("frameworks", t),
);

/** Areas (parent_id null, kind 'area') and competencies. id is the CASE CFItem identifier. */
export const competencies = pgTable(
  "competencies",
  {
    id: uuidPk(),
    frameworkId: ownerRef("framework_id", () => frameworks.id),
    parentId: uuid("parent_id"),
    kind: text("kind", { enum: FRAMEWORK_NODE_KINDS }).notNull(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    level: text("level", { enum: LEVELS }),
    core: boolean("core").notNull().default(false),
    position: position(),
    /** Provenance of an imported item (its source uri and UUID-mapped identifier), copied with the version. */
    sourceUri: text("uri"),
    sourceIdentifier: uuid("source_identifier"),
    /** Titles of the source items between the area and this competency when a deeper tree was imported. */
    path: text("path").notNull().default(""),
    /** CASE association identifier of this node's isChildOf link, stable across exports. */
    parentAssociationId: uuid("parent_association_id").notNull().defaultRandom(),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(code, '') || ' ' || coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')`,
    ),
  },
  (t) => [
    uniqueIndex("competencies_framework_code_idx").on(t.frameworkId, t.code),
    index("competencies_parent_idx").on(t.parentId),
    index("competencies_search_idx").using("gin", t.search),
  ],
);

export const rubrics = pgTable(
  "rubrics",
  {
    id: uuidPk(),
    ...versionColumns(),
  },
  (t) => versionIndexes("rubrics", t),
);

export const rubricCriteria = pgTable(
  "rubric_criteria",
  {
    id: uuidPk(),
    rubricId: ownerRef("rubric_id", () => rubrics.id),
    code: text("code").notNull(),
    title: text("title").notNull(),
    guidance: text("guidance").notNull().default(""),
    weight: numeric("weight", { precision: 6, scale: 2, mode: "number" }).notNull(),
    /** Five descriptors, for scores 0, 1, 2, 3 and 4. */
    descriptors: jsonb("descriptors").$type<string[]>().notNull(),
    position: position(),
  },
  (t) => [uniqueIndex("rubric_criteria_code_idx").on(t.rubricId, t.code)],
);
