import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { LISTING_STATUSES, tsvector } from "./types";
import { organisations } from "./organisations";
import { textList } from "./columns";

/**
 * Denormalised read model of the public directory: one row per organisation with a listable
 * accreditation, rebuilt by the services whenever an accreditation or its profile changes.
 */
export const directoryEntries = pgTable(
  "directory_entries",
  {
    organisationId: uuid("organisation_id")
      .primaryKey()
      .references(() => organisations.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    country: text("country"),
    status: text("status", { enum: LISTING_STATUSES }).notNull(),
    areas: textList("areas"),
    levels: textList("levels"),
    modes: textList("modes"),
    languages: textList("languages"),
    courseCount: integer("course_count").notNull().default(0),
    summary: text("summary").notNull().default(""),
    /** Names and description (A), course titles (B), module learning outcomes (C). */
    document: text("document").notNull().default(""),
    /** Titles of the accredited courses, one a line. */
    titles: text("titles").notNull().default(""),
    accreditedAt: timestamp("accredited_at", { withTimezone: true, mode: "date" }).notNull(),
    validUntil: text("valid_until").notNull(),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(document, '')), 'C')`,
    ),
    /**
     * Small vector for ranking only (name, description, course titles): it stays inline in the row, so
     * ranking thousands of matches never detoasts the large `search` vector, which only the GIN index reads.
     */
    rankVector: tsvector("rank_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(titles, '')), 'B')`,
    ),
  },
  (t) => [
    index("directory_search_idx").using("gin", t.search),
    index("directory_areas_idx").using("gin", t.areas),
    index("directory_levels_idx").using("gin", t.levels),
    index("directory_modes_idx").using("gin", t.modes),
    index("directory_languages_idx").using("gin", t.languages),
    index("directory_country_idx").on(t.country),
    index("directory_name_idx").on(t.name),
    index("directory_accredited_idx").on(t.accreditedAt),
  ],
);

/**
 * One row: a counter bumped in the same transaction as every directory refresh, so a cache of search
 * results (in any number of web processes) knows at the cost of one primary-key read whether it is current.
 */
export const directoryState = pgTable("directory_state", {
  id: integer("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
