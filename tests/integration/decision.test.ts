import { expect, test } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { boardApplication, boardQueue, castVote } from "~/services/board.server";
import { enqueueVoteRequests } from "~/services/board-members.server";
import { decisionForMember, recordDecision } from "~/services/board-decision.server";
import { summarise } from "~/services/board-summary.server";
import { accreditations, applications, auditEvents, certificateSequences, decisions, emailOutbox } from "../../db/schema";
import { createFramework, createRubric, sessionUserFor } from "../support/factories";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import * as boardLayout from "~/routes/board";
import * as boardQueueRoute from "~/routes/board._index";
import * as boardVoteRoute from "~/routes/board.$applicationId";
import * as decisionRoute from "~/routes/admin.applications.$id.decision";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff, declareConflict, joinOrganisation } from "../support/factories-board";

const ACCREDIT = { outcome: "accredited" as const, conditions: "", rationale: "", meetingReference: "Board meeting 2026-03" };

async function approvedByBoard() {
  const app = await createAwaitingDecision({ reviews: [{ CUR: 3, TRN: 3, QA: 2 }, { CUR: 4, TRN: 2, QA: 3 }] });
  const board = await createBoard(3);
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  return { ...app, board, staff: await createStaff() };
}

test("50 concurrent record-decision requests for one application give one decision, one accreditation, one certificate", async () => {
  setClock(() => new Date("2026-03-10T10:00:00Z"));
  const { application, owner, staff } = await approvedByBoard();
  const results = await Promise.all(Array.from({ length: 50 }, () => recordDecision(db, staff.sessionUser, application.id, ACCREDIT)));

  const won = results.filter((r) => r.ok);
  expect(won).toHaveLength(1);
  expect(results.filter((r) => !r.ok && r.status === 409)).toHaveLength(49);
  expect(await db.select().from(decisions).where(eq(decisions.applicationId, application.id))).toHaveLength(1);
  const issued = await db.select().from(accreditations).where(eq(accreditations.applicationId, application.id));
  expect(issued).toHaveLength(1);
  expect(issued[0].certificateNumber).toBe("ACC-2026-0001");
  expect(issued[0]).toMatchObject({ status: "active", validFrom: "2026-03-10", validUntil: "2029-03-09" });
  expect(issued[0].scope).toEqual([{ courseId: expect.any(String), courseTitle: "Rust Fundamentals", level: "foundation", language: "en", mode: "in_person" }]);
  const [sequence] = await db.select().from(certificateSequences).where(eq(certificateSequences.year, 2026));
  expect(sequence.last).toBe(1);
  const [app] = await db.select().from(applications).where(eq(applications.id, application.id));
  expect(app.status).toBe("accredited");
  const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, owner.user.email), eq(emailOutbox.template, "decision-accredited")));
  expect(mails).toHaveLength(1);
  expect(mails[0].props).toMatchObject({ certificateNumber: "ACC-2026-0001", verifyUrl: expect.stringMatching(/\/verify\/ACC-2026-0001$/) });
});

test("50 concurrent decisions for 50 applications give 50 distinct certificate numbers", async () => {
  setClock(() => new Date("2026-05-01T09:00:00Z"));
  const framework = await createFramework();
  const rubric = await createRubric();
  const board = await createBoard(3);
  const staff = await createStaff();
  const apps = [];
  for (let i = 0; i < 50; i += 1) {
    const app = await createAwaitingDecision({ framework, rubric });
    for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
    apps.push(app.application.id);
  }
  const results = await Promise.all(apps.map((id) => recordDecision(db, staff.sessionUser, id, ACCREDIT)));
  expect(results.every((r) => r.ok)).toBe(true);
  const numbers = results.map((r) => (r.ok ? r.value.certificateNumber : null));
  expect(new Set(numbers).size).toBe(50);
  const stored = await db.select({ n: accreditations.certificateNumber }).from(accreditations);
  expect(stored.map((s) => s.n).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `ACC-2026-${String(i + 1).padStart(4, "0")}`));
});

test("a decision below quorum is refused, and nothing is recorded", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(5);
  const staff = await createStaff();
  await castVoteRow(app.application.id, board[0].user.id, "approve");
  await castVoteRow(app.application.id, board[1].user.id, "approve");

  const refused = await recordDecision(db, staff.sessionUser, app.application.id, ACCREDIT);
  expect(refused).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("2 of 3") });
  const [still] = await db.select().from(applications).where(eq(applications.id, app.application.id));
  expect(still.status).toBe("awaiting_decision");
  expect(await db.select().from(decisions)).toHaveLength(0);
  expect(await db.select().from(certificateSequences)).toHaveLength(0);

  await castVoteRow(app.application.id, board[2].user.id, "abstain");
  const accepted = await recordDecision(db, staff.sessionUser, app.application.id, ACCREDIT);
  expect(accepted.ok).toBe(true);
  const [decision] = await db.select().from(decisions);
  expect(decision.tally).toEqual({ approve: 2, approve_with_conditions: 0, reject: 0, abstain: 1, eligible: 5 });
});

