import { expect, test } from "vitest";
import { isLoopbackHost, parseConfig } from "~/config.server";
import { generateSecretKey } from "~/services/issuer-key.server";

const production = { NODE_ENV: "production" };

test("the embedded demo on a loopback address keeps mail in the local mailbox and seeds the demo by itself", () => {
  for (const HOST of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]) {
    const c = parseConfig({ ...production, HOST });
    expect(c.mailboxEnabled).toBe(true);
    expect(c.SEED).toBe("auto");
  }
});

test("on a public address the embedded demo refuses to start without a mail provider, and seeds no published demo password", () => {
  for (const HOST of ["0.0.0.0", "::", "192.168.1.20", "portal.example.org"]) {
    expect(isLoopbackHost(HOST)).toBe(false);
    expect(() => parseConfig({ ...production, HOST })).toThrow(/RESEND_API_KEY: is required in production/);
    const withResend = parseConfig({ ...production, HOST, RESEND_API_KEY: "re_test" });
    expect(withResend.mailboxEnabled).toBe(false);
    expect(withResend.SEED).toBe("off");
  }
});

test("a public demo is an explicit choice: DEV_MAILBOX=on and SEED=auto say so", () => {
  const c = parseConfig({ ...production, HOST: "0.0.0.0", DEV_MAILBOX: "on", SEED: "auto" });
  expect(c.mailboxEnabled).toBe(true);
  expect(c.SEED).toBe("auto");
});

test("a PostgreSQL deployment never has the mailbox on by itself, even on loopback", async () => {
  const ISSUER_KEY = await generateSecretKey();
  expect(() => parseConfig({ ...production, DATABASE_URL: "postgres://u:p@localhost:5432/portal", ISSUER_KEY })).toThrow(/RESEND_API_KEY/);
  expect(parseConfig({ ...production, DATABASE_URL: "postgres://u:p@localhost:5432/portal", ISSUER_KEY, DEV_MAILBOX: "off", RESEND_API_KEY: "re_x" }).mailboxEnabled).toBe(false);
});

test("the appeal window defaults to 30 days; a bad value stops start-up with a clear message", () => {
  expect(parseConfig({}).APPEAL_WINDOW_DAYS).toBe(30);
  expect(parseConfig({ APPEAL_WINDOW_DAYS: "45" }).APPEAL_WINDOW_DAYS).toBe(45);
  for (const bad of ["0", "-3", "2.5", "thirty", "366"]) expect(() => parseConfig({ APPEAL_WINDOW_DAYS: bad }), bad).toThrow(/APPEAL_WINDOW_DAYS/);
});

test("the web process's PostgreSQL pool defaults to 4 connections (decision 062); a bad size stops start-up with a clear message", () => {
  expect(parseConfig({}).DATABASE_POOL_SIZE).toBe(4);
  expect(parseConfig({ DATABASE_POOL_SIZE: "10" }).DATABASE_POOL_SIZE).toBe(10);
  for (const bad of ["0", "-1", "2.5", "four", "101"]) expect(() => parseConfig({ DATABASE_POOL_SIZE: bad }), bad).toThrow(/DATABASE_POOL_SIZE/);
});
