import { expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { addDays, now, setClock } from "~/services/clock.server";
import { reviewerQueue, sendReviewReminders } from "~/services/review-queue.server";
import { staffApplicationView } from "~/services/staff-application-view.server";
import { submitApplication } from "~/services/application-submission.server";
import * as reviewPage from "~/routes/review.$assignmentId";
import * as queuePage from "~/routes/review._index";
import * as staffPage from "~/routes/admin.applications.$id";
import * as listPage from "~/routes/admin.applications._index";
import {
  applications,
  auditEvents,
  changeRequests,
  conflicts,
  courseModules,
  emailOutbox,
  organisationMembers,
  reviewerAssignments,
  reviews,
} from "../../db/schema";
import { signedIn, sessionUserFor } from "../support/factories";
import { createApplicationForReview, createAssignment, createReviewer, createSubmittedReview } from "../support/factories-review";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

type Workspace = Awaited<ReturnType<typeof reviewPage.loader>>;

const staffMember = () => signedIn({ roles: ["staff"], name: "Sam Staff" });

function scoreFields(criteria: { id: string }[], score: number | null, intent: "save" | "submit") {
  const fields: Record<string, string> = { intent, confidence: "high", recommendation: "accredit", summary: "A careful, well-mapped programme." };
  for (const c of criteria) {
    fields[`score_${c.id}`] = score === null ? "" : String(score);
    fields[`comment_${c.id}`] = `Comment on ${c.id.slice(0, 4)}`;
  }
  return fields;
}

async function statusOfApplication(id: string) {
  const [row] = await db.select({ status: applications.status, currentRevision: applications.currentRevision }).from(applications).where(eq(applications.id, id));
  return row;
}

test("a reviewer cannot read an application before accepting, nor one they are not assigned to", async () => {
  const { application } = await createApplicationForReview({ status: "under_review" });
  const reviewer = await createReviewer();
  const stranger = await createReviewer({ name: "Stan Stranger" });
  const assignment = await createAssignment(application.id, reviewer.user.id);
  const path = `/review/${assignment.id}`;

  // Pending: the application does not exist for them yet.
  expect(statusOf(await callLoader(reviewPage.loader, getRequest(path, reviewer.cookie), { assignmentId: assignment.id }))).toBe(404);
  // Someone else's assignment, and a made-up one.
  expect(statusOf(await callLoader(reviewPage.loader, getRequest(path, stranger.cookie), { assignmentId: assignment.id }))).toBe(404);
  expect(statusOf(await callLoader(reviewPage.loader, getRequest(path, reviewer.cookie), { assignmentId: "00000000-0000-4000-8000-000000000000" }))).toBe(404);
  // Not even through the action.
  expect(statusOf(await callAction(reviewPage.action, postRequest(path, { intent: "save", summary: "x" }, reviewer.cookie), { assignmentId: assignment.id }))).toBe(404);

  const accepted = await callAction(queuePage.action, postRequest("/review", { intent: "accept", assignmentId: assignment.id, noConflict: "on" }, reviewer.cookie));
  expect(statusOf(accepted)).toBe(302);
  const page = await callLoader(reviewPage.loader, getRequest(path, reviewer.cookie), { assignmentId: assignment.id });
  expect(statusOf(page)).toBe(200);
  const ws = payloadOf<Workspace>(page);
  expect(ws.application.organisationName).toBe("Ferris Training");
  expect(ws.revision?.snapshot.courses?.[0].title).toBe("Rust Fundamentals");
  expect(ws.actions).toEqual(["save", "submit"]);

  // The stranger still sees nothing, and someone without the reviewer role gets no reviewer area at all.
  expect(statusOf(await callLoader(reviewPage.loader, getRequest(path, stranger.cookie), { assignmentId: assignment.id }))).toBe(404);
  const provider = await signedIn();
  expect(statusOf(await callLoader(reviewPage.loader, getRequest(path, provider.cookie), { assignmentId: assignment.id }))).toBe(404);
});

test("accepting requires the no-conflict declaration; declining with a conflict records it and blocks reassignment", async () => {
  const { application, organisation } = await createApplicationForReview();
  const staff = await staffMember();
  const reviewer = await createReviewer();
  const assignment = await createAssignment(application.id, reviewer.user.id);

  const unticked = await callAction(queuePage.action, postRequest("/review", { intent: "accept", assignmentId: assignment.id }, reviewer.cookie));
  expect(statusOf(unticked)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(unticked).errors.noConflict).toMatch(/no conflict of interest/);

  const noNote = await callAction(queuePage.action, postRequest("/review", { intent: "decline", assignmentId: assignment.id, conflict: "on", note: "" }, reviewer.cookie));
  expect(statusOf(noNote)).toBe(400);

  const declined = await callAction(
    queuePage.action,
    postRequest("/review", { intent: "decline", assignmentId: assignment.id, conflict: "on", note: "I trained their staff last year" }, reviewer.cookie),
  );
  expect(statusOf(declined)).toBe(302);
  const [conflict] = await db.select().from(conflicts).where(and(eq(conflicts.userId, reviewer.user.id), eq(conflicts.organisationId, organisation.id)));
  expect(conflict.note).toBe("I trained their staff last year");
  const [row] = await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.id, assignment.id));
  expect(row.status).toBe("declined");

  // Answering twice is refused.
  const again = await callAction(queuePage.action, postRequest("/review", { intent: "accept", assignmentId: assignment.id, noConflict: "on" }, reviewer.cookie));
  expect(statusOf(again)).toBe(409);

  // The declared conflict shows in the candidate list and the server refuses to assign them anywhere in this organisation.
  const [second] = await db
    .insert(applications)
    .values({ organisationId: organisation.id, frameworkId: application.frameworkId, rubricId: application.rubricId, status: "submitted", currentRevision: 1 })
    .returning();
  const view = await staffApplicationView(db, staff.sessionUser, second.id);
  expect(view?.candidates.find((c) => c.id === reviewer.user.id)?.conflict).toMatch(/Declared a conflict/);
  // The page offers what the state table allows staff from "submitted", and nothing to a member of the organisation.
  expect(view?.actions).toEqual(["start_review", "request_changes"]);
  const insiderStaff = await staffMember();
  await db.insert(organisationMembers).values({ organisationId: organisation.id, userId: insiderStaff.user.id, role: "member" });
  expect((await staffApplicationView(db, await sessionUserFor(insiderStaff.user.id), second.id))?.actions).toEqual([]);
  const refused = await callAction(
    staffPage.action,
    postRequest(`/admin/applications/${second.id}`, { intent: "assign", reviewerId: reviewer.user.id, dueDate: addDays(now(), 20).toISOString().slice(0, 10) }, staff.cookie),
    { id: second.id },
  );
  expect(statusOf(refused)).toBe(409);
});