test("on a board smaller than the quorum, every eligible member's vote is enough", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(2);
  const staff = await createStaff();
  await castVoteRow(app.application.id, board[0].user.id, "approve");
  expect((await recordDecision(db, staff.sessionUser, app.application.id, ACCREDIT)).ok).toBe(false);
  await castVoteRow(app.application.id, board[1].user.id, "approve_with_conditions");
  expect((await recordDecision(db, staff.sessionUser, app.application.id, { ...ACCREDIT, conditions: "Add an assessed lab" })).ok).toBe(true);
  const [acc] = await db.select().from(accreditations);
  expect(acc.conditions).toBe("Add an assessed lab");
});

test("the server recuses board members of the organisation and those who declared a conflict", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(4);
  const [insider, conflicted, voter] = board;
  await joinOrganisation(insider.user.id, app.organisation.id);
  // A vote cast before the conflict was declared stops counting once it is.
  await castVoteRow(app.application.id, conflicted.user.id, "approve");
  await declareConflict(conflicted.user.id, app.organisation.id);

  const insiderVote = await castVote(db, await sessionUserFor(insider.user.id), app.application.id, { vote: "approve", comment: "" });
  expect(insiderVote).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("recused") });
  const conflictedVote = await castVote(db, conflicted.sessionUser, app.application.id, { vote: "reject", comment: "" });
  expect(conflictedVote).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("conflict") });

  const view = await boardApplication(db, await sessionUserFor(insider.user.id), app.application.id);
  expect(view?.recused).toBe("member");

  expect((await castVote(db, voter.sessionUser, app.application.id, { vote: "approve", comment: "Strong syllabus" })).ok).toBe(true);
  const seen = await boardApplication(db, voter.sessionUser, app.application.id);
  if (!seen || seen.recused) throw new Error("expected the voter's view");
  expect(seen.members.filter((m) => m.recused).map((m) => [m.name, m.recused])).toEqual([
    ["Board Member 1", "member"],
    ["Board Member 2", "conflict"],
  ]);
  // Two eligible members (3 and 4): only the eligible vote counts.
  expect(seen.tally?.counts).toEqual({ approve: 1, approve_with_conditions: 0, reject: 0, abstain: 0, eligible: 2 });

  // Vote requests go to eligible members only, once.
  expect(await enqueueVoteRequests(db, app.application.id)).toBe(2);
  expect(await enqueueVoteRequests(db, app.application.id)).toBe(0);
  const requested = await db.select({ to: emailOutbox.to }).from(emailOutbox).where(eq(emailOutbox.template, "vote-requested"));
  expect(requested.map((r) => r.to).sort()).toEqual([board[2].user.email, board[3].user.email].sort());
});

test("staff who belong to the organisation cannot record its decision", async () => {
  const { application, organisation } = await approvedByBoard();
  const insiderStaff = await createStaff("Insider Staff");
  await joinOrganisation(insiderStaff.user.id, organisation.id);
  const result = await recordDecision(db, await sessionUserFor(insiderStaff.user.id), application.id, ACCREDIT);
  expect(result).toMatchObject({ ok: false, status: 409 });
  expect(await db.select().from(decisions)).toHaveLength(0);
});

test("an outcome against the majority needs a written reason", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  await castVoteRow(app.application.id, board[0].user.id, "reject");
  await castVoteRow(app.application.id, board[1].user.id, "reject");
  await castVoteRow(app.application.id, board[2].user.id, "approve");

  const refused = await recordDecision(db, staff.sessionUser, app.application.id, ACCREDIT);
  expect(refused).toMatchObject({ ok: false, status: 400, errors: { rationale: expect.stringContaining("against the board majority") } });
  expect(await db.select().from(decisions)).toHaveLength(0);

  const result = await recordDecision(db, staff.sessionUser, app.application.id, { ...ACCREDIT, rationale: "The provider fixed the lab after the meeting." });
  expect(result.ok).toBe(true);
  const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "application.decided"));
  expect(event.data).toMatchObject({ againstMajority: true, outcome: "accredited" });
});

test("a rejection records its rationale, shown to the provider and mailed to them; no certificate", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "reject");
  const rationale = "Core ownership competencies are only introduced, never practised.";
  const result = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "rejected", conditions: "", rationale, meetingReference: "BM-7" });
  expect(result).toMatchObject({ ok: true, value: { outcome: "rejected", certificateNumber: null } });
  expect(await decisionForMember(db, await sessionUserFor(app.owner.user.id), app.application.id)).toMatchObject({ outcome: "rejected", rationale });
  expect(await db.select().from(accreditations)).toHaveLength(0);
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "decision-rejected"));
  expect(mail).toMatchObject({ to: app.owner.user.email, props: expect.objectContaining({ rationale }) });
});

