import { expect, test } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { validateSessionToken } from "~/services/sessions.server";
import { hashToken, MAX_RESET_EMAILS_PER_HOUR, requestPasswordReset } from "~/services/accounts.server";
import { MAX_VERIFICATION_EMAILS_PER_HOUR } from "~/domain/email-limit";
import { auditEvents, emailOutbox, emailTokens, loginAttempts, users } from "../../db/schema";
import { CORRECT_FIELDS } from "~/domain/outcome";
import { createUser, signedIn, TEST_PASSWORD } from "../support/factories";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import { emailsTo, lastEmailTo, sessionTokenSetBy, tokenInLink } from "../support/mail";
import * as signupRoute from "~/routes/signup";
import * as loginRoute from "~/routes/login";
import * as verifyRoute from "~/routes/verify-email";
import * as forgotRoute from "~/routes/forgot-password";
import * as resetRoute from "~/routes/reset-password";
import * as accountRoute from "~/routes/account";
import * as logoutRoute from "~/routes/logout";

type Errors = { errors: Record<string, string> };
const errorsOf = (result: unknown) => payloadOf<Errors>(result).errors;

const tableCounts = async () => {
  const [[u], [t], [o]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(emailTokens),
    db.select({ n: count() }).from(emailOutbox),
  ]);
  return { users: u.n, tokens: t.n, outbox: o.n };
};

const signUp = (fields: Record<string, string>) => callAction(signupRoute.action, postRequest("/signup", fields));

type VerifyPage = { state: string; email: string | null; purpose: string | null; message: string | null };
const openLink = (token: string, cookie?: string) => callLoader(verifyRoute.loader, getRequest(`/verify-email?token=${token}`, cookie));
// The form on the page posts back to the link's own address.
const confirm = (token: string, cookie?: string) => callAction(verifyRoute.action, postRequest(`/verify-email?token=${token}`, { intent: "confirm", token }, cookie));
const resend = (cookie: string) => callAction(verifyRoute.action, postRequest("/verify-email", { intent: "resend" }, cookie));
const verifiedAt = async (userId: string) => (await db.select().from(users).where(eq(users.id, userId)))[0].emailVerifiedAt;
const auditCount = async (action: string) => (await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0].n;

test("sign up signs the person in, emails a link that verifies the address once, and keeps only the token's hash", async () => {
  const res = await signUp({ name: "Ada Lovelace", email: "Ada@Example.org", password: "analytical engine" });
  expect(statusOf(res)).toBe(302);
  expect((res as Response).headers.get("Location")).toBe("/verify-email?sent=1");
  const sessionToken = sessionTokenSetBy(res);
  expect(sessionToken).toBeTruthy();
  const session = await validateSessionToken(db, sessionToken!);
  expect(session?.user).toMatchObject({ email: "ada@example.org", name: "Ada Lovelace", emailVerified: false });

  const [user] = await db.select().from(users).where(eq(users.email, "ada@example.org"));
  expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  const mail = await lastEmailTo("ada@example.org");
  expect(mail.template).toBe("verify-email");
  const token = tokenInLink(mail.props.verifyUrl);
  const [stored] = await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
  expect(stored.purpose).toBe("verify_email");
  expect(stored.tokenHash).toBe(hashToken(token));
  expect(stored.tokenHash).not.toContain(token);
  expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 3_600_000);

  // Opening the link (as a mail scanner would, without a session) only shows what it confirms.
  for (let i = 0; i < 2; i++) {
    const page = await openLink(token);
    expect(statusOf(page)).toBe(200);
    expect(payloadOf<VerifyPage>(page)).toMatchObject({ state: "confirm", email: "ada@example.org", purpose: "verify_email" });
  }
  expect(await verifiedAt(user.id)).toBeNull();
  expect((await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id)))[0].usedAt).toBeNull();
  expect(await auditCount("user.email_verified")).toBe(0);

  // The button on the page confirms it.
  const verified = await confirm(token);
  expect(statusOf(verified)).toBe(302);
  expect((verified as Response).headers.get("Location")).toBe("/verify-email?verified=1");
  expect(await verifiedAt(user.id)).not.toBeNull();

  const again = await openLink(token);
  expect(payloadOf<VerifyPage>(again)).toMatchObject({ state: "failed", message: expect.stringMatching(/already been used/) });
  const reposted = await confirm(token);
  expect(statusOf(reposted)).toBe(400);
  expect(errorsOf(reposted).form).toMatch(/already been used/);
  // For the person whose address it confirmed, a second click or visit is simply "confirmed".
  const cookie = `session=${sessionToken}`;
  expect((await openLink(token, cookie) as Response).headers.get("Location")).toBe("/verify-email?verified=1");
  const secondClick = await confirm(token, cookie);
  expect(statusOf(secondClick)).toBe(302);
  expect((secondClick as Response).headers.get("Location")).toBe("/verify-email?verified=1");
  expect(await auditCount("user.email_verified")).toBe(1);

  const actions = (await db.select({ action: auditEvents.action }).from(auditEvents)).map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["user.signed_up", "user.email_verified"]));
});

