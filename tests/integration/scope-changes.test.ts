import { afterEach, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { getProviderProfile } from "~/services/provider-profile.server";
import { loadDashboard } from "~/services/admin-dashboard.server";
import { decideScopeChange, requestScopeExtension, requestScopeReduction, withdrawScopeChange } from "~/services/scope-changes.server";
import { createSession } from "~/services/sessions.server";
import * as providerScope from "~/routes/provider.accreditations.$id.scope";
import * as staffScope from "~/routes/admin.scope-changes.$id";
import { accreditations, auditEvents, credentials, emailOutbox, publicLogEntries, scopeChanges } from "../../db/schema";
import { sessionUserFor, signedIn } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff, joinOrganisation } from "../support/factories-board";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

type Answer = { formId?: string; errors: Record<string, string>; values: Record<string, unknown> };
const at = (iso: string) => setClock(() => new Date(iso));
afterEach(() => setClock(undefined));

/** Accredited through the real decision (Rust Fundamentals, in English, in person); its credential issued at the grant. */
async function accredited() {
  at("2026-01-10T10:00:00Z");
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const result = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" });
  if (!result.ok) throw new Error(result.message);
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  at("2026-03-01T10:00:00Z");
  return { ...app, staff, accreditation, owner: { ...app.owner, sessionUser: await sessionUserFor(app.owner.user.id) } };
}

const cookieFor = async (userId: string) => `session=${(await createSession(db, userId)).token}`;
const audited = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action));
const mails = (template: string) => db.select().from(emailOutbox).where(eq(emailOutbox.template, template));
const accreditationRow = async (id: string) => (await db.select().from(accreditations).where(eq(accreditations.id, id)))[0];
const credentialsOf = (id: string) => db.select().from(credentials).where(eq(credentials.accreditationId, id));
const scopeLog = () => db.select().from(publicLogEntries).where(eq(publicLogEntries.event, "scope_changed"));
const EXTEND = (courseId: string) => ({ intent: "extend" as const, courseId, languages: ["German"], modes: ["in_person" as const, "online_live" as const], reason: "Grace teaches in German." });

test("a member asks for an extension and staff approve it: scope, a new credential (the old revoked), the public log and the directory follow", async () => {
  const w = await accredited();
  const path = `/provider/accreditations/${w.accreditation.id}/scope`;
  const page = payloadOf<Awaited<ReturnType<typeof providerScope.loader>>>(await callLoader(providerScope.loader, getRequest(path, await cookieFor(w.owner.user.id)), { id: w.accreditation.id }));
  expect(page).toMatchObject({ canRequest: true, courses: [{ id: w.course.id, title: "Rust Fundamentals" }], changes: [] });

  const asked = await callAction(providerScope.action, postRequest(path, { intent: "extend", courseId: w.course.id, languages: "German, en", modes: ["in_person", "online_live"], reason: "Grace teaches in German." }, await cookieFor(w.owner.user.id)), { id: w.accreditation.id });
  expect(statusOf(asked)).toBe(302);
  const [change] = await db.select().from(scopeChanges).where(eq(scopeChanges.accreditationId, w.accreditation.id));
  // English in person is held already: only the three new combinations are asked for.
  expect(change).toMatchObject({ kind: "extension", status: "requested", requestedBy: w.owner.user.id });
  expect(change.entries.map((e) => `${e.language}/${e.mode}`)).toEqual(["German/in_person", "German/online_live", "en/online_live"]);
  expect((await mails("scope-change-requested")).map((m) => [m.to, m.subject])).toEqual([[w.staff.user.email, "Scope extension to decide: Ferris Training"]]);
  const [granted] = await credentialsOf(w.accreditation.id);
  expect((await loadDashboard(db)).awaitingStaff.scopeChanges).toBe(1);

  const staffPath = `/admin/scope-changes/${change.id}`;
  const approved = await callAction(staffScope.action, postRequest(staffPath, { outcome: "approve", note: "" }, await cookieFor(w.staff.user.id)), { id: change.id });
  expect(statusOf(approved)).toBe(302);
  const after = await accreditationRow(w.accreditation.id);
  expect(after.scope.map((e) => `${e.language}/${e.mode}`)).toEqual(["en/in_person", "German/in_person", "German/online_live", "en/online_live"]);
  const creds = await credentialsOf(w.accreditation.id);
  expect(creds).toHaveLength(2);
  expect(creds.find((c) => c.id === granted.id)).toMatchObject({ revocationReason: "reissued" });
  const fresh = creds.find((c) => c.id !== granted.id);
  expect(fresh).toMatchObject({ reason: "scope_changed", revokedAt: null });
  expect(fresh?.document).toContain("German");
  expect((await scopeLog()).map((e) => [e.certificateNumber, e.data.scope])).toEqual([[w.accreditation.certificateNumber, 4]]);
  const profile = await getProviderProfile(w.organisation.slug, "2026-03-01");
  expect(profile?.courses.find((c) => c.title === "Rust Fundamentals")?.languages).toContain("German");
  expect((await mails("scope-change-decided")).map((m) => [m.to, m.subject])).toEqual([[w.owner.user.email, "Your scope extension was approved: Ferris Training"]]);
  const view = payloadOf<Awaited<ReturnType<typeof staffScope.loader>>>(await callLoader(staffScope.loader, getRequest(staffPath, await cookieFor(w.staff.user.id)), { id: change.id }));
  expect(view).toMatchObject({ status: "approved", actions: [] });
  expect((await loadDashboard(db)).awaitingStaff.scopeChanges).toBe(0);
  expect(view.timeline.map((e) => e.action)).toEqual(["scope_change.requested", "scope_change.approved"]);
});

