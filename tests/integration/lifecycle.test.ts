import { expect, test } from "vitest";
import { and, asc, eq, like } from "drizzle-orm";
import { db } from "~/services/db.server";
import { createSession } from "~/services/sessions.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { accreditationByCertificate, changeAccreditationStatus } from "~/services/accreditations.server";
import { listAccreditations } from "~/services/accreditation-lists.server";
import { startRenewal } from "~/services/renewals.server";
import { runScheduledJobs } from "~/services/scheduler.server";
import { accreditations, applications, auditEvents, courseModules, courses, directoryEntries, emailOutbox, moduleMappings, trainers } from "../../db/schema";
import { sessionUserFor, signedIn } from "../support/factories";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import * as adminAccreditations from "~/routes/admin.accreditations";
import * as renewRoute from "~/routes/provider.accreditations.$id.renew";
import * as dashboardRoute from "~/routes/provider._index";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff, joinOrganisation } from "../support/factories-board";

const at = (iso: string) => setClock(() => new Date(iso));

/** An accreditation issued through the real decision on 2026-01-10: valid until 2029-01-09. */
async function accredited() {
  at("2026-01-10T10:00:00Z");
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const result = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" });
  if (!result.ok) throw new Error(result.message);
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  return { ...app, board, staff, accreditation, owner: { ...app.owner, sessionUser: await sessionUserFor(app.owner.user.id) } };
}

/** Run the scheduled jobs; this area's job must never fail (other areas' jobs are isolated from it). */
async function runJobs() {
  const run = await runScheduledJobs(db);
  expect(run.failures.filter((f) => f.job === "accreditation reminders")).toEqual([]);
  expect(run.accreditations).not.toBeNull();
}

/** A session cookie valid at the (moved) clock: sessions lapse after ten idle days. */
async function cookieFor(userId: string) {
  const { token } = await createSession(db, userId);
  return `session=${token}`;
}

const mailsWithKey = (prefix: string) => db.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `${prefix}%`)).orderBy(asc(emailOutbox.createdAt));

test("an accreditation reads as expired the day after valid_until, with no job run", async () => {
  const { accreditation } = await accredited();
  expect(accreditation.validUntil).toBe("2029-01-09");
  at("2029-01-09T23:59:59Z");
  expect((await accreditationByCertificate(db, accreditation.certificateNumber))?.effectiveStatus).toBe("active");
  expect((await listAccreditations(db, { status: "active" })).items.map((i) => i.id)).toEqual([accreditation.id]);
  at("2029-01-10T00:00:00Z");
  expect((await accreditationByCertificate(db, accreditation.certificateNumber))?.effectiveStatus).toBe("expired");
  expect((await listAccreditations(db, { status: "active" })).items).toHaveLength(0);
  expect((await listAccreditations(db, { status: "expired" })).items.map((i) => i.status)).toEqual(["expired"]);
  // Stored status is untouched: expired is never written.
  const [row] = await db.select().from(accreditations).where(eq(accreditations.id, accreditation.id));
  expect(row.status).toBe("active");
});

test("the 90, 45 and 30-day reminders and the expired notice each go once, even from two workers at once", async () => {
  const { accreditation, owner } = await accredited();
  const member = await signedIn({ name: "Mo Member" });
  await joinOrganisation(member.user.id, accreditation.organisationId);
  const key = `acc-expiring:${accreditation.id}`;

  at("2028-10-10T06:00:00Z"); // 91 days before
  await Promise.all([runJobs(), runJobs()]);
  expect(await mailsWithKey(key)).toHaveLength(0);

  for (const [day, days] of [
    ["2028-10-11", 90],
    ["2028-10-12", 90],
    ["2028-11-25", 45],
    ["2028-12-10", 30],
    ["2029-01-09", 30],
  ] as const) {
    at(`${day}T06:00:00Z`);
    await Promise.all([runJobs(), runJobs()]);
    await runJobs();
    const sent = await mailsWithKey(`${key}:${days}:`);
    expect(sent.map((m) => m.to).sort(), `${days}-day reminder on ${day}`).toEqual([owner.user.email, member.user.email].sort());
  }
  const reminders = await mailsWithKey(key);
  expect(reminders).toHaveLength(6); // 3 thresholds × 2 members
  expect(reminders.map((m) => m.subject)).toContain(`Certificate ${accreditation.certificateNumber} expires in 45 days`);

  at("2029-01-10T06:00:00Z");
  await Promise.all([runJobs(), runJobs()]);
  at("2029-01-11T06:00:00Z");
  await runJobs();
  const expired = await mailsWithKey(`acc-expired:${accreditation.id}`);
  expect(expired.map((m) => m.to).sort()).toEqual([owner.user.email, member.user.email].sort());
  expect(expired.every((m) => m.template === "accreditation-expired")).toBe(true);
});

