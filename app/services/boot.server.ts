import { config } from "~/config.server";
import { seedIfEmpty } from "../../db/seed";
import { databaseHandle, db } from "./db.server";
import { configuredTransport, startOutboxWorker } from "./mailer.server";

let stopWorker: (() => Promise<void>) | undefined;

/** Called once by server.mjs: the database is migrated already (db.server); seed, then start the worker. */
export async function boot(): Promise<{ database: string; seeded: boolean; stop: () => Promise<void> }> {
  const c = config();
  const seeded = c.SEED === "auto" ? await seedIfEmpty(db) : false;
  if (c.EMAIL_WORKER === "on" && !stopWorker) stopWorker = startOutboxWorker(db, configuredTransport(db, c));
  return {
    database: databaseHandle.describe,
    seeded,
    stop: async () => {
      await stopWorker?.();
      stopWorker = undefined;
      await databaseHandle.close();
    },
  };
}
