import { expect, test } from "vitest";
import { REVIEW_ACTIONS, REVIEW_ROLES, REVIEW_STATUSES, reviewActions } from "~/domain/review-sheet";

test("a reviewer saves and submits a draft (a sheet not saved yet is one); a submitted sheet and anyone else get nothing", () => {
  expect(reviewActions(null, "reviewer")).toEqual(["save", "submit"]);
  expect(reviewActions("draft", "reviewer")).toEqual(["save", "submit"]);
  expect(reviewActions("submitted", "reviewer")).toEqual([]);
  for (const status of [null, ...REVIEW_STATUSES]) for (const role of REVIEW_ROLES.filter((r) => r !== "reviewer")) expect(reviewActions(status, role), `${status} ${role}`).toEqual([]);
  expect(REVIEW_ACTIONS).toEqual(["save", "submit"]);
});
