import { request as playwrightRequest, type Page } from "@playwright/test";
import { expect, openMail, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// The seeded application awaiting decision: Zero Cost Academy (owner Lea Meier). The seed has board1 and
// board2 voting already; here all three members vote through the page (the first two confirm or change theirs).
const ORGANISATION = "Zero Cost Academy";
const OWNER = "lea@zero-cost.example";

async function vote(page: Page, choice: RegExp, comment: string) {
  await page.goto("/board");
  await expect(page.getByRole("heading", { level: 1, name: "Awaiting the board's decision" })).toBeVisible();
  await page.getByRole("heading", { level: 2, name: ORGANISATION }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: ORGANISATION })).toBeVisible();
  const form = page.getByRole("group", { name: `Your vote on ${ORGANISATION}` });
  await form.getByRole("radio", { name: choice }).check();
  await page.getByLabel("Comment").fill(comment);
  await page.getByRole("button", { name: /Cast my vote|Change my vote/ }).click();
  // board1 re-casts the vote the seed already holds: an identical vote is "already recorded" (and audited once).
  await expect(page.getByRole("status")).toContainText(/Your vote was (recorded|changed|already recorded)/);
  // After voting, the member sees the tally.
  await expect(page.getByText(/required votes cast/)).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

/** What an anonymous visitor (no cookies) gets for a public path: the origin's page cache answers these. */
async function anonymous(baseURL: string | undefined, path: string) {
  const context = await playwrightRequest.newContext({ baseURL });
  const response = await context.get(path);
  const result = { status: response.status(), cache: response.headers()["x-cache"], text: (await response.text()).replaceAll("<!-- -->", "") };
  await context.dispose();
  return result;
}

test("three board members vote, staff decide, the provider sees the certificate, staff suspend and reinstate it", async ({ page, loginAs, baseURL }) => {
  test.setTimeout(180_000);

  // Board member 3 has not voted: the tally is hidden until they do.
  await loginAs("board3@example.org");
  await page.goto("/board");
  await expectNoAxeViolations(page);
  await page.getByRole("heading", { level: 2, name: ORGANISATION }).getByRole("link").click();
  await expect(page.getByText("The tally is shown once you have voted")).toBeVisible();
  await expectNoAxeViolations(page);
  const applicationId = await vote(page, /^Approve$/, "Excellent trainers; coverage of the advanced competencies is thorough.");

  await loginAs("board1@example.org");
  await vote(page, /^Approve$/, "Strong trainers and a well-mapped advanced syllabus.");
  await loginAs("board2@example.org");
  await vote(page, /^Approve with conditions$/, "Assess the optimisation module's outcomes within six months.");
  await expect(page.getByRole("cell", { name: "3" }).first()).toBeVisible();

  // Staff record the decision on the board's behalf.
  await loginAs("staff@example.org");
  await page.goto(`/admin/applications/${applicationId}/decision`);
  await expect(page.getByRole("heading", { level: 1, name: `Decision: ${ORGANISATION}` })).toBeVisible();
  await expect(page.getByText("Quorum reached")).toBeVisible();
  await expectNoAxeViolations(page);
  // No outcome is chosen for staff, not even the majority's: recording without one is refused beside the field.
  await expect(page.getByRole("radio", { name: "Accredit" })).not.toBeChecked();
  await expect(page.getByRole("radio", { name: "Reject" })).not.toBeChecked();
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByText("Choose the outcome", { exact: true })).toBeVisible();
  await page.getByRole("radio", { name: "Accredit" }).check();
  await page.getByLabel("Conditions (if accredited)").fill("Assess the learning outcomes of the optimisation module within six months.");
  await page.getByLabel("Meeting reference").fill("Board meeting, item 3");
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByRole("status")).toContainText("Decision recorded");
  const certificate = (await page.getByRole("link", { name: /^ACC-\d{4}-\d{4,}$/ }).textContent())?.trim() ?? "";
  expect(certificate).toMatch(/^ACC-\d{4}-\d{4,}$/);
  await expect(page.getByRole("heading", { name: "The tally it rests on" })).toBeVisible();

  // The provider sees the certificate on their dashboard and the decision email in the mailbox.
  await loginAs(OWNER);
  await page.goto("/provider");
  const row = page.getByRole("row").filter({ hasText: certificate });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Active");
  await openMail(page, OWNER, `Accredited: certificate ${certificate}`);
  await expect(page.getByRole("article")).toContainText(`/verify/${certificate}`);

  // A visitor's verification is stored by the origin's page cache: the second request is a hit.
  expect((await anonymous(baseURL, `/verify/${certificate}`)).text).toContain("This certificate is active.");
  const cachedActive = await anonymous(baseURL, `/verify/${certificate}`);
  expect(cachedActive.cache).toBe("hit");
  expect(cachedActive.text).toContain("This certificate is active.");
  await anonymous(baseURL, `/api/v1/accreditations/${certificate}`);
  expect(JSON.parse((await anonymous(baseURL, `/api/v1/accreditations/${certificate}`)).text)).toMatchObject({ status: "active" });

  // Staff suspend it: the verify page says so at once.
  await loginAs("staff@example.org");
  await page.goto(`/admin/accreditations?q=${certificate}`);
  await expectNoAxeViolations(page);
  const listed = page.getByRole("row").filter({ hasText: certificate });
  await listed.getByText("Suspend or revoke").click();
  await listed.getByLabel(`Reason for ${certificate}`, { exact: true }).fill("Complaint about an unaccredited trainer, under investigation.");
  await listed.getByRole("button", { name: "Suspend", exact: true }).click();
  // Suspension asks first, in a dialog; Cancel leaves everything as it was.
  const confirm = page.getByRole("dialog", { name: `Suspend ${certificate}?` });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(page);
  await confirm.getByRole("button", { name: "Suspend now" }).click();
  await expect(page.getByRole("status")).toContainText(`Certificate ${certificate} suspended`);
  // The panel closed with the suspension; revoking needs the certificate number typed.
  await expect(page.getByRole("row").filter({ hasText: certificate }).getByLabel(`Type ${certificate} to confirm`)).toBeHidden();
  await page.goto(`/verify/${certificate}`);
  await expect(page.getByText("This certificate is suspended.")).toBeVisible();
  // …and so does every anonymous answer, though the active one was cached a moment ago.
  const afterSuspension = await anonymous(baseURL, `/verify/${certificate}`);
  expect(afterSuspension.cache).toBe("miss");
  expect(afterSuspension.text).toContain("This certificate is suspended.");
  expect(afterSuspension.text).not.toContain("This certificate is active.");
  expect(JSON.parse((await anonymous(baseURL, `/api/v1/accreditations/${certificate}`)).text)).toMatchObject({ status: "suspended" });

  // And reinstate it.
  await page.goto(`/admin/accreditations?q=${certificate}`);
  await page.getByRole("row").filter({ hasText: certificate }).getByRole("button", { name: `Reinstate ${certificate}` }).click();
  await expect(page.getByRole("status")).toContainText(`Certificate ${certificate} reinstated`);
  await page.goto(`/verify/${certificate}`);
  await expect(page.getByText("This certificate is active.")).toBeVisible();
  expect((await anonymous(baseURL, `/verify/${certificate}`)).text).toContain("This certificate is active.");
});
