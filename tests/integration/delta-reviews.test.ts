import { randomUUID } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { getProviderProfile } from "~/services/provider-profile.server";
import { addCourse, addModule, updateCourse } from "~/services/application-sections.server";
import { addMapping } from "~/services/application-mapping.server";
import { startExtension } from "~/services/extensions.server";
import { openDeltaReview } from "~/services/delta-reviews.server";
import { materialChangeForStaff, reportMaterialChange, reviewMaterialChange } from "~/services/material-changes.server";
import { createSession } from "~/services/sessions.server";
import * as staffChange from "~/routes/admin.material-changes.$id";
import * as providerChanges from "~/routes/provider.accreditations.$id.changes";
import { accreditations, applications, auditEvents, courseModules, courses, credentials, emailOutbox, materialChanges, publicLogEntries } from "../../db/schema";
import { sessionUserFor, signedIn } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff, joinOrganisation } from "../support/factories-board";
import { reviewAndAccredit, uploadSignAndSubmit } from "../support/review-path";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

const at = (iso: string) => setClock(() => new Date(iso));
afterEach(() => setClock(undefined));

function ok<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const cookieFor = async (userId: string) => `session=${(await createSession(db, userId)).token}`;
const audited = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action));
const mails = (template: string) => db.select().from(emailOutbox).where(eq(emailOutbox.template, template));
const accreditationRow = async (id: string) => (await db.select().from(accreditations).where(eq(accreditations.id, id)))[0];
const reportRow = async (id: string) => (await db.select().from(materialChanges).where(eq(materialChanges.id, id)))[0];
const deltas = () => db.select().from(applications).where(eq(applications.kind, "delta"));

/**
 * Accredited through the real decision (Rust Fundamentals, en, in person), then extended through the real
 * decision with Async Rust (German, online live): a scope of two courses, one of which a delta review revises.
 */
