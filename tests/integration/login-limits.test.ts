/**
 * Issue 12, finding 3: the login limit is counted atomically BEFORE the slow password hash, so simultaneous
 * guesses cannot outrun it; and a stranger can slow an account's login by at most a minute, never lock it.
 * Password verifications are counted with a spy that calls the real Argon2 verification through.
 */
import { eq } from "drizzle-orm";
import { beforeEach, expect, test, vi } from "vitest";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { verifyPassword } from "~/services/passwords.server";
import {
  FREE_FAILURES_PER_ACCOUNT,
  MAX_ACCOUNT_DELAY_MS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_PAIR,
  MAX_SIGNUPS_PER_ADDRESS,
  LONGEST_ATTEMPT_WINDOW_MS,
} from "~/services/rate-limit.server";
import { runScheduledJobs } from "~/services/scheduler.server";
import * as loginRoute from "~/routes/login";
import * as signupRoute from "~/routes/signup";
import { auditEvents, loginAttempts, users } from "../../db/schema";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { callAction, payloadOf, postRequest, statusOf } from "../support/requests";

vi.mock("~/services/passwords.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/services/passwords.server")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const verifications = vi.mocked(verifyPassword);

beforeEach(() => {
  verifications.mockClear();
  // "Simultaneous" means within the same instant: on a busy machine a real burst can spread over the account's
  // one-second delay, which then rightly admits another guess.
  const instant = new Date("2026-05-01T09:00:00Z");
  setClock(() => instant);
});

function attempt(email: string, password: string, address: string) {
  const request = postRequest("/login", { email, password });
  request.headers.set("x-portal-client-address", address);
  return callAction(loginRoute.action, request);
}

const formError = (answer: unknown) => payloadOf<{ errors: { form?: string } }>(answer).errors.form;
const retryAfter = (answer: unknown) => Number((answer as { init?: { headers?: Record<string, string> } }).init?.headers?.["Retry-After"]);

test("50 simultaneous wrong passwords for one account from one address: only the limit is ever checked", async () => {
  const victim = await createUser({ email: "victim@example.org" });
  const answers = await Promise.all(Array.from({ length: 50 }, () => attempt(victim.email, "wrong password", "203.0.113.9")));
  expect(verifications).toHaveBeenCalledTimes(MAX_FAILURES_PER_PAIR);
  expect(answers.filter((a) => statusOf(a) === 400)).toHaveLength(MAX_FAILURES_PER_PAIR);
  expect(answers.filter((a) => statusOf(a) === 429)).toHaveLength(50 - MAX_FAILURES_PER_PAIR);
  const failed = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.login_failed"));
  expect(failed).toHaveLength(MAX_FAILURES_PER_PAIR);
});

test("50 simultaneous wrong passwords for one account from 50 addresses: the account's delay admits only its free failures", async () => {
  const victim = await createUser({ email: "botnet-target@example.org" });
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(victim.email, "wrong password", `198.51.100.${i + 1}`)));
  expect(verifications).toHaveBeenCalledTimes(FREE_FAILURES_PER_ACCOUNT);
  const refused = answers.filter((a) => statusOf(a) === 429);
  expect(refused).toHaveLength(50 - FREE_FAILURES_PER_ACCOUNT);
  expect(formError(refused[0])).toBe("Too many failed attempts. Try again in 1 second.");
  expect(retryAfter(refused[0])).toBe(1);
});

test("50 simultaneous wrong passwords for 50 accounts from one address: at most the address's limit is checked", async () => {
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(`nobody${i}@example.org`, "wrong password", "192.0.2.50")));
  expect(verifications).toHaveBeenCalledTimes(MAX_FAILURES_PER_ADDRESS);
  expect(answers.filter((a) => statusOf(a) === 429)).toHaveLength(50 - MAX_FAILURES_PER_ADDRESS);
});

