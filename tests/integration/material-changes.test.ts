import { randomUUID } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { loadDashboard } from "~/services/admin-dashboard.server";
import { reportMaterialChange, respondToMaterialChange, reviewMaterialChange } from "~/services/material-changes.server";
import { createSession } from "~/services/sessions.server";
import * as providerChanges from "~/routes/provider.accreditations.$id.changes";
import * as staffChange from "~/routes/admin.material-changes.$id";
import { auditEvents, emailOutbox, materialChanges } from "../../db/schema";
import { sessionUserFor, signedIn } from "../support/factories";
import { createAccreditation, createStaff, joinOrganisation } from "../support/factories-board";
import { createApplicationForReview } from "../support/factories-review";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

type Answer = { formId?: string; errors: Record<string, string>; values: Record<string, unknown> };
afterEach(() => setClock(undefined));

async function accredited() {
  setClock(() => new Date("2026-03-01T10:00:00Z"));
  const app = await createApplicationForReview({ status: "accredited" });
  const accreditation = await createAccreditation({ organisationId: app.organisation.id, applicationId: app.application.id, course: app.course });
  const staff = await createStaff();
  return { ...app, staff, accreditation, owner: { ...app.owner, sessionUser: await sessionUserFor(app.owner.user.id) } };
}

const cookieFor = async (userId: string) => `session=${(await createSession(db, userId)).token}`;
const audited = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action));
const mails = (template: string) => db.select().from(emailOutbox).where(eq(emailOutbox.template, template));
const rowOf = async (id: string) => (await db.select().from(materialChanges).where(eq(materialChanges.id, id)))[0];
const REPORT = (submissionId = randomUUID()) => ({ intent: "report" as const, submissionId, kind: "trainer_left" as const, effectiveOn: "2026-02-20", description: "Ada Trainer left; Grace teaches the async module." });

test("a member reports a change, staff ask a follow-up, the member answers, staff acknowledge: audited and emailed at each step", async () => {
  const w = await accredited();
  const path = `/provider/accreditations/${w.accreditation.id}/changes`;
  const page = payloadOf<Awaited<ReturnType<typeof providerChanges.loader>>>(await callLoader(providerChanges.loader, getRequest(path, await cookieFor(w.owner.user.id)), { id: w.accreditation.id }));
  expect(page).toMatchObject({ canReport: true, changes: [] });
  const reported = await callAction(providerChanges.action, postRequest(path, { ...REPORT(page.submissionId) }, await cookieFor(w.owner.user.id)), { id: w.accreditation.id });
  expect(statusOf(reported)).toBe(302);
  expect(await rowOf(page.submissionId)).toMatchObject({ status: "reported", kind: "trainer_left", effectiveOn: "2026-02-20", reportedBy: w.owner.user.id });
  expect((await mails("material-change-reported")).map((m) => [m.to, m.subject])).toEqual([[w.staff.user.email, `Material change to review: ${w.organisation.displayName}`]]);

  expect((await loadDashboard(db)).awaitingStaff.materialChanges).toBe(1);
  const staffPath = `/admin/material-changes/${page.submissionId}`;
  const asked = await callAction(staffChange.action, postRequest(staffPath, { outcome: "request_follow_up", note: "Is Grace qualified for async?" }, await cookieFor(w.staff.user.id)), { id: page.submissionId });
  expect(statusOf(asked)).toBe(302);
  expect(await rowOf(page.submissionId)).toMatchObject({ status: "follow_up_requested", reviewNote: "Is Grace qualified for async?" });
  const answered = await callAction(providerChanges.action, postRequest(path, { intent: "respond", changeId: page.submissionId, response: "Yes: she co-wrote the Tokio course." }, await cookieFor(w.owner.user.id)), { id: w.accreditation.id });
  expect(statusOf(answered)).toBe(302);
  expect(await rowOf(page.submissionId)).toMatchObject({ status: "reported", response: "Yes: she co-wrote the Tokio course." });
  expect(await mails("material-change-reported")).toHaveLength(2);
  expect(await reviewMaterialChange(db, w.staff.sessionUser, page.submissionId, { outcome: "acknowledge", note: "" })).toMatchObject({ ok: true });
  const told = await mails("material-change-reviewed");
  expect(told.map((m) => m.subject).sort()).toEqual([`Your reported change needs a follow-up: ${w.organisation.displayName}`, `Your reported change was acknowledged: ${w.organisation.displayName}`]);
  const view = payloadOf<Awaited<ReturnType<typeof staffChange.loader>>>(await callLoader(staffChange.loader, getRequest(staffPath, await cookieFor(w.staff.user.id)), { id: page.submissionId }));
  expect(view.timeline.map((e) => e.action)).toEqual(["material_change.reported", "material_change.request_follow_up", "material_change.respond", "material_change.acknowledge"]);
  expect(view.actions).toEqual([]);
  expect((await loadDashboard(db)).awaitingStaff.materialChanges).toBe(0);
});

