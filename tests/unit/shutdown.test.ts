/**
 * Issue 12, finding 7: SIGTERM under keep-alive load. The drain of server.mjs (server/shutdown.mjs) on a bare
 * Express app over real kept-alive sockets: every request is either answered or refused before its work, none
 * is cut after its write committed, and the database closes only after the last answer.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { expect, test } from "vitest";
import { createDrain } from "../../server/shutdown.mjs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Result = { id: number; outcome: "answered" | "refused" | "connection-error"; status?: number };

test("SIGTERM under keep-alive load: every request answered or refused before its work, none cut after commit", async () => {
  const committed = new Set<number>();
  const started = new Set<number>();
  let databaseClosedAt = -1;
  let commitsAfterClose = 0;

  const drain = createDrain({ drainMs: 5_000 });
  const app = express();
  app.use(drain.middleware);
  app.post("/write/:id", async (req, res) => {
    const id = Number(req.params.id);
    started.add(id);
    await sleep(150); // validating, rendering…
    if (databaseClosedAt >= 0) commitsAfterClose++;
    committed.add(id); // the write commits
    await sleep(100); // …and the answer is rendered after the commit
    res.type("text/plain").send(`ok ${id}`);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });

  const send = (id: number) =>
    new Promise<Result>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port, path: `/write/${id}`, method: "POST", agent, headers: { "Content-Length": "0" } }, (res) => {
        res.resume();
        res.on("end", () => resolve({ id, outcome: res.statusCode === 200 ? "answered" : "refused", status: res.statusCode }));
      });
      req.on("error", () => resolve({ id, outcome: "connection-error" }));
      req.end();
    });

  // Warm the kept-alive sockets, then keep a steady stream of requests going across the signal.
  const results: Promise<Result>[] = [];
  for (let id = 0; id < 6; id++) results.push(send(id));
  await Promise.all(results);
  let next = 6;
  const load = (async () => {
    while (next < 80) {
      results.push(send(next++));
      await sleep(10);
    }
  })();
  await sleep(200);
  const stopping = drain.shutdown(server).then(() => {
    databaseClosedAt = Date.now();
  });
  await load;
  await stopping;
  const all = await Promise.all(results);
  agent.destroy();

  const answered = all.filter((r) => r.outcome === "answered");
  const notAnswered = all.filter((r) => r.outcome !== "answered");
  // Some requests were in flight at the signal, and some came after it.
  expect(answered.length).toBeGreaterThan(6);
  expect(notAnswered.length).toBeGreaterThan(0);
  // Every committed write was answered; every request not answered did no work at all.
  for (const id of committed) expect(answered.map((r) => r.id), `write ${id} committed but was not answered`).toContain(id);
  for (const r of notAnswered) expect(started.has(r.id), `request ${r.id} was cut after it started`).toBe(false);
  for (const r of notAnswered.filter((n) => n.outcome === "refused")) expect(r.status).toBe(503);
  // The database closed after the last commit.
  expect(commitsAfterClose).toBe(0);
});

test("a request whose client went away still finishes its work before the database closes", async () => {
  const drain = createDrain({ drainMs: 5_000 });
  const app = express();
  app.use(drain.middleware);
  let started = false;
  let finishedAt = -1;
  app.get("/slow", async (_req, res) => {
    started = true;
    await sleep(300); // the loader still queries the database after its client has gone
    finishedAt = Date.now();
    res.type("text/plain").send("late");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;

  // The client sends the request and goes away while the work runs (its response closes early).
  const req = http.request({ host: "127.0.0.1", port, path: "/slow" });
  req.on("error", () => undefined);
  req.end();
  while (!started) await sleep(5);
  req.destroy();
  await sleep(50);

  const databaseClosedAt = await drain.shutdown(server).then(() => Date.now());
  expect(finishedAt, "the work ended").toBeGreaterThan(0);
  expect(databaseClosedAt).toBeGreaterThanOrEqual(finishedAt);
});