test("50 identical requests and 50 identical approvals at once: one request, one change, one credential, one log entry, one audit and one email round each", async () => {
  const w = await accredited();
  const asked = await Promise.all(Array.from({ length: 50 }, () => requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, EXTEND(w.course.id))));
  expect(asked.filter((r) => r.ok)).toHaveLength(1);
  expect(asked.every((r) => r.ok || r.status === 409)).toBe(true);
  expect(await db.select().from(scopeChanges)).toHaveLength(1);
  expect(await audited("scope_change.requested")).toHaveLength(1);
  expect(await mails("scope-change-requested")).toHaveLength(1);

  const [change] = await db.select().from(scopeChanges);
  const decided = await Promise.all(Array.from({ length: 50 }, () => decideScopeChange(db, w.staff.sessionUser, change.id, { outcome: "approve", note: "" })));
  expect(decided.filter((r) => r.ok)).toHaveLength(1);
  expect(decided.every((r) => r.ok || r.status === 409)).toBe(true);
  expect(await audited("scope_change.approved")).toHaveLength(1);
  expect(await audited("accreditation.scope_changed")).toHaveLength(1);
  expect((await credentialsOf(w.accreditation.id)).filter((c) => c.reason === "scope_changed")).toHaveLength(1);
  expect((await credentialsOf(w.accreditation.id)).filter((c) => c.revokedAt === null)).toHaveLength(1);
  expect(await scopeLog()).toHaveLength(1);
  expect(await mails("scope-change-decided")).toHaveLength(1);
  expect((await accreditationRow(w.accreditation.id)).scope).toHaveLength(3);
});

test("a reduction applies on acceptance; a declined change leaves the scope; a member withdraws a waiting request", async () => {
  const w = await accredited();
  expect(await requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, EXTEND(w.course.id))).toMatchObject({ ok: true });
  // One open request at a time.
  expect(await requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, { ...EXTEND(w.course.id), languages: ["French"] })).toMatchObject({ ok: false, status: 409 });
  const [first] = await db.select().from(scopeChanges);
  expect(await decideScopeChange(db, w.staff.sessionUser, first.id, { outcome: "decline", note: "No German trainer yet." })).toMatchObject({ ok: true });
  expect((await accreditationRow(w.accreditation.id)).scope).toHaveLength(1);
  expect((await mails("scope-change-decided"))[0].subject).toBe("Your scope extension was declined: Ferris Training");
  expect(await decideScopeChange(db, w.staff.sessionUser, first.id, { outcome: "approve", note: "" })).toMatchObject({ ok: false, status: 409 });

  const again = await requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, EXTEND(w.course.id));
  if (!again.ok) throw new Error(again.message);
  expect(await withdrawScopeChange(db, w.staff.sessionUser, again.value.id)).toMatchObject({ ok: false, status: 404 });
  expect(await withdrawScopeChange(db, w.owner.sessionUser, again.value.id)).toMatchObject({ ok: true });
  expect(await decideScopeChange(db, w.staff.sessionUser, again.value.id, { outcome: "approve", note: "" })).toMatchObject({ ok: false, status: 409, message: "This is withdrawn; it cannot approve this scope change now." });

  const third = await requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, EXTEND(w.course.id));
  if (!third.ok) throw new Error(third.message);
  await decideScopeChange(db, w.staff.sessionUser, third.value.id, { outcome: "approve", note: "" });
  const reduction = await requestScopeReduction(db, w.owner.sessionUser, w.accreditation.id, { intent: "reduce", remove: [`${w.course.id}|en|in_person`], reason: "We stop teaching in English." });
  if (!reduction.ok) throw new Error(reduction.message);
  expect(await decideScopeChange(db, w.staff.sessionUser, reduction.value.id, { outcome: "approve", note: "" })).toMatchObject({ ok: true });
  expect((await accreditationRow(w.accreditation.id)).scope.map((e) => `${e.language}/${e.mode}`)).toEqual(["German/in_person", "German/online_live"]);
  expect(await scopeLog()).toHaveLength(2);
  expect((await credentialsOf(w.accreditation.id)).filter((c) => c.revokedAt === null)).toHaveLength(1);
});

