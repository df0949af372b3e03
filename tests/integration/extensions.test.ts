import { afterEach, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { getProviderProfile } from "~/services/provider-profile.server";
import { addCourse, addModule } from "~/services/application-sections.server";
import { addMapping } from "~/services/application-mapping.server";
import { startExtension } from "~/services/extensions.server";
import { startRenewal } from "~/services/renewals.server";
import { decideScopeChange, requestScopeExtension } from "~/services/scope-changes.server";
import { createSession } from "~/services/sessions.server";
import * as providerScope from "~/routes/provider.accreditations.$id.scope";
import { accreditations, applications, auditEvents, courseModules, courses, credentials, emailOutbox, publicLogEntries } from "../../db/schema";
import { sessionUserFor } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";
import { createReviewer } from "../support/factories-review";
import { callAction, postRequest, statusOf } from "../support/requests";
import { reviewAndAccredit, uploadSignAndSubmit } from "../support/review-path";

const at = (iso: string) => setClock(() => new Date(iso));
afterEach(() => setClock(undefined));

function ok<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Accredited through the real decision (Rust Fundamentals, in English, in person). */
async function accredited() {
  at("2026-01-10T10:00:00Z");
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  ok(await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" }));
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  at("2026-03-01T10:00:00Z");
  return { ...app, board, staff, accreditation, owner: { ...app.owner, sessionUser: await sessionUserFor(app.owner.user.id) } };
}
type World = Awaited<ReturnType<typeof accredited>>;

const cookieFor = async (userId: string) => `session=${(await createSession(db, userId)).token}`;
const audited = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action));
const mails = (template: string) => db.select().from(emailOutbox).where(eq(emailOutbox.template, template));
const credentialsOf = (id: string) => db.select().from(credentials).where(eq(credentials.accreditationId, id));
const scopeLog = () => db.select().from(publicLogEntries).where(eq(publicLogEntries.event, "scope_changed"));
const accreditationRow = async (id: string) => (await db.select().from(accreditations).where(eq(accreditations.id, id)))[0];

/** The new course of the extension: Async Rust, in German, online live, one module mapped to ASYNC.1. */
async function addAsyncRust(w: World, applicationId: string) {
  const course = ok(await addCourse(db, w.owner.sessionUser, applicationId, { title: "Async Rust", level: "intermediate", description: "Two days of async", totalHours: 14, deliveryModes: ["online_live"], languages: ["German"], regions: ["DE"] }));
  ok(await addModule(db, w.owner.sessionUser, applicationId, { courseId: course.id, title: "Futures", learningOutcomes: "Write and poll futures", hours: 7 }));
  const [mod] = await db.select().from(courseModules).where(eq(courseModules.courseId, course.id));
  ok(await addMapping(db, w.owner.sessionUser, applicationId, { moduleId: mod.id, competencyId: w.framework.competencies["ASYNC.1"].id, depth: "practised", fromSuggestion: false }));
  return course;
}