async function accreditedWithTwoCourses() {
  at("2026-01-10T10:00:00Z");
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  ok(await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" }));
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  const owner = { ...app.owner, sessionUser: await sessionUserFor(app.owner.user.id) };
  at("2026-02-01T10:00:00Z");
  const { applicationId } = ok(await startExtension(db, owner.sessionUser, accreditation.id));
  const asyncRust = ok(await addCourse(db, owner.sessionUser, applicationId, { title: "Async Rust", level: "intermediate", description: "Two days", totalHours: 14, deliveryModes: ["online_live"], languages: ["German"], regions: ["DE"] }));
  ok(await addModule(db, owner.sessionUser, applicationId, { courseId: asyncRust.id, title: "Futures", learningOutcomes: "Poll futures", hours: 7 }));
  await db.update(applications).set({ status: "awaiting_decision", currentRevision: 1 }).where(eq(applications.id, applicationId));
  for (const m of board) await castVoteRow(applicationId, m.user.id, "approve");
  ok(await recordDecision(db, staff.sessionUser, applicationId, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-2" }));
  at("2026-03-01T10:00:00Z");
  return { ...app, board, staff, owner, accreditation: await accreditationRow(accreditation.id) };
}
type World = Awaited<ReturnType<typeof accreditedWithTwoCourses>>;

async function syllabusReported(w: World) {
  const id = randomUUID();
  ok(await reportMaterialChange(db, w.owner.sessionUser, w.accreditation.id, { intent: "report", submissionId: id, kind: "syllabus", effectiveOn: "2026-02-20", description: "Rust Fundamentals now teaches error handling with thiserror." }));
  return id;
}

const openPath = (id: string) => `/admin/material-changes/${id}`;

test("staff open a delta review on a syllabus change; the provider revises and submits; reviewers score the revised course only; the board's decision replaces it in the scope, the credential, the log and the directory", async () => {
  const w = await accreditedWithTwoCourses();
  expect(w.accreditation.scope.map((e) => e.courseTitle)).toEqual(["Rust Fundamentals", "Async Rust"]);
  const changeId = await syllabusReported(w);
  const staffCookie = await cookieFor(w.staff.user.id);

  // The report's page offers the accredited courses; staff open the review on Rust Fundamentals.
  const page = payloadOf<Awaited<ReturnType<typeof staffChange.loader>>>(await callLoader(staffChange.loader, getRequest(openPath(changeId), staffCookie), { id: changeId }));
  expect(page.scopeCourses).toEqual([{ id: w.course.id, title: "Rust Fundamentals" }, { id: expect.any(String), title: "Async Rust" }]);
  const opened = await callAction(staffChange.action, postRequest(openPath(changeId), { intent: "delta", courseIds: w.course.id, note: "Show the new error-handling module." }, staffCookie), { id: changeId });
  expect(statusOf(opened)).toBe(302);
  const [delta] = await deltas();
  expect(delta).toMatchObject({ organisationId: w.organisation.id, status: "draft", extendsAccreditationId: w.accreditation.id, frameworkId: w.framework.framework.id });
  expect(await reportRow(changeId)).toMatchObject({ status: "delta_review_opened", deltaApplicationId: delta.id, reviewNote: "Show the new error-handling module." });
  const [copy] = await db.select().from(courses).where(eq(courses.applicationId, delta.id));
  expect(copy).toMatchObject({ title: "Rust Fundamentals", revisesCourseId: w.course.id, languages: ["en"], deliveryModes: ["in_person"] });
  expect((await db.select().from(courseModules).where(eq(courseModules.courseId, copy.id))).length).toBeGreaterThan(0);
  expect((await audited("application.delta_review_opened")).map((e) => e.entityId)).toEqual([delta.id]);
  expect((await mails("material-change-reviewed")).map((m) => [m.to, m.subject])).toEqual([[w.owner.user.email, `Your reported change opens a delta review: ${w.organisation.displayName}`]]);

  // The report's page and the provider's changes page link to it.
  const after = payloadOf<Awaited<ReturnType<typeof staffChange.loader>>>(await callLoader(staffChange.loader, getRequest(openPath(changeId), staffCookie), { id: changeId }));
  expect(after).toMatchObject({ status: "delta_review_opened", delta: { id: delta.id, status: "draft" }, actions: [] });
  const ownerPage = payloadOf<Awaited<ReturnType<typeof providerChanges.loader>>>(
    await callLoader(providerChanges.loader, getRequest(`/provider/accreditations/${w.accreditation.id}/changes`, await cookieFor(w.owner.user.id)), { id: w.accreditation.id }),
  );
  expect(ownerPage.changes[0]).toMatchObject({ id: changeId, deltaApplicationId: delta.id });

  // The provider revises the copy: a new title, German as well, and a new module mapped to ASYNC.1.
  ok(await updateCourse(db, w.owner.sessionUser, delta.id, { courseId: copy.id, version: copy.version, title: "Rust Fundamentals (2026)", level: copy.level, description: copy.description, totalHours: copy.totalHours, deliveryModes: ["in_person"], languages: ["en", "German"], regions: copy.regions }));
  ok(await addModule(db, w.owner.sessionUser, delta.id, { courseId: copy.id, title: "Errors", learningOutcomes: "Define error types", hours: 4 }));
  const [errorsModule] = await db.select().from(courseModules).where(and(eq(courseModules.courseId, copy.id), eq(courseModules.title, "Errors")));
  ok(await addMapping(db, w.owner.sessionUser, delta.id, { moduleId: errorsModule.id, competencyId: w.framework.competencies["ASYNC.1"].id, depth: "practised", fromSuggestion: false }));
  await uploadSignAndSubmit(w.owner.sessionUser, delta.id, "Rust Fundamentals 2026");

  const decided = await reviewAndAccredit({
    applicationId: delta.id,
    staff: w.staff.sessionUser,
    board: w.board,
    rubric: w.rubric,
    meetingReference: "BM-3",
    // Only the revised course is scored; Async Rust is folded away as not under review.
    inspect: (ws) => {
      expect(ws?.coverage.courses.map((c) => c.title)).toEqual(["Rust Fundamentals (2026)"]);
      expect(ws?.extension).toMatchObject({
        certificateNumber: w.accreditation.certificateNumber,
        accredited: [{ courseTitle: "Async Rust" }],
        delta: { changeKind: "syllabus", revising: [{ courseTitle: "Rust Fundamentals", language: "en", mode: "in_person" }] },
      });
    },
  });
  expect(decided.certificateNumber).toBe(w.accreditation.certificateNumber);

  // Replaced, not added: the revised course takes the old one's place, Async Rust stays, same certificate and expiry.
  const now = await accreditationRow(w.accreditation.id);
  expect(now.scope.map((e) => `${e.courseTitle}/${e.language}/${e.mode}`)).toEqual(["Rust Fundamentals (2026)/en/in_person", "Rust Fundamentals (2026)/German/in_person", "Async Rust/German/online_live"]);
  expect(now.scope.some((e) => e.courseId === w.course.id)).toBe(false);
  expect(now.validUntil).toBe(w.accreditation.validUntil);
  expect(await db.select().from(accreditations).where(eq(accreditations.organisationId, w.organisation.id))).toHaveLength(1);
  const creds = await db.select().from(credentials).where(eq(credentials.accreditationId, w.accreditation.id));
  const live = creds.filter((c) => c.revokedAt === null);
  expect(live).toHaveLength(1);
  expect(live[0].document).toContain("Rust Fundamentals (2026)");
  expect(live[0].document).not.toContain('"Rust Fundamentals"');
  expect(creds.filter((c) => c.revokedAt !== null).every((c) => c.revocationReason === "reissued")).toBe(true);
  expect((await audited("accreditation.scope_changed")).at(-1)?.data).toMatchObject({ deltaApplicationId: delta.id, kind: "replacement", before: 2, after: 3, revisedCourseIds: [w.course.id] });
  expect((await db.select().from(publicLogEntries).where(eq(publicLogEntries.event, "scope_changed"))).length).toBe(2);
  const profile = await getProviderProfile(w.organisation.slug, "2026-03-01");
  expect(profile?.courses.map((c) => c.title).sort()).toEqual(["Async Rust", "Rust Fundamentals (2026)"]);
});

test("50 identical 'open a delta review' at once: one application, one audit event each, one email", async () => {
  const w = await accreditedWithTwoCourses();
  const changeId = await syllabusReported(w);
  const input = { intent: "delta" as const, courseIds: [w.course.id], note: "" };
  const results = await Promise.all(Array.from({ length: 50 }, () => openDeltaReview(db, w.staff.sessionUser, changeId, input)));
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.every((r) => r.ok || r.status === 409)).toBe(true);
  expect(await deltas()).toHaveLength(1);
  expect(await audited("application.delta_review_opened")).toHaveLength(1);
  expect(await audited("material_change.open_delta_review")).toHaveLength(1);
  expect(await mails("material-change-reviewed")).toHaveLength(1);
  expect(await db.select().from(courses).where(eq(courses.revisesCourseId, w.course.id))).toHaveLength(1);
});

test("bad input answers 400 beside the field and keeps the note; someone else's report is not found", async () => {
  const w = await accreditedWithTwoCourses();
  const changeId = await syllabusReported(w);
  const staffCookie = await cookieFor(w.staff.user.id);
  const none = await callAction(staffChange.action, postRequest(openPath(changeId), { intent: "delta", note: "Keep me" }, staffCookie), { id: changeId });
  expect(statusOf(none)).toBe(400);
  expect(payloadOf<{ formId: string; errors: Record<string, string>; values: Record<string, unknown> }>(none)).toMatchObject({
    formId: "delta",
    errors: { courseIds: "Choose at least one accredited course to review" },
    values: { note: "Keep me" },
  });
  const foreign = await callAction(staffChange.action, postRequest(openPath(changeId), { intent: "delta", courseIds: randomUUID(), note: "Keep me" }, staffCookie), { id: changeId });
  expect(statusOf(foreign)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(foreign).errors.courseIds).toBe("Choose among the courses accredited under this certificate");
  expect((await reportRow(changeId)).status).toBe("reported");
  expect(await deltas()).toHaveLength(0);

  // Staff who belong to the organisation, and people who are not staff, get 404; nothing opens.
  const insider = await createStaff("Ivy Insider");
  await joinOrganisation(insider.user.id, w.organisation.id);
  const body = { intent: "delta", courseIds: w.course.id, note: "" };
  expect(statusOf(await callAction(staffChange.action, postRequest(openPath(changeId), body, await cookieFor(insider.user.id)), { id: changeId }))).toBe(404);
  const stranger = await signedIn({ name: "Stan Stranger" });
  expect(statusOf(await callAction(staffChange.action, postRequest(openPath(changeId), body, stranger.cookie), { id: changeId }))).toBe(404);
  expect(statusOf(await callAction(staffChange.action, postRequest(openPath(w.accreditation.id), body, staffCookie), { id: w.accreditation.id }))).toBe(404);
  expect(await openDeltaReview(db, await sessionUserFor(insider.user.id), changeId, { intent: "delta", courseIds: [w.course.id], note: "" })).toMatchObject({ ok: false, status: 404 });
  expect(await deltas()).toHaveLength(0);
});

test("one open extension or delta review per accreditation; a rejected delta review leaves the scope, and only then may suspension be proposed", async () => {
  const w = await accreditedWithTwoCourses();
  const changeId = await syllabusReported(w);
  // An extension already open: the delta review is refused whole, the report stays to be reviewed.
  const { applicationId: extensionId } = ok(await startExtension(db, w.owner.sessionUser, w.accreditation.id));
  expect(await openDeltaReview(db, w.staff.sessionUser, changeId, { intent: "delta", courseIds: [w.course.id], note: "" })).toMatchObject({ ok: false, status: 409 });
  expect((await reportRow(changeId)).status).toBe("reported");
  expect(await audited("material_change.open_delta_review")).toHaveLength(0);
  await db.update(applications).set({ status: "withdrawn" }).where(eq(applications.id, extensionId));
  const staffActions = async () => (await materialChangeForStaff(db, w.staff.sessionUser, changeId))?.actions;
  expect(await staffActions()).toEqual(["acknowledge", "request_follow_up", "propose_suspension", "open_delta_review"]);

  const { applicationId } = ok(await openDeltaReview(db, w.staff.sessionUser, changeId, { intent: "delta", courseIds: [w.course.id], note: "" }));
  // While it is open, the provider cannot open an extension, and suspension cannot be proposed on the report.
  expect(await startExtension(db, w.owner.sessionUser, w.accreditation.id)).toMatchObject({ ok: false, status: 409 });
  expect(await reviewMaterialChange(db, w.staff.sessionUser, changeId, { outcome: "propose_suspension", note: "No revision." })).toMatchObject({ ok: false, status: 409 });
  expect(await staffActions()).toEqual([]);

  const before = (await accreditationRow(w.accreditation.id)).scope;
  await db.update(applications).set({ status: "awaiting_decision", currentRevision: 1 }).where(eq(applications.id, applicationId));
  for (const m of w.board) await castVoteRow(applicationId, m.user.id, "reject");
  ok(await recordDecision(db, w.staff.sessionUser, applicationId, { outcome: "rejected", conditions: "", rationale: "The revision drops core content.", meetingReference: "BM-4" }));
  expect((await accreditationRow(w.accreditation.id)).scope).toEqual(before);
  expect(await audited("accreditation.scope_changed")).toHaveLength(1); // the extension's, in the set-up

  expect(await staffActions()).toEqual(["propose_suspension"]);
  ok(await reviewMaterialChange(db, w.staff.sessionUser, changeId, { outcome: "propose_suspension", note: "The revised syllabus was rejected." }));
  expect((await reportRow(changeId)).status).toBe("suspension_proposed");
});
