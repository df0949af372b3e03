import { expect, test, vi } from "vitest";
import { isDatabaseUnavailable, isUniqueViolation } from "~/services/db-errors.server";
import { answerFor, noteError } from "~/services/unavailable.server";

const withCode = (code: string) => Object.assign(new Error(code), { code });

test("connection losses read as 'database unavailable'; a bad statement does not", () => {
  for (const code of ["ECONNREFUSED", "ECONNRESET", "CONNECTION_CLOSED", "CONNECTION_ENDED", "57P01", "57P03", "08006", "08001"]) {
    expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    // drizzle wraps the driver's error in `cause`.
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: withCode(code) })), `wrapped ${code}`).toBe(true);
  }
  expect(isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]))).toBe(true);
  for (const code of ["23505", "22P02", "42P01", "40001", "57014"]) expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
  expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  expect(isUniqueViolation(withCode("ECONNRESET"))).toBe(false);
});

test("a request whose loader lost the database answers 503 with Retry-After; any other error keeps Remix's answer", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const lost = new Request("http://localhost/competencies");
  const broken = new Request("http://localhost/providers");
  noteError(new Error("Failed query", { cause: withCode("57P01") }), { request: lost });
  noteError(new Error("a bug"), { request: broken });
  const remixAnswer = () => new Response("Unexpected Server Error", { status: 500 });
  const answer = answerFor(lost, remixAnswer());
  expect(answer.status).toBe(503);
  expect(answer.headers.get("Retry-After")).toBe("5");
  expect(answer.headers.get("Cache-Control")).toBe("no-store");
  expect(await answer.text()).toMatch(/try again/i);
  expect(answerFor(broken, remixAnswer()).status).toBe(500);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(error).toHaveBeenCalledTimes(1);
  warn.mockRestore();
  error.mockRestore();
});
