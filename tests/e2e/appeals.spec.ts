/**
 * A provider whose accreditation is suspended (in the seed) appeals, an impartial panel overturns the suspension
 * and the provider is reinstated: tests/e2e/appeal-steps.ts. The chain from a complaint to the same end is
 * tests/e2e/safeguards.spec.ts.
 */
import { test } from "./fixtures";
import { appealSuspensionAndOverturn } from "./appeal-steps";

test("a suspension appealed, heard by an impartial panel and overturned: the provider is reinstated", async ({ page, loginAs, context, mailLinkReadByStaff }) => {
  await appealSuspensionAndOverturn({ page, context, loginAs, mailLinkReadByStaff }, { owner: "ingrid@fjord-systems.example", provider: "Fjord Systems Academy", search: "Fjord" });
});
