import { customType } from "drizzle-orm/pg-core";

/** Stored PostgreSQL full-text vector; always a generated column, never written by the app. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});

/** Raw bytes (uploaded PDFs, hashes). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});

export * from "./enums";