test("a member of the applying organisation cannot be assigned, even with a hand-made request", async () => {
  const { application, organisation } = await createApplicationForReview();
  const staff = await staffMember();
  const insider = await createReviewer({ name: "Ivy Insider" });
  await db.insert(organisationMembers).values({ organisationId: organisation.id, userId: insider.user.id, role: "member" });
  const outsider = await createReviewer({ name: "Otto Outsider", expertise: ["OWN"] });

  const view = await staffApplicationView(db, staff.sessionUser, application.id);
  const insiderCandidate = view!.candidates.find((c) => c.id === insider.user.id)!;
  expect(insiderCandidate.conflict).toBe("Member of the applying organisation");
  const outsiderCandidate = view!.candidates.find((c) => c.id === outsider.user.id)!;
  expect(outsiderCandidate).toMatchObject({ conflict: null, matches: ["OWN"], load: 0 });

  const dueDate = addDays(now(), 28).toISOString().slice(0, 10);
  const refused = await callAction(
    staffPage.action,
    postRequest(`/admin/applications/${application.id}`, { intent: "assign", reviewerId: insider.user.id, dueDate }, staff.cookie),
    { id: application.id },
  );
  expect(statusOf(refused)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(refused).errors.form).toMatch(/member of the applying organisation/);
  expect(await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.reviewerId, insider.user.id))).toHaveLength(0);

  const assigned = await callAction(
    staffPage.action,
    postRequest(`/admin/applications/${application.id}`, { intent: "assign", reviewerId: outsider.user.id, dueDate }, staff.cookie),
    { id: application.id },
  );
  expect(statusOf(assigned)).toBe(302);
  const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "reviewer-assigned"));
  expect(email.to).toBe(outsider.user.email);

  // A staff member who belongs to the organisation cannot screen it either.
  const insiderStaff = await signedIn({ roles: ["staff"] });
  await db.insert(organisationMembers).values({ organisationId: organisation.id, userId: insiderStaff.user.id, role: "member" });
  const byInsider = await callAction(staffPage.action, postRequest(`/admin/applications/${application.id}`, { intent: "start_review" }, insiderStaff.cookie), { id: application.id });
  expect(statusOf(byInsider)).toBe(404);
});

