import { expect, test } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { complaintAndAppealCounts, complaintForComplainant, complaintFormToken, confirmComplaint, fileComplaint } from "~/services/complaints.server";
import { complaintForStaff, complaintsForProvider, respondToComplaint, sendComplaintReminders, staffComplaintAction } from "~/services/complaints-staff.server";
import { findCertificate } from "~/services/directory.server";
import { accreditations, auditEvents, complaints, emailOutbox } from "../../db/schema";
import { refreshAllDirectoryEntries } from "../../db/directory";
import { sessionUserFor, signedIn } from "../support/factories";
import { createAccreditation, createStaff } from "../support/factories-board";
import { createApplicationForReview } from "../support/factories-review";
import { callAction, postRequest, statusOf } from "../support/requests";
import * as newComplaintRoute from "~/routes/complaints.new";

const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => setClock(() => new Date(T0.getTime() + ms));

async function provider() {
  at(0);
  const built = await createApplicationForReview({ status: "accredited" });
  const accreditation = await createAccreditation({ organisationId: built.organisation.id, applicationId: built.application.id, certificateNumber: "ACC-2026-0777" });
  await refreshAllDirectoryEntries(db, "2026-03-02");
  const staff = await createStaff("Sam Staff");
  return { ...built, accreditation, staff, owner: { ...built.owner, sessionUser: await sessionUserFor(built.owner.user.id) } };
}

/** A form shown at T0 and sent five seconds later, as a person would. */
async function form(slug: string, overrides: Record<string, unknown> = {}) {
  at(0);
  const formToken = await complaintFormToken(db);
  at(5_000);
  return { provider: slug, name: "Casey Complainant", email: "casey@example.net", details: "The trainer on the course was not the one listed.", consent: false, truthful: true as const, formToken, website: "", ...overrides };
}

const tokenFrom = async (to: string) => {
  const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, "complaint-confirm")));
  return String(mail.props.statusUrl).split("/complaints/")[1];
};
const count = async (action: string) => (await db.select().from(auditEvents).where(eq(auditEvents.action, action))).length;
const mails = async (template: string) => db.select().from(emailOutbox).where(eq(emailOutbox.template, template));

test("a complaint from filing to a suspension: confirmed by link, triaged, put to the provider without the complainant's name, upheld, suspended", async () => {
  const p = await provider();
  const filed = await fileComplaint(db, await form(p.organisation.slug), { address: "203.0.113.9" });
  expect(filed).toEqual({ ok: true, value: { kept: true } });
  expect(await mails("complaint-staff-notice")).toHaveLength(0); // nothing reaches staff before confirmation
  const token = await tokenFrom("casey@example.net");
  const [stored] = await db.select().from(complaints);
  expect(stored.tokenHash).not.toContain(token);

  expect(await confirmComplaint(db, token)).toEqual({ ok: true, value: { confirmed: true } });
  expect((await mails("complaint-staff-notice")).map((m) => m.to)).toEqual([p.staff.user.email]);
  const id = stored.id;

  const staff = p.staff.sessionUser;
  expect(await staffComplaintAction(db, staff, id, { intent: "accept", note: "Internal: check the trainer list" })).toMatchObject({ ok: true });
  expect(await staffComplaintAction(db, staff, id, { intent: "request_response", note: "Who taught the course on 3 March?" })).toMatchObject({ ok: true });
  expect((await mails("complaint-response-requested")).map((m) => m.to)).toEqual([p.owner.user.email]);

  const [seen] = await complaintsForProvider(db, p.owner.sessionUser);
  expect(seen.complainant).toBeNull();
  expect(JSON.stringify(seen)).not.toContain("casey");
  expect(JSON.stringify(seen)).not.toContain("Casey");
  expect(JSON.stringify(seen)).not.toContain("Internal: check");
  expect(seen.canRespond).toBe(true);

  expect(await respondToComplaint(db, p.owner.sessionUser, { complaintId: id, response: "It was our senior trainer, listed since January." })).toMatchObject({ ok: true, value: { status: "investigating" } });
  expect(await staffComplaintAction(db, staff, id, { intent: "propose_suspension", note: "The trainer was not listed at the time." })).toMatchObject({ ok: true, value: { status: "suspension_proposed" } });
  expect(await staffComplaintAction(db, staff, id, { intent: "carry_out_suspension", accreditationId: p.accreditation.id, note: "Courses taught by unlisted trainers (complaint upheld)." })).toMatchObject({
    ok: true,
    value: { status: "closed" },
  });
  const [acc] = await db.select().from(accreditations).where(eq(accreditations.id, p.accreditation.id));
  expect(acc.status).toBe("suspended");
  expect((await findCertificate("ACC-2026-0777", "2026-03-02"))?.status).toBe("suspended");

  const view = await complaintForComplainant(db, token);
  expect(view?.status).toBe("closed");
  expect(view?.outcome).toBe("upheld_suspension");
  expect(JSON.stringify(view)).not.toContain("Internal: check");
  expect(JSON.stringify(view)).not.toContain("senior trainer");
  expect(view?.events.map((e) => e.action)).toEqual(["filed", "confirm", "accept", "request_response", "respond", "propose_suspension", "carry_out_suspension"]);
  expect((await mails("complaint-update")).length).toBe(5); // confirm, accept, request_response, propose_suspension, carry_out_suspension
  expect(await complaintAndAppealCounts(db)).toMatchObject({ complaints: { confirmed: 1, open: 0, upheldSuspension: 1 } });
  expect(await complaintForStaff(db, p.owner.sessionUser, id)).toBeNull();
});

