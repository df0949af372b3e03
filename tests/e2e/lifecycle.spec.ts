/**
 * Between grant and renewal (issue 16). The seed has three submitted applications with no reviewer yet
 * (Borrow Bench Academy, Async Harbour, Bare Metal Works) besides Safe Systems School, whose reviewers the
 * review spec works with, so the batch here leaves Safe Systems School out.
 */
import { expect, openMail, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

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
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Approve and notify reviewers" }).click();
  await expect(page.getByRole("status")).toContainText("Approved. The reviewers have been assigned");
  await expect(page.getByRole("button", { name: "Approve and notify reviewers" })).toHaveCount(0);

  await page.getByRole("link", { name: "Async Harbour" }).click();
  await expect(page.getByRole("table", { name: "Assigned reviewers" }).getByRole("row").filter({ hasText: "Lukas Becker" })).toContainText("Awaiting answer");
  await openMail(page, "reviewer2@example.org", /Async Harbour/);
});

// Kernel Crafters' accreditation has its second anniversary 36 days after the seed's day: the scheduler opened
// that year's report when the server started and sent the 60-day reminder.
test("an accredited provider files its annual report and staff accept it", async ({ page, loginAs }) => {
  test.slow();
  await loginAs("arjun@kernel-crafters.example");
  await page.goto("/provider");
  const reports = page.getByRole("table", { name: "Annual reports" });
  await reports.getByRole("link", { name: "Kernel Crafters" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Annual report, year 2: Kernel Crafters/ })).toBeVisible();

  // A count that is not a number is refused next to its field, and what was typed stays.
  await page.getByLabel("Course runs delivered this year").fill("9");
  await page.getByLabel("Learners trained").fill("-5");
  await page.getByLabel("Trainer changes").fill("Ravi joined for the embedded course.");
  await page.getByLabel("Complaints received").fill("0");
  await page.getByRole("button", { name: "File annual report" }).click();
  await expect(page.getByText("Number of learners must be at least 0")).toBeVisible();
  await expect(page.getByLabel("Trainer changes")).toHaveValue("Ravi joined for the embedded course.");

  await page.getByLabel("Learners trained").fill("85");
  await page.getByRole("button", { name: "File annual report" }).click();
  await expect(page.getByRole("status")).toContainText("Report filed");
  await expect(page.getByText("Ravi joined for the embedded course.")).toBeVisible();
  await expectNoAxeViolations(page);

  await loginAs("staff@example.org");
  await page.goto("/admin/reports");
  await page.getByRole("table", { name: "Annual reports" }).getByRole("row").filter({ hasText: "Submitted, awaiting review" }).getByRole("link", { name: "Kernel Crafters" }).click();
  await expect(page.getByText("Ravi joined for the embedded course.")).toBeVisible();
  await page.getByRole("radio", { name: "Accept the report" }).check();
  await page.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByRole("status")).toContainText("Review recorded: accepted");
  await expectNoAxeViolations(page);

  await openMail(page, "arjun@kernel-crafters.example", "Your annual report was accepted: Kernel Crafters");
});

test("overdue annual reports are flagged on the staff dashboard", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  await page.goto("/admin");
  // Borrow & Co's first-year report fell due about four months ago and was never filed.
  await expect(page.getByRole("table", { name: "Overdue annual reports" }).getByRole("row").filter({ hasText: "Borrow & Co" })).toContainText("Overdue");
});
