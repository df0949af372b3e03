import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./journey-helpers";
import { expectNoAxeViolations } from "./axe";

// The seeded application in `submitted`: Safe Systems School (owner Emily Tremblay). The seed already asked
// reviewer1 and reviewer3 to review it; staff add reviewer2, and reviewer1 and reviewer2 do the review.
const ORGANISATION = "Safe Systems School";
const OWNER = { email: "emily@safe-systems.example", name: "Emily Tremblay" };

async function acceptRequest(page: Page) {
  await page.goto("/review");
  await expectNoAxeViolations(page);
  const request = page.getByRole("region", { name: ORGANISATION });
  await request.getByRole("checkbox", { name: new RegExp(`no conflict of interest with ${ORGANISATION}`) }).check();
  await request.getByRole("button", { name: `Accept the review of ${ORGANISATION}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Review: ${ORGANISATION}` })).toBeVisible();
}

/** Score every criterion, save a draft, reload (the draft survives), then submit. */
async function scoreAndSubmit(page: Page, score: number, summary: string) {
  const rubric = page.getByRole("form", { name: "Rubric" });
  const groups = rubric.getByRole("group").filter({ has: page.getByRole("radio", { name: /^0 —/ }) });
  const count = await groups.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    await groups.nth(i).getByRole("radio", { name: new RegExp(`^${score} —`) }).check();
  }
  await rubric.getByRole("group", { name: "Your confidence in this review" }).getByRole("radio", { name: "High" }).check();
  await rubric.getByRole("group", { name: "Your recommendation" }).getByRole("radio", { name: "Accredit", exact: true }).check();
  await rubric.getByLabel("Summary").fill(summary);
  await rubric.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Draft saved");
  await page.reload();
  await expect(page.getByRole("form", { name: "Rubric" }).getByLabel("Summary")).toHaveValue(summary);
  await expect(groups.first().getByRole("radio", { name: new RegExp(`^${score} —`) })).toBeChecked();
  await page.getByRole("form", { name: "Rubric" }).getByRole("button", { name: "Submit review" }).click();
  // Submitting is final, so it asks first; Cancel leaves the draft as it was.
  const confirm = page.getByRole("dialog", { name: /^Submit your review\?/ });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("form", { name: "Rubric" }).getByLabel("Summary")).toHaveValue(summary);
  await page.getByRole("form", { name: "Rubric" }).getByRole("button", { name: "Submit review" }).click();
  await confirm.getByRole("button", { name: "Submit, final" }).click();
  await expect(page.getByRole("status")).toContainText("Review submitted");
  await expect(page.getByRole("button", { name: "Submit review" })).toHaveCount(0);
}

