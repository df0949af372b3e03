import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver, or a transaction of either: every query the app makes goes through this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseOptions =
  | { driver: "pglite"; dataDir: string }
  | { driver: "postgres"; url: string; max?: number };

export type DatabaseHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  describe: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.driver === "pglite") {
    const inMemory = options.dataDir.startsWith("memory://");
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
    const client = new PGlite(options.dataDir, { extensions: { pg_trgm } });
    const db = drizzlePglite(client, { schema });
    return {
      db: db as unknown as Database, // the two drivers differ only in their query-result HKT
      driver: "pglite",
      describe: inMemory ? "embedded PostgreSQL (PGlite, in memory)" : `embedded PostgreSQL (PGlite) in ${options.dataDir}`,
      migrate: () => migratePglite(db, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  const client = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: "accreditation-portal" },
  });
  const db = drizzlePostgres(client, { schema });
  const url = new URL(options.url);
  return {
    db: db as unknown as Database,
    driver: "postgres",
    describe: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    migrate: () => migratePostgres(db, { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Rows of a raw query, whichever driver ran it (PGlite answers `{ rows }`, postgres.js an array). */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

/** Every application table, for truncation in tests and `db:reset`. */
export async function truncateAll(db: Database): Promise<void> {
  const rows = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  if (rows.length === 0) return;
  const list = rows.map((r) => `"${r.tablename}"`).join(", ");
  await db.execute(sql.raw(`TRUNCATE ${list} RESTART IDENTITY CASCADE`));
}