test("accepting and declining the same request at once: one answer stands, the other is told it was already answered", async () => {
  const { application } = await createApplicationForReview();
  const reviewer = await createReviewer();
  const assignment = await createAssignment(application.id, reviewer.user.id);
  const answers = await Promise.all([
    callAction(queuePage.action, postRequest("/review", { intent: "accept", assignmentId: assignment.id, noConflict: "on" }, reviewer.cookie)),
    callAction(queuePage.action, postRequest("/review", { intent: "decline", assignmentId: assignment.id, note: "Too busy this month" }, reviewer.cookie)),
  ]);
  expect(answers.map(statusOf).sort()).toEqual([302, 409]);
  const refusal = answers.find((a) => statusOf(a) === 409)!;
  expect(JSON.stringify(payloadOf(refusal))).toContain("You have already answered this request.");
  const [row] = await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.id, assignment.id));
  const events = await db.select().from(auditEvents).where(eq(auditEvents.entityId, application.id));
  const answered = events.filter((e) => e.action === "review.assignment_accepted" || e.action === "review.assignment_declined");
  expect(answered).toHaveLength(1);
  expect(answered[0].action).toBe(row.status === "accepted" ? "review.assignment_accepted" : "review.assignment_declined");
});

test("start review is refused with fewer than two accepted reviewers", async () => {
  const { application } = await createApplicationForReview();
  const staff = await staffMember();
  const first = await createReviewer();
  const second = await createReviewer();
  await createAssignment(application.id, first.user.id, { status: "accepted" });
  await createAssignment(application.id, second.user.id, { status: "pending" });

  const refused = await callAction(staffPage.action, postRequest(`/admin/applications/${application.id}`, { intent: "start_review" }, staff.cookie), { id: application.id });
  expect(statusOf(refused)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(refused).errors.form).toMatch(/at least 2 reviewers/);
  expect((await statusOfApplication(application.id)).status).toBe("submitted");

  await db.update(reviewerAssignments).set({ status: "accepted" }).where(eq(reviewerAssignments.reviewerId, second.user.id));
  const started = await callAction(staffPage.action, postRequest(`/admin/applications/${application.id}`, { intent: "start_review" }, staff.cookie), { id: application.id });
  expect(statusOf(started)).toBe(302);
  expect((await statusOfApplication(application.id)).status).toBe("under_review");
  const events = await db.select().from(auditEvents).where(eq(auditEvents.entityId, application.id));
  expect(events.map((e) => e.action)).toContain("application.review_started");

  // Clicking twice: the second is told the state moved on, never a 500.
  const twice = await callAction(staffPage.action, postRequest(`/admin/applications/${application.id}`, { intent: "start_review" }, staff.cookie), { id: application.id });
  expect(statusOf(twice)).toBe(409);
});

