import path from "node:path";
import { openDatabase, type DatabaseHandle } from "./client.server";

/** The database the app would use: DATABASE_URL (PostgreSQL) or PGlite in DATA_DIR (default `.data`). */
export function openConfiguredDatabase(): DatabaseHandle {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return openDatabase({ driver: "postgres", url, max: 2 });
  const dir = process.env.DATA_DIR?.trim() || ".data";
  return openDatabase({ driver: "pglite", dataDir: dir.startsWith("memory://") ? dir : path.resolve(dir) });
}

/** Run a script body against the database, always closing the handle so the process can exit. */
export async function withDatabase(body: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = openConfiguredDatabase();
  try {
    await body(handle);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}