test("a provider adds a new course through an extension; reviewers score the new course only; the board's decision extends the scope, the credential, the log and the directory", async () => {
  const w = await accredited();
  const path = `/provider/accreditations/${w.accreditation.id}/scope`;
  const opened = await callAction(providerScope.action, postRequest(path, { intent: "add-course" }, await cookieFor(w.owner.user.id)), { id: w.accreditation.id });
  expect(statusOf(opened)).toBe(302);
  const [ext] = await db.select().from(applications).where(eq(applications.kind, "extension"));
  expect(ext).toMatchObject({ organisationId: w.organisation.id, status: "draft", extendsAccreditationId: w.accreditation.id, frameworkId: w.framework.framework.id });
  expect((opened as Response).headers.get("location")).toBe(`/provider/applications/${ext.id}/courses`);

  // The editor's pieces, as for any application: no trainers needed, the accredited ones stand.
  await addAsyncRust(w, ext.id);
  await uploadSignAndSubmit(w.owner.sessionUser, ext.id, "Async Rust");

  // The existing review machinery: assignment, acceptance, the workspace, the sheet.
  const decided = await reviewAndAccredit({
    applicationId: ext.id,
    staff: w.staff.sessionUser,
    board: w.board,
    rubric: w.rubric,
    meetingReference: "BM-2",
    // Only the new course is under review; the accredited scope is shown as context, not scored.
    inspect: (ws) => {
      expect(ws?.coverage.courses.map((c) => c.title)).toEqual(["Async Rust"]);
      expect(ws?.revision?.snapshot.courses?.map((c) => c.title)).toEqual(["Async Rust"]);
      expect(ws?.extension).toMatchObject({ certificateNumber: w.accreditation.certificateNumber, accredited: [{ courseTitle: "Rust Fundamentals", language: "en", mode: "in_person" }] });
    },
  });
  expect(decided.certificateNumber).toBe(w.accreditation.certificateNumber);

  const after = await accreditationRow(w.accreditation.id);
  expect(after.scope.map((e) => `${e.courseTitle}/${e.language}/${e.mode}`)).toEqual(["Rust Fundamentals/en/in_person", "Async Rust/German/online_live"]);
  expect(after.validUntil).toBe(w.accreditation.validUntil);
  expect(await db.select().from(accreditations).where(eq(accreditations.organisationId, w.organisation.id))).toHaveLength(1);
  const creds = await credentialsOf(w.accreditation.id);
  expect(creds.filter((c) => c.revokedAt === null)).toHaveLength(1);
  expect(creds.find((c) => c.reason === "granted")).toMatchObject({ revocationReason: "reissued" });
  expect(creds.find((c) => c.revokedAt === null)?.document).toContain("Async Rust");
  // The new course's mapped competency is among the credential's alignments, beside the first course's.
  const live = JSON.parse(creds.find((c) => c.revokedAt === null)?.document ?? "{}") as { credentialSubject: { achievement: { alignment: { targetCode: string }[] } } };
  const codes = live.credentialSubject.achievement.alignment.map((a) => a.targetCode);
  expect(codes).toContain("ASYNC.1");
  expect(codes.length).toBeGreaterThan(1);
  expect((await scopeLog()).map((e) => e.certificateNumber)).toEqual([w.accreditation.certificateNumber]);
  expect((await audited("accreditation.scope_changed"))[0].data).toMatchObject({ extensionApplicationId: ext.id, kind: "extension", before: 1, after: 2 });
  const profile = await getProviderProfile(w.organisation.slug, "2026-03-01");
  expect(profile?.courses.map((c) => c.title).sort()).toEqual(["Async Rust", "Rust Fundamentals"]);
});

/** An extension with Async Rust, submitted and reviewed, awaiting the board's decision, with the board's votes cast. */
async function extensionAwaitingDecision(w: World) {
  const { applicationId } = ok(await startExtension(db, w.owner.sessionUser, w.accreditation.id));
  await addAsyncRust(w, applicationId);
  await db.update(applications).set({ status: "awaiting_decision", currentRevision: 1 }).where(eq(applications.id, applicationId));
  for (const m of w.board) await castVoteRow(applicationId, m.user.id, "approve");
  return applicationId;
}