test("the provider sees the complainant's name only when they agreed", async () => {
  const p = await provider();
  await fileComplaint(db, await form(p.organisation.slug, { consent: true, email: "named@example.net", name: "Nadia Named" }), { address: "203.0.113.10" });
  const token = await tokenFrom("named@example.net");
  await confirmComplaint(db, token);
  const [row] = await db.select().from(complaints);
  await staffComplaintAction(db, p.staff.sessionUser, row.id, { intent: "accept", note: "" });
  await staffComplaintAction(db, p.staff.sessionUser, row.id, { intent: "request_response", note: "Please answer." });
  const [seen] = await complaintsForProvider(db, p.owner.sessionUser);
  expect(seen.complainant).toEqual({ name: "Nadia Named", email: "named@example.net" });
  const stranger = await signedIn();
  expect(await complaintsForProvider(db, stranger.sessionUser)).toEqual([]);
  expect(await respondToComplaint(db, stranger.sessionUser, { complaintId: row.id, response: "x" })).toMatchObject({ ok: false, status: 404 });
});

test("50 concurrent confirmations and 50 concurrent identical staff moves each take effect once", async () => {
  const p = await provider();
  await fileComplaint(db, await form(p.organisation.slug), { address: "203.0.113.11" });
  const token = await tokenFrom("casey@example.net");
  const confirms = await Promise.all(Array.from({ length: 50 }, () => confirmComplaint(db, token)));
  expect(confirms.filter((r) => r.ok && r.value.confirmed)).toHaveLength(1);
  expect(await count("complaint.confirm")).toBe(1);
  expect(await mails("complaint-staff-notice")).toHaveLength(1);
  expect(await mails("complaint-update")).toHaveLength(1);

  const [row] = await db.select().from(complaints);
  for (const [intent, note] of [
    ["accept", ""],
    ["request_response", "Please answer."],
  ] as const) {
    const results = await Promise.all(Array.from({ length: 50 }, () => staffComplaintAction(db, p.staff.sessionUser, row.id, { intent, note })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409)).toBe(true);
    expect(await count(`complaint.${intent}`)).toBe(1);
  }
  expect(await mails("complaint-response-requested")).toHaveLength(1);
  const responses = await Promise.all(Array.from({ length: 50 }, () => respondToComplaint(db, p.owner.sessionUser, { complaintId: row.id, response: "Our answer." })));
  expect(responses.filter((r) => r.ok)).toHaveLength(1);
  expect(await count("complaint.respond")).toBe(1);
  const closes = await Promise.all(Array.from({ length: 50 }, () => staffComplaintAction(db, p.staff.sessionUser, row.id, { intent: "close_unfounded", note: "No evidence." })));
  expect(closes.filter((r) => r.ok)).toHaveLength(1);
  expect(await count("complaint.close_unfounded")).toBe(1);
  expect(await complaintAndAppealCounts(db)).toMatchObject({ complaints: { unfounded: 1, open: 0 } });
});

