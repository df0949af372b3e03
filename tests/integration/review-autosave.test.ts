/**
 * Reviewer autosave (issue 17): the rubric posts the draft through a fetcher a moment after each change. The action
 * answers such a post with data (a redirect would navigate the page away), stores the draft on the server exactly as
 * "Save draft" does, and never submits; the workspace is not reloaded after it.
 */
import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { auditEvents, reviews } from "../../db/schema";
import * as reviewPage from "~/routes/review.$assignmentId";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import { createApplicationForReview, createAssignment, createReviewer } from "../support/factories-review";

test("an autosave stores the draft and answers with data; a reload shows it; it never submits", async () => {
  const { application, rubric } = await createApplicationForReview({ status: "under_review" });
  const reviewer = await createReviewer();
  const assignment = await createAssignment(application.id, reviewer.user.id, { status: "accepted" });
  const path = `/review/${assignment.id}`;
  const params = { assignmentId: assignment.id };
  const [first] = rubric.criteria;

  const fields: Record<string, string> = { intent: "save", autosave: "1", summary: "Typed, never saved by hand.", confidence: "", recommendation: "" };
  for (const c of rubric.criteria) {
    fields[`score_${c.id}`] = c.id === first.id ? "4" : "";
    fields[`comment_${c.id}`] = "";
  }
  const answer = await callAction(reviewPage.action, postRequest(path, fields, reviewer.cookie), params);
  expect(statusOf(answer)).toBe(200);
  expect(payloadOf<{ intent: string; savedAt: string }>(answer)).toEqual({ intent: "autosave", savedAt: expect.any(String) });

  const reloaded = payloadOf<{ review: { status: string; summary: string; scores: Record<string, { score: number | null }> } }>(
    await callLoader(reviewPage.loader, getRequest(path, reviewer.cookie), params),
  );
  expect(reloaded.review).toMatchObject({ status: "draft", summary: "Typed, never saved by hand." });
  expect(reloaded.review.scores[first.id].score).toBe(4);

  // An autosave that says "submit" is still only a save when the sheet is incomplete: refused, kept as a draft.
  const sneaky = await callAction(reviewPage.action, postRequest(path, { ...fields, intent: "submit" }, reviewer.cookie), params);
  expect(statusOf(sneaky)).toBe(400);
  const [row] = await db.select().from(reviews).where(eq(reviews.assignmentId, assignment.id));
  expect(row.status).toBe("draft");
  expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "review.submitted"))).toHaveLength(0);

  // The page is not reloaded after an autosave, and is after anything else.
  const revalidate = (formData?: FormData) =>
    reviewPage.shouldRevalidate({ formData, defaultShouldRevalidate: true } as Parameters<typeof reviewPage.shouldRevalidate>[0]);
  const autosaveForm = new FormData();
  autosaveForm.set("autosave", "1");
  expect(revalidate(autosaveForm)).toBe(false);
  expect(revalidate(new FormData())).toBe(true);
  expect(revalidate(undefined)).toBe(true);
});
