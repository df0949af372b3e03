import { afterEach, expect, test } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { loadDashboard } from "~/services/admin-dashboard.server";
import { reviewAnnualReport, runSurveillance, submitAnnualReport } from "~/services/surveillance.server";
import { createSession } from "~/services/sessions.server";
import * as providerReport from "~/routes/provider.reports.$id";
import * as staffReport from "~/routes/admin.reports.$id";
import { accreditations, annualReports, auditEvents, emailOutbox } from "../../db/schema";
import { sessionUserFor, signedIn } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff, joinOrganisation } from "../support/factories-board";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

type Refused = { errors: Record<string, string>; values: Record<string, unknown> };
const at = (iso: string) => setClock(() => new Date(iso));
afterEach(() => setClock(undefined));

const FILED = { intent: "submit", coursesDelivered: "12", learners: "140", trainerChanges: "Ada left; Grace joined.", syllabusChanges: "", complaintsReceived: "1", complaintsSummary: "A late certificate." };
const INPUT = { intent: "submit" as const, coursesDelivered: 12, learners: 140, trainerChanges: "", syllabusChanges: "", complaintsReceived: 0, complaintsSummary: "" };

/** Accredited through the real decision on 2026-01-10 (valid until 2029-01-09); its first report is due 2027-01-10. */
async function accredited() {
  at("2026-01-10T10:00:00Z");
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const result = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" });
  if (!result.ok) throw new Error(result.message);
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  return { ...app, staff, accreditation, owner: { ...app.owner, sessionUser: await sessionUserFor(app.owner.user.id) } };
}

async function cookieFor(userId: string) {
  return `session=${(await createSession(db, userId)).token}`;
}

const reminders = () => db.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, "annual-report-due:%"));
const reportRow = async (id: string) => (await db.select().from(annualReports).where(eq(annualReports.id, id)))[0];
const audited = (id: string, action: string) => db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, action)));

async function openedReport() {
  const w = await accredited();
  at("2026-11-11T08:00:00Z");
  await runSurveillance(db);
  const [report] = await db.select().from(annualReports).where(eq(annualReports.accreditationId, w.accreditation.id));
  return { ...w, report };
}

test("the scheduler opens the report 60 days before due and reminds at 60, 30 and 7 days, each once; overdue shows on the staff dashboard", async () => {
  const w = await accredited();
  at("2026-11-10T08:00:00Z");
  expect(await runSurveillance(db)).toEqual({ opened: 0, reminders: 0 });
  at("2026-11-11T08:00:00Z");
  expect(await runSurveillance(db)).toEqual({ opened: 1, reminders: 1 });
  expect(await runSurveillance(db)).toEqual({ opened: 0, reminders: 0 });
  const [report] = await db.select().from(annualReports).where(eq(annualReports.accreditationId, w.accreditation.id));
  expect(report).toMatchObject({ period: 1, periodStart: "2026-01-10", periodEnd: "2027-01-09", dueOn: "2027-01-10", status: "due" });
  expect((await reminders()).map((m) => [m.to, m.subject])).toEqual([[w.owner.user.email, `Annual report of Ferris Training due in 60 days`]]);

  at("2026-12-11T08:00:00Z");
  await runSurveillance(db);
  at("2027-01-03T08:00:00Z");
  await runSurveillance(db);
  await runSurveillance(db);
  expect((await reminders()).map((m) => m.idempotencyKey.split(":")[2]).sort()).toEqual(["30", "60", "7"]);
  expect((await loadDashboard(db)).overdueReports).toEqual([]);

  at("2027-01-11T08:00:00Z");
  const overdue = (await loadDashboard(db)).overdueReports;
  expect(overdue.map((r) => [r.id, r.organisationName])).toEqual([[report.id, "Ferris Training"]]);
  expect(await audited(report.id, "surveillance.report_opened")).toHaveLength(1);
});

