import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { loginAttempts } from "../../db/schema";
import type { Database } from "./db.server";
import { now } from "./clock.server";

/** Failures counted over a sliding window; a success is recorded but forgives nothing. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;

export type LoginLimit = { limited: false } | { limited: true; retryAfterMinutes: number; message: string };

/**
 * Whether another login attempt may be made for this account from this address. When refused, the
 * wait is until enough failures have left the window for the stricter of the two keys to open again.
 */
export async function checkLoginLimit(db: Database, { email, address }: { email: string; address: string }): Promise<LoginLimit> {
  const at = now();
  const since = new Date(at.getTime() - LOGIN_WINDOW_MS);
  const limits: [string, number][] = [
    [accountKey(email), MAX_FAILURES_PER_ACCOUNT],
    [addressKey(address), MAX_FAILURES_PER_ADDRESS],
  ];
  const failures = await db
    .select({ key: loginAttempts.key, attemptedAt: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(
      and(
        inArray(
          loginAttempts.key,
          limits.map(([key]) => key),
        ),
        eq(loginAttempts.succeeded, false),
        gte(loginAttempts.attemptedAt, since),
      ),
    )
    .orderBy(asc(loginAttempts.attemptedAt));

  let openAt = 0;
  for (const [key, max] of limits) {
    const times = failures.filter((f) => f.key === key).map((f) => f.attemptedAt.getTime());
    if (times.length < max) continue;
    // The key opens again once the (count - max + 1)th oldest failure has left the window.
    openAt = Math.max(openAt, times[times.length - max] + LOGIN_WINDOW_MS);
  }
  if (openAt === 0) return { limited: false };
  const retryAfterMinutes = Math.max(1, Math.ceil((openAt - at.getTime()) / 60_000));
  return {
    limited: true,
    retryAfterMinutes,
    message: `Too many failed attempts. Try again in ${retryAfterMinutes} minute${retryAfterMinutes === 1 ? "" : "s"}.`,
  };
}

/** Record one attempt under both keys. */
export async function recordLoginAttempt(db: Database, { email, address, succeeded }: { email: string; address: string; succeeded: boolean }): Promise<void> {
  const attemptedAt = now();
  await db.insert(loginAttempts).values([
    { key: accountKey(email), succeeded, attemptedAt },
    { key: addressKey(address), succeeded, attemptedAt },
  ]);
}