test("50 identical reports and 50 identical reviews at once: one report, one review, one audit entry and one round of emails each", async () => {
  const w = await accredited();
  const input = REPORT();
  const reported = await Promise.all(Array.from({ length: 50 }, () => reportMaterialChange(db, w.owner.sessionUser, w.accreditation.id, input)));
  expect(reported.every((r) => r.ok)).toBe(true);
  expect(await db.select().from(materialChanges)).toHaveLength(1);
  expect(await audited("material_change.reported")).toHaveLength(1);
  expect(await mails("material-change-reported")).toHaveLength(1);

  const reviewed = await Promise.all(Array.from({ length: 50 }, () => reviewMaterialChange(db, w.staff.sessionUser, input.submissionId, { outcome: "propose_suspension", note: "No trainer for async." })));
  expect(reviewed.filter((r) => r.ok)).toHaveLength(1);
  expect(reviewed.every((r) => r.ok || r.status === 409)).toBe(true);
  expect(await audited("material_change.propose_suspension")).toHaveLength(1);
  expect(await mails("material-change-reviewed")).toHaveLength(1);
  expect((await rowOf(input.submissionId)).status).toBe("suspension_proposed");
  expect(await respondToMaterialChange(db, w.owner.sessionUser, input.submissionId, "x")).toMatchObject({ ok: false, status: 409 });
});

test("bad input answers 400 next to the field and keeps what was typed; nothing is reported", async () => {
  const w = await accredited();
  const path = `/provider/accreditations/${w.accreditation.id}/changes`;
  const cookie = await cookieFor(w.owner.user.id);
  const bad = await callAction(providerChanges.action, postRequest(path, { intent: "report", submissionId: randomUUID(), kind: "moved", effectiveOn: "yesterday", description: "We moved offices." }, cookie), { id: w.accreditation.id });
  expect(statusOf(bad)).toBe(400);
  expect(payloadOf<Answer>(bad)).toMatchObject({ formId: "report", errors: { kind: "Choose what changed", effectiveOn: "Enter the date of the change" }, values: { description: "We moved offices." } });
  expect(statusOf(await callAction(providerChanges.action, postRequest(path, { intent: "other" }, cookie), { id: w.accreditation.id }))).toBe(400);
  expect(await db.select().from(materialChanges)).toHaveLength(0);
  const input = REPORT();
  await reportMaterialChange(db, w.owner.sessionUser, w.accreditation.id, input);
  const noNote = await callAction(staffChange.action, postRequest(`/admin/material-changes/${input.submissionId}`, { outcome: "propose_suspension", note: "" }, await cookieFor(w.staff.user.id)), { id: input.submissionId });
  expect(statusOf(noNote)).toBe(400);
  expect(payloadOf<Answer>(noNote).errors.note).toBe("Say what must follow up, or why suspension is proposed");
  expect((await rowOf(input.submissionId)).status).toBe("reported");
});

test("nobody else reports or reviews: another organisation's member, and staff who belong to the provider, get 404", async () => {
  const w = await accredited();
  const stranger = await signedIn({ name: "Stan Stranger" });
  const path = `/provider/accreditations/${w.accreditation.id}/changes`;
  expect(statusOf(await callLoader(providerChanges.loader, getRequest(path, stranger.cookie), { id: w.accreditation.id }))).toBe(404);
  expect(statusOf(await callAction(providerChanges.action, postRequest(path, { ...REPORT() }, stranger.cookie), { id: w.accreditation.id }))).toBe(404);
  const input = REPORT();
  await reportMaterialChange(db, w.owner.sessionUser, w.accreditation.id, input);
  expect(await respondToMaterialChange(db, stranger.sessionUser, input.submissionId, "x")).toMatchObject({ ok: false, status: 404 });
  const insider = await createStaff("Ivy Insider");
  await joinOrganisation(insider.user.id, w.organisation.id);
  expect(await reviewMaterialChange(db, await sessionUserFor(insider.user.id), input.submissionId, { outcome: "acknowledge", note: "" })).toMatchObject({ ok: false, status: 404 });
  expect(statusOf(await callLoader(staffChange.loader, getRequest(`/admin/material-changes/${input.submissionId}`, await cookieFor(insider.user.id)), { id: input.submissionId }))).toBe(404);
  // Reusing one form's id for another accreditation's report is refused, not merged.
  const other = await createApplicationForReview({ status: "accredited", framework: w.framework, rubric: w.rubric });
  const otherAcc = await createAccreditation({ organisationId: other.organisation.id, applicationId: other.application.id, course: other.course, certificateNumber: "ACC-2026-0999" });
  expect(await reportMaterialChange(db, await sessionUserFor(other.owner.user.id), otherAcc.id, input)).toMatchObject({ ok: false, status: 409 });
});
