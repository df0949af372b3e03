import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import * as staffPage from "~/routes/admin.applications.$id";
import * as reviewPage from "~/routes/review.$assignmentId";
import { mappingDisputes } from "../../db/schema";
import { createFramework, createRubric } from "../support/factories";
import { createStaff, declareConflict } from "../support/factories-board";
import { createApplicationForReview, createAssignment, createReviewer } from "../support/factories-review";
import { callLoader, getRequest, payloadOf, statusOf } from "../support/requests";
import { readsOf, recordQueries } from "../support/query-counter";

// The reviewer's form and staff's application page are the two heaviest signed-in pages (issue 19): each read
// is counted here on the database handle, through the route's loader as a browser would ask for it.

type Workspace = Awaited<ReturnType<typeof reviewPage.loader>>;
type StaffPage = Awaited<ReturnType<typeof staffPage.loader>>;

async function underReview() {
  const built = await createApplicationForReview({ status: "under_review" });
  const reviewer = await createReviewer({ name: "Rita Reviewer" });
  const assignment = await createAssignment(built.application.id, reviewer.user.id, { status: "accepted" });
  return { ...built, reviewer, assignment };
}

test("the reviewer's form reads its assignment with the declared conflict, and its own reviews, once each", async () => {
  const { reviewer, assignment } = await underReview();
  const { result, queries } = await recordQueries(() => callLoader(reviewPage.loader, getRequest(`/review/${assignment.id}`, reviewer.cookie), { assignmentId: assignment.id }));
  expect(statusOf(result)).toBe(200);
  expect(readsOf(queries, "reviewer_assignments")).toHaveLength(1);
  // This revision's review and the earlier one to start from: one read.
  expect(readsOf(queries, "reviews")).toHaveLength(1);
  // Session, assignment, rubric, revisions, documents, reviews, and coverage's courses, modules, mappings, competencies and disputes.
  expect(queries).toHaveLength(11);
});

test("staff's application page derives who owes a review and whether staff may rule on disputes from reads it already makes", async () => {
  const { application } = await underReview();
  const staff = await createStaff();
  const { result, queries } = await recordQueries(() => callLoader(staffPage.loader, getRequest(`/admin/applications/${application.id}`, staff.cookie), { id: application.id }));
  expect(statusOf(result)).toBe(200);
  expect(payloadOf<StaffPage>(result).canResolveDisputes).toBe(true);
  expect(readsOf(queries, "applications").filter((q) => !/count\(\*\)/.test(q))).toHaveLength(1);
  expect(readsOf(queries, "conflicts")).toHaveLength(1);
  expect(queries).toHaveLength(20);
});

test("staff who declared a conflict with the organisation may not rule on its disputes, without another read", async () => {
  const { application, organisation } = await underReview();
  const staff = await createStaff();
  await declareConflict(staff.user.id, organisation.id);
  const page = await callLoader(staffPage.loader, getRequest(`/admin/applications/${application.id}`, staff.cookie), { id: application.id });
  expect(payloadOf<StaffPage>(page).canResolveDisputes).toBe(false);
});

test("each application's page lists its own disputes, found through the application, whatever another application holds", async () => {
  const framework = await createFramework();
  const rubric = await createRubric();
  const first = await createApplicationForReview({ status: "under_review", framework, rubric });
  const second = await createApplicationForReview({ status: "under_review", framework, rubric });
  const reviewer = await createReviewer({ name: "Rita Reviewer" });
  const firstAssignment = await createAssignment(first.application.id, reviewer.user.id, { status: "accepted" });
  const [one, two] = first.mappings;
  await db.insert(mappingDisputes).values([
    { mappingId: one.id, raisedBy: reviewer.user.id, note: "First, older", createdAt: new Date("2026-03-01T10:00:00Z") },
    { mappingId: two.id, raisedBy: reviewer.user.id, note: "First, newer", createdAt: new Date("2026-03-02T10:00:00Z") },
    { mappingId: one.id, raisedBy: reviewer.user.id, note: "First again", createdAt: new Date("2026-03-03T10:00:00Z") },
    { mappingId: second.mappings[0].id, raisedBy: reviewer.user.id, note: "Second's", createdAt: new Date("2026-03-01T11:00:00Z") },
  ]);
  const staff = await createStaff();
  // Each mapping's disputes, oldest first.
  const notes = (page: StaffPage) => Object.fromEntries(page.disputes.map((m) => [m.mappingId, m.disputes.map((d) => d.note)]));
  const firstPage = payloadOf<StaffPage>(await callLoader(staffPage.loader, getRequest(`/admin/applications/${first.application.id}`, staff.cookie), { id: first.application.id }));
  expect(notes(firstPage)).toEqual({ [one.id]: ["First, older", "First again"], [two.id]: ["First, newer"] });
  const secondPage = payloadOf<StaffPage>(await callLoader(staffPage.loader, getRequest(`/admin/applications/${second.application.id}`, staff.cookie), { id: second.application.id }));
  expect(notes(secondPage)).toEqual({ [second.mappings[0].id]: ["Second's"] });
  const ws = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${firstAssignment.id}`, reviewer.cookie), { assignmentId: firstAssignment.id }));
  expect(ws.disputes.map((m) => m.mappingId).sort()).toEqual([one.id, two.id].sort());
  // Under review, every mapping of the application may be disputed, and none of the other application's.
  expect(ws.disputable.map((m) => m.mappingId).sort()).toEqual(first.mappings.map((m) => m.id).sort());
});

test("a reviewer who may not dispute now is sent the disputes to read, not every mapping to choose from", async () => {
  const built = await createApplicationForReview({ status: "submitted" });
  const reviewer = await createReviewer();
  const assignment = await createAssignment(built.application.id, reviewer.user.id, { status: "accepted" });
  const ws = payloadOf<Workspace>(await callLoader(reviewPage.loader, getRequest(`/review/${assignment.id}`, reviewer.cookie), { assignmentId: assignment.id }));
  expect(ws.canDispute).toBe(false);
  expect(ws.disputable).toEqual([]);
  expect(ws.disputes).toEqual([]);
  expect(ws.coverage.courses).toHaveLength(1);
});