test("renewal opens 90 days before expiry and not before; it copies the accredited application", async () => {
  const { accreditation, owner, application } = await accredited();

  at("2028-10-10T12:00:00Z"); // 91 days before
  const early = await startRenewal(db, owner.sessionUser, accreditation.id);
  expect(early).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("on 2028-10-11") });
  expect(await db.select().from(applications).where(eq(applications.kind, "renewal"))).toHaveLength(0);

  at("2028-10-11T12:00:00Z"); // 90 days before
  const member = await signedIn();
  await joinOrganisation(member.user.id, accreditation.organisationId);
  expect(await startRenewal(db, await sessionUserFor(member.user.id), accreditation.id)).toMatchObject({ ok: false, status: 409 });
  const started = await startRenewal(db, owner.sessionUser, accreditation.id);
  if (!started.ok) throw new Error(started.message);
  expect(started.value.created).toBe(true);
  const again = await startRenewal(db, owner.sessionUser, accreditation.id);
  expect(again).toEqual({ ok: true, value: { applicationId: started.value.applicationId, created: false } });

  const [renewal] = await db.select().from(applications).where(eq(applications.id, started.value.applicationId));
  expect(renewal).toMatchObject({ kind: "renewal", status: "draft", renewsAccreditationId: accreditation.id, organisationId: accreditation.organisationId, declarations: null });
  const copiedCourses = await db.select().from(courses).where(eq(courses.applicationId, renewal.id));
  expect(copiedCourses.map((c) => c.title)).toEqual(["Rust Fundamentals"]);
  expect(copiedCourses[0].id).not.toBe((await db.select().from(courses).where(eq(courses.applicationId, application.id)))[0].id);
  const copiedModules = await db.select().from(courseModules).where(eq(courseModules.courseId, copiedCourses[0].id));
  expect(copiedModules.map((m) => m.title).sort()).toEqual(["Async basics", "Ownership"]);
  const copiedMappings = await db
    .select({ depth: moduleMappings.depth })
    .from(moduleMappings)
    .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
    .where(eq(courseModules.courseId, copiedCourses[0].id));
  expect(copiedMappings).toHaveLength(3);
  expect(await db.select().from(trainers).where(eq(trainers.applicationId, renewal.id))).toHaveLength(1);
});

test("approving a renewal issues a new accreditation and supersedes the old one, which is kept", async () => {
  const { accreditation, owner, board, staff } = await accredited();
  at("2028-11-01T12:00:00Z");
  const started = await startRenewal(db, owner.sessionUser, accreditation.id);
  if (!started.ok) throw new Error(started.message);
  const renewalId = started.value.applicationId;
  // The renewal goes through the same workflow; here it has reached the board.
  await db.update(applications).set({ status: "awaiting_decision", currentRevision: 1 }).where(eq(applications.id, renewalId));
  for (const m of board) await castVoteRow(renewalId, m.user.id, "approve");
  const decided = await recordDecision(db, staff.sessionUser, renewalId, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-9" });
  if (!decided.ok) throw new Error(decided.message);
  expect(decided.value.certificateNumber).toBe("ACC-2028-0001");

  const [old] = await db.select().from(accreditations).where(eq(accreditations.id, accreditation.id));
  const [renewed] = await db.select().from(accreditations).where(eq(accreditations.applicationId, renewalId));
  expect(old).toMatchObject({ status: "superseded", supersededById: renewed.id });
  expect(renewed).toMatchObject({ status: "active", validFrom: "2028-11-01", validUntil: "2031-10-31" });
  expect((await accreditationByCertificate(db, old.certificateNumber))?.effectiveStatus).toBe("superseded");
  const [entry] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, accreditation.organisationId));
  expect(entry).toMatchObject({ status: "active", validUntil: "2031-10-31" });
});