async function openReview(page: Page) {
  await page.goto("/review");
  await page.getByRole("link", { name: ORGANISATION }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Review: ${ORGANISATION}` })).toBeVisible();
}

test("staff screen and assign, reviewers score two rounds, a member is refused, staff forward to the board", async ({ page, loginAs, baseURL }) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;

  // The owner of the applying organisation is also made a reviewer, so staff could be tempted to assign her.
  await loginAs("staff@example.org");
  await page.goto(`/admin/users?q=${encodeURIComponent(OWNER.email)}`);
  await page.getByRole("link", { name: OWNER.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: OWNER.name })).toBeVisible();
  await page.getByLabel(`Role to grant ${OWNER.name}`).selectOption("reviewer");
  await page.getByRole("button", { name: `Grant role to ${OWNER.name}` }).click();
  await expect(page.getByRole("status")).toContainText("Granted the reviewer role");

  // Screening: the list, filtered to submitted applications.
  await page.goto("/admin/applications");
  await page.getByLabel("Status").selectOption("submitted");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=submitted/);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: ORGANISATION }).click();
  await expect(page.getByRole("heading", { level: 1, name: ORGANISATION })).toBeVisible();
  const applicationUrl = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  // Starting the review too early is refused: nobody has accepted yet.
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("alert")).toContainText("at least 2 reviewers");

  // The member is listed as not assignable, and the radio is disabled...
  const candidates = page.getByRole("group", { name: "Candidates" });
  const ownerRow = candidates.getByRole("row").filter({ hasText: OWNER.name });
  await expect(ownerRow).toContainText("Not assignable: Member of the applying organisation");
  const ownerRadio = ownerRow.getByRole("radio");
  await expect(ownerRadio).toBeDisabled();
  const ownerId = await ownerRadio.getAttribute("value");
  // ...and a hand-made request is refused by the server.
  const forged = await page.request.post(applicationUrl, {
    form: { intent: "assign", reviewerId: ownerId!, dueDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(409);

  // Assign reviewer2 (reviewer1 and reviewer3 were already asked by the seed).
  await candidates.getByRole("radio", { name: "Lukas Becker" }).check();
  await page.getByRole("button", { name: "Assign reviewer" }).click();
  await expect(page.getByRole("status")).toContainText("Reviewer assigned");
  const assigned = page.getByRole("table", { name: "Assigned reviewers" });
  await expect(assigned.getByRole("row").filter({ hasText: "Lukas Becker" })).toContainText("Awaiting answer");
  await expect(assigned.getByRole("row").filter({ hasText: OWNER.name })).toHaveCount(0);

  // Each reviewer accepts after declaring no conflict.
  for (const reviewer of ["reviewer1@example.org", "reviewer2@example.org"]) {
    await loginAs(reviewer);
    await acceptRequest(page);
    await expect(page.getByText("Scoring opens when the programme team starts the review")).toBeVisible();
  }

  await loginAs("staff@example.org");
  await page.goto(applicationUrl);
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status")).toContainText("Review started");

  // Round 1: each reviewer scores and submits; other reviews show only afterwards.
  await loginAs("reviewer1@example.org");
  await openReview(page);
  await expect(page.getByRole("heading", { name: /All reviews of revision/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await scoreAndSubmit(page, 3, "Round one: solid, assessment could be clearer.");
  await loginAs("reviewer2@example.org");
  await openReview(page);
  await scoreAndSubmit(page, 2, "Round one: the fuzzing module needs exercises.");
  await expect(page.getByRole("heading", { name: "All reviews of revision 1" })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: "Priya Raman" })).toContainText("Round one: solid");

  // Staff request changes.
  await loginAs("staff@example.org");
  await page.goto(applicationUrl);
  await page.getByLabel("Message to the provider").fill("Thank you. Please address the reviewers' points before we continue.");
  await page.getByLabel("What must change").fill("Add exercises to the fuzzing module\nDescribe how outcomes are assessed");
  await page.getByRole("button", { name: "Request changes" }).click();
  await expect(page.getByRole("status")).toContainText("Changes requested");

  // The provider resubmits with a response (revision 2).
  await loginAs(OWNER.email);
  await resubmitAsProvider(page, applicationUrl.split("/").pop()!);

  await loginAs("staff@example.org");
  await page.goto(applicationUrl);
  await expect(page.getByText(/revision 2/).first()).toBeVisible();
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("status")).toContainText("Review started");

  // Round 2: the same reviewers review revision 2.
  for (const [reviewer, score] of [
    ["reviewer1@example.org", 4],
    ["reviewer2@example.org", 3],
  ] as const) {
    await loginAs(reviewer);
    await openReview(page);
    await expect(page.getByRole("heading", { name: "Your review of revision 2" })).toBeVisible();
    await expect(page.getByText("We added graded fuzzing exercises.")).toBeVisible();
    await scoreAndSubmit(page, score, `Round two from ${reviewer}: addressed.`);
  }

  // Staff forward to the board with a recommendation.
  await loginAs("staff@example.org");
  await page.goto(applicationUrl);
  await expect(page.getByRole("heading", { name: "Rounds side by side" })).toBeVisible();
  await expect(page.getByText("Every reviewer has submitted a review of revision 2.")).toBeVisible();
  await page.getByLabel("Recommendation to the board").fill("Both reviewers recommend accreditation after the changes.");
  await page.getByRole("button", { name: "Forward to the board" }).click();
  await expect(page.getByRole("status")).toContainText("Forwarded to the board");
  await expect(page.getByText("Awaiting decision").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Record the decision" })).toHaveAttribute("href", `${applicationUrl}/decision`);
  // The decision page (the board area's) nests under this one and replaces it rather than sitting below it.
  await page.getByRole("link", { name: "Record the decision" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Decision: ${ORGANISATION}` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Screening" })).toHaveCount(0);
});

