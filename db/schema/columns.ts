import { sql } from "drizzle-orm";
import { index, integer, jsonb, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

// The columns every table is built of, written once: the SQL they generate is the same as the long forms.

/** A point in time, with its time zone, read as a Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The row's own id: a random UUID. */
export const uuidPk = () => uuid("id").primaryKey().defaultRandom();

/** When the row was written. */
export const createdAt = () => ts("created_at").notNull().defaultNow();

/** When the row last changed. */
export const updatedAt = () => ts("updated_at").notNull().defaultNow();

/** The row's place among its siblings (courses, modules, trainers, nodes), first is 0. */
export const position = () => integer("position").notNull().default(0);

/** In a select over some siblings: the position after the last of them, 0 when there are none. */
export const nextPosition = (column: AnyPgColumn) => sql<number>`coalesce(max(${column}) + 1, 0)::int`;

/** The row's edit count, for compare-and-set updates. */
export const rowVersion = () => integer("version").notNull().default(1);

/** A list of strings, empty by default. */
export const textList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

/** A required reference to a row that owns this one: deleting the owner deletes this row. */
export const ownerRef = (name: string, to: () => AnyPgColumn) => uuid(name).notNull().references(to, { onDelete: "cascade" });

/** A required reference to a row that must outlive this one. */
export const requiredRef = (name: string, to: () => AnyPgColumn) => uuid(name).notNull().references(to);

/** A hash-chained log's row (audit events, the public log): its data, and hash = SHA-256 over prev_hash and the row. */
export const hashChainColumns = () => ({
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

/**
 * The two lists a workflow record of an organisation (application, complaint, appeal, …) stands in: its
 * organisation's, and staff's queue by status. Named `<table>_org_idx` and `<table>_status_idx`.
 */
export const orgAndStatusIndexes = (table: string, t: { organisationId: AnyPgColumn; status: AnyPgColumn }) => [
  index(`${table}_org_idx`).on(t.organisationId),
  index(`${table}_status_idx`).on(t.status),
];
