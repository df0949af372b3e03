/**
 * Between grant and renewal (issue 16). The seed has three submitted applications with no reviewer yet
 * (Borrow Bench Academy, Async Harbour, Bare Metal Works) besides Safe Systems School, whose reviewers the
 * review spec works with, so the batch here leaves Safe Systems School out.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, openMail, test } from "./fixtures";

const BATCH = ["Borrow Bench Academy", "Async Harbour", "Bare Metal Works"];

test("staff approve a proposed auto-assignment for three applications; reviewers are emailed", async ({ page, loginAs }) => {
  test.slow();
  await loginAs("staff@example.org");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Auto-assign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Auto-assign reviewers" })).toBeVisible();
  const applications = page.getByRole("group", { name: "Applications" });
  for (const box of await applications.getByRole("checkbox").all()) await box.uncheck();

  // Nothing chosen and no reviewer count: each field says what is wrong, nothing is proposed.
  await page.getByLabel("Reviewers per application").fill("");
  await page.getByRole("button", { name: "Propose reviewers" }).click();
  await expect(applications.getByText("Choose at least one application")).toBeVisible();
  await expect(page.getByLabel("Reviewers per application")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/admin\/assignments$/);

  for (const name of BATCH) await applications.getByRole("checkbox", { name }).check();
  await page.getByLabel("Reviewers per application").fill("2");
  await page.getByRole("button", { name: "Propose reviewers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Proposed assignment" })).toBeVisible();
  await expect(page.getByText("6 assignments for 3 applications")).toBeVisible();
  const table = page.getByRole("table", { name: "Proposed reviewers per application" });
  for (const name of BATCH) await expect(table.getByRole("row").filter({ hasText: name }).getByRole("listitem")).toHaveCount(2);
  // Expertise decides: the embedded course goes to the embedded expert, the async one to the async expert.
  await expect(table.getByRole("row").filter({ hasText: "Bare Metal Works" })).toContainText("Aiko Tanaka");
  await expect(table.getByRole("row").filter({ hasText: "Async Harbour" })).toContainText("Lukas Becker");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Approve and notify reviewers" }).click();
  await expect(page.getByRole("status")).toContainText("Approved. The reviewers have been assigned");
  await expect(page.getByRole("button", { name: "Approve and notify reviewers" })).toHaveCount(0);

  await page.getByRole("link", { name: "Async Harbour" }).click();
  await expect(page.getByRole("table", { name: "Assigned reviewers" }).getByRole("row").filter({ hasText: "Lukas Becker" })).toContainText("Awaiting answer");
  await openMail(page, "reviewer2@example.org", /Async Harbour/);
});