test("suspend shows at once on the verify lookup and in the directory; reinstate and revoke follow the rules", async () => {
  const { accreditation, staff, owner } = await accredited();
  at("2026-06-01T09:00:00Z");
  const [listed] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, accreditation.organisationId));
  expect(listed.status).toBe("active");

  expect(await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "suspend", "  ")).toMatchObject({ ok: false, status: 400, errors: { reason: expect.any(String) } });
  const suspended = await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "suspend", "Complaint under investigation");
  expect(suspended.ok).toBe(true);
  expect(await accreditationByCertificate(db, accreditation.certificateNumber)).toMatchObject({ effectiveStatus: "suspended", statusReason: "Complaint under investigation" });
  const [entry] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, accreditation.organisationId));
  expect(entry.status).toBe("suspended");
  expect(await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "suspend", "again")).toMatchObject({ ok: false, status: 409 });

  expect((await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "reinstate", "")).ok).toBe(true);
  expect((await accreditationByCertificate(db, accreditation.certificateNumber))?.effectiveStatus).toBe("active");
  const [back] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, accreditation.organisationId));
  expect(back.status).toBe("active");

  expect((await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "revoke", "Misused the mark")).ok).toBe(true);
  expect((await accreditationByCertificate(db, accreditation.certificateNumber))?.effectiveStatus).toBe("revoked");
  expect(await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, accreditation.organisationId))).toHaveLength(0);
  // Revocation is terminal.
  expect(await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "reinstate", "")).toMatchObject({ ok: false, status: 409 });

  const templates = (await db.select({ t: emailOutbox.template }).from(emailOutbox).where(and(eq(emailOutbox.to, owner.user.email), like(emailOutbox.template, "accreditation-%")))).map((r) => r.t);
  expect(templates.sort()).toEqual(["accreditation-reinstated", "accreditation-revoked", "accreditation-suspended"]);
});

test("two staff suspending at once: one wins, the other is told", async () => {
  const { accreditation, staff } = await accredited();
  const other = await createStaff("Other Staff");
  const results = await Promise.all([
    changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "suspend", "First"),
    changeAccreditationStatus(db, other.sessionUser, accreditation.id, "suspend", "Second"),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok && r.status === 409)).toHaveLength(1);
});

// ---- through the routes ------------------------------------------------------------------------------

test("routes: staff filter and suspend from the list; a missing reason is a 400 next to the field; others get 404", async () => {
  const { accreditation, ...people } = await accredited();
  at("2026-06-01T09:00:00Z");
  const staff = { cookie: await cookieFor(people.staff.user.id) };
  const owner = { cookie: await cookieFor(people.owner.user.id) };
  const list = payloadOf<{ items: { id: string; status: string; actions: string[] }[] }>(
    await callLoader(adminAccreditations.loader, getRequest("/admin/accreditations?status=active&expires=", staff.cookie)),
  );
  expect(list.items.map((i) => [i.id, i.status, i.actions])).toEqual([[accreditation.id, "active", ["suspend", "revoke"]]]);
  expect(statusOf(await callLoader(adminAccreditations.loader, getRequest("/admin/accreditations", owner.cookie)))).toBe(404);
  expect(statusOf(await callAction(adminAccreditations.action, postRequest("/admin/accreditations", { intent: "suspend", id: accreditation.id, reason: "x" }, owner.cookie)))).toBe(404);

  const noReason = await callAction(adminAccreditations.action, postRequest("/admin/accreditations", { intent: "suspend", id: accreditation.id, reason: "" }, staff.cookie));
  expect(statusOf(noReason)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(noReason).errors.reason).toBeTruthy();

  const done = await callAction(
    adminAccreditations.action,
    postRequest("/admin/accreditations", { intent: "suspend", id: accreditation.id, reason: "Complaint", back: "/admin/accreditations?status=active" }, staff.cookie),
  );
  expect(statusOf(done)).toBe(302);
  expect((done as Response).headers.get("Location")).toBe(`/admin/accreditations?status=active&done=suspend&certificate=${accreditation.certificateNumber}`);
  const suspended = payloadOf<{ items: { id: string }[] }>(await callLoader(adminAccreditations.loader, getRequest("/admin/accreditations?status=suspended", staff.cookie)));
  expect(suspended.items.map((i) => i.id)).toEqual([accreditation.id]);
});

