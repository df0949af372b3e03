import { expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "~/services/db.server";
import { verifyAuditChain } from "~/services/audit.server";
import { action as auditAction, loader as auditLoader } from "~/routes/admin.audit";
import { signedIn } from "../support/factories";
import { createAuditEvents } from "../support/factories-admin";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

type Check = { check: { ok: boolean; checked: number; brokenAt?: number; reason?: string } };

test("the chain check passes on an untouched log, then reports the first row whose data was changed by SQL", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  await createAuditEvents(6);

  const intact = payloadOf<Check>(await callAction(auditAction, postRequest("/admin/audit", { intent: "verify" }, staff.cookie)));
  expect(intact.check).toEqual({ ok: true, checked: 6 });

  // Someone with database access rewrites the data of event 4 (and, to hide it, also event 5).
  await db.execute(sql`update audit_events set data = jsonb_set(data, '{note}', '"nothing happened"') where id in (4, 5)`);
  const broken = payloadOf<Check>(await callAction(auditAction, postRequest("/admin/audit", { intent: "verify" }, staff.cookie)));
  expect(broken.check).toMatchObject({ ok: false, brokenAt: 4, checked: 3, reason: "content does not match its hash" });

  // Running the check is itself an audited action (appended after the events it checked).
  const { events } = (await callLoader(auditLoader, getRequest("/admin/audit?action=chain_checked", staff.cookie))) as { events: { action: string; data: Record<string, unknown> }[] };
  expect(events.map((e) => e.data.ok)).toEqual([false, true]);
});

test("deleting a row breaks the link of the next one", async () => {
  await createAuditEvents(4);
  await db.execute(sql`delete from audit_events where id = 2`);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: "previous hash does not match" });
});

test("events filter by actor, entity, action and date; each event's data is shown", async () => {
  const staff = await signedIn({ roles: ["staff"], name: "Alex Auditor", email: "alex@example.org" });
  await createAuditEvents(2, { actorId: staff.user.id, action: "framework.published", entityType: "framework" });
  await createAuditEvents(3, { action: "application.submitted", entityType: "application" });

  const get = async (query: string) =>
    (await callLoader(auditLoader, getRequest(`/admin/audit${query}`, staff.cookie))) as { total: number; events: { action: string; entityType: string; data: Record<string, unknown>; actor: { email: string } | null }[] };

  expect((await get("?actor=alex")).total).toBe(2);
  expect((await get("?entityType=application")).total).toBe(3);
  expect((await get("?entityType=application&entityId=entity-1")).events.map((e) => e.data.n)).toEqual([1]);
  expect((await get("?action=published")).events.every((e) => e.action === "framework.published" && e.actor?.email === "alex@example.org")).toBe(true);
  const today = new Date().toISOString().slice(0, 10);
  expect((await get(`?from=${today}&to=${today}`)).total).toBe(5);
  expect((await get("?from=2000-01-01&to=2000-01-02")).total).toBe(0);
  // Bad filter values are ignored, not a 500.
  expect(statusOf(await callLoader(auditLoader, getRequest("/admin/audit?from=yesterday&page=-3", staff.cookie)))).toBe(200);
});