test("a member sees the tally only after voting, may change the vote until the decision, then not", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  await castVoteRow(app.application.id, board[0].user.id, "approve");
  await castVoteRow(app.application.id, board[1].user.id, "approve");

  const before = await boardApplication(db, board[2].sessionUser, app.application.id);
  if (!before || before.recused) throw new Error("expected the member's view");
  expect(before.tally).toBeNull();
  expect(before.votes).toBeNull();

  expect(await castVote(db, board[2].sessionUser, app.application.id, { vote: "reject", comment: "Thin evidence" })).toMatchObject({ ok: true, value: { changed: false } });
  expect(await castVote(db, board[2].sessionUser, app.application.id, { vote: "approve_with_conditions", comment: "With a lab" })).toMatchObject({ ok: true, value: { changed: true } });
  const after = await boardApplication(db, board[2].sessionUser, app.application.id);
  if (!after || after.recused) throw new Error("expected the member's view");
  expect(after.tally?.counts).toMatchObject({ approve: 2, approve_with_conditions: 1, reject: 0 });
  expect(after.myVote).toEqual({ vote: "approve_with_conditions", comment: "With a lab" });

  expect((await recordDecision(db, staff.sessionUser, app.application.id, ACCREDIT)).ok).toBe(true);
  const late = await castVote(db, board[2].sessionUser, app.application.id, { vote: "reject", comment: "" });
  expect(late).toMatchObject({ ok: false, status: 409 });
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(decisions);
  expect(count.n).toBe(1);
});

// ---- through the routes, as a browser (or a hand-made request) would ----------------------------------

test("routes: the board area is 404 to non-members; a recused member's hand-made vote is refused", async () => {
  const app = await createAwaitingDecision();
  const [insider, voter] = await createBoard(2);
  await joinOrganisation(insider.user.id, app.organisation.id);
  const path = `/board/${app.application.id}`;

  const outsider = await createStaff();
  expect(statusOf(await callLoader(boardLayout.loader, getRequest("/board", outsider.cookie)))).toBe(404);
  expect(statusOf(await callLoader(boardQueueRoute.loader, getRequest("/board", voter.cookie)))).toBe(200);
  expect(statusOf(await callAction(boardVoteRoute.action, postRequest(path, { vote: "approve", comment: "" }, outsider.cookie), { applicationId: app.application.id }))).toBe(404);

  const refused = await callAction(boardVoteRoute.action, postRequest(path, { vote: "approve", comment: "mine" }, insider.cookie), { applicationId: app.application.id });
  expect(statusOf(refused)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(refused).errors.form).toContain("recused");

  const bad = await callAction(boardVoteRoute.action, postRequest(path, { vote: "maybe" }, voter.cookie), { applicationId: app.application.id });
  expect(statusOf(bad)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(bad).errors.vote).toBe("Choose how you vote");

  const cast = await callAction(boardVoteRoute.action, postRequest(path, { vote: "approve", comment: "Good" }, voter.cookie), { applicationId: app.application.id });
  expect(statusOf(cast)).toBe(302);
  const view = payloadOf<{ recused: string | null; tally: unknown }>(await callLoader(boardVoteRoute.loader, getRequest(path, voter.cookie), { applicationId: app.application.id }));
  expect(view.recused).toBeNull();
  expect(view.tally).not.toBeNull();
  const insiderView = payloadOf<{ recused: string | null }>(await callLoader(boardVoteRoute.loader, getRequest(path, insider.cookie), { applicationId: app.application.id }));
  expect(insiderView.recused).toBe("member");
});

