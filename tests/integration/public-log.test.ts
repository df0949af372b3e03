import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { changeAccreditationStatus } from "~/services/accreditations.server";
import { runScheduledJobs } from "~/services/scheduler.server";
import * as logRoute from "~/routes/transparency.log[.]json";
import * as didRoute from "~/routes/[.]well-known.did[.]json";
import { accreditations, publicLogCheckpoints, publicLogEntries } from "../../db/schema";
import { recordDecision } from "~/services/board-decision.server";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";
import { callLoader, getRequest } from "../support/requests";
// The verifier a third party runs: plain Node, no portal code.
import { verifyLog } from "../../scripts/verify-log.mjs";

async function served(loader: typeof logRoute.loader, path: string) {
  const response = (await callLoader(loader, getRequest(path))) as Response;
  expect(response.status).toBe(200);
  return response.json();
}

async function historyWithCheckpoint() {
  setClock(() => new Date("2026-03-10T10:00:00Z"));
  const app = await createAwaitingDecision();
  for (const m of await createBoard(3)) await castVoteRow(app.application.id, m.user.id, "approve");
  const staff = await createStaff();
  const decided = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "B-1" });
  if (!decided.ok) throw new Error(decided.message);
  const [acc] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  await changeAccreditationStatus(db, staff.sessionUser, acc.id, "suspend", "Complaint from Jane Doe, jane@example.org");
  await runScheduledJobs(db);
  const log = await served(logRoute.loader, "/transparency/log.json");
  const did = await served(didRoute.loader, "/.well-known/did.json");
  return { acc, staff, log, did, checkpoint: log.checkpoints[0] };
}

test("the log chains every public event, a signed checkpoint covers it, and no personal data is in it", async () => {
  const { log, did, checkpoint } = await historyWithCheckpoint();
  expect(log.entries.map((e: { event: string }) => e.event)).toEqual(["granted", "suspended"]);
  expect(checkpoint).toMatchObject({ size: 2, headHash: log.entries[1].hash });
  expect(verifyLog(log, checkpoint, did)).toEqual([]);
  // Staff's reason names a person: it stays in the private audit log.
  expect(JSON.stringify(log)).not.toMatch(/Jane|jane@|Complaint/);
  // Nothing new, no new checkpoint.
  await runScheduledJobs(db);
  expect(await db.select().from(publicLogCheckpoints)).toHaveLength(1);
});

test("the verifier script detects a rewritten entry, a deleted entry, a cut-short log and a forged checkpoint", async () => {
  const { log, did, checkpoint } = await historyWithCheckpoint();
  const rewritten = structuredClone(log);
  rewritten.entries[0].data.validUntil = "2040-01-01";
  expect(verifyLog(rewritten, checkpoint).join("\n")).toMatch(/entry 1: its content does not match its hash: it was rewritten/);

  // A careful forger also recomputes every hash after the change: the old checkpoint still catches it.
  const { entryHash } = await import("../../scripts/verify-log.mjs");
  let prev = "0".repeat(64);
  for (const e of rewritten.entries) {
    e.prevHash = prev;
    e.hash = entryHash(prev, e);
    prev = e.hash;
  }
  rewritten.checkpoints = [];
  expect(verifyLog(rewritten, checkpoint).join("\n")).toMatch(/checkpoint 2: .*history was rewritten/);

  const deleted = structuredClone(log);
  deleted.entries.splice(0, 1);
  expect(verifyLog(deleted, checkpoint).join("\n")).toMatch(/deleted/);
  const cut = structuredClone(log);
  cut.entries.pop();
  cut.checkpoints = [];
  expect(verifyLog(cut, checkpoint).join("\n")).toMatch(/checkpoint 2: the log has only 1 entries/);

  const forged = { ...checkpoint, headHash: "f".repeat(64) };
  expect(verifyLog({ ...log, checkpoints: [] }, forged, did).join("\n")).toMatch(/signature does not match/);

  // And the command line, as a third party runs it on saved copies.
  const dir = mkdtempSync(path.join(os.tmpdir(), "log-"));
  const file = (name: string, value: unknown) => {
    writeFileSync(path.join(dir, name), JSON.stringify(value));
    return path.join(dir, name);
  };
  const args = [file("log.json", log), file("checkpoint.json", checkpoint), "--did", file("did.json", did)];
  expect(execFileSync("node", ["scripts/verify-log.mjs", ...args], { encoding: "utf8" })).toMatch(/^OK 2 entries/);
  const failed = spawnSync("node", ["scripts/verify-log.mjs", file("bad.json", deleted), args[1]], { encoding: "utf8" });
  expect(failed.status).toBe(1);
  expect(failed.stdout).toMatch(/^FAIL entry 1: missing/);
});

test("an accreditation that lapses gets one expired entry however often the jobs run", async () => {
  const { acc } = await historyWithCheckpoint();
  setClock(() => new Date("2029-03-12T10:00:00Z"));
  await Promise.all([runScheduledJobs(db), runScheduledJobs(db)]);
  await runScheduledJobs(db);
  const expired = await db.select().from(publicLogEntries).where(eq(publicLogEntries.event, "expired"));
  expect(expired).toHaveLength(1);
  expect(expired[0].certificateNumber).toBe(acc.certificateNumber);
});