test("routes: the renew page refuses before the window with a message, then starts the renewal", async () => {
  const { accreditation, ...people } = await accredited();
  const path = `/provider/accreditations/${accreditation.id}/renew`;
  const params = { id: accreditation.id };
  at("2028-09-01T12:00:00Z");
  const owner = { cookie: await cookieFor(people.owner.user.id) };
  const page = payloadOf<{ accreditation: { renewal: { open: boolean; opensOn: string } } }>(await callLoader(renewRoute.loader, getRequest(path, owner.cookie), params));
  expect(page.accreditation.renewal).toMatchObject({ open: false, opensOn: "2028-10-11" });
  const early = await callAction(renewRoute.action, postRequest(path, {}, owner.cookie), params);
  expect(statusOf(early)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(early).errors.form).toContain("Renewal opens 90 days before expiry");

  const stranger = await signedIn();
  expect(statusOf(await callLoader(renewRoute.loader, getRequest(path, stranger.cookie), params))).toBe(404);
  expect(statusOf(await callAction(renewRoute.action, postRequest(path, {}, stranger.cookie), params))).toBe(404);

  at("2028-10-11T12:00:00Z");
  owner.cookie = await cookieFor(people.owner.user.id);
  const started = await callAction(renewRoute.action, postRequest(path, {}, owner.cookie), params);
  expect(statusOf(started)).toBe(302);
  const [renewal] = await db.select().from(applications).where(eq(applications.renewsAccreditationId, accreditation.id));
  expect((started as Response).headers.get("Location")).toBe(`/provider/applications/${renewal.id}`);
});

test("routes: a malformed accreditation id is a 404, not a 500", async () => {
  const owner = await signedIn();
  expect(statusOf(await callLoader(renewRoute.loader, getRequest("/provider/accreditations/x/renew", owner.cookie), { id: "x" }))).toBe(404);
  expect(statusOf(await callAction(renewRoute.action, postRequest("/provider/accreditations/x/renew", {}, owner.cookie), { id: "x" }))).toBe(404);
});

test("routes: the dashboard's certificate buttons are the accreditation's actions for the person: only an owner renews, inside the window; suspended, it offers a change report, and an appeal to the owner", async () => {
  const { accreditation, staff, ...people } = await accredited();
  const member = await signedIn();
  await joinOrganisation(member.user.id, accreditation.organisationId);
  const actionsOf = async (userId: string) => {
    const page = payloadOf<{ accreditations: { id: string; actions: string[] }[] }>(await callLoader(dashboardRoute.loader, getRequest("/provider", await cookieFor(userId))));
    return page.accreditations.find((a) => a.id === accreditation.id)?.actions;
  };
  at("2028-09-01T12:00:00Z");
  expect(await actionsOf(people.owner.user.id)).toEqual(["certificate", "change_scope", "report_change"]);
  at("2028-10-11T12:00:00Z"); // 90 days before expiry
  expect(await actionsOf(people.owner.user.id)).toEqual(["certificate", "change_scope", "report_change", "renew"]);
  expect(await actionsOf(member.user.id)).toEqual(["certificate", "change_scope", "report_change"]);
  expect((await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "suspend", "Complaint upheld")).ok).toBe(true);
  expect(await actionsOf(people.owner.user.id)).toEqual(["report_change", "appeal"]);
  // A member may report a change but not appeal: only an owner lodges one, so only an owner is offered it.
  expect(await actionsOf(member.user.id)).toEqual(["report_change"]);
  // The service refuses what the dashboard no longer offers, in the same words as before.
  expect(await startRenewal(db, await sessionUserFor(people.owner.user.id), accreditation.id)).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("only an active accreditation can be renewed") });
});

test("fifty identical 'start the renewal' at once: one renewal, copied once, one audit event; every answer leads to it", async () => {
  const { accreditation, ...people } = await accredited();
  const path = `/provider/accreditations/${accreditation.id}/renew`;
  at("2028-10-11T12:00:00Z");
  const cookie = await cookieFor(people.owner.user.id);
  const answers = await Promise.all(Array.from({ length: 50 }, () => callAction(renewRoute.action, postRequest(path, {}, cookie), { id: accreditation.id })));
  const renewals = await db.select().from(applications).where(eq(applications.renewsAccreditationId, accreditation.id));
  expect(renewals).toHaveLength(1);
  expect(answers.map(statusOf)).toEqual(Array<number>(50).fill(302));
  expect(new Set(answers.map((a) => (a as Response).headers.get("Location")))).toEqual(new Set([`/provider/applications/${renewals[0].id}`]));
  expect(await db.select().from(courses).where(eq(courses.applicationId, renewals[0].id))).toHaveLength(1);
  expect(await db.select().from(trainers).where(eq(trainers.applicationId, renewals[0].id))).toHaveLength(1);
  expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "application.renewal_started"))).toHaveLength(1);
});
