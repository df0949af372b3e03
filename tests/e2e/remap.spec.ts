import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";
import { checkScreens } from "./screens-check";

// Borrow & Co is accredited on the published framework; no other spec signs in as its owner.
const OWNER = "olivia@borrow-and-co.example";

/** Borrow & Co's task to re-map to `version`, in the staff list: by its Version cell, since "3" is also in ACC-2025-0003. */
function taskRow(page: Page, version: number) {
  return page.getByRole("row", { name: /Borrow & Co/ }).filter({ has: page.locator('td[data-label="Version"]', { hasText: new RegExp(`^${version}$`) }) });
}

test("staff publish a new framework version, the provider completes its re-mapping task, staff see it completed", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  await page.goto("/admin/framework");
  const publishedRow = page.getByRole("row").filter({ has: page.locator(".badge", { hasText: /^Published$/ }) });
  const oldVersion = Number((await publishedRow.getByRole("link").first().textContent())!.replace(/\D/g, ""));
  // Borrow & Co follows the seed's framework version (the oldest listed): no other spec re-maps it, while another spec
  // may already have published versions after it, so the diff starts there, not at the last published one.
  const versionNumbers = await page.getByRole("link", { name: /^Version \d+$/ }).allTextContents();
  const followedVersion = Math.min(...versionNumbers.map((t) => Number(t.replace(/\D/g, ""))));
  // One draft at a time (decision 057): a draft another spec left behind (the admin spec's re-import) is what the list
  // offers to continue; it is deleted, so the new draft is a copy of the published version.
  const leftover = page.getByRole("link", { name: /^Continue draft version \d+$/ });
  if ((await leftover.count()) > 0) {
    await expect(page.getByRole("button", { name: /^New draft/ })).toHaveCount(0);
    await leftover.click();
    await page.getByRole("button", { name: "Delete this draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Competency framework" })).toBeVisible();
  }
  await page.getByRole("button", { name: `New draft from version ${oldVersion}` }).click();
  const heading = page.getByRole("heading", { level: 1, name: /Framework version \d+/ });
  await expect(heading).toContainText("Draft");
  const version = Number((await heading.textContent())!.match(/Framework version (\d+)/)![1]);

  // Reword OWN.2: modules mapped to it must be mapped again; the rest carries over.
  await page.getByRole("link", { name: /^Edit OWN\.2 / }).click();
  const editor = page.locator(".inline-editor");
  await editor.getByLabel("Title", { exact: true }).fill("Borrow, reborrow and split borrows");
  await editor.getByRole("button", { name: "Save OWN.2" }).click();
  await expect(page.getByRole("status")).toContainText("Saved OWN.2");
  await page.getByRole("button", { name: `Publish version ${version}` }).click();
  await expect(page.getByRole("status")).toContainText(`Version ${version} is published`);
  await page.getByRole("link", { name: /accredited providers got a re-mapping task/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Re-mapping/ })).toBeVisible();
  await expect(taskRow(page, version)).toContainText("Open");
  // An older version's task still open (another spec may have published one) is replaced, not left open beside it.
  await expect(page.getByRole("row", { name: /Borrow & Co/ }).filter({ hasText: /Open/ })).toHaveCount(1);
  await expectNoAxeViolations(page);

  await page.context().clearCookies();
  await loginAs(OWNER);
  await page.goto("/provider");
  await page.locator("p.alert", { hasText: `Framework version ${version} is published` }).getByRole("link", { name: /re-map certificate/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`framework version ${version}`) })).toBeVisible();
  await expect(page.getByRole("region", { name: `What changed from version ${followedVersion} to version ${version}` })).toContainText("OWN.2");
  // A re-mapping task exists only once a version is published: the screens check on both sides of it.
  await checkScreens(page, "provider-owner", [{ route: "provider.remap.$id", path: new URL(page.url()).pathname }]);

  // Too early: refused beside the button.
  await page.getByRole("button", { name: "Complete re-mapping" }).click();
  await expect(page.locator("#complete-error")).toContainText("Not yet");

  // Map each module that lost OWN.2 (a bad try first: nothing chosen).
  const toMap = page.locator("article").filter({ has: page.locator(".badge", { hasText: /^To map$/ }) });
  let first = true;
  while ((await toMap.count()) > 0) {
    const item = toMap.first();
    if (first) {
      await item.getByRole("radio", { name: "Practised" }).check();
      await item.getByRole("button", { name: /Save mapping of/ }).click();
      await expect(item.locator(".field-error")).toContainText("Choose at least one competency");
      first = false;
    }
    await item.getByRole("checkbox", { name: /^OWN\.2 / }).check();
    await item.getByRole("radio", { name: "Practised" }).check();
    await item.getByRole("button", { name: /Save mapping of/ }).click();
    await expect(page.getByRole("status")).toContainText("Mapping saved");
  }
  await page.getByRole("button", { name: "Complete re-mapping" }).click();
  await expect(page.getByRole("status")).toContainText(`Your courses now follow version ${version}`);
  await expect(page.getByRole("region", { name: "History" })).toContainText("Re-mapping completed");
  await expectNoAxeViolations(page);

  await page.context().clearCookies();
  await loginAs("staff@example.org");
  await page.goto("/admin/remap");
  const row = taskRow(page, version);
  await expect(row).toContainText("Completed");
  await row.getByRole("link").click();
  await expect(page.getByRole("region", { name: "History" })).toContainText("Re-mapping completed");
  await checkScreens(page, "staff", [{ route: "admin.remap.$id", path: new URL(page.url()).pathname }]);
});
