import { expect, test } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "~/services/db.server";
import { decideProposal, proposeAssignments } from "~/services/auto-assign.server";
import * as batchPage from "~/routes/admin.assignments._index";
import * as proposalPage from "~/routes/admin.assignments.$id";
import { assignmentProposals, auditEvents, emailOutbox, reviewerAssignments } from "../../db/schema";
import { createFramework, createRubric } from "../support/factories";
import { createStaff, declareConflict, joinOrganisation } from "../support/factories-board";
import { createApplicationForReview, createAssignment, createReviewer } from "../support/factories-review";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

type Refused = { errors: Record<string, string>; values: Record<string, unknown> };
type ProposalPage = Awaited<ReturnType<typeof proposalPage.loader>>;

const DUE = "2099-01-31";

/**
 * Three submitted applications and five reviewers: three experts in both areas the syllabi touch (one a member
 * of the first applicant, one with a declared conflict with the second), one who knows ownership only, one
 * with no declared expertise. Two reviewers each, at most two open assignments per reviewer.
 */
async function batch() {
  const framework = await createFramework();
  const rubric = await createRubric();
  const apps = [];
  for (let i = 0; i < 3; i++) apps.push(await createApplicationForReview({ status: "submitted", framework, rubric }));
  const staff = await createStaff();
  const expert = await createReviewer({ name: "Eve Expert", expertise: ["OWN", "ASYNC"] });
  const member = await createReviewer({ name: "Max Member", expertise: ["OWN", "ASYNC"] });
  const conflicted = await createReviewer({ name: "Cora Conflict", expertise: ["OWN", "ASYNC"] });
  const ownOnly = await createReviewer({ name: "Oscar Own", expertise: ["OWN"] });
  const generalist = await createReviewer({ name: "Gil General" });
  await joinOrganisation(member.user.id, apps[0].organisation.id);
  await declareConflict(conflicted.user.id, apps[1].organisation.id);
  const ids = apps.map((a) => a.application.id);
  return { apps, ids, staff, expert, member, conflicted, ownOnly, generalist };
}

const propose = (ids: string[], cookie: string, extra: Record<string, string> = {}) =>
  callAction(batchPage.action, postRequest("/admin/assignments", { intent: "propose", applicationIds: ids, reviewersPerApplication: "2", maxLoad: "2", dueDate: DUE, ...extra }, cookie));

const assignmentEmails = () => db.select().from(emailOutbox).where(eq(emailOutbox.template, "reviewer-assigned"));
const approvalsAudited = (id: string) => db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "assignment.proposal_approved")));

test("staff propose for three applications: the best expertise within load limits, never a member or a declared conflict, nothing sent yet", async () => {
  const w = await batch();
  const list = payloadOf<Awaited<ReturnType<typeof batchPage.loader>>>(await callLoader(batchPage.loader, getRequest("/admin/assignments", w.staff.cookie)));
  expect(list.applications.map((a) => a.id).sort()).toEqual([...w.ids].sort());

  const answer = await propose(w.ids, w.staff.cookie);
  expect(statusOf(answer)).toBe(302);
  const location = (answer as Response).headers.get("Location")!;
  const id = location.split("/").pop()!;
  const view = payloadOf<ProposalPage>(await callLoader(proposalPage.loader, getRequest(location, w.staff.cookie), { id }));
  expect(view.status).toBe("proposed");

  const pairs = view.applications.flatMap((a) => a.reviewers.map((r) => `${a.id}:${r.id}`));
  expect(pairs).toHaveLength(6);
  expect(pairs).not.toContain(`${w.ids[0]}:${w.member.user.id}`);
  expect(pairs).not.toContain(`${w.ids[1]}:${w.conflicted.user.id}`);
  // Six expert places exist (three experts × two), so neither the partial expert nor the generalist is needed.
  expect(view.totalScore).toBe(12);
  const used = new Set(view.applications.flatMap((a) => a.reviewers.map((r) => r.id)));
  expect(used).toEqual(new Set([w.expert.user.id, w.member.user.id, w.conflicted.user.id]));
  expect(view.applications.every((a) => a.reviewers.length === 2 && a.missing === 0)).toBe(true);
  expect(view.applications[0].reviewers[0].matches.sort()).toEqual(["ASYNC", "OWN"]);

  expect(await db.select().from(reviewerAssignments)).toHaveLength(0);
  expect(await assignmentEmails()).toHaveLength(0);
});