test("drafts survive a reload, submit needs every criterion, and a submitted review cannot be changed", async () => {
  const { application, rubric } = await createApplicationForReview({ status: "under_review" });
  const reviewer = await createReviewer();
  const assignment = await createAssignment(application.id, reviewer.user.id, { status: "accepted" });
  const path = `/review/${assignment.id}`;
  const params = { assignmentId: assignment.id };
  const [cur, trn, qa] = rubric.criteria;

  const draft = { ...scoreFields(rubric.criteria, null, "save"), [`score_${cur.id}`]: "3" };
  expect(statusOf(await callAction(reviewPage.action, postRequest(path, draft, reviewer.cookie), params))).toBe(302);
  const reloaded = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(path, reviewer.cookie), params));
  expect(reloaded.review?.status).toBe("draft");
  expect(reloaded.review?.scores[cur.id]).toEqual({ score: 3, comment: `Comment on ${cur.id.slice(0, 4)}` });
  expect(reloaded.review?.scores[trn.id].score).toBeNull();

  // Submitting with criteria unscored: 400 naming each, and what was typed is kept as the draft.
  const incomplete = await callAction(reviewPage.action, postRequest(path, { ...draft, intent: "submit", [`score_${trn.id}`]: "2" }, reviewer.cookie), params);
  expect(statusOf(incomplete)).toBe(400);
  const errors = payloadOf<{ errors: Record<string, string> }>(incomplete).errors;
  expect(errors[`score_${qa.id}`]).toBe("Score QA Quality assurance");
  expect(errors[`score_${trn.id}`]).toBeUndefined();
  const [kept] = await db.select().from(reviews).where(eq(reviews.assignmentId, assignment.id));
  expect(kept.status).toBe("draft");
  expect(kept.scores[trn.id].score).toBe(2);

  // A score out of range is bad input, not a crash.
  const outOfRange = await callAction(reviewPage.action, postRequest(path, { ...draft, [`score_${cur.id}`]: "7" }, reviewer.cookie), params);
  expect(statusOf(outOfRange)).toBe(400);

  const submitted = await callAction(reviewPage.action, postRequest(path, scoreFields(rubric.criteria, 4, "submit"), reviewer.cookie), params);
  expect(statusOf(submitted)).toBe(302);
  const [frozen] = await db.select().from(reviews).where(eq(reviews.assignmentId, assignment.id));
  expect(frozen.status).toBe("submitted");
  expect(frozen.submittedAt).not.toBeNull();

  for (const intent of ["save", "submit"] as const) {
    const change = await callAction(reviewPage.action, postRequest(path, scoreFields(rubric.criteria, 0, intent), reviewer.cookie), params);
    expect(statusOf(change)).toBe(409);
  }
  const [after] = await db.select().from(reviews).where(eq(reviews.assignmentId, assignment.id));
  expect(after.scores).toEqual(frozen.scores);
  expect(after.version).toBe(frozen.version);
  const [assignmentRow] = await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.id, assignment.id));
  expect(assignmentRow.status).toBe("completed");
});

test("other reviewers' reviews are visible only after submitting one's own, and staff hear when all are in", async () => {
  const { application, rubric } = await createApplicationForReview({ status: "under_review" });
  await staffMember();
  const first = await createReviewer({ name: "First" });
  const second = await createReviewer({ name: "Second" });
  const a1 = await createAssignment(application.id, first.user.id, { status: "accepted" });
  const a2 = await createAssignment(application.id, second.user.id, { status: "accepted" });
  await createSubmittedReview(a1.id, rubric, { CUR: 4, TRN: 4, QA: 4 });

  const before = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${a2.id}`, second.cookie), { assignmentId: a2.id }));
  expect(before.others).toEqual([]);
  expect(before.othersAggregate).toBeNull();
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "all-reviews-in"))).toHaveLength(0);

  await callAction(reviewPage.action, postRequest(`/review/${a2.id}`, scoreFields(rubric.criteria, 2, "submit"), second.cookie), { assignmentId: a2.id });
  const after = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${a2.id}`, second.cookie), { assignmentId: a2.id }));
  expect(after.others.map((o) => o.reviewerName)).toEqual(["First"]);
  expect(after.othersAggregate?.criteria[0]).toMatchObject({ mean: 3, spread: 2, flagged: true });
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "all-reviews-in"))).toHaveLength(1);
});