test("a verification link expires after 24 hours, and a signed-in unverified user can ask for a new one", async () => {
  const start = new Date("2026-03-01T10:00:00Z");
  setClock(() => start);
  const res = await signUp({ name: "Grace", email: "grace@example.org", password: "cobol forever" });
  const cookie = `session=${sessionTokenSetBy(res)}`;
  const first = tokenInLink((await lastEmailTo("grace@example.org")).props.verifyUrl);

  setClock(() => new Date(start.getTime() + 24 * 3_600_000 + 1000));
  const expired = await openLink(first);
  expect(payloadOf<VerifyPage>(expired)).toMatchObject({ state: "failed", message: expect.stringMatching(/expired/) });
  const late = await confirm(first, cookie);
  expect(statusOf(late)).toBe(400);
  expect(errorsOf(late).form).toMatch(/expired/);
  const [user] = await db.select().from(users).where(eq(users.email, "grace@example.org"));
  expect(user.emailVerifiedAt).toBeNull();

  const resent = await resend(cookie);
  expect(statusOf(resent)).toBe(302);
  expect((resent as Response).headers.get("Location")).toBe("/verify-email?sent=1");
  const mails = await emailsTo("grace@example.org");
  expect(mails).toHaveLength(2);
  const second = tokenInLink(mails[0].props.verifyUrl);
  expect(second).not.toBe(first);
  const ok = await confirm(second);
  expect((ok as Response).headers.get("Location")).toBe("/verify-email?verified=1");
  expect(await verifiedAt(user.id)).not.toBeNull();

  // Nothing left to verify: the resend is refused with a message, not a 500.
  const nothing = await resend(cookie);
  expect(statusOf(nothing)).toBe(400);
  expect(errorsOf(nothing).form).toMatch(/already confirmed/);
});

test("a second sign-up with the same address (any case) gets a field error and writes nothing", async () => {
  await createUser({ email: "taken@example.org" });
  const before = await tableCounts();
  const res = await signUp({ name: "Someone", email: "TAKEN@example.org", password: "long enough pw" });
  expect(statusOf(res)).toBe(400);
  expect(errorsOf(res)).toEqual({ form: CORRECT_FIELDS, email: "An account with this email already exists" });
  expect(sessionTokenSetBy(res)).toBeNull();
  expect(await tableCounts()).toEqual(before);
});