test("50 identical requests to open an extension open one; 50 identical decisions extend the scope once: one credential, one audit event, one email, one log entry", async () => {
  const w = await accredited();
  const opened = await Promise.all(Array.from({ length: 50 }, () => startExtension(db, w.owner.sessionUser, w.accreditation.id)));
  expect(opened.every((r) => r.ok)).toBe(true);
  expect(opened.filter((r) => r.ok && r.value.created)).toHaveLength(1);
  expect(await db.select().from(applications).where(eq(applications.kind, "extension"))).toHaveLength(1);
  await db.delete(applications).where(eq(applications.kind, "extension"));

  const applicationId = await extensionAwaitingDecision(w);
  const mailsBefore = (await mails("decision-accredited")).length;
  const decided = await Promise.all(
    Array.from({ length: 50 }, () => recordDecision(db, w.staff.sessionUser, applicationId, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-3" })),
  );
  expect(decided.filter((r) => r.ok)).toHaveLength(1);
  expect(decided.every((r) => r.ok || r.status === 409)).toBe(true);
  expect((await credentialsOf(w.accreditation.id)).filter((c) => c.reason === "scope_changed")).toHaveLength(1);
  expect((await credentialsOf(w.accreditation.id)).filter((c) => c.revokedAt === null)).toHaveLength(1);
  expect(await audited("accreditation.scope_changed")).toHaveLength(1);
  expect((await audited("application.decided")).filter((e) => e.entityId === applicationId)).toHaveLength(1);
  expect((await mails("decision-accredited")).length - mailsBefore).toBe(1);
  expect(await scopeLog()).toHaveLength(1);
  expect((await accreditationRow(w.accreditation.id)).scope).toHaveLength(2);
});

test("an extension of an accreditation that is no longer active is refused, and nothing changes; others' accreditations are not found", async () => {
  const w = await accredited();
  const applicationId = await extensionAwaitingDecision(w);
  await db.update(accreditations).set({ status: "suspended" }).where(eq(accreditations.id, w.accreditation.id));
  const refused = await recordDecision(db, w.staff.sessionUser, applicationId, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-4" });
  expect(refused).toMatchObject({ ok: false, status: 409 });
  expect((await db.select().from(applications).where(eq(applications.id, applicationId)))[0].status).toBe("awaiting_decision");
  expect(await scopeLog()).toHaveLength(0);
  // Opening another extension of a suspended accreditation: refused with the reason.
  await db.delete(applications).where(eq(applications.id, applicationId));
  expect(await startExtension(db, w.owner.sessionUser, w.accreditation.id)).toMatchObject({ ok: false, status: 409 });

  const stranger = await createReviewer();
  expect(await startExtension(db, stranger.sessionUser, w.accreditation.id)).toMatchObject({ ok: false, status: 404 });
  const page = await callAction(providerScope.action, postRequest(`/provider/accreditations/${w.accreditation.id}/scope`, { intent: "add-course" }, await cookieFor(stranger.user.id)), { id: w.accreditation.id });
  expect(statusOf(page)).toBe(404);
});

test("a renewal starts from the accreditation's current scope: languages and modes a scope change added, and a course an extension added", async () => {
  const w = await accredited();
  const change = ok(await requestScopeExtension(db, w.owner.sessionUser, w.accreditation.id, { intent: "extend", courseId: w.course.id, languages: ["German"], modes: ["in_person", "online_live"], reason: "Grace teaches in German." }));
  ok(await decideScopeChange(db, w.staff.sessionUser, change.id, { outcome: "approve", note: "" }));
  ok(await recordDecision(db, w.staff.sessionUser, await extensionAwaitingDecision(w), { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-5" }));

  const opens = new Date(`${w.accreditation.validUntil}T10:00:00Z`);
  opens.setUTCDate(opens.getUTCDate() - 30);
  setClock(() => opens);
  const { applicationId } = ok(await startRenewal(db, w.owner.sessionUser, w.accreditation.id));
  const copied = await db.select().from(courses).where(eq(courses.applicationId, applicationId));
  const byTitle = Object.fromEntries(copied.map((c) => [c.title, { languages: [...c.languages].sort(), modes: [...c.deliveryModes].sort() }]));
  expect(byTitle).toEqual({
    "Rust Fundamentals": { languages: ["German", "en"], modes: ["in_person", "online_live"] },
    "Async Rust": { languages: ["German"], modes: ["online_live"] },
  });
  const asyncCourse = copied.find((c) => c.title === "Async Rust")!;
  expect(await db.select().from(courseModules).where(eq(courseModules.courseId, asyncCourse.id))).toHaveLength(1);
});