test("aggregates per criterion on known inputs: mean, min, max, spread, flag, weighted total and confidence", async () => {
  const { application, rubric } = await createApplicationForReview({ status: "under_review" });
  const staff = await staffMember();
  const reviewers = await Promise.all([createReviewer({ name: "Ana" }), createReviewer({ name: "Ben" }), createReviewer({ name: "Cy" })]);
  const scores = [
    { CUR: 4, TRN: 3, QA: 1 },
    { CUR: 2, TRN: 3, QA: 2 },
    { CUR: 3, TRN: 2, QA: 2 },
  ];
  const confidences = ["high", "low", "high"] as const;
  for (const [i, r] of reviewers.entries()) {
    const a = await createAssignment(application.id, r.user.id, { status: "accepted" });
    await createSubmittedReview(a.id, rubric, scores[i], { confidence: confidences[i] });
  }
  // A draft never counts.
  const drafter = await createReviewer({ name: "Drafty" });
  const d = await createAssignment(application.id, drafter.user.id, { status: "accepted" });
  await db.insert(reviews).values({ assignmentId: d.id, revisionNumber: 1, scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { score: 0, comment: "" }])), status: "draft" });

  const view = await staffApplicationView(db, staff.sessionUser, application.id);
  const round = view!.rounds[0];
  expect(round.revision).toBe(1);
  expect(round.aggregate.reviewCount).toBe(3);
  const byCode = Object.fromEntries(round.aggregate.criteria.map((c) => [c.criterion.code, c]));
  expect(byCode.CUR).toMatchObject({ mean: 3, min: 2, max: 4, spread: 2, flagged: true });
  expect(byCode.TRN).toMatchObject({ min: 2, max: 3, spread: 1, flagged: false });
  expect(byCode.TRN.mean).toBeCloseTo(8 / 3);
  expect(byCode.QA).toMatchObject({ min: 1, max: 2, spread: 1, flagged: false });
  // Weights 2, 1, 1: (2×3 + 8/3 + 5/3) / 16
  expect(round.aggregate.weightedTotal).toBeCloseTo(((6 + 13 / 3) / 16) * 100);
  expect(round.aggregate.confidence).toEqual({ low: 1, medium: 0, high: 2 });
  expect(byCode.CUR.entries.map((e) => [e.reviewerName, e.confidence])).toEqual([
    ["Ana", "high"],
    ["Ben", "low"],
    ["Cy", "high"],
  ]);
  expect(view!.gates.outstanding).toEqual(["Drafty"]);
});

test("reminders are enqueued exactly once, even when two runs race", async () => {
  const { application } = await createApplicationForReview({ status: "under_review" });
  const soon = await createReviewer({ name: "Soon" });
  const late = await createReviewer({ name: "Late" });
  const relaxed = await createReviewer({ name: "Relaxed" });
  const done = await createReviewer({ name: "Done" });
  const pendingOne = await createReviewer({ name: "Pending" });
  const aSoon = await createAssignment(application.id, soon.user.id, { status: "accepted", dueAt: addDays(now(), 2) });
  const aLate = await createAssignment(application.id, late.user.id, { status: "accepted", dueAt: addDays(now(), -1) });
  await createAssignment(application.id, relaxed.user.id, { status: "accepted", dueAt: addDays(now(), 20) });
  const aDone = await createAssignment(application.id, done.user.id, { status: "accepted", dueAt: addDays(now(), 1) });
  await db.insert(reviews).values({ assignmentId: aDone.id, revisionNumber: 1, scores: {}, status: "submitted", submittedAt: now() });
  await createAssignment(application.id, pendingOne.user.id, { status: "pending", dueAt: addDays(now(), 1) });

  const results = await Promise.all([sendReviewReminders(db), sendReviewReminders(db)]);
  expect(results[0].enqueued + results[1].enqueued).toBe(2);
  const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "review-reminder"));
  expect(rows.map((r) => r.idempotencyKey).sort()).toEqual([`review-due:${aSoon.id}:1`, `review-overdue:${aLate.id}:1`].sort());
  expect(rows.find((r) => r.to === late.user.email)?.subject).toMatch(/^Overdue review/);
  expect(rows.find((r) => r.to === soon.user.email)?.subject).toMatch(/^Review due soon/);

  // Later runs send nothing new; once "soon" passes its due date it gets its overdue reminder, once.
  expect((await sendReviewReminders(db)).enqueued).toBe(0);
  setClock(() => addDays(new Date(), 3));
  const later = await Promise.all([sendReviewReminders(db), sendReviewReminders(db)]);
  expect(later[0].enqueued + later[1].enqueued).toBe(1);
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `review-overdue:${aSoon.id}:1`))).toHaveLength(1);
});

test("a reviewer's queue: overdue work first, then open work by due date, then finished work", async () => {
  const reviewer = await createReviewer({ name: "Queue" });
  const first = await createApplicationForReview({ status: "under_review" });
  const assign = async (days: number) => {
    const { application } = await createApplicationForReview({ status: "under_review", framework: first.framework, rubric: first.rubric });
    return createAssignment(application.id, reviewer.user.id, { status: "accepted", dueAt: addDays(now(), days) });
  };
  const finished = await assign(-3);
  await db.insert(reviews).values({ assignmentId: finished.id, revisionNumber: 1, scores: {}, status: "submitted", submittedAt: now() });
  const later = await assign(10);
  const overdue = await assign(-1);
  const soon = await assign(2);

  const queue = await reviewerQueue(db, reviewer.user.id);
  expect(queue.map((q) => q.id)).toEqual([overdue.id, soon.id, later.id, finished.id]);
  expect(queue.map((q) => [q.overdue, q.dueSoon, q.reviewStatus])).toEqual([
    [true, false, null],
    [false, true, null],
    [false, false, null],
    [false, false, "submitted"],
  ]);
  expect(Object.keys(queue[0]).sort()).toEqual(
    ["id", "applicationId", "organisationName", "applicationStatus", "kind", "status", "dueAt", "overdue", "dueSoon", "revision", "reviewStatus"].sort(),
  );
});