test("strangers cannot lock a person out: after any number of failures from anywhere, the person waits at most a minute", async () => {
  const start = new Date("2026-05-01T12:00:00Z").getTime();
  let at = start;
  setClock(() => new Date(at));
  const person = await createUser({ email: "steady@example.org" });
  // A stranger guesses from a new address each time, as fast as the account's delay lets them.
  let checked = 0;
  for (let i = 0; i < 40; i++) {
    const answer = await attempt(person.email, "wrong password", `100.64.${Math.floor(i / 200)}.${i % 200}`);
    if (statusOf(answer) === 400) checked++;
    else at += retryAfter(answer) * 1000;
  }
  // The delay doubled from one second up to its cap: far fewer guesses than attempts.
  expect(checked).toBeLessThan(40);
  expect(at - start).toBeGreaterThan(10 * 60_000);

  // The person, from their own address, is kept waiting no longer than the cap, then logs in.
  const now = await attempt(person.email, TEST_PASSWORD, "203.0.113.200");
  if (statusOf(now) === 429) {
    expect(retryAfter(now) * 1000).toBeLessThanOrEqual(MAX_ACCOUNT_DELAY_MS);
    at += retryAfter(now) * 1000;
    expect(statusOf(await attempt(person.email, TEST_PASSWORD, "203.0.113.200"))).toBe(302);
  } else {
    expect(statusOf(now)).toBe(302);
  }
  const [row] = await db.select().from(users).where(eq(users.id, person.id));
  expect(row.disabledAt).toBeNull();
});

test("sign-up from one address is limited before any hash, so 'already exists' cannot be asked in bulk", async () => {
  await createUser({ email: "existing@example.org" });
  const signup = (email: string) => {
    const request = postRequest("/signup", { name: "Prober", email, password: "long enough password" });
    request.headers.set("x-portal-client-address", "203.0.113.66");
    return callAction(signupRoute.action, request);
  };
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signup(i % 2 ? "existing@example.org" : `probe${i}@example.org`)));
  const limited = answers.filter((a) => statusOf(a) === 429);
  expect(limited).toHaveLength(30 - MAX_SIGNUPS_PER_ADDRESS);
  expect(formError(limited[0])).toMatch(/^Too many sign-ups from your network\. Try again in \d+ minutes?\.$/);
  // Another address is not affected.
  const elsewhere = postRequest("/signup", { name: "Someone", email: "someone-new@example.org", password: "long enough password" });
  elsewhere.headers.set("x-portal-client-address", "198.51.100.77");
  expect(statusOf(await callAction(signupRoute.action, elsewhere))).toBe(302);
});

test("the scheduler prunes attempts older than the longest window, and the limits still hold after pruning", async () => {
  const start = new Date("2026-05-01T09:00:00Z").getTime();
  let at = start;
  setClock(() => new Date(at));
  const victim = await createUser({ email: "pruned@example.org" });
  // Old traffic: sign-ups and failed logins two hours ago.
  for (let i = 0; i < 3; i++) await attempt(victim.email, "wrong password", "192.0.2.1");
  await callAction(signupRoute.action, postRequest("/signup", { name: "Old", email: "old@example.org", password: "a long enough password" }));
  at = start + 2 * 3_600_000;
  // Fresh traffic: the pair's limit reached now.
  for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++) await attempt(victim.email, "wrong password", "192.0.2.2");
  const before = await db.select().from(loginAttempts);
  const run = await runScheduledJobs(db);
  const after = await db.select().from(loginAttempts);
  expect(run.failures).toEqual([]);
  expect(run.loginAttemptsPruned).toBe(before.length - after.length);
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((r) => r.attemptedAt.getTime() >= at - LONGEST_ATTEMPT_WINDOW_MS)).toBe(true);
  expect(before.some((r) => r.attemptedAt.getTime() < at - LONGEST_ATTEMPT_WINDOW_MS)).toBe(true);
  // Nothing a window still reads went: the fresh pair is still refused.
  expect(statusOf(await attempt(victim.email, "wrong password", "192.0.2.2"))).toBe(429);
});
