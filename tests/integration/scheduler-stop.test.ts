import { expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "~/services/db.server";
import { runScheduledJobs, startScheduler } from "~/services/scheduler.server";
import { queryRows } from "../../db/client.server";
import { seedIfEmpty } from "../../db/seed";

const credentialCount = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from credentials`))[0].n;
const missingCount = async () =>
  (
    await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from accreditations a where a.status = 'active' and a.valid_until >= current_date
          and not exists (select 1 from credentials c where c.accreditation_id = a.id)`,
    )
  )[0].n;

test("stopping the scheduler does not wait for the rest of a run: the credential backfill resumes on the next one", async () => {
  // The demo's accreditations have no credential yet: the first run backfills them, one signature each.
  await seedIfEmpty(db);
  const missing = await missingCount();
  expect(missing).toBeGreaterThan(0);

  // Stopped at once, as a shutdown would: the job in hand ends, no later job (the backfill) starts.
  const stop = startScheduler(db);
  await stop();
  expect(await credentialCount()).toBe(0);

  // An aborted signal stops a run before its first job.
  const aborted = new AbortController();
  aborted.abort();
  const skipped = await runScheduledJobs(db, aborted.signal);
  expect(skipped.credentials.backfilled).toBeNull();
  expect(await credentialCount()).toBe(0);

  // The next run (no shutdown) issues every missing credential, once each.
  const run = await runScheduledJobs(db);
  expect(run.credentials.backfilled).toBe(missing);
  expect(await missingCount()).toBe(0);
}, 60_000);
