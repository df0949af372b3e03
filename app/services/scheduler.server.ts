/**
 * Scheduled jobs: accreditation expiry reminders (90, 45 and 30 days before), the expired notice, and
 * the review reminders. Safe to run from any number of processes at once: every email carries an
 * idempotency key (`acc-expiring:<id>:90:<user>`), the outbox's unique index keeps the first, and
 * `enqueueEmail` answers false for the rest. No job changes a status: `expired` follows from the date.
 */
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { accreditations, organisations } from "../../db/schema";
import { dueReminder, isoDate } from "~/domain/accreditation";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { organisationRecipients } from "./recipients.server";
import { sendReviewReminders } from "./review-queue.server";
import { runSurveillance } from "./surveillance.server";
import { sendComplaintReminders } from "./complaints-staff.server";
import { sendRemapReminders } from "./remap-open.server";
import { backfillCredentials } from "./credentials.server";
import { logExpiries, writeCheckpoint } from "./public-log.server";
import { pruneLoginAttempts } from "./rate-limit.server";

/** An expiry older than this gets no notice: a worker started after a long pause does not mail stale news. */
const EXPIRED_NOTICE_WINDOW_DAYS = 30;

export type ReminderRun = { expiring: number; expired: number };

async function sendAccreditationReminders(db: Database): Promise<ReminderRun> {
  const at = now();
  const today = isoDate(at);
  const horizon = isoDate(addDays(at, 90));
  const since = isoDate(addDays(at, -EXPIRED_NOTICE_WINDOW_DAYS));
  const candidates = await db
    .select({ a: accreditations, organisationName: organisations.displayName })
    .from(accreditations)
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .where(and(inArray(accreditations.status, ["active", "suspended"]), lte(accreditations.validUntil, horizon), gte(accreditations.validUntil, since)));
  const run: ReminderRun = { expiring: 0, expired: 0 };
  const appUrl = config().appUrl;
  for (const { a, organisationName } of candidates) {
    const expired = a.validUntil < today;
    const days = expired || a.status !== "active" ? null : dueReminder(a.validUntil, today);
    if (!expired && days === null) continue;
    // One small transaction per accreditation: a failure on one never holds back the others.
    await db.transaction(async (tx) => {
      for (const r of await organisationRecipients(tx, a.organisationId)) {
        const base = { name: r.name, organisationName, certificateNumber: a.certificateNumber, validUntil: a.validUntil };
        if (expired) {
          const queued = await enqueueEmail(tx, {
            template: "accreditation-expired",
            to: r.email,
            props: { ...base, dashboardUrl: `${appUrl}/provider` },
            idempotencyKey: `acc-expired:${a.id}:${r.id}`,
          });
          if (queued) run.expired += 1;
        } else if (days !== null) {
          const queued = await enqueueEmail(tx, {
            template: "accreditation-expiring",
            to: r.email,
            props: { ...base, days, renewUrl: `${appUrl}/provider/accreditations/${a.id}/renew` },
            idempotencyKey: `acc-expiring:${a.id}:${days}:${r.id}`,
          });
          if (queued) run.expiring += 1;
        }
      }
    });
  }
  return run;
}

export type ScheduledRun = {
  accreditations: ReminderRun | null;
  reviews: Awaited<ReturnType<typeof sendReviewReminders>> | null;
  surveillance: Awaited<ReturnType<typeof runSurveillance>> | null;
  complaints: Awaited<ReturnType<typeof sendComplaintReminders>> | null;
  remapReminders: number | null;
  /** Credentials issued for accreditations that had none; expiries added to the public log; whether a checkpoint was signed. */
  credentials: { backfilled: number | null; expiriesLogged: number | null; checkpoint: boolean };
  /** Login and sign-up attempts deleted because no rate-limit window reads them any more. */
  loginAttemptsPruned: number | null;
  /** Jobs that threw this run; each job is isolated so one failing never holds back the others. */
  failures: { job: string; message: string }[];
};

/**
 * Every scheduled job once. Called by the in-process timer (boot) and by the standalone worker. Once `signal` is
 * aborted (the process is shutting down) no further job starts, and the credential backfill stops between two
 * accreditations: what is left waits for the next run.
 */
export async function runScheduledJobs(db: Database, signal?: AbortSignal): Promise<ScheduledRun> {
  const failures: ScheduledRun["failures"] = [];
  const guard = async <T>(job: string, run: () => Promise<T>): Promise<T | null> => {
    if (signal?.aborted) return null;
    try {
      return await run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ job, message });
      console.warn(`[scheduler] ${job} failed, will retry next run:`, message);
      return null;
    }
  };
  const accreditationRun = await guard("accreditation reminders", () => sendAccreditationReminders(db));
  // The review area owns its reminders; one scheduler drives every job.
  const reviews = await guard("review reminders", () => sendReviewReminders(db));
  // Annual reports: opened 60 days before due, reminded at 60, 30 and 7 days.
  const surveillance = await guard("annual reports", () => runSurveillance(db));
  const complaints = await guard("complaint reminders", () => sendComplaintReminders(db));
  const remapReminders = await guard("re-mapping reminders", () => sendRemapReminders(db));
  const backfilled = await guard("credential backfill", () => backfillCredentials(db, signal));
  const expiriesLogged = await guard("public log expiries", () => logExpiries(db));
  // Last, so the checkpoint covers what this run appended.
  const checkpoint = await guard("public log checkpoint", () => writeCheckpoint(db));
  const loginAttemptsPruned = await guard("login attempts pruning", () => pruneLoginAttempts(db));
  return {
    accreditations: accreditationRun,
    reviews,
    surveillance,
    complaints,
    remapReminders,
    credentials: { backfilled, expiriesLogged, checkpoint: !!checkpoint },
    loginAttemptsPruned,
    failures,
  };
}

/** Run the jobs now and then every `intervalMs` until stopped; the timer never keeps the process alive. */
export function startScheduler(db: Database, intervalMs = 60_000): () => Promise<void> {
  const stopping = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopping.signal.aborted) return;
    running = runScheduledJobs(db, stopping.signal).catch((error: unknown) => {
      console.warn("[scheduler] run failed, will retry:", error instanceof Error ? error.message : error);
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  // Stopping waits for the job in hand, not for the rest of the run (a first backfill can be thousands of credentials).
  return async () => {
    stopping.abort();
    clearInterval(timer);
    await running;
  };
}