test("bad input on every account form answers 400 with a message per field and saves nothing", async () => {
  const { user, cookie } = await signedIn({ name: "Original Name" });
  const before = await tableCounts();
  const cases: { name: string; run: () => Promise<unknown>; fields: string[] }[] = [
    { name: "sign up", run: () => signUp({ name: "  ", email: "not-an-email", password: "short" }), fields: ["name", "email", "password"] },
    { name: "log in", run: () => callAction(loginRoute.action, postRequest("/login", { email: "", password: "" })), fields: ["email", "password"] },
    { name: "forgot password", run: () => callAction(forgotRoute.action, postRequest("/forgot-password", { email: "nope" })), fields: ["email"] },
    {
      name: "reset password",
      run: () => callAction(resetRoute.action, postRequest("/reset-password", { token: "abc", password: "short", confirmPassword: "other" })),
      fields: ["password", "confirmPassword"],
    },
    { name: "account name", run: () => callAction(accountRoute.action, postRequest("/account", { intent: "profile", name: "" }, cookie)), fields: ["name"] },
    {
      name: "account email",
      run: () => callAction(accountRoute.action, postRequest("/account", { intent: "email", email: "x@", currentPassword: "" }, cookie)),
      fields: ["email", "currentPassword"],
    },
    {
      name: "account password",
      run: () => callAction(accountRoute.action, postRequest("/account", { intent: "password", currentPassword: "", newPassword: "short", confirmPassword: "different" }, cookie)),
      fields: ["currentPassword", "newPassword", "confirmPassword"],
    },
    { name: "resend verification", run: () => callAction(verifyRoute.action, postRequest("/verify-email", { intent: "bogus" }, cookie)), fields: ["intent"] },
  ];
  for (const c of cases) {
    const res = await c.run();
    expect(statusOf(res), c.name).toBe(400);
    const errors = errorsOf(res);
    for (const field of c.fields) expect(errors[field], `${c.name}: ${field}`).toEqual(expect.any(String));
    // Passwords never come back in the page.
    expect(JSON.stringify(payloadOf(res)), c.name).not.toMatch(/"short"|"different"/);
  }
  expect(await tableCounts()).toEqual(before);
  const [after] = await db.select().from(users).where(eq(users.id, user.id));
  expect(after.name).toBe("Original Name");
  expect(after.passwordHash).toBe(user.passwordHash);
});

test("a wrong current password on the account page is a field error, not a change", async () => {
  const { user, cookie } = await signedIn();
  const res = await callAction(
    accountRoute.action,
    postRequest("/account", { intent: "password", currentPassword: "not my password", newPassword: "brand new password", confirmPassword: "brand new password" }, cookie),
  );
  expect(statusOf(res)).toBe(400);
  expect(errorsOf(res)).toEqual({ form: CORRECT_FIELDS, currentPassword: "Your current password is not right" });
  const [after] = await db.select().from(users).where(eq(users.id, user.id));
  expect(after.passwordHash).toBe(user.passwordHash);
});

test("forgot password answers the same for unknown addresses and mails a one-hour link to known ones", async () => {
  await createUser({ email: "known@example.org", name: "Known" });
  const known = await callAction(forgotRoute.action, postRequest("/forgot-password", { email: "Known@example.org" }));
  const unknown = await callAction(forgotRoute.action, postRequest("/forgot-password", { email: "nobody@example.org" }));
  for (const res of [known, unknown]) {
    expect(statusOf(res)).toBe(302);
    expect((res as Response).headers.get("Location")).toBe("/forgot-password?sent=1");
  }
  expect(await emailsTo("nobody@example.org")).toHaveLength(0);
  const mail = await lastEmailTo("known@example.org");
  expect(mail.template).toBe("reset-password");
  const [token] = await db.select().from(emailTokens).where(eq(emailTokens.purpose, "reset_password"));
  expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(3_600_000);
});