test("a burst of 100 posts from one address keeps five, refuses the rest with 429, and emails no staff", async () => {
  const p = await provider();
  const base = await form(p.organisation.slug);
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => fileComplaint(db, { ...base, email: `burst${i}@example.net` }, { address: "198.51.100.7" })));
  expect(results.filter((r) => r.ok)).toHaveLength(5);
  expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(95);
  expect(await db.select().from(complaints)).toHaveLength(5);
  expect(await mails("complaint-confirm")).toHaveLength(5);
  expect(await mails("complaint-staff-notice")).toHaveLength(0);
  // The same through the route: a 429 with Retry-After and what was typed kept.
  const request = postRequest("/complaints/new", { provider: p.organisation.slug, name: "X", email: "x@example.net", details: "y".repeat(30), truthful: "on", formToken: base.formToken });
  request.headers.set("x-portal-client-address", "198.51.100.7");
  const route = await callAction(newComplaintRoute.action, request);
  expect(statusOf(route)).toBe(429);
});

test("one email address may file three a day; a robot's honeypot and a too-fast post keep nothing", async () => {
  const p = await provider();
  const base = await form(p.organisation.slug);
  for (let i = 0; i < 4; i += 1) await fileComplaint(db, base, { address: `192.0.2.${i}` });
  expect(await db.select().from(complaints)).toHaveLength(3);
  await db.delete(complaints);
  await db.delete(emailOutbox);
  expect(await fileComplaint(db, { ...base, website: "http://spam.example" }, { address: "192.0.2.50" })).toEqual({ ok: true, value: { kept: false } });
  at(0);
  const fast = { ...base, formToken: await complaintFormToken(db) };
  at(1_000);
  expect(await fileComplaint(db, fast, { address: "192.0.2.51" })).toMatchObject({ ok: false, status: 400 });
  expect(await fileComplaint(db, { ...base, formToken: "123.abc" }, { address: "192.0.2.52" })).toMatchObject({ ok: false, status: 400 });
  expect(await db.select().from(complaints)).toHaveLength(0);
  expect(await db.select().from(emailOutbox).where(like(emailOutbox.template, "complaint-%"))).toHaveLength(0);
});

test("deadline reminders: the provider before the response is due, staff when it is late, each once", async () => {
  const p = await provider();
  await fileComplaint(db, await form(p.organisation.slug), { address: "203.0.113.12" });
  await confirmComplaint(db, await tokenFrom("casey@example.net"));
  const [row] = await db.select().from(complaints);
  await staffComplaintAction(db, p.staff.sessionUser, row.id, { intent: "accept", note: "" });
  await staffComplaintAction(db, p.staff.sessionUser, row.id, { intent: "request_response", note: "Please answer." });
  at(12 * 86_400_000);
  await Promise.all([sendComplaintReminders(db), sendComplaintReminders(db)]);
  expect((await mails("complaint-response-requested")).filter((m) => m.props.reminder === true)).toHaveLength(1);
  at(15 * 86_400_000);
  await sendComplaintReminders(db);
  await sendComplaintReminders(db);
  const overdue = (await mails("complaint-staff-notice")).filter((m) => String(m.props.headline).includes("overdue"));
  expect(overdue).toHaveLength(1);
  // Once the response deadline has passed, staff may conclude without it.
  expect(await staffComplaintAction(db, p.staff.sessionUser, row.id, { intent: "close_upheld", note: "No answer; corrective action: list all trainers." })).toMatchObject({ ok: true });
});
