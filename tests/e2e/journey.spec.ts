/**
 * The whole mission, as its people do it, in Chromium against the built app on a freshly seeded database:
 * a new provider signs up and applies; staff screen and assign; two reviewers score; changes are requested
 * and answered; the reviewers review revision 2; the board votes; staff decide; the provider is listed in
 * the directory; a visitor verifies the certificate; staff suspend it and the visitor sees that.
 * Each person has their own browser context. Every page visited is screenshotted into
 * test-results/journey/ and scanned by axe (WCAG 2.2 AA and best practices); the violations are asserted empty at the end.
 */
import type { Page } from "@playwright/test";
import { expect, followMailLink, test } from "./fixtures";
import { JourneyRecorder, mapFromList, personPage } from "./journey-helpers";
import { FOUNDATIONS_MODULES, tinyPdf } from "./syllabus";

const REVIEWERS = [
  { email: "reviewer1@example.org", name: "Priya Raman" },
  { email: "reviewer2@example.org", name: "Lukas Becker" },
];
const BOARD = ["board1@example.org", "board2@example.org", "board3@example.org"];

/** The mail pages show the message's HTML in a sandboxed iframe: the email is not an app page, so axe leaves it out. */
const MAIL_FRAME = { exclude: ["iframe.mail-frame"] };

