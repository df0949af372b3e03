import { expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "~/services/db.server";
import { loadDashboard } from "~/services/admin-dashboard.server";
import { queryRows } from "../../db/client.server";
import { applications } from "../../db/schema";
import { createOrganisation } from "../support/factories";
import { publishedFramework } from "../support/factories-admin";

/** The median as the dashboard first computed it: numeric days per application, then the median of those. */
async function medianAsBefore(): Promise<number | null> {
  const [row] = await queryRows<{ median: string | number | null }>(
    db,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from (a.decided_at - coalesce(a.first_submitted_at, a.submitted_at))) / 86400) as median
        from applications a
        where a.decided_at is not null and a.submitted_at is not null`,
  );
  return row.median === null ? null : Math.round(Number(row.median) * 10) / 10;
}

test("the median days to decision, in float seconds divided once, equals the median of numeric days, for odd and even counts", async () => {
  const { framework } = await publishedFramework();
  const org = await createOrganisation({ displayName: "Ferris Training" });
  const start = Date.parse("2025-01-01T00:00:00Z");
  let seed = 11;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  expect((await loadDashboard(db)).medianDaysToDecision).toBeNull();
  for (let i = 0; i < 41; i += 1) {
    // Durations to the millisecond, from hours to a year; some resubmitted, so their first submission counts; some
    // with no first submission recorded (written before it was), so their submission counts.
    const submitted = start + next(300) * 86_400_000 + next(86_400_000);
    const decided = submitted + next(365 * 86_400_000);
    const first = i % 3 === 0 ? new Date(submitted - next(40 * 86_400_000)) : i % 3 === 1 ? new Date(submitted) : null;
    await db.insert(applications).values({
      organisationId: org.id,
      frameworkId: framework.id,
      status: i % 5 === 0 ? "rejected" : "accredited",
      submittedAt: new Date(submitted),
      firstSubmittedAt: first,
      decidedAt: new Date(decided),
    });
    // Undecided and never submitted applications are not in the median.
    if (i % 10 === 0) await db.insert(applications).values({ organisationId: org.id, frameworkId: framework.id, status: "submitted", submittedAt: new Date(submitted) });
    const dashboard = await loadDashboard(db);
    expect(dashboard.decidedCount).toBe(i + 1);
    expect(dashboard.medianDaysToDecision).toBe(await medianAsBefore());
  }
});