test("a member files the report and staff accept it: audited, staff told, the provider told", async () => {
  const w = await openedReport();
  const path = `/provider/reports/${w.report.id}`;
  const page = payloadOf<Awaited<ReturnType<typeof providerReport.loader>>>(await callLoader(providerReport.loader, getRequest(path, await cookieFor(w.owner.user.id)), { id: w.report.id }));
  expect(page).toMatchObject({ actions: ["submit"], status: "due", dueOn: "2027-01-10" });

  const filed = await callAction(providerReport.action, postRequest(path, FILED, await cookieFor(w.owner.user.id)), { id: w.report.id });
  expect(statusOf(filed)).toBe(302);
  expect(await reportRow(w.report.id)).toMatchObject({
    status: "submitted",
    submittedBy: w.owner.user.id,
    content: { coursesDelivered: 12, learners: 140, trainerChanges: "Ada left; Grace joined.", syllabusChanges: "", complaintsReceived: 1, complaintsSummary: "A late certificate." },
  });
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "annual-report-submitted"))).toHaveLength(1);
  // Filed: the page shows what was reported, with no form (the state table has nothing more for the provider).
  const filedPage = payloadOf<Awaited<ReturnType<typeof providerReport.loader>>>(await callLoader(providerReport.loader, getRequest(path, await cookieFor(w.owner.user.id)), { id: w.report.id }));
  expect(filedPage).toMatchObject({ actions: [], status: "submitted" });

  const staffPath = `/admin/reports/${w.report.id}`;
  const waiting = payloadOf<Awaited<ReturnType<typeof staffReport.loader>>>(await callLoader(staffReport.loader, getRequest(staffPath, await cookieFor(w.staff.user.id)), { id: w.report.id }));
  expect(waiting.actions).toEqual(["accept", "request_follow_up", "propose_suspension"]);
  const accepted = await callAction(staffReport.action, postRequest(staffPath, { outcome: "accept", note: "" }, await cookieFor(w.staff.user.id)), { id: w.report.id });
  expect(statusOf(accepted)).toBe(302);
  expect(await reportRow(w.report.id)).toMatchObject({ status: "accepted", reviewedBy: w.staff.user.id });
  const told = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "annual-report-reviewed"));
  expect(told.map((m) => [m.to, m.subject])).toEqual([[w.owner.user.email, "Your annual report was accepted: Ferris Training"]]);
  const view = payloadOf<Awaited<ReturnType<typeof staffReport.loader>>>(await callLoader(staffReport.loader, getRequest(staffPath, await cookieFor(w.staff.user.id)), { id: w.report.id }));
  expect(view.timeline.map((e) => e.action)).toEqual(["surveillance.report_opened", "surveillance.report_submitted", "surveillance.report_accept"]);
  expect(view.actions).toEqual([]);
});

test("a follow-up sends it back with the note; the provider files again", async () => {
  const w = await openedReport();
  expect(await submitAnnualReport(db, w.owner.sessionUser, w.report.id, INPUT)).toMatchObject({ ok: true });
  expect(await reviewAnnualReport(db, w.staff.sessionUser, w.report.id, { outcome: "request_follow_up", note: "Which trainers teach the async course now?" })).toMatchObject({ ok: true });
  expect(await reportRow(w.report.id)).toMatchObject({ status: "follow_up_requested", reviewNote: "Which trainers teach the async course now?" });
  expect(await submitAnnualReport(db, w.owner.sessionUser, w.report.id, { ...INPUT, trainerChanges: "Grace teaches async." })).toMatchObject({ ok: true });
  expect(await reviewAnnualReport(db, w.staff.sessionUser, w.report.id, { outcome: "propose_suspension", note: "No qualified trainer for async." })).toMatchObject({ ok: true });
  expect((await reportRow(w.report.id)).status).toBe("suspension_proposed");
  expect(await submitAnnualReport(db, w.owner.sessionUser, w.report.id, INPUT)).toMatchObject({ ok: false, status: 409, message: "A report that is suspension proposed cannot be filed." });
});