test("a disputed mapping stops counting toward coverage and is listed for staff", async () => {
  const { application, mappings, framework, rubric } = await createApplicationForReview({ status: "under_review" });
  const staff = await staffMember();
  const reviewer = await createReviewer();
  const assignment = await createAssignment(application.id, reviewer.user.id, { status: "accepted" });
  const own2 = mappings.find((m) => m.competencyId === framework.competencies["OWN.2"].id)!;

  const before = await staffApplicationView(db, staff.sessionUser, application.id);
  expect(before!.coverage.courses[0].coverage.percent).toBe(100);

  const disputed = await callAction(
    reviewPage.action,
    postRequest(`/review/${assignment.id}`, { intent: "dispute", mappingId: own2.id, note: "Borrowing is only mentioned, never practised" }, reviewer.cookie),
    { assignmentId: assignment.id },
  );
  expect(statusOf(disputed)).toBe(302);
  const after = await staffApplicationView(db, staff.sessionUser, application.id);
  expect(after!.coverage.courses[0].coverage.percent).toBe(50);
  expect(after!.disputes.map((d) => [d.code, d.disputes[0].note])).toEqual([["OWN.2", "Borrowing is only mentioned, never practised"]]);

  // A mapping of another application is not theirs to dispute.
  const other = await createApplicationForReview({ status: "under_review", framework, rubric });
  const foreign = await callAction(
    reviewPage.action,
    postRequest(`/review/${assignment.id}`, { intent: "dispute", mappingId: other.mappings[0].id, note: "nope" }, reviewer.cookie),
    { assignmentId: assignment.id },
  );
  expect(statusOf(foreign)).toBe(400);
});