test("bad input answers 400 next to the field and keeps what was typed; nothing is requested", async () => {
  const w = await accredited();
  const path = `/provider/accreditations/${w.accreditation.id}/scope`;
  const cookie = await cookieFor(w.owner.user.id);
  const bad = await callAction(providerScope.action, postRequest(path, { intent: "extend", courseId: "", languages: "Klingon", reason: "" }, cookie), { id: w.accreditation.id });
  expect(statusOf(bad)).toBe(400);
  expect(payloadOf<Answer>(bad)).toMatchObject({ formId: "extend", errors: { courseId: "Choose the course", modes: "Choose at least one delivery mode" }, values: { languages: "Klingon" } });
  const held = await callAction(providerScope.action, postRequest(path, { intent: "extend", courseId: w.course.id, languages: "en", modes: "in_person", reason: "x" }, cookie), { id: w.accreditation.id });
  expect(statusOf(held)).toBe(400);
  expect(payloadOf<Answer>(held).errors.languages).toBe("These languages and delivery modes are already accredited for this course");
  const everything = await callAction(providerScope.action, postRequest(path, { intent: "reduce", remove: `${w.course.id}|en|in_person`, reason: "Stop" }, cookie), { id: w.accreditation.id });
  expect(statusOf(everything)).toBe(400);
  expect(payloadOf<Answer>(everything).errors.remove).toContain("at least one");
  expect(statusOf(await callAction(providerScope.action, postRequest(path, { intent: "nonsense" }, cookie), { id: w.accreditation.id }))).toBe(400);
  expect(await db.select().from(scopeChanges)).toHaveLength(0);

  const ok = await requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, EXTEND(w.course.id));
  if (!ok.ok) throw new Error(ok.message);
  const noNote = await callAction(staffScope.action, postRequest(`/admin/scope-changes/${ok.value.id}`, { outcome: "decline", note: " " }, await cookieFor(w.staff.user.id)), { id: ok.value.id });
  expect(statusOf(noNote)).toBe(400);
  expect(payloadOf<Answer>(noNote).errors.note).toBe("Say why the change is declined");
  expect((await db.select().from(scopeChanges).where(and(eq(scopeChanges.id, ok.value.id), eq(scopeChanges.status, "requested"))))).toHaveLength(1);
});

test("nobody else asks or decides: another organisation's member, and staff who belong to the provider, get 404", async () => {
  const w = await accredited();
  const stranger = await signedIn({ name: "Stan Stranger" });
  const path = `/provider/accreditations/${w.accreditation.id}/scope`;
  expect(statusOf(await callLoader(providerScope.loader, getRequest(path, stranger.cookie), { id: w.accreditation.id }))).toBe(404);
  expect(statusOf(await callAction(providerScope.action, postRequest(path, { intent: "extend" }, stranger.cookie), { id: w.accreditation.id }))).toBe(404);
  expect(await requestScopeExtension(db, stranger.sessionUser, w.accreditation.id, EXTEND(w.course.id))).toMatchObject({ ok: false, status: 404 });
  const ok = await requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, EXTEND(w.course.id));
  if (!ok.ok) throw new Error(ok.message);
  const insider = await createStaff("Ivy Insider");
  await joinOrganisation(insider.user.id, w.organisation.id);
  expect(await decideScopeChange(db, await sessionUserFor(insider.user.id), ok.value.id, { outcome: "approve", note: "" })).toMatchObject({ ok: false, status: 404 });
  expect(statusOf(await callLoader(staffScope.loader, getRequest(`/admin/scope-changes/${ok.value.id}`, await cookieFor(insider.user.id)), { id: ok.value.id }))).toBe(404);
  expect(statusOf(await callLoader(staffScope.loader, getRequest(`/admin/scope-changes/not-a-uuid`, await cookieFor(w.staff.user.id)), { id: "not-a-uuid" }))).toBe(404);
});
