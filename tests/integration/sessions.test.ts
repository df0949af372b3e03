import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { createSession, INACTIVITY_TIMEOUT_MS, validateSessionToken } from "~/services/sessions.server";
import { sessions, users } from "../../db/schema";
import { createUser, signedIn, TEST_PASSWORD } from "../support/factories";
import { callAction, callLoader, getRequest, postRequest, statusOf } from "../support/requests";
import { lastEmailTo, sessionTokenSetBy, tokenInLink } from "../support/mail";
import * as loginRoute from "~/routes/login";
import * as accountRoute from "~/routes/account";
import * as forgotRoute from "~/routes/forgot-password";
import * as resetRoute from "~/routes/reset-password";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const tokenOf = (cookie: string) => cookie.slice("session=".length);

test("a session ends after 10 days without use and its row is deleted", async () => {
  const start = new Date("2026-01-10T09:00:00Z");
  setClock(() => start);
  const user = await createUser();
  const { token, id } = await createSession(db, user.id);
  expect(await validateSessionToken(db, token)).not.toBeNull();

  setClock(() => new Date(start.getTime() + INACTIVITY_TIMEOUT_MS - 60_000));
  expect((await validateSessionToken(db, token))?.user.id).toBe(user.id);

  // Used a minute before the deadline, so the clock restarted then: 10 days after THAT use it ends.
  setClock(() => new Date(start.getTime() + 2 * INACTIVITY_TIMEOUT_MS));
  expect(await validateSessionToken(db, token)).toBeNull();
  expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
});

test("expiry slides: a session used every few days stays alive well past 10 days, and last use is written at most hourly", async () => {
  const start = new Date("2026-02-01T09:00:00Z");
  setClock(() => start);
  const user = await createUser();
  const { token, id } = await createSession(db, user.id);
  const lastUse = async () => (await db.select().from(sessions).where(eq(sessions.id, id)))[0].lastVerifiedAt.getTime();

  setClock(() => new Date(start.getTime() + 30 * 60_000));
  await validateSessionToken(db, token);
  expect(await lastUse()).toBe(start.getTime()); // within the hour: not rewritten

  for (const day of [4, 8, 12, 16, 20, 24]) {
    const at = new Date(start.getTime() + day * DAY);
    setClock(() => at);
    expect(await validateSessionToken(db, token), `day ${day}`).not.toBeNull();
    expect(await lastUse()).toBe(at.getTime());
  }
  setClock(() => new Date(start.getTime() + 24 * DAY + INACTIVITY_TIMEOUT_MS));
  expect(await validateSessionToken(db, token)).toBeNull();
});

test("a token with the right id but a wrong secret is rejected", async () => {
  const user = await createUser();
  const { id } = await createSession(db, user.id);
  expect(await validateSessionToken(db, `${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`)).toBeNull();
  expect(await validateSessionToken(db, "garbage")).toBeNull();
});

test("logging in rotates the session: a new token is set and the one the browser carried stops working", async () => {
  const { user, cookie } = await signedIn({ email: "rotate@example.org" });
  const res = await callAction(loginRoute.action, postRequest("/login", { email: "rotate@example.org", password: TEST_PASSWORD }, cookie));
  expect(statusOf(res)).toBe(302);
  const fresh = sessionTokenSetBy(res);
  expect(fresh).toBeTruthy();
  expect(fresh).not.toBe(tokenOf(cookie));
  expect(await validateSessionToken(db, tokenOf(cookie))).toBeNull();
  expect((await validateSessionToken(db, fresh!))?.user.id).toBe(user.id);
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
});

test("a session token planted before login (fixation) is worthless after it", async () => {
  const attacker = await signedIn();
  const victim = await createUser({ email: "victim@example.org" });
  // The victim logs in while the browser carries the attacker's cookie.
  const res = await callAction(loginRoute.action, postRequest("/login", { email: "victim@example.org", password: TEST_PASSWORD }, attacker.cookie));
  const fresh = sessionTokenSetBy(res)!;
  expect((await validateSessionToken(db, fresh))?.user.id).toBe(victim.id);
  expect(await validateSessionToken(db, tokenOf(attacker.cookie))).toBeNull();
});

test("changing the password drops every session of the user and continues on a new one", async () => {
  const { user, cookie } = await signedIn();
  const laptop = await createSession(db, user.id);
  const phone = await createSession(db, user.id);
  const res = await callAction(
    accountRoute.action,
    postRequest("/account", { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "a brand new password", confirmPassword: "a brand new password" }, cookie),
  );
  expect(statusOf(res)).toBe(302);
  const fresh = sessionTokenSetBy(res)!;
  for (const old of [tokenOf(cookie), laptop.token, phone.token]) expect(await validateSessionToken(db, old)).toBeNull();
  expect((await validateSessionToken(db, fresh))?.user.id).toBe(user.id);
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
});

test("resetting the password drops all sessions of the user", async () => {
  const { user, cookie } = await signedIn({ email: "forgetful@example.org" });
  const other = await createSession(db, user.id);
  await callAction(forgotRoute.action, postRequest("/forgot-password", { email: "forgetful@example.org" }));
  const token = tokenInLink((await lastEmailTo("forgetful@example.org")).props.resetUrl);
  const res = await callAction(resetRoute.action, postRequest("/reset-password", { token, password: "completely new one", confirmPassword: "completely new one" }));
  expect(statusOf(res)).toBe(302);
  expect((res as Response).headers.get("Set-Cookie")).toMatch(/^session=;/);
  expect(await validateSessionToken(db, tokenOf(cookie))).toBeNull();
  expect(await validateSessionToken(db, other.token)).toBeNull();
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
});

test("a disabled user's session is rejected and removed, and the user cannot log in", async () => {
  const { user, cookie } = await signedIn({ email: "gone@example.org" });
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
  expect(await validateSessionToken(db, tokenOf(cookie))).toBeNull();
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  const page = await callLoader(accountRoute.loader, getRequest("/account", cookie));
  expect((page as Response).headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  const login = await callAction(loginRoute.action, postRequest("/login", { email: "gone@example.org", password: TEST_PASSWORD }));
  expect(statusOf(login)).toBe(400);
  expect(sessionTokenSetBy(login)).toBeNull();
});