test("request changes, the provider resubmits, and reviewers review revision 2 before staff forward to the board", async () => {
  const { application, rubric, owner, modules } = await createApplicationForReview({ status: "under_review" });
  const staff = await staffMember();
  const first = await createReviewer({ name: "First" });
  const second = await createReviewer({ name: "Second" });
  const a1 = await createAssignment(application.id, first.user.id, { status: "accepted" });
  const a2 = await createAssignment(application.id, second.user.id, { status: "accepted" });
  const staffPath = `/admin/applications/${application.id}`;
  const params = { id: application.id };

  // Forwarding with reviews outstanding is refused.
  const early = await callAction(staffPage.action, postRequest(staffPath, { intent: "forward", recommendation: "Go" }, staff.cookie), params);
  expect(statusOf(early)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(early).errors.form).toMatch(/First, Second/);

  for (const [a, r] of [
    [a1, first],
    [a2, second],
  ] as const) {
    await callAction(reviewPage.action, postRequest(`/review/${a.id}`, scoreFields(rubric.criteria, 2, "submit"), r.cookie), { assignmentId: a.id });
  }

  const noItems = await callAction(staffPage.action, postRequest(staffPath, { intent: "request_changes", message: "Please fix", items: "" }, staff.cookie), params);
  expect(statusOf(noItems)).toBe(400);
  const requested = await callAction(
    staffPage.action,
    postRequest(staffPath, { intent: "request_changes", message: "Thanks. Two things before we continue.", items: "- Map the async module deeper\n- Describe assessment" }, staff.cookie),
    params,
  );
  expect(statusOf(requested)).toBe(302);
  expect((await statusOfApplication(application.id)).status).toBe("changes_requested");
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "changes-requested"));
  expect(mail.to).toBe(owner.user.email);
  expect(mail.props).toMatchObject({ items: ["Map the async module deeper", "Describe assessment"] });

  // Reviewers can still read it, but not score.
  const waiting = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${a1.id}`, first.cookie), { assignmentId: a1.id }));
  expect(waiting.actions).toEqual([]);

  // The provider edits and resubmits (the applications service freezes revision 2).
  await db.update(courseModules).set({ learningOutcomes: "Write async functions and test them" }).where(eq(courseModules.id, modules.asyncModule.id));
  const resubmitted = await submitApplication(db, owner.sessionUser, application.id, { response: "Deepened the async module." });
  expect(resubmitted).toMatchObject({ ok: true });
  expect(await statusOfApplication(application.id)).toEqual({ status: "submitted", currentRevision: 2 });

  const started = await callAction(staffPage.action, postRequest(staffPath, { intent: "start_review" }, staff.cookie), params);
  expect(statusOf(started)).toBe(302);
  const reopened = await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.applicationId, application.id));
  expect(reopened.map((a) => a.status)).toEqual(["accepted", "accepted"]);

  const round2 = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${a1.id}`, first.cookie), { assignmentId: a1.id }));
  expect(round2.application.revisionNumber).toBe(2);
  expect(round2.review).toBeNull();
  expect(round2.previousReview?.revisionNumber).toBe(1);
  expect(round2.response).toBe("Deepened the async module.");
  expect(round2.changes).toContainEqual(
    expect.objectContaining({ kind: "changed", path: ["Rust Fundamentals", "Async basics"], field: "Learning outcomes", after: "Write async functions and test them" }),
  );

  for (const [a, r] of [
    [a1, first],
    [a2, second],
  ] as const) {
    const res = await callAction(reviewPage.action, postRequest(`/review/${a.id}`, scoreFields(rubric.criteria, 3, "submit"), r.cookie), { assignmentId: a.id });
    expect(statusOf(res)).toBe(302);
  }
  const stored = await db.select({ revision: reviews.revisionNumber }).from(reviews);
  expect(stored.map((r) => r.revision).sort()).toEqual([1, 1, 2, 2]);

  const board = await signedIn({ roles: ["board"], name: "Bo Board" });
  const recusedBoard = await signedIn({ roles: ["board"], name: "Rex Recused" });
  await db.insert(conflicts).values({ userId: recusedBoard.user.id, organisationId: (await db.select().from(applications).where(eq(applications.id, application.id)))[0].organisationId, note: "Former employer" });
  const forwarded = await callAction(staffPage.action, postRequest(staffPath, { intent: "forward", recommendation: "Accredit: both reviewers agree." }, staff.cookie), params);
  expect(statusOf(forwarded)).toBe(302);
  const [final] = await db.select().from(applications).where(eq(applications.id, application.id));
  expect(final.status).toBe("awaiting_decision");
  expect(final.staffRecommendation).toBe("Accredit: both reviewers agree.");
  const voteRequests = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "vote-requested"));
  expect(voteRequests.map((m) => m.to)).toEqual([board.user.email]);

  const view = await staffApplicationView(db, staff.sessionUser, application.id);
  expect(view!.rounds.map((r) => [r.revision, r.aggregate.reviewCount, r.aggregate.weightedTotal])).toEqual([
    [2, 2, 75],
    [1, 2, 50],
  ]);
  expect(view!.comparison?.entries).toContainEqual(
    expect.objectContaining({ path: ["Rust Fundamentals", "Async basics"], field: "Learning outcomes", before: "Write async functions", after: "Write async functions and test them" }),
  );
  const backwards = await staffApplicationView(db, staff.sessionUser, application.id, { from: 2, to: 1 });
  expect(backwards!.comparison?.entries).toContainEqual(expect.objectContaining({ field: "Learning outcomes", before: "Write async functions and test them", after: "Write async functions" }));
  expect((await staffApplicationView(db, staff.sessionUser, application.id, { from: 1, to: 9 }))!.comparison).toBeNull();
  expect(view!.timeline.map((e) => e.action)).toEqual(
    expect.arrayContaining(["application.changes_requested", "application.resubmitted", "application.review_started", "review.submitted", "application.forwarded_to_board"]),
  );
});

