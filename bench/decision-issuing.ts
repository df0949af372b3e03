/**
 * Issue 14: "issuing adds no more than 50 ms to recording a decision". In this process, on the benchmark
 * database, through the real services: for each of a few benchmark applications awaiting the board, one
 * transaction that adds three approving votes, records the decision (recordDecision: compare-and-set, tally,
 * accreditation, credential signed with eddsa-rdfc-2022, public log, emails), then signs and stores the
 * credential once more on its own (issueCredential, the part of the decision that issuing is) — and rolls
 * everything back, so the data set is the same after the bench as before.
 *
 * Prints `decision-issuing decision_p50_ms=… decision_p95_ms=… issue_p50_ms=… issue_p95_ms=…
 * without_issuing_p50_ms=… ratio_with_to_without=…`; "without issuing" is the decision minus the issuing
 * measured in the same transaction (the service has no switch to record a decision without a credential).
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";

const ROUNDS = Number(process.env.BENCH_DECISIONS ?? 20);

class Rollback extends Error {}

export type DecisionIssuing = { rounds: number; decision: number[]; issue: number[] };

export async function benchDecisionIssuing(env: Record<string, string>): Promise<DecisionIssuing> {
  Object.assign(process.env, { SEED: "off", EMAIL_WORKER: "off", ...env });
  const { databaseHandle, db } = await import("../app/services/db.server");
  const { queryRows } = await import("../db/client.server");
  const { recordDecision } = await import("../app/services/board-decision.server");
  const { issueCredential } = await import("../app/services/credentials.server");
  const { loadSessionUser } = await import("../app/services/sessions.server");
  const { users } = await import("../db/schema");
  const { eq } = await import("drizzle-orm");
  try {
    const [staffRow] = await db.select().from(users).where(eq(users.email, "staff@example.org"));
    const staff = await loadSessionUser(db, staffRow);
    const board = await queryRows<{ id: string }>(db, sql`select u.id from users u join user_roles r on r.user_id = u.id and r.role = 'board' order by u.email limit 3`);
    const apps = await queryRows<{ id: string }>(
      db,
      sql`select a.id from applications a join organisations o on o.id = a.organisation_id
          where a.status = 'awaiting_decision' and o.slug like 'bench-%' order by a.id limit ${ROUNDS}`,
    );
    const decision: number[] = [];
    const issue: number[] = [];
    // One untimed round first: module loading, the issuer key, the JSON-LD contexts.
    for (const [i, app] of [apps[0], ...apps].entries()) {
      try {
        await db.transaction(async (tx) => {
          for (const member of board)
            await tx.execute(sql`insert into board_votes (application_id, user_id, vote) values (${app.id}, ${member.id}, 'approve') on conflict do nothing`);
          const t0 = performance.now();
          const result = await recordDecision(tx, staff, app.id, { outcome: "accredited", conditions: "", rationale: "Benchmark decision (rolled back).", meetingReference: "bench" });
          const t1 = performance.now();
          if (!result.ok) throw new Error(`decision refused: ${result.message}`);
          const [accreditation] = await queryRows<{ id: string }>(tx, sql`select id from accreditations where application_id = ${app.id}`);
          const t2 = performance.now();
          await issueCredential(tx, accreditation.id, "granted");
          const t3 = performance.now();
          if (i > 0) {
            decision.push(t1 - t0);
            issue.push(t3 - t2);
          }
          throw new Rollback();
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
    }
    return { rounds: decision.length, decision, issue };
  } finally {
    await databaseHandle.close();
  }
}

// Run as its own process by bench/run.ts (`tsx bench/decision-issuing.ts`), so its database handle is its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchDecisionIssuing({}).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