test("reset password: the link sets a new password once, ends every session, and the new password logs in", async () => {
  const { user, cookie } = await signedIn({ email: "reset@example.org" });
  const other = await signedIn({ email: "bystander@example.org" });
  await callAction(forgotRoute.action, postRequest("/forgot-password", { email: "reset@example.org" }));
  const token = tokenInLink((await lastEmailTo("reset@example.org")).props.resetUrl);

  const page = await callLoader(resetRoute.loader, getRequest(`/reset-password?token=${token}`));
  expect(payloadOf(page)).toMatchObject({ state: "valid", email: "reset@example.org" });

  const res = await callAction(resetRoute.action, postRequest("/reset-password", { token, password: "a new secret phrase", confirmPassword: "a new secret phrase" }));
  expect(statusOf(res)).toBe(302);
  expect((res as Response).headers.get("Location")).toBe("/login?reset=1");
  expect(await validateSessionToken(db, cookie.slice("session=".length))).toBeNull();
  expect(await validateSessionToken(db, other.cookie.slice("session=".length))).not.toBeNull();

  const reused = await callAction(resetRoute.action, postRequest("/reset-password", { token, password: "yet another phrase", confirmPassword: "yet another phrase" }));
  expect(statusOf(reused)).toBe(400);
  expect(errorsOf(reused).form).toMatch(/already been used/);

  const oldLogin = await callAction(loginRoute.action, postRequest("/login", { email: "reset@example.org", password: TEST_PASSWORD }));
  expect(statusOf(oldLogin)).toBe(400);
  const newLogin = await callAction(loginRoute.action, postRequest("/login", { email: "reset@example.org", password: "a new secret phrase" }));
  expect(statusOf(newLogin)).toBe(302);
  const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.password_reset"));
  expect(audit.entityId).toBe(user.id);
});

test("an expired reset link is refused and the password stays", async () => {
  const start = new Date("2026-04-01T08:00:00Z");
  setClock(() => start);
  const user = await createUser({ email: "slow@example.org" });
  await callAction(forgotRoute.action, postRequest("/forgot-password", { email: "slow@example.org" }));
  const token = tokenInLink((await lastEmailTo("slow@example.org")).props.resetUrl);
  setClock(() => new Date(start.getTime() + 61 * 60_000));
  const page = await callLoader(resetRoute.loader, getRequest(`/reset-password?token=${token}`));
  expect(payloadOf(page)).toMatchObject({ state: "expired" });
  const res = await callAction(resetRoute.action, postRequest("/reset-password", { token, password: "too late phrase", confirmPassword: "too late phrase" }));
  expect(statusOf(res)).toBe(400);
  expect(errorsOf(res).form).toMatch(/expired/);
  const [after] = await db.select().from(users).where(eq(users.id, user.id));
  expect(after.passwordHash).toBe(user.passwordHash);
  const unknown = await callLoader(resetRoute.loader, getRequest(`/reset-password?token=nonsense`));
  expect(payloadOf(unknown)).toMatchObject({ state: "unknown" });
});

test("login sends each role to its most specific area and honours a safe redirectTo only", async () => {
  await createUser({ email: "provider@example.org" });
  await createUser({ email: "rev@example.org", roles: ["reviewer", "board"] });
  await createUser({ email: "boss@example.org", roles: ["board", "staff"] });
  const go = async (email: string, redirectTo?: string) => {
    const res = await callAction(loginRoute.action, postRequest("/login", { email, password: TEST_PASSWORD, ...(redirectTo ? { redirectTo } : {}) }));
    return (res as Response).headers.get("Location");
  };
  expect(await go("provider@example.org")).toBe("/provider");
  expect(await go("rev@example.org")).toBe("/review");
  expect(await go("boss@example.org")).toBe("/admin");
  expect(await go("provider@example.org", "/account")).toBe("/account");
  expect(await go("provider@example.org", "//evil.example/steal")).toBe("/provider");
});

