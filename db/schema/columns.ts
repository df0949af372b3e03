import { timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

// The columns every table is built of, written once: the SQL they generate is the same as the long forms.

/** A point in time, with its time zone, read as a Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The row's own id: a random UUID. */
export const uuidPk = () => uuid("id").primaryKey().defaultRandom();

/** When the row was written. */
export const createdAt = () => ts("created_at").notNull().defaultNow();

/** A required reference to a row that owns this one: deleting the owner deletes this row. */
export const ownerRef = (name: string, to: () => AnyPgColumn) => uuid(name).notNull().references(to, { onDelete: "cascade" });

/** A required reference to a row that must outlive this one. */
export const requiredRef = (name: string, to: () => AnyPgColumn) => uuid(name).notNull().references(to);
