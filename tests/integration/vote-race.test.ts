import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { castVote } from "~/services/board.server";
import * as voteRoute from "~/routes/board.$applicationId";
import { auditEvents, boardVotes } from "../../db/schema";
import { createAwaitingDecision, createBoard } from "../support/factories-board";
import { callAction, postRequest } from "../support/requests";
import { createSession } from "~/services/sessions.server";

const auditOf = (applicationId: string, action: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, applicationId), eq(auditEvents.action, action)));

test("50 identical simultaneous first votes: one vote, one board.vote_cast event, one 'cast' answer; the rest are told it was already recorded", async () => {
  const app = await createAwaitingDecision();
  const [member] = await createBoard(1);
  const results = await Promise.all(
    Array.from({ length: 50 }, () => castVote(db, member.sessionUser, app.application.id, { vote: "approve", comment: "Solid syllabus" })),
  );
  const values = results.map((r) => (r.ok ? r.value : r));
  expect(values.filter((v) => "already" in v && !v.already && !v.changed)).toHaveLength(1);
  expect(values.filter((v) => "already" in v && v.already)).toHaveLength(49);
  expect(await db.select().from(boardVotes).where(eq(boardVotes.applicationId, app.application.id))).toHaveLength(1);
  expect(await auditOf(app.application.id, "board.vote_cast")).toHaveLength(1);
  expect(await auditOf(app.application.id, "board.vote_changed")).toHaveLength(0);

  // A different vote afterwards is one change, audited once.
  const changed = await castVote(db, member.sessionUser, app.application.id, { vote: "reject", comment: "On reflection, no" });
  expect(changed).toMatchObject({ ok: true, value: { changed: true, already: false } });
  expect(await auditOf(app.application.id, "board.vote_changed")).toHaveLength(1);
});

test("through the route: 50 identical simultaneous votes redirect once to 'cast' and 49 times to 'already'", async () => {
  const app = await createAwaitingDecision();
  const [member] = await createBoard(1);
  const { token } = await createSession(db, member.user.id);
  const path = `/board/${app.application.id}`;
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => callAction(voteRoute.action, postRequest(path, { vote: "approve", comment: "" }, `session=${token}`), { applicationId: app.application.id })),
  );
  const locations = answers.map((a) => (a instanceof Response ? a.headers.get("Location") : null));
  expect(locations.filter((l) => l === `${path}?voted=cast`)).toHaveLength(1);
  expect(locations.filter((l) => l === `${path}?voted=already`)).toHaveLength(49);
  expect(await auditOf(app.application.id, "board.vote_cast")).toHaveLength(1);
});
