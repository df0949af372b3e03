/**
 * Delta review on a material change (issue 16, decision 045). Rustbelt Training holds an active seeded
 * accreditation that no other spec touches: its owner reports a syllabus change; staff open a delta review of
 * "Rust Bootcamp" (bad input first: no course chosen); the owner finds the delta application from the reported
 * change and from the dashboard, with the rest of the scope shown as not under review. The board's path to the
 * replaced scope is the integration test's (tests/integration/delta-reviews.test.ts).
 */
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

const OWNER = "dana@rustbelt-training.example";
const ORGANISATION = "Rustbelt Training";

test("a provider reports a syllabus change, staff open a delta review of one course, the provider finds the delta application", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs(OWNER);
  await page.goto("/provider");
  await page.getByRole("link", { name: /Report a change/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Changes reported for certificate ACC-/ })).toBeVisible();
  const changesUrl = page.url();
  const report = page.getByRole("form", { name: "Report a change" });
  await report.getByLabel("What changed").selectOption({ label: "Syllabus changed" });
  await report.getByLabel("Date of the change").fill("2026-04-01");
  await report.getByLabel("Details").fill("Rust Bootcamp now spends a day on async and drops the FFI module.");
  await report.getByRole("button", { name: "Report change" }).click();
  await expect(page.getByRole("status")).toContainText("Change reported");

  await loginAs("staff@example.org");
  await page.goto("/admin/material-changes");
  await page.getByRole("link", { name: ORGANISATION }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: `${ORGANISATION}: syllabus changed` })).toBeVisible();
  const delta = page.getByRole("form", { name: "Open a delta review" });
  // A syllabus change preselects every accredited course.
  await expect(delta.getByRole("checkbox", { name: "Rust Bootcamp" })).toBeChecked();
  await expect(delta.getByRole("checkbox", { name: "Systems Programming in Rust" })).toBeChecked();
  await expectNoAxeViolations(page);

  // None chosen: the message sits beside the choices and the note stays.
  await delta.getByRole("checkbox", { name: "Rust Bootcamp" }).uncheck();
  await delta.getByRole("checkbox", { name: "Systems Programming in Rust" }).uncheck();
  await delta.getByLabel("What to revise").fill("Show the new async day and how FFI is now covered.");
  await delta.getByRole("button", { name: "Open the delta review" }).click();
  await expect(delta.getByText("Choose at least one accredited course to review")).toBeVisible();
  await expect(delta.getByLabel("What to revise")).toHaveValue("Show the new async day and how FFI is now covered.");
  await expectNoAxeViolations(page);

  await delta.getByRole("checkbox", { name: "Rust Bootcamp" }).check();
  await delta.getByRole("button", { name: "Open the delta review" }).click();
  await expect(page.getByRole("status")).toContainText("delta review opened");
  await expect(page.getByRole("link", { name: "open the delta application" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Open a delta review" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await loginAs(OWNER);
  await page.goto(changesUrl);
  await expect(page.getByText("From the programme team: Show the new async day and how FFI is now covered.")).toBeVisible();
  await page.getByRole("link", { name: "revise the courses in the delta application" }).click();
  await expect(page.getByRole("heading", { name: /^Delta review of certificate ACC-/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Accredited today — replaced by this review's courses" })).toContainText("Rust Bootcamp");
  await expectNoAxeViolations(page);
  await page.locator("summary", { hasText: "Already accredited — not under review" }).click();
  await expect(page.getByRole("region", { name: "Already accredited — not under review" })).toContainText("Systems Programming in Rust");
  await expect(page.getByRole("region", { name: "Already accredited — not under review" })).not.toContainText("Rust Bootcamp");

  await page.goto("/provider");
  await expect(page.getByText("Delta review").first()).toBeVisible();
  await expectNoAxeViolations(page);
});
