import { monitorEventLoopDelay } from "node:perf_hooks";
import { expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { config } from "~/config.server";
import { databaseHandle, db } from "~/services/db.server";
import { queryRows } from "../../db/client.server";
import { decisions } from "../../db/schema";
import { callAction, callLoader, getRequest, postRequest, statusOf } from "../support/requests";
import * as adminDashboard from "~/routes/admin._index";
import * as decisionRoute from "~/routes/admin.applications.$id.decision";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";

// Issue 12, finding 6 and issue 19: on the embedded database a burst used to stall the web thread for
// seconds and end in 500s. PGlite now runs in a worker thread (decision 029); these hold on both databases.

test("a query that keeps the database busy does not stop this thread: a 10 ms timer fires long before it answers", async () => {
  const started = performance.now();
  let timerFiredAt = 0;
  const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void (timerFiredAt = performance.now())), 10));
  // Enough work to take a good fraction of a second on either database (PGlite computes it on its own thread).
  const query = queryRows<{ n: number }>(db, sql`select count(*)::int as n from generate_series(1, 1000000) a, lateral (select md5(a::text)) b`);
  const [[row]] = await Promise.all([query, timer]);
  const answeredAt = performance.now();
  expect(row.n).toBe(1_000_000);
  expect(answeredAt - started).toBeGreaterThan(timerFiredAt - started);
  expect(timerFiredAt - started).toBeLessThan((answeredAt - started) / 2);
});

test("twelve statements at once share the pool's DATABASE_POOL_SIZE connections on PostgreSQL (decision 062), the one PGlite session on the embedded database", async () => {
  const backends = await Promise.all(
    Array.from({ length: 12 }, () => queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid, pg_sleep(0.05)`).then(([row]) => row.pid)),
  );
  expect(new Set(backends).size).toBe(databaseHandle.driver === "postgres" ? config().DATABASE_POOL_SIZE : 1);
});

test("50 concurrent staff dashboard loads all answer 200, none 5xx; the event loop is measured", async () => {
  const staff = await createStaff();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const statuses = await Promise.all(
    Array.from({ length: 50 }, async () => statusOf(await callLoader(adminDashboard.loader, getRequest("/admin", staff.cookie)))),
  );
  histogram.disable();
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(new Set(statuses)).toEqual(new Set([200]));
  // Not asserted (a shared CI machine is noisy; `npm run bench` holds the 100 ms budget): printed for the log.
  console.log(`burst of 50 dashboard loads: event-loop delay p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms`);
});

test("50 concurrent decision POSTs for one application: one decision, one 302, the rest 409, no 500", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  for (const member of board) await castVoteRow(app.application.id, member.user.id, "approve");
  const staff = await createStaff();
  const path = `/admin/applications/${app.application.id}/decision`;
  const fields = { outcome: "accredited", rationale: "", conditions: "", meetingReference: "BM-50" };
  const statuses = await Promise.all(
    Array.from({ length: 50 }, async () => statusOf(await callAction(decisionRoute.action, postRequest(path, fields, staff.cookie), { id: app.application.id }))),
  );
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(statuses.filter((s) => s === 302)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  expect(await db.select().from(decisions).where(eq(decisions.applicationId, app.application.id))).toHaveLength(1);
});
