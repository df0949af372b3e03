import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { boardApplication, boardQueue, castVote } from "~/services/board.server";
import { enqueueVoteRequests } from "~/services/board-members.server";
import { recordDecision } from "~/services/board-decision.server";
import { declareConflict as declareConflictService, impartialityReport, involvementOf } from "~/services/impartiality.server";
import { auditEvents, boardVotes, conflicts, emailOutbox } from "../../db/schema";
import { signedIn } from "../support/factories";
import { createAssignment } from "../support/factories-review";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff, declareConflict } from "../support/factories-board";
import { callAction, callLoader, getRequest, postRequest, statusOf } from "../support/requests";
import * as voteRoute from "~/routes/board.$applicationId";
import * as reportRoute from "~/routes/admin.applications.$id.impartiality";

test("a board member who reviewed the application gets 404 on its vote page and cannot vote; the others can", async () => {
  const app = await createAwaitingDecision();
  const [clean] = await createBoard(1);
  const dual = await signedIn({ roles: ["board", "reviewer"], name: "Dana Dual" });
  await createAssignment(app.application.id, dual.user.id, { status: "completed" });

  expect(await boardApplication(db, dual.sessionUser, app.application.id)).toBeNull();
  expect(statusOf(await callLoader(voteRoute.loader, getRequest(`/board/${app.application.id}`, dual.cookie), { applicationId: app.application.id }))).toBe(404);
  const refused = await castVote(db, dual.sessionUser, app.application.id, { vote: "approve", comment: "" });
  expect(refused).toMatchObject({ ok: false, status: 404 });
  expect(statusOf(await callAction(voteRoute.action, postRequest(`/board/${app.application.id}`, { vote: "approve", comment: "" }, dual.cookie), { applicationId: app.application.id }))).toBe(404);
  expect(await db.select().from(boardVotes).where(eq(boardVotes.userId, dual.user.id))).toHaveLength(0);

  expect(await castVote(db, clean.sessionUser, app.application.id, { vote: "approve", comment: "" })).toMatchObject({ ok: true });
  // The queue shows the dual-role member recused, and nobody asks them to vote.
  const [item] = await boardQueue(db, dual.sessionUser);
  expect(item.recused).toBe("assessed");
  await enqueueVoteRequests(db, app.application.id);
  const asked = (await db.select({ to: emailOutbox.to }).from(emailOutbox).where(eq(emailOutbox.template, "vote-requested"))).map((r) => r.to);
  expect(asked).toContain(clean.user.email);
  expect(asked).not.toContain(dual.user.email);
});

test("a declined or pending assignment is no assessment; an accepted one already bars voting", async () => {
  const app = await createAwaitingDecision();
  const declined = await signedIn({ roles: ["board", "reviewer"] });
  const accepted = await signedIn({ roles: ["board", "reviewer"] });
  await createAssignment(app.application.id, declined.user.id, { status: "declined" });
  await createAssignment(app.application.id, accepted.user.id, { status: "accepted" });
  expect(await castVote(db, declined.sessionUser, app.application.id, { vote: "approve", comment: "" })).toMatchObject({ ok: true });
  expect(await castVote(db, accepted.sessionUser, app.application.id, { vote: "approve", comment: "" })).toMatchObject({ ok: false, status: 404 });
});

test("staff who reviewed an application cannot record its decision", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const staffReviewer = await signedIn({ roles: ["staff", "reviewer"], name: "Sid Staff" });
  await createAssignment(app.application.id, staffReviewer.user.id, { status: "completed" });
  const result = await recordDecision(db, staffReviewer.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" });
  expect(result).toMatchObject({ ok: false, status: 409 });
});

test("a conflict declared on the account page bars every role the person holds", async () => {
  const app = await createAwaitingDecision();
  const person = await signedIn({ roles: ["board", "reviewer", "staff"] });
  const first = await declareConflictService(db, person.sessionUser, { organisationId: app.organisation.id, note: "Consulted for them" });
  expect(first).toEqual({ ok: true, value: { created: true } });
  // Fifty identical declarations at once: one row, one audit event.
  await Promise.all(Array.from({ length: 50 }, () => declareConflictService(db, person.sessionUser, { organisationId: app.organisation.id, note: "Again" })));
  expect(await db.select().from(conflicts).where(eq(conflicts.userId, person.user.id))).toHaveLength(1);
  expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "conflict.declared"))).toHaveLength(1);

  expect(await castVote(db, person.sessionUser, app.application.id, { vote: "approve", comment: "" })).toMatchObject({ ok: false, status: 409 });
  expect(await involvementOf(db, app.application.id, person.user.id)).toMatchObject({ conflicted: true });
  const provider = await signedIn();
  expect(await declareConflictService(db, provider.sessionUser, { organisationId: app.organisation.id, note: "x" })).toMatchObject({ ok: false, status: 404 });
});

test("the impartiality report shows who assessed, voted and decided, and flags a breach from before the rule", async () => {
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff("Stella Staff");
  const reviewer = await signedIn({ roles: ["reviewer"], name: "Rita Reviewer" });
  await createAssignment(app.application.id, reviewer.user.id, { status: "completed" });
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  // A vote written before the rule existed (straight into the table): the report must flag it.
  const legacy = await signedIn({ roles: ["board", "reviewer"], name: "Lee Legacy" });
  await createAssignment(app.application.id, legacy.user.id, { status: "completed" });
  await castVoteRow(app.application.id, legacy.user.id, "approve");
  await declareConflict(board[2].user.id, app.organisation.id, "Spouse works there");
  const decided = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-7" });
  expect(decided.ok).toBe(true);

  const report = await impartialityReport(db, staff.sessionUser, app.application.id);
  if (!report) throw new Error("no report");
  const byName = Object.fromEntries(report.people.map((p) => [p.name, p]));
  expect(byName["Rita Reviewer"].involvement).toMatchObject({ assessed: true, voted: false });
  expect(byName["Stella Staff"].involvement).toMatchObject({ decided: true });
  expect(byName["Board Member 3"].involvement).toMatchObject({ conflicted: true, voted: true });
  expect(report.decision).toMatchObject({ outcome: "accredited", recordedByName: "Stella Staff" });
  expect(report.findings).toEqual(
    expect.arrayContaining([
      { userId: legacy.user.id, name: "Lee Legacy", part: "voted", barredBy: "assessed" },
      { userId: board[2].user.id, name: "Board Member 3", part: "voted", barredBy: "conflicted" },
    ]),
  );
  expect(report.findings).toHaveLength(2);

  expect(statusOf(await callLoader(reportRoute.loader, getRequest(`/admin/applications/${app.application.id}/impartiality`, staff.cookie), { id: app.application.id }))).toBe(200);
  expect(statusOf(await callLoader(reportRoute.loader, getRequest(`/admin/applications/${app.application.id}/impartiality`, board[0].cookie), { id: app.application.id }))).toBe(404);
  expect(statusOf(await callLoader(reportRoute.loader, getRequest(`/admin/applications/not-a-uuid/impartiality`, staff.cookie), { id: "not-a-uuid" }))).toBe(404);
});