test("approving creates every assignment through the one assignment path: audited on each application, one email per reviewer assignment", async () => {
  const w = await batch();
  const id = (await proposeAssignments(db, w.staff.sessionUser, { intent: "propose", applicationIds: w.ids, reviewersPerApplication: 2, maxLoad: 2, dueDate: DUE })) as { ok: true; value: { id: string } };
  const path = `/admin/assignments/${id.value.id}`;
  const answer = await callAction(proposalPage.action, postRequest(path, { intent: "approve" }, w.staff.cookie), { id: id.value.id });
  expect(statusOf(answer)).toBe(302);
  expect((answer as Response).headers.get("Location")).toBe(`${path}?done=approve`);

  const rows = await db.select().from(reviewerAssignments).where(inArray(reviewerAssignments.applicationId, w.ids));
  expect(rows).toHaveLength(6);
  expect(rows.every((r) => r.status === "pending" && r.assignedBy === w.staff.user.id && r.dueAt.toISOString() === `${DUE}T23:59:59.000Z`)).toBe(true);
  const emails = await assignmentEmails();
  expect(emails).toHaveLength(6);
  expect(new Set(emails.map((e) => e.to))).toEqual(new Set([w.expert.user.email, w.member.user.email, w.conflicted.user.email]));
  const assigned = await db.select().from(auditEvents).where(and(inArray(auditEvents.entityId, w.ids), eq(auditEvents.action, "review.reviewer_assigned")));
  expect(assigned).toHaveLength(6);
  expect(assigned.every((e) => (e.data as { proposalId?: string }).proposalId === id.value.id)).toBe(true);
  expect(await approvalsAudited(id.value.id)).toHaveLength(1);

  const view = payloadOf<ProposalPage>(await callLoader(proposalPage.loader, getRequest(path, w.staff.cookie), { id: id.value.id }));
  expect(view).toMatchObject({ status: "approved", decidedBy: "Sam Staff" });
  // Approving again is refused in words, and nothing more is sent.
  const again = await callAction(proposalPage.action, postRequest(path, { intent: "approve" }, w.staff.cookie), { id: id.value.id });
  expect(statusOf(again)).toBe(409);
  expect(payloadOf<Refused>(again).errors.form).toBe("This proposal was already approved.");
  expect(await assignmentEmails()).toHaveLength(6);
});

test("50 staff approving the same proposal at once: one approval, one set of assignments and emails", async () => {
  const w = await batch();
  const made = await proposeAssignments(db, w.staff.sessionUser, { intent: "propose", applicationIds: w.ids, reviewersPerApplication: 2, maxLoad: 2, dueDate: DUE });
  if (!made.ok) throw new Error(made.message);
  const results = await Promise.all(Array.from({ length: 50 }, () => decideProposal(db, w.staff.sessionUser, made.value.id, "approve")));
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409)).toBe(true);
  expect(await db.select().from(reviewerAssignments)).toHaveLength(6);
  expect(await assignmentEmails()).toHaveLength(6);
  expect(await approvalsAudited(made.value.id)).toHaveLength(1);
});

test("a proposal overtaken by events is refused whole: a new conflict or a hand assignment sends nothing", async () => {
  const w = await batch();
  const made = await proposeAssignments(db, w.staff.sessionUser, { intent: "propose", applicationIds: w.ids, reviewersPerApplication: 2, maxLoad: 2, dueDate: DUE });
  if (!made.ok) throw new Error(made.message);
  const [proposal] = await db.select().from(assignmentProposals).where(eq(assignmentProposals.id, made.value.id));
  const first = proposal.pairs[0];
  const organisationId = w.apps.find((a) => a.application.id === first.applicationId)!.organisation.id;
  await declareConflict(first.reviewerId, organisationId, "Joined their board last week");

  const refused = await decideProposal(db, w.staff.sessionUser, made.value.id, "approve");
  expect(refused).toMatchObject({ ok: false, status: 409 });
  expect(!refused.ok && refused.message).toMatch(/now has a conflict/);
  expect(await db.select().from(reviewerAssignments)).toHaveLength(0);
  expect(await assignmentEmails()).toHaveLength(0);
  expect((await db.select().from(assignmentProposals).where(eq(assignmentProposals.id, made.value.id)))[0].status).toBe("proposed");

  // Proposed again, a reviewer assigned by hand meanwhile also makes the old plan stale.
  const again = await proposeAssignments(db, w.staff.sessionUser, { intent: "propose", applicationIds: w.ids, reviewersPerApplication: 2, maxLoad: 2, dueDate: DUE });
  if (!again.ok) throw new Error(again.message);
  const [fresh] = await db.select().from(assignmentProposals).where(eq(assignmentProposals.id, again.value.id));
  expect(fresh.pairs.some((p) => p.reviewerId === first.reviewerId && p.applicationId === first.applicationId)).toBe(false);
  await createAssignment(fresh.pairs[0].applicationId, fresh.pairs[0].reviewerId);
  expect(await decideProposal(db, w.staff.sessionUser, again.value.id, "approve")).toMatchObject({ ok: false, status: 409 });
  expect(await assignmentEmails()).toHaveLength(0);
});

