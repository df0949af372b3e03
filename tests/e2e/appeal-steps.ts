/**
 * The appeal of a suspension, from the provider's dashboard to the reinstatement: the member of staff who recorded
 * the suspension may not choose the panel, so a colleague (invited here) constitutes one of board members with no
 * part in it; a panel member overturns it, and the verify page and the directory show the accreditation active at
 * once. Used after the seeded suspension (appeals.spec.ts) and after a complaint's (safeguards.spec.ts).
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

const unique = (name: string) => `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.org`;

type Steps = {
  page: Page;
  context: BrowserContext;
  loginAs: (email: string, password?: string) => Promise<void>;
  mailLinkReadByStaff: (to: string, subject: string | RegExp, path: string) => Promise<string>;
};

export async function appealSuspensionAndOverturn(
  { page, context, loginAs, mailLinkReadByStaff }: Steps,
  { owner, provider, search }: { owner: string; provider: string; search: string },
) {
  // A second member of staff, who took no part in the suspension.
  const clerk = unique("clerk");
  await loginAs("staff@example.org");
  await page.goto("/admin/invitations");
  await page.getByLabel("Email address").fill(clerk);
  await page.getByLabel("Role").selectOption("staff");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${clerk}`);
  await context.clearCookies();
  await page.goto(await mailLinkReadByStaff(clerk, "You are invited to join the foundation as a member of staff", "/invitations/"));
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Your name").fill("Cleo Clerk");
  await page.getByLabel("Password").fill("appeals clerk 2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation accepted");

  // The provider appeals from its dashboard; bad input first gets messages next to the fields.
  await context.clearCookies();
  await loginAs(owner);
  await page.goto("/provider");
  const row = page.getByRole("row").filter({ hasText: "Suspended" });
  const certificate = ((await row.getByRole("rowheader").first().textContent()) ?? "").match(/ACC-\d{4}-\d{4,}/)?.[0] ?? "";
  expect(certificate).not.toBe("");
  await row.getByRole("link", { name: /^Appeal/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Appeals" })).toBeVisible();
  await page.getByRole("button", { name: "Lodge appeal" }).click();
  await expect(page.getByText("Choose the decision you appeal against").first()).toBeVisible();
  await page.getByLabel("Grounds for appeal").fill("Too short.");
  await page.getByRole("radio", { name: new RegExp(`Suspension of certificate ${certificate}`) }).check();
  await page.getByRole("button", { name: "Lodge appeal" }).click();
  await expect(page.getByText(/at least 50 characters/i).first()).toBeVisible();
  await page
    .getByLabel("Grounds for appeal")
    .fill("A qualified trainer, Kari Nilsen, joined in the spring and has delivered every course since; the suspension rests on an outdated trainer list.");
  await page.getByRole("button", { name: "Lodge appeal" }).click();
  await expect(page.getByRole("status")).toContainText("Your appeal was lodged");
  await expect(page.getByText("Lodged, waiting for a panel").first()).toBeVisible();
  // A supporting document: a PDF only.
  await page.getByLabel("PDF document").setInputFiles({ name: "trainer-contract.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") });
  await page.getByRole("button", { name: "Add document" }).click();
  await expect(page.getByRole("status")).toContainText("The document was added");
  await expect(page.getByRole("link", { name: "trainer-contract.pdf" })).toBeVisible();
  const appealPath = new URL(page.url()).pathname;
  const appealId = appealPath.split("/").pop()!;
  await expectNoAxeViolations(page);

  // The member of staff who recorded the suspension sees the appeal but may not choose its panel.
  await context.clearCookies();
  await loginAs("staff@example.org");
  await page.goto(`/admin/appeals/${appealId}`);
  await expect(page.getByText("You recorded the decision under appeal")).toBeVisible();
  await expect(page.getByRole("button", { name: "Constitute the panel" })).toHaveCount(0);

  // The colleague constitutes it from board members with no part in the decision.
  await context.clearCookies();
  await loginAs(clerk, "appeals clerk 2026");
  await page.goto("/admin/appeals");
  await page.getByRole("link", { name: provider }).click();
  await page.getByRole("button", { name: "Constitute the panel" }).click();
  await expect(page.getByText("Choose at least 1 board member for the panel").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "trainer-contract.pdf" })).toBeVisible();
  await page.getByRole("checkbox", { name: "María González" }).check();
  await page.getByRole("checkbox", { name: "Tom Whitfield" }).check();
  await page.getByRole("button", { name: "Constitute the panel" }).click();
  await expect(page.getByRole("status")).toContainText("Panel constituted");
  await expect(page.getByText("Being heard by the panel").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // A board member off the panel cannot open it.
  await context.clearCookies();
  await loginAs("board3@example.org");
  const offPanel = await page.goto(`/board/appeals/${appealId}`);
  expect(offPanel?.status()).toBe(404);

  // A panel member overturns the suspension.
  await context.clearCookies();
  await loginAs("board1@example.org");
  await page.goto("/board/appeals");
  await page.getByRole("link", { name: provider }).click();
  await page.getByRole("button", { name: "Record the finding" }).click();
  await expect(page.getByText("Choose upheld or overturned").first()).toBeVisible();
  await page.getByRole("radio", { name: "Overturned" }).check();
  await page.getByLabel("The panel's reasons").fill("A qualified, reviewed trainer has delivered every course since April; the ground for suspension no longer held.");
  await page.getByRole("button", { name: "Record the finding" }).click();
  await expect(page.getByRole("status")).toContainText("The panel's finding was recorded");
  await expect(page.getByText("Overturned").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The provider reads the finding; the verify page and the directory follow at once.
  await context.clearCookies();
  await loginAs(owner);
  await page.goto(appealPath);
  await expect(page.getByText("The accreditation is reinstated and a new credential issued.")).toBeVisible();
  await expectNoAxeViolations(page);
  await context.clearCookies();
  await page.goto(`/verify/${certificate}`);
  await expect(page.getByRole("status").first()).toContainText("is active");
  await page.goto(`/providers?q=${encodeURIComponent(search)}`);
  await expect(page.getByRole("link", { name: provider }).first()).toBeVisible();
}
