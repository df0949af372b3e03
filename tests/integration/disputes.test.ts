import { expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { resolveDispute } from "~/services/disputes.server";
import { renderEmail } from "~/services/emails.server";
import { getProviderProfile } from "~/services/provider-profile.server";
import * as staffPage from "~/routes/admin.applications.$id";
import * as reviewPage from "~/routes/review.$assignmentId";
import * as boardPage from "~/routes/board.$applicationId";
import * as mappingPage from "~/routes/provider.applications.$id.mapping";
import { applications, auditEvents, emailOutbox, mappingDisputes, moduleMappings } from "../../db/schema";
import { createFramework, createRubric } from "../support/factories";
import { createBoard, createStaff, declareConflict, joinOrganisation } from "../support/factories-board";
import { createAccreditedProvider } from "../support/factories-directory";
import { createApplicationForReview, createAssignment, createReviewer } from "../support/factories-review";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

type StaffPage = Awaited<ReturnType<typeof staffPage.loader>>;
type Workspace = Awaited<ReturnType<typeof reviewPage.loader>>;
type MappingPage = Awaited<ReturnType<typeof mappingPage.loader>>;
type Refused = { errors: Record<string, string>; values: Record<string, unknown> };

type Framework = Awaited<ReturnType<typeof createFramework>>;
type Rubric = Awaited<ReturnType<typeof createRubric>>;

const NOTE = "Borrowing is only mentioned, never practised";

/** An application under review whose accepted reviewer disputed OWN.2 through the review page. */
async function disputedApplication(shared: { framework?: Framework; rubric?: Rubric } = {}) {
  const built = await createApplicationForReview({ status: "under_review", ...shared });
  const staff = await createStaff();
  const reviewer = await createReviewer({ name: "Rita Reviewer" });
  const assignment = await createAssignment(built.application.id, reviewer.user.id, { status: "accepted" });
  const own2 = built.mappings.find((m) => m.competencyId === built.framework.competencies["OWN.2"].id)!;
  const raised = await callAction(
    reviewPage.action,
    postRequest(`/review/${assignment.id}`, { intent: "dispute", mappingId: own2.id, note: NOTE }, reviewer.cookie),
    { assignmentId: assignment.id },
  );
  expect(statusOf(raised)).toBe(302);
  const [dispute] = await db.select().from(mappingDisputes).where(eq(mappingDisputes.mappingId, own2.id));
  const path = `/admin/applications/${built.application.id}`;
  return { ...built, staff, reviewer, assignment, own2, dispute, path, params: { id: built.application.id } };
}

function resolve(path: string, fields: Record<string, string>, cookie?: string) {
  return postRequest(path, { intent: "resolve_dispute", ...fields }, cookie);
}

async function staffPageOf(path: string, cookie: string, id: string) {
  const page = await callLoader(staffPage.loader, getRequest(path, cookie), { id });
  expect(statusOf(page)).toBe(200);
  return payloadOf<StaffPage>(page);
}

async function disputeRow(id: string) {
  const [row] = await db.select().from(mappingDisputes).where(eq(mappingDisputes.id, id));
  return row;
}

const resolutionsAudited = (applicationId: string) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.entityId, applicationId), eq(auditEvents.action, "review.dispute_resolved")));
const resolutionEmails = () => db.select().from(emailOutbox).where(eq(emailOutbox.template, "dispute-resolved"));

