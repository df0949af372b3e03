/**
 * PostgreSQL restarted while a write load runs: the app's own database handle (postgres.js pool) must
 * recover by itself, and every write that reported a commit must still be there afterwards.
 * Runs only against the throwaway server of scripts/with-postgres.mjs (FAULTS=1), alone, because it
 * restarts the server under everyone connected to it.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { enqueueEmail } from "~/services/emails.server";
import { isDatabaseUnavailable } from "~/services/db-errors.server";
import { emailOutbox } from "../../db/schema";

function restartPostgres() {
  const bin = process.env.PG_TEST_BIN;
  const data = process.env.PG_TEST_DATA;
  if (!bin || !data) throw new Error("FAULTS=1 needs scripts/with-postgres.mjs (PG_TEST_BIN, PG_TEST_DATA)");
  const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "nobody", "--"] : [];
  const cmd = [...asUser, path.join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "restart"];
  execFileSync(cmd[0], cmd.slice(1), { stdio: "ignore" });
}

test("a PostgreSQL restart under load: the app reconnects by itself and loses no committed write", async () => {
  const committed: string[] = [];
  let failed = 0;
  // What a write caught by the restart threw: each must read as "database unavailable" (answered 503, not 500).
  const unrecognised: unknown[] = [];
  let hung = 0;
  let committedAfterRestart = 0;
  let restarted = false;
  const stopAt = Date.now() + 9_000;

  const worker = async (w: number) => {
    for (let i = 0; Date.now() < stopAt; i++) {
      const key = `fault:${w}:${i}`;
      try {
        const write = db.transaction((tx) =>
          enqueueEmail(tx, { template: "verify-email", to: `load${w}@example.org`, props: { name: "Load", verifyUrl: "http://localhost/x" }, idempotencyKey: key }),
        );
        // A write that never answers is a failure of its own kind: count it rather than wait forever.
        const outcome = await Promise.race([write.then(() => "done" as const), new Promise<"hung">((r) => setTimeout(() => r("hung"), 15_000))]);
        if (outcome === "hung") {
          hung += 1;
          return;
        }
        committed.push(key);
        if (restarted) committedAfterRestart += 1;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) unrecognised.push(error);
        failed += 1; // the connection dropped mid-transaction: not committed, the caller would retry
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const load = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
  await new Promise((r) => setTimeout(r, 2_000));
  const before = committed.length;
  restartPostgres();
  restarted = true;
  await load;

  const stored = new Set<string>();
  for (let i = 0; i < committed.length; i += 1000) {
    const rows = await db.select({ key: emailOutbox.idempotencyKey }).from(emailOutbox).where(inArray(emailOutbox.idempotencyKey, committed.slice(i, i + 1000)));
    for (const r of rows) stored.add(r.key);
  }
  console.log(
    `pg-restart: ${committed.length} writes committed (${before} before the restart, ${committedAfterRestart} after), ${failed} failed while the server was down, ${hung} hung, ${committed.length - stored.size} lost`,
  );
  expect(unrecognised).toEqual([]);
  expect(hung).toBe(0);
  expect(before).toBeGreaterThan(0);
  expect(committedAfterRestart).toBeGreaterThan(0);
  expect(stored.size).toBe(committed.length);
}, 60_000);