test("the whole journey: apply, review twice, board, decision, directory, verify, suspend", async ({ browser, baseURL }) => {
  // About three minutes on a quiet machine; the margin is for a busy CI runner.
  test.setTimeout(480_000);
  const base = baseURL!;
  const journey = new JourneyRecorder();
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const organisation = `Journey Crab Works ${suffix}`;
  const slug = `journey-crab-${suffix}`;
  const email = `jo-${suffix}@example.org`;

  // ── The provider signs up and confirms the address from the mail. ─────────────────────────────────
  const provider = await personPage(browser, base, null);
  await provider.goto("/signup");
  await journey.step(provider, "signup-form");
  await provider.getByLabel("Your name").fill("Jo Journey");
  await provider.getByLabel("Email address").fill(email);
  await provider.getByLabel("Password").fill("ferris crab journey 2026");
  await provider.getByRole("button", { name: "Create account" }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
  await journey.step(provider, "signup-confirm-sent");

  await openMailIn(provider, email, "Confirm your email address");
  await journey.step(provider, "verification-mail", MAIL_FRAME);
  await followMailLink(provider, "/verify-email?token=");
  await expect(provider.getByRole("heading", { level: 1, name: `Confirm ${email}` })).toBeVisible();
  await journey.step(provider, "verify-email-confirm");
  await provider.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Email address confirmed" })).toBeVisible();
  await journey.step(provider, "email-confirmed");

  // ── An organisation. ──────────────────────────────────────────────────────────────────────────────
  await provider.goto("/provider");
  await expect(provider.getByText("You are not part of a training organisation yet")).toBeVisible();
  await journey.step(provider, "provider-empty-dashboard");
  await provider.locator(".empty-state").getByRole("link", { name: "Create an organisation" }).click();
  await provider.getByLabel("Display name").fill(organisation);
  await provider.getByLabel("Legal name").fill(`${organisation} Ltd`);
  await provider.getByLabel("Address name").fill(slug);
  await provider.getByLabel("Website (optional)").fill("https://journey-crab.example");
  await provider.getByLabel("Country").fill("NL");
  await provider.getByLabel("Description").fill("Practical Rust courses for embedded and backend teams in the Netherlands.");
  await provider.getByLabel("Contact email").fill(email);
  await journey.step(provider, "organisation-form");
  await provider.getByRole("button", { name: "Create organisation" }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "My organisation" })).toBeVisible();
  await journey.step(provider, "organisation-created");

  // ── The application: trainer, course and modules, mapping, evidence, declarations. ───────────────
  await provider.locator(".empty-state").getByRole("link", { name: "Start an application" }).click();
  await journey.step(provider, "application-start");
  await provider.getByRole("button", { name: "Start the application" }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Organisation profile" })).toBeVisible();
  const applicationId = new URL(provider.url()).pathname.split("/")[3];
  expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
  await journey.step(provider, "application-organisation");
  const sections = provider.getByRole("navigation", { name: "Application sections" });

  await sections.getByRole("link", { name: /Trainers/ }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Trainers" })).toBeVisible();
  await provider.getByLabel("Name", { exact: true }).fill("Tom Trainer");
  await provider.getByLabel("Qualifications").fill("BSc Electronics; eight years of embedded Rust, five of teaching");
  await provider.getByLabel("Years of Rust experience").fill("8");
  await provider.getByRole("button", { name: "Add trainer" }).click();
  await expect(provider.getByRole("heading", { level: 2, name: "Tom Trainer" })).toBeVisible();
  await journey.step(provider, "application-trainer");

  await sections.getByRole("link", { name: /Courses and modules/ }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Courses and syllabus modules" })).toBeVisible();
  await provider.getByLabel("Course title").fill("Rust from Zero");
  await provider.getByLabel("Level").selectOption("foundation");
  await provider.getByLabel("Description").fill("Three days from zero to confident, tested Rust.");
  await provider.getByLabel("Total hours").fill("21");
  await provider.getByLabel("In person").check();
  await provider.getByLabel("Languages").fill("English, Dutch");
  await provider.getByRole("button", { name: "Add course" }).click();
  const course = provider.getByRole("region", { name: "Rust from Zero" });
  await expect(course).toBeVisible();
  for (const m of FOUNDATIONS_MODULES) {
    const adder = course.locator("details").filter({ has: provider.getByText("Add a module to Rust from Zero") });
    if ((await adder.getAttribute("open")) === null) await adder.locator("summary").click();
    await adder.getByLabel("Module title").fill(m.title);
    await adder.getByLabel("Learning outcomes").fill(m.outcomes);
    await adder.getByLabel("Hours").fill("5");
    await adder.getByRole("button", { name: "Add module" }).click();
    await expect(course.getByText(m.title, { exact: true }).first()).toBeVisible();
  }
  await journey.step(provider, "application-course-modules");

  await sections.getByRole("link", { name: /Competency mapping/ }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Competency mapping" })).toBeVisible();
  await journey.step(provider, "application-mapping-empty");
  let fromSuggestions = 0;
  for (const m of FOUNDATIONS_MODULES) {
    for (const code of m.codes) {
      const suggestion = provider.getByRole("button", { name: new RegExp(`^Add as practised: ${code.replace(".", "\\.")} to ${m.title}$`) });
      if ((await suggestion.count()) > 0) {
        await suggestion.click();
        fromSuggestions += 1;
      } else {
        // The suggester did not offer this one: map it from the module's own list.
        const article = provider.locator("article").filter({ has: provider.getByRole("heading", { level: 4, name: new RegExp(m.title) }) });
        await mapFromList(article, code);
      }
      await expect(provider.getByRole("table", { name: `Competencies mapped to ${m.title}` })).toContainText(code);
    }
  }
  expect(fromSuggestions, "most mappings came from the suggestion buttons").toBeGreaterThanOrEqual(10);
  await expect(provider.getByText(/Core coverage: 100%/)).toBeVisible();
  await journey.step(provider, "application-mapping-complete");

  await sections.getByRole("link", { name: /Evidence documents/ }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Evidence documents" })).toBeVisible();
  await provider.getByLabel("What is it?").selectOption("syllabus");
  await provider.getByLabel("PDF file").setInputFiles({ name: "rust-from-zero-syllabus.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
  await provider.getByRole("button", { name: "Upload" }).click();
  await expect(provider.getByRole("link", { name: "rust-from-zero-syllabus.pdf" })).toBeVisible();
  await journey.step(provider, "application-evidence");

  await sections.getByRole("link", { name: /Declarations/ }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Declarations" })).toBeVisible();
  await provider.getByLabel(/information in this application is accurate/).check();
  await provider.getByLabel(/code of conduct/).check();
  await provider.getByLabel(/stores this application/).check();
  await expect(provider.getByLabel("Your full name, as signature")).toHaveValue("Jo Journey");
  await provider.getByRole("button", { name: "Save declarations" }).click();
  await expect(sections).toContainText("6 of 6 sections complete");
  await journey.step(provider, "application-declarations");

  await sections.getByRole("link", { name: "Overview and submit" }).click();
  await expect(provider.getByRole("heading", { level: 1, name: "Review and submit" })).toBeVisible();
  await expect(provider.getByText("Everything required is there.")).toBeVisible();
  await journey.step(provider, "application-ready-to-submit");
  await provider.getByRole("button", { name: "Submit application" }).click();
  await expect(provider.getByRole("status").filter({ hasText: "Submitted as revision 1" })).toBeVisible();
  await journey.step(provider, "application-submitted");
  await openMailIn(provider, email, `We received ${organisation}'s application`);
  await journey.step(provider, "submission-mail", MAIL_FRAME);

  // ── Staff screen it and assign reviewer1 and reviewer2. ──────────────────────────────────────────
  const staff = await personPage(browser, base, "staff@example.org");
  await staff.goto("/admin/applications");
  await staff.getByLabel("Status").selectOption("submitted");
  await staff.getByRole("button", { name: "Apply" }).click();
  await expect(staff).toHaveURL(/status=submitted/);
  await journey.step(staff, "staff-submitted-list");
  await staff.getByRole("link", { name: organisation }).click();
  await expect(staff.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
  const staffApplicationUrl = `/admin/applications/${applicationId}`;
  expect(new URL(staff.url()).pathname).toBe(staffApplicationUrl);
  await journey.step(staff, "staff-screening");
  for (const reviewer of REVIEWERS) {
    await staff.getByRole("group", { name: "Candidates" }).getByRole("radio", { name: reviewer.name }).check();
    await staff.getByRole("button", { name: "Assign reviewer" }).click();
    await expect(staff.getByRole("status")).toContainText("Reviewer assigned");
    await expect(staff.getByRole("table", { name: "Assigned reviewers" }).getByRole("row").filter({ hasText: reviewer.name })).toContainText("Awaiting answer");
  }
  await journey.step(staff, "staff-reviewers-assigned");

  // ── Both reviewers accept, declaring no conflict. ────────────────────────────────────────────────
  const reviewers: Page[] = [];
  for (const [i, reviewer] of REVIEWERS.entries()) {
    const page = await personPage(browser, base, reviewer.email);
    reviewers.push(page);
    await openMailIn(page, reviewer.email, `Review requested: ${organisation}`);
    await journey.step(page, `reviewer${i + 1}-request-mail`, MAIL_FRAME);
    await page.goto("/review");
    const request = page.getByRole("region", { name: organisation });
    await expect(request).toBeVisible();
    await journey.step(page, `reviewer${i + 1}-queue`);
    await request.getByRole("checkbox", { name: new RegExp(`no conflict of interest with ${escape(organisation)}`) }).check();
    await request.getByRole("button", { name: `Accept the review of ${organisation}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Review: ${organisation}` })).toBeVisible();
    await expect(page.getByText("Scoring opens when the programme team starts the review")).toBeVisible();
    await journey.step(page, `reviewer${i + 1}-accepted`);
  }

  await staff.goto(staffApplicationUrl);
  await staff.getByRole("button", { name: "Start review" }).click();
  await expect(staff.getByRole("status")).toContainText("Review started");
  await journey.step(staff, "staff-review-started");

  // ── Round 1: each reviewer scores every criterion and submits. ───────────────────────────────────
  for (const [i, page] of reviewers.entries()) {
    await openReview(page, organisation);
    await journey.step(page, `reviewer${i + 1}-round1-open`);
    await scoreAndSubmit(page, i === 0 ? 3 : 2, `Round one from reviewer ${i + 1}: assessment of outcomes needs describing.`, "Accredit with conditions");
    await journey.step(page, `reviewer${i + 1}-round1-submitted`);
  }

  // ── Staff request changes. ───────────────────────────────────────────────────────────────────────
  await staff.goto(staffApplicationUrl);
  await expect(staff.getByText("Every reviewer has submitted a review of revision 1.")).toBeVisible();
  await journey.step(staff, "staff-round1-reviewed");
  await staff.getByLabel("Message to the provider").fill("Thank you. Please answer the reviewers' points before we continue.");
  await staff.getByLabel("What must change").fill("Describe how the learning outcomes are assessed\nAdd a final project");
  await staff.getByRole("button", { name: "Request changes" }).click();
  await expect(staff.getByRole("status")).toContainText("Changes requested");
  await journey.step(staff, "staff-changes-requested");

  // ── The provider answers and resubmits (revision 2). ─────────────────────────────────────────────
  await openMailIn(provider, email, `Changes requested to the application of ${organisation}`);
  await journey.step(provider, "changes-requested-mail", MAIL_FRAME);
  await provider.goto(`/provider/applications/${applicationId}`);
  await expect(provider.getByText("Describe how the learning outcomes are assessed")).toBeVisible();
  await journey.step(provider, "provider-change-request");
  await provider.getByLabel("Your response to the change request").fill("Each module now ends with a graded exercise, and the course ends with a final project.");
  await provider.getByRole("button", { name: "Resubmit application" }).click();
  await expect(provider.getByRole("status").filter({ hasText: "Submitted as revision 2" })).toBeVisible();
  await journey.step(provider, "provider-resubmitted");

  await staff.goto(staffApplicationUrl);
  await expect(staff.getByText(/revision 2/).first()).toBeVisible();
  await staff.getByRole("button", { name: "Start review" }).click();
  await expect(staff.getByRole("status")).toContainText("Review started");
  await journey.step(staff, "staff-round2-started");

  // ── Round 2: both reviewers review revision 2. ───────────────────────────────────────────────────
  for (const [i, page] of reviewers.entries()) {
    await openReview(page, organisation);
    await expect(page.getByRole("heading", { name: "Your review of revision 2" })).toBeVisible();
    await expect(page.getByText("Each module now ends with a graded exercise")).toBeVisible();
    await journey.step(page, `reviewer${i + 1}-round2-open`);
    await scoreAndSubmit(page, 4, `Round two from reviewer ${i + 1}: the changes answer our points.`, "Accredit");
    await journey.step(page, `reviewer${i + 1}-round2-submitted`);
  }

  // ── Staff forward to the board. ──────────────────────────────────────────────────────────────────
  await staff.goto(staffApplicationUrl);
  await expect(staff.getByText("Every reviewer has submitted a review of revision 2.")).toBeVisible();
  await journey.step(staff, "staff-round2-reviewed");
  await staff.getByLabel("Recommendation to the board").fill("Both reviewers recommend accreditation after the changes.");
  await staff.getByRole("button", { name: "Forward to the board" }).click();
  await expect(staff.getByRole("status")).toContainText("Forwarded to the board");
  await journey.step(staff, "staff-forwarded");

  // ── The three board members approve. ────────────────────────────────────────────────────────────
  for (const [i, member] of BOARD.entries()) {
    const page = await personPage(browser, base, member);
    await page.goto("/board");
    await expect(page.getByRole("heading", { level: 1, name: "Awaiting the board's decision" })).toBeVisible();
    await journey.step(page, `board${i + 1}-queue`);
    await page.getByRole("heading", { level: 2, name: organisation }).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
    await journey.step(page, `board${i + 1}-application`);
    await page.getByRole("group", { name: `Your vote on ${organisation}` }).getByRole("radio", { name: /^Approve$/ }).check();
    await page.getByLabel("Comment").fill(`Approve: board member ${i + 1} is satisfied with the revised course.`);
    await page.getByRole("button", { name: "Cast my vote" }).click();
    await expect(page.getByRole("status")).toContainText("Your vote was recorded");
    await expect(page.getByText(/required votes cast/)).toBeVisible();
    await journey.step(page, `board${i + 1}-voted`);
    await page.context().close();
  }

  // ── Staff record the decision: accredited. ───────────────────────────────────────────────────────
  await staff.goto(`${staffApplicationUrl}/decision`);
  await expect(staff.getByRole("heading", { level: 1, name: `Decision: ${organisation}` })).toBeVisible();
  await expect(staff.getByText("Quorum reached")).toBeVisible();
  await journey.step(staff, "staff-decision-form");
  await staff.getByRole("radio", { name: "Accredit" }).check();
  await staff.getByLabel("Meeting reference").fill("Board meeting, journey item");
  await staff.getByRole("button", { name: "Record the decision" }).click();
  await expect(staff.getByRole("status")).toContainText("Decision recorded");
  const certificate = ((await staff.getByRole("link", { name: /^ACC-\d{4}-\d{4,}$/ }).textContent()) ?? "").trim();
  expect(certificate).toMatch(/^ACC-\d{4}-\d{4,}$/);
  await journey.step(staff, "staff-decision-recorded");

  await provider.goto("/provider");
  await expect(provider.getByRole("row").filter({ hasText: certificate })).toContainText("Active");
  await journey.step(provider, "provider-accredited");
  await openMailIn(provider, email, `Accredited: certificate ${certificate}`);
  await journey.step(provider, "accredited-mail", MAIL_FRAME);

  // ── A visitor finds the provider in the directory and verifies the certificate. ──────────────────
  const visitor = await personPage(browser, base, null);
  await visitor.goto(`/providers?q=${encodeURIComponent(organisation)}`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Accredited providers" })).toBeVisible();
  const hit = visitor.getByRole("link", { name: organisation });
  await expect(hit).toBeVisible();
  await journey.step(visitor, "directory-search");
  await hit.click();
  await expect(visitor).toHaveURL(new RegExp(`/providers/${slug}$`));
  await expect(visitor.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
  await expect(visitor.getByRole("table")).toContainText("Rust from Zero");
  await journey.step(visitor, "directory-profile");
  await visitor.goto(`/verify/${certificate}`);
  await expect(visitor.getByRole("heading", { level: 1, name: `Certificate ${certificate}` })).toBeVisible();
  await expect(visitor.getByRole("status")).toContainText("This certificate is active.");
  await expect(visitor.getByRole("link", { name: organisation })).toBeVisible();
  await journey.step(visitor, "verify-active");

  // ── Staff suspend it; the visitor sees it suspended. ─────────────────────────────────────────────
  await staff.goto(`/admin/accreditations?q=${certificate}`);
  const listed = staff.getByRole("row").filter({ hasText: certificate });
  await listed.getByText("Suspend or revoke").click();
  await listed.getByLabel(`Reason for ${certificate}`).fill("Complaint under investigation.");
  await journey.step(staff, "staff-suspend-form");
  await listed.getByRole("button", { name: "Suspend", exact: true }).click();
  // Suspension asks first, in a dialog.
  await staff.getByRole("dialog", { name: /^Suspend ACC-/ }).getByRole("button", { name: "Suspend now" }).click();
  await expect(staff.getByRole("status")).toContainText(`Certificate ${certificate} suspended`);
  await journey.step(staff, "staff-suspended");

  await visitor.reload();
  await expect(visitor.getByRole("status")).toContainText("This certificate is suspended.");
  await journey.step(visitor, "verify-suspended");

  for (const page of [provider, staff, visitor, ...reviewers]) await page.context().close();

  expect(journey.scanned.length).toBeGreaterThan(40);
  expect(journey.violations, `axe (WCAG 2.2 AA and best practices) found violations on the journey's pages:\n${journey.violations.join("\n")}`).toEqual([]);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Like fixtures' openMail, for a page of any context: reload the mailbox until the message arrives, then open it. */
async function openMailIn(page: Page, to: string, subject: string | RegExp): Promise<void> {
  const link = () => page.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject }).first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(link()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await link().click();
  await expect(page.getByRole("heading", { level: 2, name: subject })).toBeVisible();
}

async function openReview(page: Page, organisation: string) {
  await page.goto("/review");
  await page.getByRole("link", { name: organisation }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Review: ${organisation}` })).toBeVisible();
}

/** Score every criterion of the rubric, state confidence and recommendation, and submit. */
async function scoreAndSubmit(page: Page, score: number, summary: string, recommendation: string) {
  const rubric = page.getByRole("form", { name: "Rubric" });
  const groups = rubric.getByRole("group").filter({ has: page.getByRole("radio", { name: /^0 —/ }) });
  const count = await groups.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    await groups.nth(i).getByRole("radio", { name: new RegExp(`^${score} —`) }).check();
  }
  await rubric.getByRole("group", { name: "Your confidence in this review" }).getByRole("radio", { name: "High" }).check();
  await rubric.getByRole("group", { name: "Your recommendation" }).getByRole("radio", { name: recommendation, exact: true }).check();
  await rubric.getByLabel("Summary").fill(summary);
  await rubric.getByRole("button", { name: "Submit review" }).click();
  await page.getByRole("dialog", { name: /^Submit your review\?/ }).getByRole("button", { name: "Submit, final" }).click();
  await expect(page.getByRole("status")).toContainText("Review submitted");
  await expect(page.getByRole("button", { name: "Submit review" })).toHaveCount(0);
}
