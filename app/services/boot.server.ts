import { config } from "~/config.server";
import { seedIfEmpty } from "../../db/seed";
import { databaseHandle, db } from "./db.server";
import { configuredTransport, startOutboxWorker } from "./mailer.server";
import { startScheduler } from "./scheduler.server";
import { warmDirectoryIndex } from "./directory-search.server";

let stopWorker: (() => Promise<void>) | undefined;
let stopScheduler: (() => Promise<void>) | undefined;

/** Called once by server.mjs: the database is migrated already (db.server); seed, then start the worker. */
export async function boot(): Promise<{ database: string; appUrl: string; seeded: boolean; mailbox: boolean; stop: () => Promise<void> }> {
  const c = config();
  const seeded = c.SEED === "auto" ? await seedIfEmpty(db) : false;
  if (c.EMAIL_WORKER === "on" && !stopWorker) stopWorker = startOutboxWorker(db, configuredTransport(db, c));
  // Reminders (expiry, reviews) run where the email worker runs; their idempotency keys make extra runners harmless.
  if (c.EMAIL_WORKER === "on" && !stopScheduler) stopScheduler = startScheduler(db);
  // In the background: the server answers at once, and the first search finds the directory's index loaded.
  warmDirectoryIndex(db).catch((error: unknown) => console.warn("The directory index was not loaded ahead of the first search:", error));
  return {
    database: databaseHandle.describe,
    appUrl: c.appUrl,
    seeded,
    mailbox: c.mailboxEnabled,
    stop: async () => {
      await stopScheduler?.();
      stopScheduler = undefined;
      await stopWorker?.();
      stopWorker = undefined;
      await databaseHandle.close();
    },
  };
}