test("staff uphold a dispute: the mapping stays out of coverage, the ruling is audited, the reviewer emailed, the provider told why", async () => {
  const { application, staff, reviewer, assignment, own2, dispute, path, params, owner } = await disputedApplication();
  const before = await staffPageOf(path, staff.cookie, application.id);
  expect(before.coverage.courses[0].coverage.percent).toBe(50);
  expect(before.canResolveDisputes).toBe(true);
  expect(before.disputes[0].disputes.map((d) => d.state)).toEqual(["open"]);

  const reason = "Agreed: no exercise practises borrowing. Map it as introduced.";
  const answer = await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "upheld", note: reason }, staff.cookie), params);
  expect(statusOf(answer)).toBe(302);
  expect((answer as Response).headers.get("Location")).toBe(`${path}?done=dispute_upheld#disputes`);

  // Stored with who, when and why; the mapping still does not count.
  const row = await disputeRow(dispute.id);
  expect(row).toMatchObject({ resolution: "upheld", resolutionNote: reason, resolvedBy: staff.user.id });
  expect(row.resolvedAt).toBeInstanceOf(Date);
  const after = await staffPageOf(path, staff.cookie, application.id);
  expect(after.coverage.courses[0].coverage.percent).toBe(50);
  expect(after.disputes[0]).toMatchObject({ code: "OWN.2", excluded: true });
  expect(after.disputes[0].disputes[0]).toMatchObject({ state: "upheld", resolvedByName: "Sam Staff", resolutionNote: reason, note: NOTE });
  expect(after.timeline[0].action).toBe("review.dispute_resolved");

  const audited = await resolutionsAudited(application.id);
  expect(audited).toHaveLength(1);
  expect(audited[0]).toMatchObject({ actorId: staff.user.id, entityType: "application" });
  expect(audited[0].data).toMatchObject({ disputeId: dispute.id, mappingId: own2.id, competency: "OWN.2", resolution: "upheld", note: reason, raisedBy: reviewer.user.id });

  // The reviewer who raised it hears the ruling, with a link back to their review.
  const emails = await resolutionEmails();
  expect(emails.map((e) => e.to)).toEqual([reviewer.user.email]);
  expect(emails[0].subject).toBe("Your mapping dispute was upheld: Ferris Training");
  const rendered = await renderEmail(emails[0].template, emails[0].props);
  expect(rendered.text).toContain(reason);
  expect(rendered.text).toContain(`/review/${assignment.id}`);

  // The reviewer sees the ruling on their page.
  const ws = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${assignment.id}`, reviewer.cookie), { assignmentId: assignment.id }));
  const mine = ws.disputes.find((m) => m.mappingId === own2.id)!;
  expect(mine.disputes[0]).toMatchObject({ state: "upheld", resolvedByName: "Sam Staff", resolutionNote: reason });
  expect(ws.coverage.courses[0].coverage.percent).toBe(50);

  // The provider sees staff's reason (not the reviewer's note or name), so they know what to fix.
  const mapping = payloadOf<MappingPage>(
    await callLoader(mappingPage.loader, getRequest(`/provider/applications/${application.id}/mapping`, owner.cookie), { id: application.id }),
  );
  const shown = mapping.courses[0].modules.flatMap((m) => m.mappings).find((m) => m.id === own2.id)!;
  expect(shown).toMatchObject({ disputed: true, upheldNotes: [reason] });
  expect(JSON.stringify(mapping)).not.toContain(NOTE);
  expect(JSON.stringify(mapping)).not.toContain("Rita Reviewer");
});

test("staff dismiss a dispute: the mapping counts again, for staff, reviewers, the board and the provider", async () => {
  const { application, staff, reviewer, assignment, own2, dispute, path, params, owner } = await disputedApplication();
  const reason = "The lab on day two has participants fix borrow-checker errors.";
  const answer = await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "dismissed", note: reason }, staff.cookie), params);
  expect(statusOf(answer)).toBe(302);
  expect((answer as Response).headers.get("Location")).toBe(`${path}?done=dispute_dismissed#disputes`);

  expect(await disputeRow(dispute.id)).toMatchObject({ resolution: "dismissed", resolutionNote: reason, resolvedBy: staff.user.id });
  const after = await staffPageOf(path, staff.cookie, application.id);
  expect(after.coverage.courses[0].coverage.percent).toBe(100);
  expect(after.disputes[0]).toMatchObject({ code: "OWN.2", excluded: false });
  expect(after.disputes[0].disputes[0]).toMatchObject({ state: "dismissed", resolvedByName: "Sam Staff", resolutionNote: reason });
  expect((await resolutionsAudited(application.id))[0].data).toMatchObject({ disputeId: dispute.id, resolution: "dismissed" });
  const emails = await resolutionEmails();
  expect(emails.map((e) => [e.to, e.subject])).toEqual([[reviewer.user.email, "Your mapping dispute was dismissed: Ferris Training"]]);

  const ws = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${assignment.id}`, reviewer.cookie), { assignmentId: assignment.id }));
  expect(ws.coverage.courses[0].coverage.percent).toBe(100);
  expect(ws.disputes.find((m) => m.mappingId === own2.id)!.disputes[0].state).toBe("dismissed");

  const mapping = payloadOf<MappingPage>(
    await callLoader(mappingPage.loader, getRequest(`/provider/applications/${application.id}/mapping`, owner.cookie), { id: application.id }),
  );
  expect(mapping.courses[0].modules.flatMap((m) => m.mappings).find((m) => m.id === own2.id)).toMatchObject({ disputed: false, upheldNotes: [] });

  // Once forwarded, the board reads the same ruling and counts the mapping.
  await db.update(applications).set({ status: "awaiting_decision" }).where(eq(applications.id, application.id));
  const [member] = await createBoard(1);
  const board = await callLoader(boardPage.loader, getRequest(`/board/${application.id}`, member.cookie), { applicationId: application.id });
  expect(statusOf(board)).toBe(200);
  const view = payloadOf<Awaited<ReturnType<typeof boardPage.loader>>>(board);
  if (view.recused) throw new Error("the board member is not recused");
  expect(view.summary.coverage[0].percent).toBe(100);
  expect(view.disputes.map((m) => [m.code, m.disputes[0].state, m.disputes[0].resolutionNote])).toEqual([["OWN.2", "dismissed", reason]]);
});

test("the board reads an upheld dispute, and its mapping stays out of the coverage it votes on", async () => {
  const { application, staff, dispute, path, params } = await disputedApplication();
  expect(statusOf(await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "upheld", note: "Not practised." }, staff.cookie), params))).toBe(302);
  await db.update(applications).set({ status: "awaiting_decision" }).where(eq(applications.id, application.id));
  const [member] = await createBoard(1);
  const view = payloadOf<Awaited<ReturnType<typeof boardPage.loader>>>(
    await callLoader(boardPage.loader, getRequest(`/board/${application.id}`, member.cookie), { applicationId: application.id }),
  );
  if (view.recused) throw new Error("the board member is not recused");
  expect(view.summary.coverage[0].percent).toBe(50);
  expect(view.disputes[0].disputes[0]).toMatchObject({ state: "upheld", resolvedByName: "Sam Staff", resolutionNote: "Not practised." });
});

test("only staff resolve disputes: reviewers, the board, the provider and visitors are refused and nothing changes", async () => {
  const { application, organisation, reviewer, owner, dispute, path, params } = await disputedApplication();
  const fields = { disputeId: dispute.id, resolution: "dismissed", note: "I say it stands." };
  const [member] = await createBoard(1);
  const otherReviewer = await createReviewer({ name: "Otto Other" });

  // The area is staff's: everyone else gets "not found", a visitor is sent to log in.
  for (const cookie of [reviewer.cookie, otherReviewer.cookie, member.cookie, owner.cookie]) {
    expect(statusOf(await callAction(staffPage.action, resolve(path, fields, cookie), params))).toBe(404);
  }
  const visitor = await callAction(staffPage.action, resolve(path, fields), params);
  expect(statusOf(visitor)).toBe(302);
  expect((visitor as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

  // Staff who belong to the applying organisation, or declared a conflict with it, do not rule on it either.
  const insider = await createStaff("Ivy Insider");
  await joinOrganisation(insider.user.id, organisation.id);
  const conflicted = await createStaff("Carl Conflicted");
  await declareConflict(conflicted.user.id, organisation.id);
  for (const cookie of [insider.cookie, conflicted.cookie]) {
    expect(statusOf(await callAction(staffPage.action, resolve(path, fields, cookie), params))).toBe(404);
  }
  const insiderPage = await staffPageOf(path, insider.cookie, application.id);
  expect(insiderPage.canResolveDisputes).toBe(false);

  // The service checks for itself, whoever calls it.
  expect(await resolveDispute(db, reviewer.sessionUser, { applicationId: application.id, disputeId: dispute.id, resolution: "dismissed", note: "x" })).toMatchObject({
    ok: false,
    status: 404,
  });

  expect(await disputeRow(dispute.id)).toMatchObject({ resolution: null, resolvedAt: null, resolvedBy: null, resolutionNote: null });
  expect(await resolutionsAudited(application.id)).toHaveLength(0);
  expect(await resolutionEmails()).toHaveLength(0);
});

test("a dispute is resolved once: a second ruling answers 409 and leaves the first standing", async () => {
  const { application, staff, dispute, path, params } = await disputedApplication();
  expect(statusOf(await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "upheld", note: "Not practised." }, staff.cookie), params))).toBe(302);

  const colleague = await createStaff("Cleo Colleague");
  const again = await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "dismissed", note: "It is practised." }, colleague.cookie), params);
  expect(statusOf(again)).toBe(409);
  expect(payloadOf<Refused>(again).errors.form).toMatch(/^This dispute was already upheld by Sam Staff on \d+ \w+ \d{4}\. A ruling is final\.$/);
  expect(payloadOf<Refused>(again).values.disputeId).toBe(dispute.id);

  expect(await disputeRow(dispute.id)).toMatchObject({ resolution: "upheld", resolutionNote: "Not practised.", resolvedBy: staff.user.id });
  expect(await resolutionsAudited(application.id)).toHaveLength(1);
  expect(await resolutionEmails()).toHaveLength(1);
});

test("two staff ruling at the same moment: one ruling is kept, the other is told", async () => {
  const { application, staff, dispute } = await disputedApplication();
  const colleague = await createStaff("Cleo Colleague");
  const input = { applicationId: application.id, disputeId: dispute.id, note: "Ruling." };
  const results = await Promise.all([
    resolveDispute(db, staff.sessionUser, { ...input, resolution: "upheld" }),
    resolveDispute(db, colleague.sessionUser, { ...input, resolution: "dismissed" }),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.status)).toEqual([409]);
  expect(await resolutionsAudited(application.id)).toHaveLength(1);
  expect(await resolutionEmails()).toHaveLength(1);
});

test("the reason is required: an empty or over-long note, or no outcome, answers 400 next to the field and changes nothing", async () => {
  const { application, staff, dispute, path, params } = await disputedApplication();

  const empty = await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "upheld", note: "   " }, staff.cookie), params);
  expect(statusOf(empty)).toBe(400);
  expect(payloadOf<Refused>(empty).errors).toEqual({ note: "Enter the reason for your decision" });
  // Echoed, so the page shows the error under this dispute's form and keeps the choice.
  expect(payloadOf<Refused>(empty).values).toMatchObject({ disputeId: dispute.id, resolution: "upheld" });

  const long = await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "upheld", note: "x".repeat(2001) }, staff.cookie), params);
  expect(statusOf(long)).toBe(400);
  expect(payloadOf<Refused>(long).errors.note).toMatch(/at most 2000 characters/);

  const noOutcome = await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, note: "Because." }, staff.cookie), params);
  expect(statusOf(noOutcome)).toBe(400);
  expect(payloadOf<Refused>(noOutcome).errors.resolution).toBe("Choose uphold or dismiss");

  // The service refuses an empty note too, whoever calls it.
  expect(await resolveDispute(db, staff.sessionUser, { applicationId: application.id, disputeId: dispute.id, resolution: "dismissed", note: " \n " })).toMatchObject({
    ok: false,
    status: 400,
    errors: { note: "Enter the reason for your decision" },
  });

  expect(await disputeRow(dispute.id)).toMatchObject({ resolution: null, resolvedAt: null, resolvedBy: null, resolutionNote: null });
  expect(await resolutionsAudited(application.id)).toHaveLength(0);
  expect(await resolutionEmails()).toHaveLength(0);
  expect((await staffPageOf(path, staff.cookie, application.id)).coverage.courses[0].coverage.percent).toBe(50);

  // A 2,000-character reason is fine.
  expect(statusOf(await callAction(staffPage.action, resolve(path, { disputeId: dispute.id, resolution: "dismissed", note: "y".repeat(2000) }, staff.cookie), params))).toBe(302);
});

test("a dispute of another application does not exist on this one", async () => {
  const first = await disputedApplication();
  const second = await disputedApplication({ framework: first.framework, rubric: first.rubric });
  const answer = await callAction(
    staffPage.action,
    resolve(first.path, { disputeId: second.dispute.id, resolution: "upheld", note: "Wrong page." }, first.staff.cookie),
    first.params,
  );
  expect(statusOf(answer)).toBe(404);
  expect(await disputeRow(second.dispute.id)).toMatchObject({ resolution: null });
});

test("disputes are resolved while the application is submitted or under review, not while the provider edits it nor before the board", async () => {
  const { application, staff, dispute, path, params } = await disputedApplication();
  const fields = { disputeId: dispute.id, resolution: "dismissed", note: "It stands." };
  for (const status of ["changes_requested", "awaiting_decision"] as const) {
    await db.update(applications).set({ status }).where(eq(applications.id, application.id));
    const refused = await callAction(staffPage.action, resolve(path, fields, staff.cookie), params);
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf<Refused>(refused).errors.form).toMatch(/only while the application is submitted or under review/);
    expect((await staffPageOf(path, staff.cookie, application.id)).canResolveDisputes).toBe(false);
  }
  expect(await disputeRow(dispute.id)).toMatchObject({ resolution: null });

  // Resubmitted after changes, the same mappings are back with staff: the dispute can be settled before the next round.
  await db.update(applications).set({ status: "submitted" }).where(eq(applications.id, application.id));
  expect(statusOf(await callAction(staffPage.action, resolve(path, fields, staff.cookie), params))).toBe(302);
  expect(await disputeRow(dispute.id)).toMatchObject({ resolution: "dismissed" });
});

test("the public profile counts a mapping whose dispute was dismissed, and leaves out one whose dispute is upheld or open", async () => {
  const framework = await createFramework();
  const staff = await createStaff();
  const reviewer = await createReviewer();
  await createAccreditedProvider({
    framework,
    slug: "ferris-academy",
    courses: [{ title: "Rust fundamentals", modules: [{ title: "Ownership", outcomes: "Moves, borrows and lifetimes.", codes: ["OWN.1", "OWN.2", "OWN.3"] }] }],
  });
  const mappingOf = async (code: string) => {
    const [row] = await db.select({ id: moduleMappings.id }).from(moduleMappings).where(eq(moduleMappings.competencyId, framework.competencies[code].id));
    return row.id;
  };
  const ruled = { resolvedAt: new Date(), resolvedBy: staff.user.id };
  await db.insert(mappingDisputes).values([
    { mappingId: await mappingOf("OWN.1"), raisedBy: reviewer.user.id, note: "Shallow.", resolution: "dismissed", resolutionNote: "It is practised.", ...ruled },
    { mappingId: await mappingOf("OWN.2"), raisedBy: reviewer.user.id, note: "Not practised.", resolution: "upheld", resolutionNote: "Agreed.", ...ruled },
    { mappingId: await mappingOf("OWN.3"), raisedBy: reviewer.user.id, note: "Not taught." },
  ]);
  const profile = await getProviderProfile("ferris-academy", "2026-06-01");
  expect(profile!.courses[0].competencies.map((c) => c.code)).toEqual(["OWN.1"]);
});

test("the database keeps a ruling whole: no resolution without its reason, time and author", async () => {
  const { dispute } = await disputedApplication();
  await expect(db.update(mappingDisputes).set({ resolution: "upheld" }).where(eq(mappingDisputes.id, dispute.id))).rejects.toThrow();
  expect(await disputeRow(dispute.id)).toMatchObject({ resolution: null });
});

test("a reviewer disputes only this application's mappings: another's answers 400 next to the field and saves nothing", async () => {
  const { reviewer, assignment, framework, rubric } = await disputedApplication();
  const other = await createApplicationForReview({ status: "under_review", framework, rubric });
  const answer = await callAction(
    reviewPage.action,
    postRequest(`/review/${assignment.id}`, { intent: "dispute", mappingId: other.mappings[0].id, note: NOTE }, reviewer.cookie),
    { assignmentId: assignment.id },
  );
  expect(statusOf(answer)).toBe(400);
  expect(payloadOf<Refused>(answer).errors.mappingId).toBe("Choose a mapping of this application");
  expect(await db.select().from(mappingDisputes).where(eq(mappingDisputes.mappingId, other.mappings[0].id))).toHaveLength(0);
});

test("fifty identical disputes sent at once make one dispute and one audit event; the others are told it exists", async () => {
  const built = await createApplicationForReview({ status: "under_review" });
  const reviewer = await createReviewer();
  const assignment = await createAssignment(built.application.id, reviewer.user.id, { status: "accepted" });
  const mapping = built.mappings[0];
  const answers = await Promise.all(
    Array.from({ length: 50 }, () =>
      callAction(reviewPage.action, postRequest(`/review/${assignment.id}`, { intent: "dispute", mappingId: mapping.id, note: NOTE }, reviewer.cookie), {
        assignmentId: assignment.id,
      }),
    ),
  );
  expect(answers.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);
  expect(await db.select().from(mappingDisputes).where(eq(mappingDisputes.mappingId, mapping.id))).toHaveLength(1);
  const audited = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, built.application.id), eq(auditEvents.action, "review.mapping_disputed")));
  expect(audited).toHaveLength(1);
});