test("routes: staff record the decision; bad input and a missing quorum are 400 with messages, never 500", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  const path = `/admin/applications/${app.application.id}/decision`;
  const params = { id: app.application.id };
  await castVoteRow(app.application.id, board[0].user.id, "approve");

  const rejectWithoutRationale = await callAction(decisionRoute.action, postRequest(path, { outcome: "rejected", rationale: "", conditions: "", meetingReference: "BM" }, staff.cookie), params);
  expect(statusOf(rejectWithoutRationale)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(rejectWithoutRationale).errors.rationale).toMatch(/rationale/);

  const noQuorum = await callAction(decisionRoute.action, postRequest(path, { outcome: "accredited", rationale: "", conditions: "", meetingReference: "BM" }, staff.cookie), params);
  expect(statusOf(noQuorum)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(noQuorum).errors.form).toContain("quorum");

  await castVoteRow(app.application.id, board[1].user.id, "approve");
  await castVoteRow(app.application.id, board[2].user.id, "approve");
  const member = await callAction(decisionRoute.action, postRequest(path, { outcome: "accredited", meetingReference: "BM" }, board[0].cookie), params);
  expect(statusOf(member)).toBe(404);
  const ok = await callAction(decisionRoute.action, postRequest(path, { outcome: "accredited", rationale: "", conditions: "", meetingReference: "BM-12" }, staff.cookie), params);
  expect(statusOf(ok)).toBe(302);
  const again = await callAction(decisionRoute.action, postRequest(path, { outcome: "accredited", rationale: "", conditions: "", meetingReference: "BM-12" }, staff.cookie), params);
  expect(statusOf(again)).toBe(409);
  const view = payloadOf<{ decision: { certificateNumber: string; tally: unknown } }>(await callLoader(decisionRoute.loader, getRequest(path, staff.cookie), params));
  expect(view.decision.certificateNumber).toMatch(/^ACC-\d{4}-0001$/);
  expect(view.decision.tally).toEqual({ approve: 3, approve_with_conditions: 0, reject: 0, abstain: 0, eligible: 3 });
});

test("routes: a malformed id in the URL is a 404, not a 500", async () => {
  const [member] = await createBoard(1);
  const staff = await createStaff();
  expect(statusOf(await callLoader(boardVoteRoute.loader, getRequest("/board/nope", member.cookie), { applicationId: "nope" }))).toBe(404);
  expect(statusOf(await callAction(boardVoteRoute.action, postRequest("/board/nope", { vote: "approve" }, member.cookie), { applicationId: "nope" }))).toBe(404);
  expect(statusOf(await callLoader(decisionRoute.loader, getRequest("/admin/applications/nope/decision", staff.cookie), { id: "nope" }))).toBe(404);
  const post = postRequest("/admin/applications/nope/decision", { outcome: "accredited", meetingReference: "BM" }, staff.cookie);
  expect(statusOf(await callAction(decisionRoute.action, post, { id: "nope" }))).toBe(404);
});

test("the board queue reads its applications in batches: each item is that application's own brief, votes and recusal; the vote page has the whole summary", async () => {
  const framework = await createFramework();
  const rubric = await createRubric();
  const board = await createBoard(3);
  const [member] = board;
  const a = await createAwaitingDecision({ framework, rubric, reviews: [{ CUR: 3, TRN: 3, QA: 2 }] });
  const b = await createAwaitingDecision({ framework, rubric, reviews: [{ CUR: 1, TRN: 2, QA: 1 }, { CUR: 4, TRN: 4, QA: 4 }] });
  const c = await createAwaitingDecision({ framework, rubric });
  await castVoteRow(b.application.id, member.user.id, "reject");
  await castVoteRow(b.application.id, board[1].user.id, "approve");
  await declareConflict(member.user.id, c.application.organisationId);
  const user = await sessionUserFor(member.user.id);

  const queue = await boardQueue(db, user);
  const byId = new Map(queue.map((q) => [q.id, q]));
  expect(queue.map((q) => q.id).sort()).toEqual([a.application.id, b.application.id, c.application.id].sort());
  expect([byId.get(a.application.id)!.myVote, byId.get(b.application.id)!.myVote, byId.get(c.application.id)!.recused]).toEqual([null, "reject", "conflict"]);
  for (const app of [a, b]) {
    const [row] = await db.select().from(applications).where(eq(applications.id, app.application.id));
    const summary = await summarise(db, row);
    const item = byId.get(app.application.id)!;
    expect(item.organisationName).toBe(summary.organisationName);
    expect(item.brief).toEqual({
      weightedTotal: summary.aggregate.weightedTotal,
      reviewCount: summary.aggregate.reviewCount,
      flaggedCount: summary.aggregate.flaggedCount,
      recommendations: expect.any(Object),
      courses: summary.coverage.length,
      coursesBelowTarget: summary.coverage.filter((x) => !x.meetsTarget).length,
    });
    const recommended = Object.values(item.brief!.recommendations).reduce((n, k) => n + (k ?? 0), 0);
    expect(recommended).toBe(summary.recommendations.filter((r) => r.recommendation).length);
    // The whole summary (scores per criterion, recommendations, coverage, scope) is on the vote page only.
    const view = await boardApplication(db, user, app.application.id);
    expect(view && !view.recused ? view.summary : null).toEqual(summary);
  }
  expect(byId.get(b.application.id)!.brief!.reviewCount).toBe(2);
  // Vote counts, never who voted how; the recused member's application shows no details.
  expect(byId.get(b.application.id)!.votes).toEqual({ cast: 2, required: 3 });
  expect(byId.get(a.application.id)!.votes).toEqual({ cast: 0, required: 3 });
  expect(byId.get(c.application.id)!).toMatchObject({ brief: null, myVote: null, votes: { cast: 0, required: 2 } });
});