test("existing assignments count toward the need; discarding sends nothing and closes the proposal", async () => {
  const w = await batch();
  await createAssignment(w.ids[0], w.generalist.user.id, { status: "accepted" });
  const made = await proposeAssignments(db, w.staff.sessionUser, { intent: "propose", applicationIds: [w.ids[0]], reviewersPerApplication: 2, maxLoad: 5, dueDate: DUE });
  if (!made.ok) throw new Error(made.message);
  const [proposal] = await db.select().from(assignmentProposals).where(eq(assignmentProposals.id, made.value.id));
  expect(proposal.pairs).toHaveLength(1);
  expect(proposal.pairs[0].reviewerId).not.toBe(w.generalist.user.id);

  expect(await decideProposal(db, w.staff.sessionUser, made.value.id, "discard")).toMatchObject({ ok: true });
  expect(await decideProposal(db, w.staff.sessionUser, made.value.id, "approve")).toMatchObject({ ok: false, status: 409, message: "This proposal was already discarded." });
  expect(await assignmentEmails()).toHaveLength(0);
  expect(await db.select().from(reviewerAssignments)).toHaveLength(1);
});

test("bad input answers 400 next to each field, keeps what was typed, and saves no proposal", async () => {
  const w = await batch();
  const none = await callAction(batchPage.action, postRequest("/admin/assignments", { intent: "propose", reviewersPerApplication: "2", maxLoad: "2", dueDate: DUE }, w.staff.cookie));
  expect(statusOf(none)).toBe(400);
  expect(payloadOf<Refused>(none).errors.applicationIds).toBe("Choose at least one application");

  const bad = await propose(w.ids, w.staff.cookie, { reviewersPerApplication: "two", maxLoad: "0", dueDate: "next week" });
  expect(statusOf(bad)).toBe(400);
  expect(payloadOf<Refused>(bad).errors).toMatchObject({
    reviewersPerApplication: "Reviewers per application must be a number",
    maxLoad: "Most open assignments per reviewer must be at least 1",
    dueDate: "Enter the due date as a date, like 2026-03-14",
  });
  expect(payloadOf<Refused>(bad).values).toMatchObject({ applicationIds: w.ids, reviewersPerApplication: "two" });

  const past = await propose(w.ids, w.staff.cookie, { dueDate: "2020-01-01" });
  expect(statusOf(past)).toBe(400);
  expect(payloadOf<Refused>(past).errors.dueDate).toBe("Choose a due date in the future");

  const foreign = await propose(["00000000-0000-4000-8000-000000000000"], w.staff.cookie);
  expect(statusOf(foreign)).toBe(409);
  expect(payloadOf<Refused>(foreign).errors.applicationIds).toBe("Choose from the applications listed");

  const unknownIntent = await callAction(proposalPage.action, postRequest("/admin/assignments/x", { intent: "send" }, w.staff.cookie), { id: "x" });
  expect(statusOf(unknownIntent)).toBe(400);
  expect(await db.select().from(assignmentProposals)).toHaveLength(0);
});

test("fifty identical proposals at once leave one proposal and one audit event; every answer leads to it", async () => {
  const w = await batch();
  const answers = await Promise.all(Array.from({ length: 50 }, () => propose(w.ids, w.staff.cookie)));
  const made = await db.select().from(assignmentProposals);
  expect(made).toHaveLength(1);
  expect(answers.map(statusOf)).toEqual(Array<number>(50).fill(302));
  expect(new Set(answers.map((a) => (a as Response).headers.get("Location")))).toEqual(new Set([`/admin/assignments/${made[0].id}`]));
  expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "assignment.proposed"))).toHaveLength(1);
  // Other settings are another proposal.
  expect(statusOf(await propose(w.ids, w.staff.cookie, { maxLoad: "3" }))).toBe(302);
  expect(await db.select().from(assignmentProposals)).toHaveLength(2);
});