test("50 identical filings and 50 identical acceptances at once: one of each, one audit entry and one round of emails each", async () => {
  const w = await openedReport();
  const filed = await Promise.all(Array.from({ length: 50 }, () => submitAnnualReport(db, w.owner.sessionUser, w.report.id, INPUT)));
  expect(filed.filter((r) => r.ok)).toHaveLength(1);
  expect(filed.every((r) => r.ok || r.status === 409)).toBe(true);
  expect(await audited(w.report.id, "surveillance.report_submitted")).toHaveLength(1);
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "annual-report-submitted"))).toHaveLength(1);

  const accepted = await Promise.all(Array.from({ length: 50 }, () => reviewAnnualReport(db, w.staff.sessionUser, w.report.id, { outcome: "accept", note: "" })));
  expect(accepted.filter((r) => r.ok)).toHaveLength(1);
  expect(accepted.every((r) => r.ok || r.status === 409)).toBe(true);
  expect(await audited(w.report.id, "surveillance.report_accept")).toHaveLength(1);
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "annual-report-reviewed"))).toHaveLength(1);
});

test("bad input answers 400 next to the field and keeps what was typed; the report stays as it was", async () => {
  const w = await openedReport();
  const path = `/provider/reports/${w.report.id}`;
  const bad = await callAction(providerReport.action, postRequest(path, { ...FILED, learners: "lots", coursesDelivered: "-2" }, await cookieFor(w.owner.user.id)), { id: w.report.id });
  expect(statusOf(bad)).toBe(400);
  expect(payloadOf<Refused>(bad).errors).toMatchObject({ learners: "Number of learners must be a number", coursesDelivered: "Number of course runs delivered must be at least 0" });
  expect(payloadOf<Refused>(bad).values).toMatchObject({ trainerChanges: "Ada left; Grace joined.", learners: "lots" });
  expect(await reportRow(w.report.id)).toMatchObject({ status: "due", content: null });

  await submitAnnualReport(db, w.owner.sessionUser, w.report.id, INPUT);
  const noNote = await callAction(staffReport.action, postRequest(`/admin/reports/${w.report.id}`, { outcome: "request_follow_up", note: "  " }, await cookieFor(w.staff.user.id)), { id: w.report.id });
  expect(statusOf(noNote)).toBe(400);
  expect(payloadOf<Refused>(noNote).errors.note).toBe("Say what must follow up, or why suspension is proposed");
  const noOutcome = await callAction(staffReport.action, postRequest(`/admin/reports/${w.report.id}`, { note: "x" }, await cookieFor(w.staff.user.id)), { id: w.report.id });
  expect(statusOf(noOutcome)).toBe(400);
  expect((await reportRow(w.report.id)).status).toBe("submitted");
});

test("nobody else files or reviews: another organisation's member, and staff who belong to the provider, get 404", async () => {
  const w = await openedReport();
  const stranger = await signedIn({ name: "Stan Stranger" });
  expect(statusOf(await callLoader(providerReport.loader, getRequest(`/provider/reports/${w.report.id}`, stranger.cookie), { id: w.report.id }))).toBe(404);
  expect(statusOf(await callAction(providerReport.action, postRequest(`/provider/reports/${w.report.id}`, FILED, stranger.cookie), { id: w.report.id }))).toBe(404);
  await submitAnnualReport(db, w.owner.sessionUser, w.report.id, INPUT);
  const insider = await createStaff("Ivy Insider");
  await joinOrganisation(insider.user.id, w.organisation.id);
  const insiderUser = await sessionUserFor(insider.user.id);
  expect(await reviewAnnualReport(db, insiderUser, w.report.id, { outcome: "accept", note: "" })).toMatchObject({ ok: false, status: 404 });
  expect(statusOf(await callLoader(staffReport.loader, getRequest(`/admin/reports/${w.report.id}`, await cookieFor(insider.user.id)), { id: w.report.id }))).toBe(404);
  expect((await reportRow(w.report.id)).status).toBe("submitted");
});
