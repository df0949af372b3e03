import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { createSession } from "~/services/sessions.server";
import * as submitRoute from "~/routes/provider.applications.$id._index";
import * as voteRoute from "~/routes/board.$applicationId";
import * as decisionRoute from "~/routes/admin.applications.$id.decision";
import { fillApplication, providerWorld, startDraft } from "../support/factories-application";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";
import { callAction, callLoader, getRequest, postRequest } from "../support/requests";
import { readsOf, recordQueries } from "../support/query-counter";

// A state change reads its application once, checks access on that read, and every later step (the state
// table, the completeness check, the frozen snapshot, the tally, the credential) reuses it: counted on the
// database handle, through the route's action as a browser would post it.

const redirected = (answer: unknown) => answer instanceof Response && answer.status === 302;

test("a submit reads the application once", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const { result, queries } = await recordQueries(() => callAction(submitRoute.action, postRequest(`/provider/applications/${id}`, { intent: "submit" }, owner.cookie), { id }));
  expect(redirected(result)).toBe(true);
  expect(readsOf(queries, "applications")).toHaveLength(1);
});

test("a vote reads the application once", async () => {
  const app = await createAwaitingDecision();
  const [member] = await createBoard(1);
  const { token } = await createSession(db, member.user.id);
  const path = `/board/${app.application.id}`;
  const { result, queries } = await recordQueries(() =>
    callAction(voteRoute.action, postRequest(path, { vote: "approve", comment: "" }, `session=${token}`), { applicationId: app.application.id }),
  );
  expect(redirected(result)).toBe(true);
  expect(readsOf(queries, "applications")).toHaveLength(1);
});

test("recording a decision, with its accreditation and credential, reads the application once", async () => {
  const app = await createAwaitingDecision({ reviews: [{ CUR: 3, TRN: 3, QA: 2 }, { CUR: 4, TRN: 2, QA: 3 }] });
  const board = await createBoard(3);
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const staff = await createStaff();
  const id = app.application.id;
  const fields = { outcome: "accredited", conditions: "", rationale: "", meetingReference: "Board meeting 2026-03" };
  const { result, queries } = await recordQueries(() => callAction(decisionRoute.action, postRequest(`/admin/applications/${id}/decision`, fields, staff.cookie), { id }));
  expect(redirected(result)).toBe(true);
  expect(readsOf(queries, "applications")).toHaveLength(1);
});

test("an application page that loads the application and then its data reads the application once", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const { loader } = await import("~/routes/provider.applications.$id.trainers");
  const { queries } = await recordQueries(() => loader({ request: new Request(`http://localhost/provider/applications/${id}/trainers`, { headers: { Cookie: owner.cookie } }), params: { id }, context: {} }));
  expect(readsOf(queries, "applications")).toHaveLength(1);
});

test("a section page and the application layout around it share one read of the application and one of its sections", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const layout = await import("~/routes/provider.applications.$id");
  const section = await import("~/routes/provider.applications.$id.courses");
  // Remix runs a document's loaders side by side with one request object.
  const request = new Request(`http://localhost/provider/applications/${id}/courses`, { headers: { Cookie: owner.cookie } });
  const { queries } = await recordQueries(() => Promise.all([layout.loader({ request, params: { id }, context: {} }), section.loader({ request, params: { id }, context: {} })]));
  expect(readsOf(queries, "applications")).toHaveLength(1);
  expect(readsOf(queries, "courses").filter((q) => /^\s*select\b.*\bfrom\s+"courses"\s+where/i.test(q))).toHaveLength(1);
  expect(readsOf(queries, "trainers")).toHaveLength(1);
  // Another request reads afresh.
  const again = await recordQueries(() => section.loader({ request: new Request(request.url, { headers: request.headers }), params: { id }, context: {} }));
  expect(readsOf(again.queries, "applications")).toHaveLength(1);
});

test("the board's vote page reads the application's courses once: the disputed mappings are read alone, not through the whole coverage", async () => {
  const app = await createAwaitingDecision({ reviews: [{ CUR: 3, TRN: 3, QA: 2 }] });
  const [member] = await createBoard(1);
  const { token } = await createSession(db, member.user.id);
  const path = `/board/${app.application.id}`;
  const { result, queries } = await recordQueries(() => callLoader(voteRoute.loader, getRequest(path, `session=${token}`), { applicationId: app.application.id }));
  expect(result).not.toBeInstanceOf(Response);
  expect(readsOf(queries, "courses").filter((q) => /^\s*select\b.*\bfrom\s+"courses"\s+where/i.test(q))).toHaveLength(1);
  expect(readsOf(queries, "competencies").filter((q) => /^\s*select\b.*\bfrom\s+"competencies"\s+where/i.test(q))).toHaveLength(1);
});
