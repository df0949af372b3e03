/**
 * Issue 12: a request caught by a PostgreSQL outage answers 503 with Retry-After, never 500. The real server
 * (server.mjs, built) runs on this worker's database; PostgreSQL is stopped under it, requested, started again.
 * Runs only against the throwaway server of scripts/with-postgres.mjs (FAULTS=1), alone.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "../support/server-process";

function pgCtl(action: "stop" | "start") {
  const bin = process.env.PG_TEST_BIN;
  const data = process.env.PG_TEST_DATA;
  const dir = process.env.PG_TEST_DIR;
  const port = process.env.PG_TEST_PORT;
  if (!bin || !data || !dir || !port) throw new Error("FAULTS=1 needs scripts/with-postgres.mjs (PG_TEST_BIN, PG_TEST_DATA, PG_TEST_DIR, PG_TEST_PORT)");
  const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "nobody", "--"] : [];
  const args =
    action === "stop"
      ? ["-D", data, "-m", "fast", "-w", "stop"]
      : ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-o", `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`, "start"];
  const cmd = [...asUser, path.join(bin, "pg_ctl"), ...args];
  execFileSync(cmd[0], cmd.slice(1), { stdio: "ignore" });
}

let server: RunningServer;

beforeAll(async () => {
  // This worker's database, already migrated by setup-db; the issuer key setup-db generated.
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL!, ISSUER_KEY: process.env.ISSUER_KEY! });
});

afterAll(async () => {
  await server?.stop();
});

type Answer = { label: string; status: number; retryAfter: string | null };

async function probe(): Promise<Answer[]> {
  const origin = server.url;
  const ask = async (label: string, p: string, init: RequestInit = {}): Promise<Answer> => {
    const res = await fetch(`${origin}${p}`, { redirect: "manual", ...init });
    await res.arrayBuffer();
    return { label, status: res.status, retryAfter: res.headers.get("Retry-After") };
  };
  const form = (fields: Record<string, string>): RequestInit => ({
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(fields).toString(),
  });
  return Promise.all([
    // Directory pages pass the origin page cache first, which reads the directory's version.
    ask("cached page", "/providers"),
    ask("cached page", "/verify/ACC-2026-0001"),
    // Pages and data Remix renders itself.
    ask("page (loader)", "/competencies"),
    ask("data request (single fetch)", "/competencies.data"),
    ask("resource route (API)", "/api/v1/providers"),
    ask("action", "/login", form({ email: "someone@example.org", password: "not the password" })),
  ]);
}

test("PostgreSQL down: every request that needs it answers 503 with Retry-After, none 500; up again: answers as before", async () => {
  const before = await probe();
  expect(before.filter((a) => a.status >= 500), server.log()).toEqual([]);

  pgCtl("stop");
  let during: Answer[];
  try {
    during = await probe();
  } finally {
    pgCtl("start");
  }
  console.log(`pg-outage: ${during.map((a) => `${a.label} ${a.status}`).join(", ")}`);
  expect(during.map((a) => [a.label, a.status, a.retryAfter])).toEqual(during.map((a) => [a.label, 503, "5"]));

  // postgres.js reconnects by itself: the same requests answer as they did before the outage.
  let after: Answer[] = [];
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    after = await probe();
    if (after.every((a) => a.status < 500)) break;
  }
  expect(after.map((a) => a.status)).toEqual(before.map((a) => a.status));
}, 90_000);