test("staff filter the applications by status, organisation and overdue reviews, and sort them", async () => {
  const first = await createApplicationForReview({ status: "under_review" });
  const second = await createApplicationForReview({ status: "submitted", framework: first.framework, rubric: first.rubric });
  await db.update(applications).set({ submittedAt: addDays(now(), -10) }).where(eq(applications.id, second.application.id));
  await createApplicationForReview({ status: "draft", framework: first.framework, rubric: first.rubric });
  const staff = await staffMember();
  const late = await createReviewer();
  await createAssignment(first.application.id, late.user.id, { status: "accepted", dueAt: addDays(now(), -2) });
  type List = Awaited<ReturnType<typeof listPage.loader>>;
  const list = async (query: string) => payloadOf<List>(await callLoader(listPage.loader, getRequest(`/admin/applications${query}`, staff.cookie)));

  const all = await list("");
  expect(all.rows.map((r) => r.id)).toEqual([first.application.id, second.application.id]); // drafts hidden, most recent first
  expect(all.rows[0]).toMatchObject({ overdue: 1, accepted: 1, reviewsIn: 0 });
  expect((await list("?sort=oldest")).rows.map((r) => r.id)).toEqual([second.application.id, first.application.id]);
  expect((await list("?status=submitted")).rows.map((r) => r.id)).toEqual([second.application.id]);
  expect((await list("?overdue=1")).rows.map((r) => r.id)).toEqual([first.application.id]);
  expect((await list(`?organisation=${second.organisation.id}`)).rows.map((r) => r.id)).toEqual([second.application.id]);
  expect((await list("?status=nonsense&sort=whatever")).rows).toHaveLength(2);

  const reviewerOnly = await createReviewer();
  expect(statusOf(await callLoader(listPage.loader, getRequest("/admin/applications", reviewerOnly.cookie)))).toBe(404);
});

test("the last two reviewers each submit fifty times at once: two reviews, one audit event each, and staff hear once that all are in", async () => {
  const { application, rubric } = await createApplicationForReview({ status: "under_review" });
  await staffMember();
  const reviewers = [await createReviewer({ name: "First" }), await createReviewer({ name: "Second" })];
  const assignments = [await createAssignment(application.id, reviewers[0].user.id, { status: "accepted" }), await createAssignment(application.id, reviewers[1].user.id, { status: "accepted" })];
  const answers = await Promise.all(
    reviewers.flatMap((r, i) =>
      Array.from({ length: 50 }, () =>
        callAction(reviewPage.action, postRequest(`/review/${assignments[i].id}`, scoreFields(rubric.criteria, 3, "submit"), r.cookie), { assignmentId: assignments[i].id }),
      ),
    ),
  );
  const submitted = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, application.id), eq(auditEvents.action, "review.submitted")));
  expect(submitted).toHaveLength(2);
  expect(answers.map(statusOf).sort()).toEqual([302, 302, ...Array<number>(98).fill(409)]);
  expect((await db.select().from(reviews).where(eq(reviews.status, "submitted"))).map((r) => r.assignmentId).sort()).toEqual(assignments.map((a) => a.id).sort());
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "all-reviews-in"))).toHaveLength(1);
});

test("staff screening: fifty identical assignments of a reviewer, then fifty identical change requests, each take effect once, with one audit event and one email", async () => {
  const { application, owner } = await createApplicationForReview({ status: "submitted" });
  const staff = await staffMember();
  const reviewer = await createReviewer({ name: "Rhea Reviewer" });
  const path = `/admin/applications/${application.id}`;
  const params = { id: application.id };
  const fifty = (fields: Record<string, string>) => Promise.all(Array.from({ length: 50 }, () => callAction(staffPage.action, postRequest(path, fields, staff.cookie), params)));
  const audited = async (action: string) => (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, application.id), eq(auditEvents.action, action)))).length;
  const mails = async (template: string) => (await db.select().from(emailOutbox).where(eq(emailOutbox.template, template))).length;

  const assigned = await fifty({ intent: "assign", reviewerId: reviewer.user.id, dueDate: addDays(now(), 20).toISOString().slice(0, 10) });
  expect(await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.applicationId, application.id))).toHaveLength(1);
  expect(await audited("review.reviewer_assigned")).toBe(1);
  expect(await mails("reviewer-assigned")).toBe(1);
  expect(assigned.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);

  const requested = await fifty({ intent: "request_changes", message: "Two things before we continue.", items: "- Map the async module deeper\n- Describe assessment" });
  expect(await db.select().from(changeRequests).where(eq(changeRequests.applicationId, application.id))).toHaveLength(1);
  expect(await audited("application.changes_requested")).toBe(1);
  expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, "changes-requested"), eq(emailOutbox.to, owner.user.email)))).toHaveLength(1);
  expect(requested.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);
  expect((await statusOfApplication(application.id)).status).toBe("changes_requested");
});
