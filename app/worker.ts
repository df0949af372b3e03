/**
 * `npm run worker`: a standalone email worker and scheduler for a PostgreSQL deployment. Run as many as
 * wanted: the outbox is claimed with FOR UPDATE SKIP LOCKED and every reminder has an idempotency key.
 * With the embedded database (no DATABASE_URL) there is nothing to share: the worker runs inside
 * `npm start`, and a second process must never open the same PGlite folder.
 */
import { config, type Config } from "~/config.server";

let c: Config;
try {
  c = config();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

if (!c.DATABASE_URL) {
  console.error(
    "The standalone worker needs DATABASE_URL (a PostgreSQL server). With the embedded database the email worker and the scheduler run inside `npm start`.",
  );
  process.exit(1);
}

// Imported only now: opening the database module connects (and migrates) at once.
const { databaseHandle, db } = await import("./services/db.server");
const { configuredTransport, startOutboxWorker } = await import("./services/mailer.server");
const { startScheduler } = await import("./services/scheduler.server");

const transport = configuredTransport(db, c);
const stopOutbox = startOutboxWorker(db, transport);
const stopScheduler = startScheduler(db);
console.log(`Worker started on ${databaseHandle.describe}: outbox via ${transport.name}, scheduled reminders every minute.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the current batch, then stopping.`);
  await stopScheduler();
  await stopOutbox();
  await databaseHandle.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
// The loops' timers are unref'd so tests can exit; the worker process itself must stay up until a signal.
setInterval(() => {}, 1 << 30);
