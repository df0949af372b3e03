import path from "node:path";
import type { Duplex } from "node:stream";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT, SelectedFields } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import postgres from "postgres";
import { startEmbeddedDatabase } from "./pglite-thread";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver, or a transaction of either: every query the app makes goes through this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseOptions =
  | { driver: "pglite"; dataDir: string }
  /** `max`: the pool's connections (the web process takes DATABASE_POOL_SIZE, decision 062). */
  | { driver: "postgres"; url: string; max: number };

export type DatabaseHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  describe: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/**
 * Every statement the app sends, as drizzle logs it, goes to these observers: tests count the queries a
 * request makes (tests/support/query-counter.ts). Empty in production, where it costs one loop per query.
 */
export const queryObservers = new Set<(query: string) => void>();
const logger = {
  logQuery(query: string) {
    for (const observe of queryObservers) observe(query);
  },
};

/**
 * Every query as a named prepared statement of its connection (decision 048). drizzle asks postgres.js for an
 * unnamed statement unless a query is `.prepare()`d by name, so PostgreSQL parsed, analysed and planned every
 * query of every page again: on the provider's dashboard (ten small queries) that was three quarters of the
 * database's CPU. postgres.js keeps one statement per query text on each connection and reuses it; queries
 * without parameters still go as simple queries. Transactions and savepoints hand drizzle a new client, which
 * gets the same treatment.
 */
type Scope = (client: postgres.Sql) => unknown;
function preparedByDefault<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        const sql = target as unknown as postgres.Sql;
        return (query: string, args?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          sql.unsafe(query, args, { ...options, prepare: true });
      }
      if (key === "begin" || key === "savepoint") {
        const open = Reflect.get(target, key, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const scope = args.pop() as Scope;
          return open(...args, (inner: postgres.Sql) => scope(preparedByDefault(inner)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * Both databases go through postgres.js, drizzle's postgres-js driver and its migrator: PGlite runs in a
 * worker thread that speaks the wire protocol (db/pglite-thread.ts, decision 029), so its queries never run
 * on the web process's event loop, and transactions, savepoints and row locks behave as on a server.
 */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.driver === "pglite") {
    const inMemory = options.dataDir.startsWith("memory://");
    const embedded = startEmbeddedDatabase({ dataDir: options.dataDir });
    // One PGlite backend is one session: a single connection, so postgres.js queues queries while a
    // transaction holds it, exactly as a one-connection pool on a server would.
    // `socket` is postgres.js's documented custom-socket option, missing from its type declarations.
    const clientOptions: postgres.Options<Record<string, never>> & { socket: () => Promise<Duplex> } = {
      max: 1,
      socket: () => embedded.socket(),
      onnotice: () => {},
      username: "postgres",
      database: "postgres",
    };
    const client = postgres(clientOptions);
    const db = drizzlePostgres(preparedByDefault(client), { schema, logger });
    return {
      db: db as unknown as Database, // the two drivers differ only in their query-result HKT
      driver: "pglite",
      describe: inMemory ? "embedded PostgreSQL (PGlite, in memory)" : `embedded PostgreSQL (PGlite) in ${options.dataDir}`,
      migrate: () => migratePostgres(db, { migrationsFolder }),
      close: async () => {
        await client.end({ timeout: 5 });
        await embedded.close();
      },
    };
  }
  const client = postgres(options.url, {
    max: options.max,
    onnotice: () => {},
    connection: { application_name: "accreditation-portal" },
  });
  const db = drizzlePostgres(preparedByDefault(client), { schema, logger });
  const url = new URL(options.url);
  return {
    db: db as unknown as Database,
    driver: "postgres",
    describe: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    migrate: () => migratePostgres(db, { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The rows of a select whose columns the caller passes generically (`fields: T`), typed as drizzle types such a select:
 * drizzle infers a select's row type only from fields it can see, and a generic `T` hides them (the select is built
 * over `SelectedFields`, so its rows carry no column types). `SelectResultFields<T>` is the type drizzle itself gives
 * those columns, exact when every join of the select is inner (an outer join makes the joined columns nullable).
 */
export function innerJoinedRows<T extends SelectedFields>(rows: unknown[]): SelectResultFields<T>[] {
  return rows as SelectResultFields<T>[];
}

/**
 * A query built once per database handle, for the few statements nearly every page makes (decision 063): drizzle builds
 * a select afresh on each call, which for a select of whole rows costs more CPU than the rest of its round trip. `build`
 * ends in `.prepare(name)` with `sql.placeholder`s for what varies; postgres.js still prepares the text per connection.
 */
export function preparedPerDatabase<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}

/** Rows of a raw query (postgres.js answers an array; kept as one helper so callers never depend on it). */
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

/**
 * SQL: `expr = any(ids)` with the ids sent as ONE parameter. `inArray` sends one parameter per id, so each length of
 * the list is another statement text: prepared and planned again, and bound id by id (1-3 ms at 68 ids).
 */
export function anyOfIds(expr: SQLWrapper, ids: readonly string[]): SQL<boolean> {
  return sql<boolean>`${expr} = any(string_to_array(${ids.join(",")}, ',')::uuid[])`;
}

/** A LIKE/ILIKE pattern matching `text` anywhere, its own `%`, `_` and `\` taken literally. */
export function likeContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