test("five failed logins for an account from one address stop that address for 15 minutes with a 429 and a message, even for the right password", async () => {
  const start = new Date("2026-05-01T12:00:00Z");
  setClock(() => start);
  await createUser({ email: "target@example.org" });
  const attempt = (password: string) => callAction(loginRoute.action, postRequest("/login", { email: "target@example.org", password }));
  for (let i = 0; i < 5; i++) {
    const res = await attempt("wrong password");
    expect(statusOf(res)).toBe(400);
    expect(errorsOf(res).form).toBe("The email address or password is not right");
  }
  const limited = await attempt(TEST_PASSWORD);
  expect(statusOf(limited)).toBe(429);
  expect(errorsOf(limited).form).toBe("Too many failed attempts. Try again in 15 minutes.");
  expect(sessionTokenSetBy(limited)).toBeNull();

  setClock(() => new Date(start.getTime() + 10 * 60_000));
  expect(errorsOf(await attempt(TEST_PASSWORD)).form).toBe("Too many failed attempts. Try again in 5 minutes.");

  // Another account is not affected by this one's lock.
  await createUser({ email: "neighbour@example.org" });
  const neighbour = await callAction(loginRoute.action, postRequest("/login", { email: "neighbour@example.org", password: TEST_PASSWORD }));
  expect(statusOf(neighbour)).toBe(302);

  setClock(() => new Date(start.getTime() + 15 * 60_000 + 1000));
  expect(statusOf(await attempt(TEST_PASSWORD))).toBe(302);
  const rows = await db.select().from(loginAttempts).where(eq(loginAttempts.key, "account:target@example.org"));
  expect(rows.filter((r) => r.succeeded)).toHaveLength(1);
  expect(rows.filter((r) => !r.succeeded)).toHaveLength(5);
});

test("twenty failures from one address lock that address for every account", async () => {
  await createUser({ email: "real@example.org" });
  const from = (email: string, password: string) => {
    const req = postRequest("/login", { email, password });
    req.headers.set("x-portal-client-address", "203.0.113.7");
    return callAction(loginRoute.action, req);
  };
  for (let i = 0; i < 20; i++) expect(statusOf(await from(`guess${i % 4}@example.org`, "wrong password"))).toBe(400);
  const limited = await from("real@example.org", TEST_PASSWORD);
  expect(statusOf(limited)).toBe(429);
  expect(errorsOf(limited).form).toMatch(/^Too many failed attempts\. Try again in \d+ minutes?\.$/);
  // The same account from another address is still fine.
  const elsewhere = postRequest("/login", { email: "real@example.org", password: TEST_PASSWORD });
  elsewhere.headers.set("x-portal-client-address", "198.51.100.2");
  expect(statusOf(await callAction(loginRoute.action, elsewhere))).toBe(302);
});

test("changing the email sends a link to the new address and changes it only when followed", async () => {
  const { user, cookie } = await signedIn({ email: "old@example.org" });
  await createUser({ email: "someone@example.org" });
  const taken = await callAction(accountRoute.action, postRequest("/account", { intent: "email", email: "someone@example.org", currentPassword: TEST_PASSWORD }, cookie));
  expect(statusOf(taken)).toBe(400);
  expect(errorsOf(taken).email).toBe("An account with this email already exists");

  const res = await callAction(accountRoute.action, postRequest("/account", { intent: "email", email: "new@example.org", currentPassword: TEST_PASSWORD }, cookie));
  expect((res as Response).headers.get("Location")).toBe("/account?updated=email-pending");
  const [still] = await db.select().from(users).where(eq(users.id, user.id));
  expect(still.email).toBe("old@example.org");
  const token = tokenInLink((await lastEmailTo("new@example.org")).props.verifyUrl);
  const [row] = await db.select().from(emailTokens).where(eq(emailTokens.tokenHash, hashToken(token)));
  expect(row.purpose).toBe("change_email");

  const page = await openLink(token);
  expect(payloadOf<VerifyPage>(page)).toMatchObject({ state: "confirm", email: "new@example.org", purpose: "change_email" });
  expect((await db.select().from(users).where(eq(users.id, user.id)))[0].email).toBe("old@example.org");

  const followed = await confirm(token);
  expect(statusOf(followed)).toBe(302);
  expect((followed as Response).headers.get("Location")).toBe("/account?updated=email");
  const [moved] = await db.select().from(users).where(eq(users.id, user.id));
  expect(moved.email).toBe("new@example.org");
  expect(moved.emailVerifiedAt).not.toBeNull();
  expect(await auditCount("user.email_changed")).toBe(1);
});

