import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { loginAttempts } from "../../db/schema";
import type { Database } from "./db.server";
import { now } from "./clock.server";

/**
 * Password guessing is slowed at three levels, each counted over a sliding window (decision 013):
 * - one address guessing one account: a hard stop after 5 failures (only that address is refused);
 * - one address guessing any accounts: a hard stop after 20 failures;
 * - one account guessed from anywhere: after 5 failures each further check waits a delay that doubles
 *   with every failure, capped at a minute. A delay, not a lock: strangers can slow a victim's login by at
 *   most a minute, never shut them out, and a botnet gets one guess a minute at most.
 * An attempt is admitted and counted (as a failure until it proves otherwise) in one transaction that holds a
 * lock on each of its keys, BEFORE the slow password hash: simultaneous guesses cannot outrun the count.
 */
const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_PAIR = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const FREE_FAILURES_PER_ACCOUNT = 5;
export const MAX_ACCOUNT_DELAY_MS = 60_000;

/** Sign-up attempts per address per hour: each costs a hash, and a refusal says whether an address has an account. */
const SIGNUP_WINDOW_MS = 3_600_000;
export const MAX_SIGNUPS_PER_ADDRESS = 10;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;
const pairKey = (email: string, address: string) => `pair:${address}:${email.trim().toLowerCase()}`;
const signupKey = (address: string) => `signup:${address}`;

export type Admission = { admitted: true; attemptIds: string[] } | { admitted: false; retryAfterSeconds: number; message: string };

/** Take the keys' locks (in one order, so two requests cannot deadlock) for the rest of the transaction. */
export async function lockKeys(tx: Database, keys: string[]) {
  for (const key of [...keys].sort()) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

function refusal(waitMs: number): Admission {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = seconds < 120 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return { admitted: false, retryAfterSeconds: seconds, message: `Too many failed attempts. Try again in ${wait}.` };
}

/** The delay an account asks of the next check after `failures` failures in the window. */
function accountDelayMs(failures: number): number {
  if (failures < FREE_FAILURES_PER_ACCOUNT) return 0;
  return Math.min(MAX_ACCOUNT_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES_PER_ACCOUNT));
}

/**
 * Admit one login attempt, or say how long to wait. An admitted attempt is already recorded as a failure under
 * all three keys; `loginSucceeded` turns it into a success once the password matched.
 */
export async function admitLoginAttempt(db: Database, { email, address }: { email: string; address: string }): Promise<Admission> {
  const keys = { account: accountKey(email), address: addressKey(address), pair: pairKey(email, address) };
  return db.transaction(async (tx): Promise<Admission> => {
    await lockKeys(tx, Object.values(keys));
    const at = now();
    const rows = await tx
      .select({ key: loginAttempts.key, succeeded: loginAttempts.succeeded, attemptedAt: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(inArray(loginAttempts.key, Object.values(keys)), gte(loginAttempts.attemptedAt, new Date(at.getTime() - LOGIN_WINDOW_MS))));
    const failures = (key: string) =>
      rows
        .filter((r) => r.key === key && !r.succeeded)
        .map((r) => r.attemptedAt.getTime())
        .sort((a, b) => a - b);

    // The hard limits: the key opens once the (count - max + 1)th oldest failure has left the window.
    let openAt = 0;
    for (const [key, max] of [
      [keys.pair, MAX_FAILURES_PER_PAIR],
      [keys.address, MAX_FAILURES_PER_ADDRESS],
    ] as const) {
      const times = failures(key);
      if (times.length >= max) openAt = Math.max(openAt, times[times.length - max] + LOGIN_WINDOW_MS);
    }
    // The account's delay, counted from its latest attempt of any outcome.
    const accountFailures = failures(keys.account).length;
    const latest = Math.max(0, ...rows.filter((r) => r.key === keys.account).map((r) => r.attemptedAt.getTime()));
    const delay = accountDelayMs(accountFailures);
    if (delay > 0) openAt = Math.max(openAt, latest + delay);
    if (openAt > at.getTime()) return refusal(openAt - at.getTime());

    const inserted = await tx
      .insert(loginAttempts)
      .values(Object.values(keys).map((key) => ({ key, succeeded: false, attemptedAt: at })))
      .returning({ id: loginAttempts.id });
    return { admitted: true, attemptIds: inserted.map((r) => r.id) };
  });
}

/** The password matched: this attempt was not a failure after all (earlier failures still count). */
export async function loginSucceeded(tx: Database, attemptIds: string[]): Promise<void> {
  await tx.update(loginAttempts).set({ succeeded: true }).where(inArray(loginAttempts.id, attemptIds));
}

/** Admit one sign-up from this address, or say how long to wait; every attempt counts, whatever its outcome. */
export async function admitSignup(db: Database, address: string): Promise<Admission> {
  const key = signupKey(address);
  return db.transaction(async (tx): Promise<Admission> => {
    await lockKeys(tx, [key]);
    const at = now();
    const recent = await tx
      .select({ attemptedAt: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.key, key), gte(loginAttempts.attemptedAt, new Date(at.getTime() - SIGNUP_WINDOW_MS))))
      .orderBy(loginAttempts.attemptedAt);
    if (recent.length >= MAX_SIGNUPS_PER_ADDRESS) {
      const openAt = recent[recent.length - MAX_SIGNUPS_PER_ADDRESS].attemptedAt.getTime() + SIGNUP_WINDOW_MS;
      const seconds = Math.max(1, Math.ceil((openAt - at.getTime()) / 1000));
      const minutes = Math.ceil(seconds / 60);
      return { admitted: false, retryAfterSeconds: seconds, message: `Too many sign-ups from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
    }
    const [row] = await tx.insert(loginAttempts).values({ key, succeeded: false, attemptedAt: at }).returning({ id: loginAttempts.id });
    return { admitted: true, attemptIds: [row.id] };
  });
}

/** The longest window any check reads; a row older than this can never change an answer again. */
export const LONGEST_ATTEMPT_WINDOW_MS = Math.max(LOGIN_WINDOW_MS, SIGNUP_WINDOW_MS);

/**
 * Delete attempts no window reads any more, so the table (written on every login and sign-up, by strangers too)
 * stays as small as the traffic of the last hour. Run by the scheduler; answers how many rows went.
 */
export async function pruneLoginAttempts(db: Database): Promise<number> {
  const cutoff = new Date(now().getTime() - LONGEST_ATTEMPT_WINDOW_MS);
  const deleted = await db.delete(loginAttempts).where(lt(loginAttempts.attemptedAt, cutoff)).returning({ id: loginAttempts.id });
  return deleted.length;
}