/** The provider's side belongs to the applications area: read the change request, write a response, resubmit. */
async function resubmitAsProvider(page: Page, applicationId: string) {
  await page.goto(`/provider/applications/${applicationId}`);
  await expect(page.getByText("Add exercises to the fuzzing module")).toBeVisible();
  await page.getByLabel("Your response to the change request").fill("We added graded fuzzing exercises.");
  await page.getByRole("button", { name: "Resubmit application" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Submitted as revision 2" })).toBeVisible();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reviewer's saved draft renders in the HTML and saves again with a plain form post", async ({ page, loginAs }) => {
    // The seed gives reviewer1 a half-written draft on Trait Bound Training's application under review.
    await loginAs("reviewer1@example.org");
    await page.goto("/review");
    await page.getByRole("link", { name: "Trait Bound Training" }).click();
    const rubric = page.getByRole("form", { name: "Rubric" });
    const scored = rubric.getByRole("radio", { checked: true });
    const before = await scored.count();
    expect(before).toBeGreaterThan(0);
    await rubric.getByLabel("Summary").fill("Halfway: trait bounds need practice.");
    await rubric.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status")).toContainText("Draft saved");
    await expect(page.getByRole("form", { name: "Rubric" }).getByLabel("Summary")).toHaveValue("Halfway: trait bounds need practice.");
    await expect(page.getByRole("form", { name: "Rubric" }).getByRole("radio", { checked: true })).toHaveCount(before);

    // Submitting with criteria unscored is refused next to the fields, and nothing typed is lost.
    // Without JavaScript there is no dialog: a required tick beside the button asks instead.
    await page.getByRole("form", { name: "Rubric" }).getByRole("checkbox", { name: "I understand a submitted review cannot be changed" }).check();
    await page.getByRole("form", { name: "Rubric" }).getByRole("button", { name: "Submit review" }).click();
    await expect(page.getByRole("alert")).toContainText("saved as a draft but not submitted");
    await expect(page.getByRole("form", { name: "Rubric" }).getByLabel("Summary")).toHaveValue("Halfway: trait bounds need practice.");
  });
});

test("a reviewer's draft saves itself: the change survives a reload without pressing Save, and the total updates as scores change", async ({ page, loginAs }) => {
  await loginAs("reviewer1@example.org");
  await page.goto("/review");
  await page.getByRole("link", { name: "Trait Bound Training" }).click();
  const rubric = page.getByRole("form", { name: "Rubric" });
  const note = `Autosaved note ${Date.now()}`;
  await rubric.getByLabel("Summary").fill(note);
  await expect(rubric.getByText(/^Draft saved \d/)).toBeVisible();

  // The live total follows the scores chosen, before anything is saved by hand.
  const total = rubric.getByText(/^Weighted total:/);
  const criteria = rubric.getByRole("group").filter({ has: page.getByRole("radio", { name: /^0 —/ }) });
  await criteria.first().getByRole("radio", { name: /^4 —/ }).check();
  const high = await total.textContent();
  await criteria.first().getByRole("radio", { name: /^0 —/ }).check();
  await expect(total).not.toHaveText(high ?? "");
  await expect(rubric.getByText(/^Draft saved \d/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole("form", { name: "Rubric" }).getByLabel("Summary")).toHaveValue(note);
  await expect(criteria.first().getByRole("radio", { name: /^0 —/ })).toBeChecked();
});

test("on a wide screen the application and the scoring sit side by side, the scoring in view while reading; on a phone, one after the other", async ({ page, loginAs }) => {
  await loginAs("reviewer1@example.org");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/review");
  await page.getByRole("link", { name: "Trait Bound Training" }).click();
  const scoring = page.getByRole("region", { name: /^Your review of revision/ });
  const application = page.getByRole("region", { name: /^The application \(revision/ });
  const [s, a] = [await scoring.boundingBox(), await application.boundingBox()];
  expect(s && a && s.x > a.x + a.width - 1, "the scoring is to the right of the application").toBe(true);
  // Far down the application, the scoring is still on screen.
  await page.getByRole("region", { name: "Documents" }).scrollIntoViewIfNeeded();
  await expect(scoring.getByRole("heading", { level: 2 })).toBeInViewport();
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 390, height: 900 });
  const [s2, a2] = [await scoring.boundingBox(), await application.boundingBox()];
  expect(s2 && a2 && s2.y > a2.y, "on a phone the scoring follows the application").toBe(true);
});

