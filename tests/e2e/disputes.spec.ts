/**
 * Staff rule on a reviewer's mapping dispute. The seed has one open dispute: reviewer2 disputed the TRAIT.2
 * mapping of Trait Bound Training's application under review.
 */
import { expect, openMail, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

const ORGANISATION = "Trait Bound Training";

test("staff uphold a dispute with a reason; the reviewer is emailed the ruling", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  await page.goto(`/admin/applications?status=under_review`);
  await page.getByRole("link", { name: ORGANISATION }).click();
  await expect(page.getByRole("heading", { level: 1, name: ORGANISATION })).toBeVisible();
  const section = page.getByRole("region", { name: "Mapping disputes" });
  const form = section.getByRole("form", { name: /Resolve Lukas Becker's dispute of TRAIT\.2/ });
  await expect(form).toBeVisible();

  // Nothing chosen and no reason: both fields say what is missing, and nothing is ruled.
  await form.getByRole("button", { name: "Resolve dispute" }).click();
  await expect(form.getByText(/choose/i).first()).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Reason" })).toHaveAttribute("aria-invalid", "true");

  await form.getByRole("radio", { name: /^Uphold/ }).check();
  await form.getByRole("textbox", { name: "Reason" }).fill("Agreed: no exercise practises trait bounds or where clauses.");
  await form.getByRole("button", { name: "Resolve dispute" }).click();
  await expect(section.getByRole("status")).toContainText("Dispute upheld");
  await expect(section).toContainText("Upheld");
  await expect(section.getByRole("form")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The reviewer who raised it hears of the ruling, with the reason.
  await openMail(page, "reviewer2@example.org", `Your mapping dispute was upheld: ${ORGANISATION}`);
  await expect(page.getByRole("article")).toContainText("no exercise practises trait bounds");
});
