import { openDatabase, type Database, type DatabaseHandle } from "../../db/client.server";
import { config } from "~/config.server";

export type { Database };

declare global {
  // One handle per process: Vite's dev server re-evaluates modules, and PGlite must never open a folder twice.
  var __portalDatabase: Promise<DatabaseHandle> | undefined;
}

async function open(): Promise<DatabaseHandle> {
  const c = config();
  const handle = c.DATABASE_URL
    ? openDatabase({ driver: "postgres", url: c.DATABASE_URL, max: c.DATABASE_POOL_SIZE })
    : openDatabase({ driver: "pglite", dataDir: c.dataDir });
  await handle.migrate();
  return handle;
}

export const databaseHandle: DatabaseHandle = await (globalThis.__portalDatabase ??= open());
export const db: Database = databaseHandle.db;