/** reviewer1's review of Trait Bound Training's application, in a context with JavaScript on or off. */
async function openTraitBoundReview(browser: Browser, baseURL: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL });
  await signIn(context, baseURL, "reviewer1@example.org");
  const page = await context.newPage();
  await page.goto("/review");
  await page.getByRole("link", { name: "Trait Bound Training" }).click();
  return { context, page };
}

test("a mapping is disputed from its cell in the coverage matrix: the form opens with it chosen, with JavaScript on and off", async ({ browser, baseURL }) => {
  for (const javaScriptEnabled of [true, false]) {
    const { context, page } = await openTraitBoundReview(browser, baseURL ?? "", javaScriptEnabled);
    const matrix = page.getByRole("region", { name: "Coverage" });
    const cell = matrix.getByRole("link", { name: /: dispute \S+ in / }).first();
    const name = (await cell.textContent()) ?? "";
    const [, code, module] = name.match(/: dispute (\S+) in (.+)$/) ?? [];
    await cell.click();
    await expect(page).toHaveURL(/[?&]dispute=[0-9a-f-]{36}#dispute-form$/);
    const form = page.getByRole("form", { name: "Dispute a mapping" });
    const mapping = form.getByLabel("Mapping");
    const chosen = mapping.locator("option:checked");
    await expect(chosen, `JavaScript ${javaScriptEnabled ? "on" : "off"}`).toHaveText(new RegExp(`^${code.replace(/\./g, "\\.")} `));
    await expect(mapping.locator("option:checked").locator("xpath=..")).toHaveAttribute("label", new RegExp(`› ${module.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    if (javaScriptEnabled) {
      await expect(form.getByLabel("Why the mapping is wrong")).toBeFocused();
      await expectNoAxeViolations(page);
    }
    await context.close();
  }
});

test("one course's heat map at a time: a course's name shows its heat map, in place with JavaScript, by link without", async ({ browser, baseURL }) => {
  for (const javaScriptEnabled of [true, false]) {
    const { context, page } = await openTraitBoundReview(browser, baseURL ?? "", javaScriptEnabled);
    const matrix = page.getByRole("region", { name: "Coverage" });
    const summary = matrix.getByRole("table", { name: "Core coverage by course" });
    await expect(summary).toBeVisible();
    const [first, second] = (await summary.locator("tbody th").allTextContents()).map((t) => t.replace(/ \(heat map below\)$/, ""));
    expect(second, "the application under review has two courses").toBeTruthy();
    // The first course's heat map is shown, and it is marked as the current one; the second's is a link away.
    await expect(matrix.getByRole("table", { name: `Coverage of ${first}: competencies by module` })).toBeVisible();
    await expect(matrix.getByRole("table", { name: `Coverage of ${second}: competencies by module` })).toHaveCount(0);
    await expect(summary.locator('[aria-current="true"]')).toHaveText(`${first} (heat map below)`);
    if (javaScriptEnabled) await page.evaluate(() => Object.assign(window, { samePage: true }));
    await summary.getByRole("link", { name: `${second}: show its heat map` }).click();
    await expect(page).toHaveURL(/[?&]course=[0-9a-f-]{36}#coverage-[0-9a-f-]{36}$/);
    await expect(matrix.getByRole("table", { name: `Coverage of ${second}: competencies by module` })).toBeVisible();
    await expect(matrix.getByRole("table", { name: `Coverage of ${first}: competencies by module` })).toHaveCount(0);
    await expect(summary.getByRole("link", { name: `${first}: show its heat map` })).toBeVisible();
    if (javaScriptEnabled) {
      expect(await page.evaluate(() => "samePage" in window), "swapped in place, no new document").toBe(true);
      await expectNoAxeViolations(page);
    }
    await context.close();
  }
});
