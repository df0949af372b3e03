/**
 * Extension with a new course (issue 16, decision 039). Borrow & Co holds an active seeded accreditation: its
 * owner adds "Async Rust for Web Teams" through a short extension application; two reviewers score the new
 * course only (the accredited scope is shown as not under review); the board approves; the course appears in
 * the public profile and in the new credential, which verifies.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { mapFromList, personPage } from "./journey-helpers";
import { tinyPdf } from "./syllabus";
import { expectNoAxeViolations } from "./axe";

const ORGANISATION = "Borrow & Co";
const COURSE = "Async Rust for Web Teams";
const REVIEWERS = [
  { email: "reviewer1@example.org", name: "Priya Raman" },
  { email: "reviewer2@example.org", name: "Lukas Becker" },
];
const BOARD = ["board1@example.org", "board2@example.org", "board3@example.org"];

test("a provider extends its scope with a new course, reviewers score only the new course, the board approves; directory and credential show it", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const base = baseURL ?? "";
  const provider = await personPage(browser, base, "olivia@borrow-and-co.example");
  await provider.goto("/provider");
  await provider.getByRole("link", { name: /Change scope/ }).first().click();
  await expect(provider.getByRole("heading", { level: 1, name: /^Scope of certificate ACC-/ })).toBeVisible();
  const accreditationId = /\/provider\/accreditations\/([^/]+)\/scope/.exec(provider.url())?.[1] ?? "";
  const before = await (await provider.request.get(`/provider/accreditations/${accreditationId}/credential.json`)).text();
  expect(before).not.toContain(COURSE);
  await expectNoAxeViolations(provider);

  // ── The short extension application: the new course, its module, mapping, syllabus, declarations. ──
  await provider.getByRole("button", { name: "Start (or continue) an extension with a new course" }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Courses and syllabus modules" })).toBeVisible();
  const applicationId = /\/provider\/applications\/([^/]+)\/courses/.exec(provider.url())?.[1] ?? "";
  await expect(provider.getByRole("heading", { level: 2, name: /^Scope extension of certificate ACC-/ })).toBeVisible();
  await expectNoAxeViolations(provider);
  await provider.getByLabel("Course title").fill(COURSE);
  await provider.getByLabel("Level").selectOption("intermediate");
  await provider.getByLabel("Description").fill("Two days of async Rust for teams building web services: futures, Tokio, Axum.");
  await provider.getByLabel("Total hours").fill("14");
  await provider.getByLabel("Online, live").check();
  await provider.getByLabel("Languages").fill("English, Welsh");
  await provider.getByRole("button", { name: "Add course" }).click();
  const course = provider.getByRole("region", { name: COURSE });
  await expect(course).toBeVisible();
  const adder = course.locator("details").filter({ has: provider.getByText(`Add a module to ${COURSE}`) });
  if ((await adder.getAttribute("open")) === null) await adder.locator("summary").click();
  await adder.getByLabel("Module title").fill("Futures and Tokio");
  await adder.getByLabel("Learning outcomes").fill("Write, compose and run futures on the Tokio runtime");
  await adder.getByLabel("Hours").fill("7");
  await adder.getByRole("button", { name: "Add module" }).click();
  await expect(course.getByText("Futures and Tokio", { exact: true }).first()).toBeVisible();

  const sections = provider.getByRole("navigation", { name: /Application sections/ });
  await sections.getByRole("link", { name: /Competency mapping/ }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Competency mapping" })).toBeVisible();
  const article = provider.locator("article").filter({ has: provider.getByRole("heading", { level: 4, name: /Futures and Tokio/ }) });
  await mapFromList(article, "ASYNC.1");
  await expect(provider.getByRole("table", { name: "Competencies mapped to Futures and Tokio" })).toContainText("ASYNC.1");

  await sections.getByRole("link", { name: /Evidence documents/ }).click();
  await provider.getByLabel("What is it?").selectOption("syllabus");
  await provider.getByLabel("PDF file").setInputFiles({ name: "async-web-syllabus.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
  await provider.getByRole("button", { name: "Upload" }).click();
  await expect(provider.getByRole("link", { name: "async-web-syllabus.pdf" })).toBeVisible();

  await sections.getByRole("link", { name: /Declarations/ }).click();
  await provider.getByLabel(/information in this application is accurate/).check();
  await provider.getByLabel(/code of conduct/).check();
  await provider.getByLabel(/stores this application/).check();
  await provider.getByRole("button", { name: "Save declarations" }).click();
  await expect(sections).toContainText("6 of 6 sections complete");
  await sections.getByRole("link", { name: "Overview and submit" }).click();
  await expect(provider.getByText("Everything required is there.")).toBeVisible();
  await provider.getByRole("button", { name: "Submit application" }).click();
  await expect(provider.getByRole("status").filter({ hasText: "Submitted as revision 1" })).toBeVisible();

  // ── Staff assign two reviewers with the existing machinery; they accept; the review starts. ──
  const staff = await personPage(browser, base, "staff@example.org");
  const staffUrl = `/admin/applications/${applicationId}`;
  await staff.goto(staffUrl);
  for (const reviewer of REVIEWERS) {
    await staff.getByRole("group", { name: "Candidates" }).getByRole("radio", { name: reviewer.name }).check();
    await staff.getByRole("button", { name: "Assign reviewer" }).click();
    await expect(staff.getByRole("status")).toContainText("Reviewer assigned");
  }
  const reviewers: Page[] = [];
  for (const reviewer of REVIEWERS) {
    const page = await personPage(browser, base, reviewer.email);
    reviewers.push(page);
    await page.goto("/review");
    const request = page.getByRole("region", { name: ORGANISATION });
    await request.getByRole("checkbox", { name: /no conflict of interest with Borrow & Co/ }).check();
    await request.getByRole("button", { name: `Accept the review of ${ORGANISATION}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Review: ${ORGANISATION}` })).toBeVisible();
  }
  await staff.goto(staffUrl);
  await staff.getByRole("button", { name: "Start review" }).click();
  await expect(staff.getByRole("status")).toContainText("Review started");

  // ── Each reviewer sees the new course only, and what is accredited already as not under review. ──
  for (const page of reviewers) {
    await page.reload();
    await expect(page.getByRole("heading", { level: 2, name: /^Scope extension of certificate ACC-/ })).toBeVisible();
    await expect(page.getByText("not under review", { exact: true })).toBeVisible();
    await expect(page.getByText(COURSE).first()).toBeVisible();
    // The accredited courses are context, folded away; the coverage and the sheet are about the new course only.
    await expect(page.getByText("Rust Essentials (self-paced)").filter({ visible: true })).toHaveCount(0);
    await expectNoAxeViolations(page);
    const rubric = page.getByRole("form", { name: "Rubric" });
    const groups = rubric.getByRole("group").filter({ has: page.getByRole("radio", { name: /^0 —/ }) });
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole("radio", { name: /^4 —/ }).check();
    await rubric.getByRole("group", { name: "Your confidence in this review" }).getByRole("radio", { name: "High" }).check();
    await rubric.getByRole("group", { name: "Your recommendation" }).getByRole("radio", { name: "Accredit", exact: true }).check();
    await rubric.getByLabel("Summary").fill("A focused async course; the mapping to ASYNC.1 is justified.");
    await rubric.getByRole("button", { name: "Submit review" }).click();
    await page.getByRole("dialog", { name: /^Submit your review\?/ }).getByRole("button", { name: "Submit, final" }).click();
    await expect(page.getByRole("status")).toContainText("Review submitted");
    await page.context().close();
  }

  // ── Forwarded to the board, three approvals, staff record the decision. ──
  await staff.goto(staffUrl);
  await staff.getByLabel("Recommendation to the board").fill("Both reviewers recommend adding the course to the scope.");
  await staff.getByRole("button", { name: "Forward to the board" }).click();
  await expect(staff.getByRole("status")).toContainText("Forwarded to the board");
  for (const member of BOARD) {
    const page = await personPage(browser, base, member);
    await page.goto(`/board/${applicationId}`);
    await page.getByRole("group", { name: `Your vote on ${ORGANISATION}` }).getByRole("radio", { name: /^Approve$/ }).check();
    await page.getByRole("button", { name: "Cast my vote" }).click();
    await expect(page.getByRole("status")).toContainText("Your vote was recorded");
    await page.context().close();
  }
  await staff.goto(`${staffUrl}/decision`);
  await staff.getByRole("radio", { name: "Accredit" }).check();
  await staff.getByLabel("Meeting reference").fill("Board meeting, extension item");
  await staff.getByRole("button", { name: "Record the decision" }).click();
  await expect(staff.getByRole("status")).toContainText("Decision recorded");

  // ── The public profile and the new credential show the course; the new credential verifies. ──
  const visitor = await personPage(browser, base, null);
  await visitor.goto("/providers/borrow-and-co");
  await expect(visitor.getByRole("heading", { name: COURSE })).toBeVisible();
  await provider.goto(`/provider/accreditations/${accreditationId}/scope`);
  await expect(provider.getByRole("table", { name: "Accredited scope" })).toContainText(COURSE);
  const after = await (await provider.request.get(`/provider/accreditations/${accreditationId}/credential.json`)).text();
  expect(after).toContain(COURSE);
  expect(JSON.parse(after).id).not.toBe(JSON.parse(before).id);
  await visitor.goto("/verify");
  await visitor.getByLabel("Paste a credential (JSON)").fill(after);
  await visitor.getByRole("button", { name: "Check credential" }).click();
  await expect(visitor.getByRole("heading", { name: "This credential is genuine and in force" })).toBeVisible();
});