test("the account page saves the name and shows roles; logout ends the session and a GET does not", async () => {
  const { user, cookie } = await signedIn({ roles: ["reviewer"] });
  const saved = await callAction(accountRoute.action, postRequest("/account", { intent: "profile", name: "  Renamed Person " }, cookie));
  expect((saved as Response).headers.get("Location")).toBe("/account?updated=name");
  const page = await callLoader(accountRoute.loader, getRequest("/account", cookie));
  expect(payloadOf(page)).toMatchObject({ name: "Renamed Person", roles: ["reviewer"], memberships: [] });

  const get = await callLoader(logoutRoute.loader, getRequest("/logout", cookie));
  expect((get as Response).headers.get("Location")).toBe("/");
  expect(await validateSessionToken(db, cookie.slice("session=".length))).not.toBeNull();

  const out = await callAction(logoutRoute.action, postRequest("/logout", {}, cookie));
  expect(statusOf(out)).toBe(302);
  expect((out as Response).headers.get("Set-Cookie")).toMatch(/^session=; .*Max-Age=0/);
  expect(await validateSessionToken(db, cookie.slice("session=".length))).toBeNull();
  const [audit] = await db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.action} = 'user.logged_out' and ${auditEvents.actorId} = ${user.id}`);
  expect(audit).toBeTruthy();

  const anonymous = await callLoader(accountRoute.loader, getRequest("/account"));
  expect((anonymous as Response).headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
});

test("a reset link used twice at once changes the password once", async () => {
  await createUser({ email: "race@example.org" });
  await callAction(forgotRoute.action, postRequest("/forgot-password", { email: "race@example.org" }));
  const token = tokenInLink((await lastEmailTo("race@example.org")).props.resetUrl);
  const submit = (pw: string) => callAction(resetRoute.action, postRequest("/reset-password", { token, password: pw, confirmPassword: pw }));
  const results = await Promise.all([submit("first racer phrase"), submit("second racer phrase")]);
  expect(results.map(statusOf).sort()).toEqual([302, 400]);
  const [audit] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "user.password_reset"));
  expect(audit.n).toBe(1);
});

test("the reset form cannot flood an inbox: at most three reset emails per account per hour, same answer every time", async () => {
  const user = await createUser({ email: "flood@example.org" });
  const start = Date.now();
  setClock(() => new Date(start));
  for (let i = 0; i < 6; i++) await requestPasswordReset(db, user.email);
  const resets = async () => (await db.select().from(emailOutbox)).filter((e) => e.template === "reset-password");
  expect(await resets()).toHaveLength(MAX_RESET_EMAILS_PER_HOUR);
  setClock(() => new Date(start + 61 * 60_000));
  await requestPasswordReset(db, user.email);
  expect(await resets()).toHaveLength(MAX_RESET_EMAILS_PER_HOUR + 1);
});

test("simultaneous reset requests cannot outrun the limit", async () => {
  const user = await createUser({ email: "racer@example.org" });
  await Promise.all(Array.from({ length: 6 }, () => requestPasswordReset(db, user.email)));
  const resets = (await db.select().from(emailOutbox)).filter((e) => e.template === "reset-password");
  expect(resets).toHaveLength(MAX_RESET_EMAILS_PER_HOUR);
});

test("a bad, used or expired verification link posted to the page answers 400 with its message and changes nothing", async () => {
  const start = new Date("2026-06-01T09:00:00Z");
  setClock(() => start);
  const res = await signUp({ name: "Linus", email: "linus@example.org", password: "penguins all the way" });
  const cookie = `session=${sessionTokenSetBy(res)}`;
  const first = tokenInLink((await lastEmailTo("linus@example.org")).props.verifyUrl);
  // A new link makes the first one used.
  setClock(() => new Date(start.getTime() + 60_000));
  await resend(cookie);
  const second = tokenInLink((await lastEmailTo("linus@example.org")).props.verifyUrl);
  const [user] = await db.select().from(users).where(eq(users.email, "linus@example.org"));
  const tokensBefore = await db.select().from(emailTokens).orderBy(emailTokens.createdAt);
  const before = await tableCounts();

  const posts: { name: string; fields: Record<string, string>; message: RegExp }[] = [
    { name: "unknown", fields: { intent: "confirm", token: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, message: /not valid/ },
    { name: "garbage", fields: { intent: "confirm", token: "<script>" }, message: /not valid/ },
    { name: "missing", fields: { intent: "confirm" }, message: /not valid/ },
    { name: "used", fields: { intent: "confirm", token: first }, message: /already been used/ },
  ];
  for (const p of posts) {
    const answer = await callAction(verifyRoute.action, postRequest("/verify-email", p.fields, cookie));
    expect(statusOf(answer), p.name).toBe(400);
    expect(errorsOf(answer).form, p.name).toMatch(p.message);
  }
  expect(payloadOf<VerifyPage>(await openLink("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).toMatchObject({ state: "failed", message: expect.stringMatching(/not valid/) });

  setClock(() => new Date(start.getTime() + 25 * 3_600_000));
  const expired = await confirm(second, cookie);
  expect(statusOf(expired)).toBe(400);
  expect(errorsOf(expired).form).toMatch(/expired/);

  expect(await verifiedAt(user.id)).toBeNull();
  expect(await db.select().from(emailTokens).orderBy(emailTokens.createdAt)).toEqual(tokensBefore);
  expect(await tableCounts()).toEqual(before);
  expect(await auditCount("user.email_verified")).toBe(0);
});

test("a link to an address the account no longer uses shows as such and confirms nothing", async () => {
  const res = await signUp({ name: "Barbara", email: "barbara@example.org", password: "liskov substitution" });
  const token = tokenInLink((await lastEmailTo("barbara@example.org")).props.verifyUrl);
  const [user] = await db.select().from(users).where(eq(users.email, "barbara@example.org"));
  await db.update(users).set({ email: "barbara@elsewhere.example" }).where(eq(users.id, user.id));
  expect(payloadOf<VerifyPage>(await openLink(token))).toMatchObject({ state: "failed", message: expect.stringMatching(/earlier email address/) });
  const answer = await confirm(token, `session=${sessionTokenSetBy(res)}`);
  expect(statusOf(answer)).toBe(400);
  expect(errorsOf(answer).form).toMatch(/earlier email address/);
  expect(await verifiedAt(user.id)).toBeNull();
});

test("resending the verification email: at most three per account per hour, then 429 with when to try again and nothing sent", async () => {
  const start = new Date("2026-07-01T12:00:00Z");
  const { user, cookie } = await signedIn({ email: "eager@example.org", verified: false });
  const bystander = await signedIn({ email: "calm@example.org", verified: false });
  for (let i = 0; i < MAX_VERIFICATION_EMAILS_PER_HOUR; i++) {
    setClock(() => new Date(start.getTime() + i * 10 * 60_000));
    const sent = await resend(cookie);
    expect(statusOf(sent), `resend ${i + 1}`).toBe(302);
  }
  expect(await emailsTo("eager@example.org")).toHaveLength(3);

  setClock(() => new Date(start.getTime() + 30 * 60_000));
  const before = await tableCounts();
  const limited = await resend(cookie);
  expect(statusOf(limited)).toBe(429);
  // The first of the three leaves the hour at 13:00, half an hour from now.
  expect(errorsOf(limited).form).toBe(
    "We have sent 3 confirmation emails in the last hour, so no new one was sent. Check your spam folder, or try again in 30 minutes.",
  );
  expect(await tableCounts()).toEqual(before);
  expect(await auditCount("user.verification_resent")).toBe(3);
  // The newest link still works: the refused resend did not use it up.
  const newest = tokenInLink((await lastEmailTo("eager@example.org")).props.verifyUrl);
  expect(payloadOf<VerifyPage>(await openLink(newest))).toMatchObject({ state: "confirm" });

  // Another account is not affected.
  expect(statusOf(await resend(bystander.cookie))).toBe(302);

  setClock(() => new Date(start.getTime() + 60 * 60_000 + 1000));
  expect(statusOf(await resend(cookie))).toBe(302);
  expect(await emailsTo("eager@example.org")).toHaveLength(4);
  expect(await verifiedAt(user.id)).toBeNull();
});

test("the sign-up email counts toward the hourly limit, and resends at the same moment cannot outrun it", async () => {
  const res = await signUp({ name: "Ken", email: "ken@example.org", password: "unix philosophy" });
  const cookie = `session=${sessionTokenSetBy(res)}`;
  const answers = await Promise.all(Array.from({ length: 4 }, () => resend(cookie)));
  expect(answers.map(statusOf).sort()).toEqual([302, 302, 429, 429]);
  expect(await emailsTo("ken@example.org")).toHaveLength(MAX_VERIFICATION_EMAILS_PER_HOUR);
  expect(await db.select().from(emailTokens).where(eq(emailTokens.purpose, "verify_email"))).toHaveLength(MAX_VERIFICATION_EMAILS_PER_HOUR);
});

test("confirming and resending at the same moment both answer, and leave either a confirmed address or one working link", async () => {
  for (let i = 0; i < 5; i++) {
    const email = `both${i}@example.org`;
    const res = await signUp({ name: "Both", email, password: "two things at once" });
    const cookie = `session=${sessionTokenSetBy(res)}`;
    const token = tokenInLink((await lastEmailTo(email)).props.verifyUrl);
    const [confirmed, resent] = await Promise.all([confirm(token), resend(cookie)]);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    if (statusOf(confirmed) === 302) {
      expect(user.emailVerifiedAt).not.toBeNull();
      expect(statusOf(resent)).toBe(400);
      expect(await emailsTo(email)).toHaveLength(1);
    } else {
      expect(statusOf(confirmed)).toBe(400);
      expect(errorsOf(confirmed).form).toMatch(/already been used/);
      expect(statusOf(resent)).toBe(302);
      expect(user.emailVerifiedAt).toBeNull();
      expect(await emailsTo(email)).toHaveLength(2);
    }
  }
});

test("fifty identical requests to move the account to a new address at once: at most the hourly limit of links is emailed, only the last one works", async () => {
  const { user, cookie } = await signedIn({ email: "mover@example.org" });
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => callAction(accountRoute.action, postRequest("/account", { intent: "email", email: "moved@example.org", currentPassword: TEST_PASSWORD }, cookie))),
  );
  expect(await emailsTo("moved@example.org")).toHaveLength(MAX_VERIFICATION_EMAILS_PER_HOUR);
  expect(await auditCount("user.email_change_requested")).toBe(MAX_VERIFICATION_EMAILS_PER_HOUR);
  const links = await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
  expect(links).toHaveLength(MAX_VERIFICATION_EMAILS_PER_HOUR);
  expect(links.filter((l) => l.usedAt === null)).toHaveLength(1);
  expect(answers.map(statusOf).sort()).toEqual([...Array<number>(MAX_VERIFICATION_EMAILS_PER_HOUR).fill(302), ...Array<number>(50 - MAX_VERIFICATION_EMAILS_PER_HOUR).fill(429)]);
});
