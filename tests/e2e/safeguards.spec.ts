/**
 * A visitor complains about an accredited provider, confirms by the emailed link, staff investigate and ask the
 * provider, who answers without learning who complained; staff uphold it and suspend, and the verify page follows;
 * the provider appeals, a panel with no part in the suspension overturns it, and it is reinstated at once.
 */
import { expect, openMail, test } from "./fixtures";
import { appealSuspensionAndOverturn } from "./appeal-steps";
import { checkScreens } from "./screens-check";
import { expectNoAxeViolations } from "./axe";

const PROVIDER = "Ferris Academy";

test("a complaint from the public profile to a suspension, appealed and overturned", async ({ page, loginAs, context, mailLinkReadByStaff }) => {
  await page.goto("/providers/ferris-academy");
  await page.getByText("Complain about this provider").click();
  const form = page.getByRole("form", { name: `Complain about ${PROVIDER}` });
  // Bad input first: messages next to the fields, nothing filed.
  await form.getByRole("button", { name: "Send complaint" }).click();
  await expect(page.getByText("Enter your name").first()).toBeVisible();
  const again = page.getByRole("form", { name: `Complain about ${PROVIDER}` });
  await again.getByLabel("Your name").fill("Vera Visitor");
  await again.getByLabel("Your email address").fill("vera@example.net");
  await again.getByLabel("What happened").fill("The March course was taught by someone not listed as a trainer, and half the labs were skipped.");
  await again.getByRole("checkbox", { name: /true to the best of my knowledge/ }).check();
  // A person takes more than three seconds to write a complaint; the form refuses robots that do not.
  await page.waitForTimeout(3_200);
  await again.getByRole("button", { name: "Send complaint" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // The confirmation email, read as staff (the mailbox may be limited to staff or the recipient).
  await loginAs("staff@example.org");
  await openMail(page, "vera@example.net", `Confirm your complaint about ${PROVIDER}`);
  // A mailbox message and the complainant's private link exist only once this flow has made them: the screens check.
  await checkScreens(page, "staff", [{ route: "dev.mailbox.$id", path: new URL(page.url()).pathname }]);
  const link = await page.getByRole("article").getByRole("link", { name: /\/complaints\// }).first().getAttribute("href");
  expect(link).toBeTruthy();
  await context.clearCookies();
  const privateLink = new URL(link!, page.url());
  await checkScreens(page, "visitor", [{ route: "complaints.$token", path: privateLink.pathname + privateLink.search }]);
  await page.getByRole("button", { name: "Confirm my complaint" }).click();
  await expect(page.getByRole("status")).toContainText("reached the programme team");
  await expectNoAxeViolations(page);

  // Staff accept it and ask the provider.
  await loginAs("staff@example.org");
  await page.goto("/admin/complaints");
  await page.getByRole("link", { name: PROVIDER }).first().click();
  await page.getByRole("form", { name: "Accept for investigation" }).getByRole("button").click();
  const ask = page.getByRole("form", { name: "Ask the provider to respond" });
  await ask.getByRole("textbox").fill("Who taught the March course, and were all labs delivered?");
  await ask.getByRole("button").click();
  await expect(page.getByText("Waiting for the provider's response").first()).toBeVisible();
  const complaintUrl = page.url();

  // The provider answers, never seeing who complained.
  await context.clearCookies();
  await loginAs("owner1@example.org");
  await page.goto("/provider/complaints");
  await expect(page.getByText("The complainant asked not to be named to you.")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Vera");
  await expect(page.locator("main")).not.toContainText("vera@example.net");
  await page.getByLabel("Your response").fill("A substitute trainer taught it; the labs were shortened because of a room problem.");
  await page.getByRole("button", { name: "Send response" }).click();
  await expect(page.getByRole("status")).toContainText("Your response was sent");

  // Staff uphold it, propose suspension and carry it out; the verify page follows at once.
  await context.clearCookies();
  await loginAs("staff@example.org");
  await page.goto(complaintUrl);
  const uphold = page.getByRole("form", { name: "Uphold and propose suspension" });
  await uphold.getByRole("textbox").fill("Courses were delivered by an unlisted trainer with the syllabus cut.");
  await uphold.getByRole("button").click();
  const suspend = page.getByRole("form", { name: "Suspend the accreditation" });
  const certificate = (await suspend.getByRole("combobox").locator("option").first().textContent())?.trim() ?? "";
  await suspend.getByRole("textbox").fill("Complaint upheld: unlisted trainer, syllabus not delivered.");
  await suspend.getByRole("button").click();
  await expect(page.getByText("Closed").first()).toBeVisible();

  await context.clearCookies();
  await page.goto(`/verify/${certificate}`);
  await expect(page.getByRole("status").first()).toContainText("is suspended");

  // The provider appeals the suspension; an impartial panel overturns it; verify and the directory follow.
  await appealSuspensionAndOverturn({ page, context, loginAs, mailLinkReadByStaff }, { owner: "owner1@example.org", provider: PROVIDER, search: "Ferris" });
});
