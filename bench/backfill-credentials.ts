/**
 * `npm run bench`'s data, last step: every accreditation in force carries its credential, as in a real register (its
 * verify page shows it). The generated providers have none, and the scheduler's backfill would sign them inside
 * whichever server ran it, at about 70 % of its core for over a minute (the bench's servers run no scheduler, so
 * they would answer without them instead). Run by bench/run.ts as its own process (`tsx bench/backfill-credentials.ts`)
 * with the servers' database and issuer key, before any server starts; about 80 s once for 10,000 new providers,
 * nothing when every one has its credential. Prints how many it issued.
 */
import process from "node:process";

// Before the app modules load: they read the environment once.
Object.assign(process.env, { SEED: "off", EMAIL_WORKER: "off" });
const { databaseHandle, db } = await import("../app/services/db.server");
const { backfillCredentials } = await import("../app/services/credentials.server");
try {
  process.stdout.write(`${await backfillCredentials(db)}\n`);
} finally {
  await databaseHandle.close();
}
