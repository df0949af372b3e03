import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// Ferris Academy (owner1) holds an active seeded accreditation; its credential is issued on first use.
async function pasteAndCheck(page: Page, credential: string) {
  await page.goto("/verify");
  await page.getByLabel("Paste a credential (JSON)").fill(credential);
  await page.getByRole("button", { name: "Check credential" }).click();
  return page.getByRole("list", { name: "Checks" });
}

test("a provider downloads its certificate and badge; a visitor verifies the credential, which fails on status once suspended", async ({ page, browser, loginAs }) => {
  test.setTimeout(180_000);
  await loginAs("owner1@example.org");
  await page.goto("/provider");
  await page.getByRole("link", { name: /Certificate and badge/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Certificate of accreditation" })).toBeVisible();
  await expect(page.getByText("Ferris Academy", { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code linking to .*\/verify\/ACC-/ })).toBeVisible();
  const certificate = (await page.locator(".certificate-footer dd.mono").textContent())?.trim() ?? "";
  expect(certificate).toMatch(/^ACC-\d{4}-\d{4}$/);
  await expectNoAxeViolations(page);

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Signed credential (.json)" }).click()]);
  const credential = await readFile((await jsonDownload.path()) ?? "", "utf8");
  expect(JSON.parse(credential)).toMatchObject({ type: ["VerifiableCredential", "OpenBadgeCredential"], proof: { cryptosuite: "eddsa-rdfc-2022" } });
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Badge (SVG)" }).click()]);
  expect(await readFile((await svgDownload.path()) ?? "", "utf8")).toContain("<openbadges:credential>");
  const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "badge (PNG)" }).click()]);
  expect(pngDownload.suggestedFilename()).toBe(`${certificate}.badge.png`);
  await expect(page.getByRole("link", { name: "Add to LinkedIn profile" })).toHaveAttribute("href", /^https:\/\/www\.linkedin\.com\/profile\/add\?startTask=CERTIFICATION_NAME/);
  await expect(page.getByRole("img", { name: `Status badge of ${certificate}` })).toBeVisible();

  // A visitor, with no account, pastes the credential.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const checks = await pasteAndCheck(visitor, credential);
  await expect(visitor.getByRole("heading", { name: "This credential is genuine and in force" })).toBeVisible();
  for (const label of ["Open Badges 3.0 credential", "Issued by this foundation", "Signature", "Validity dates", "Not revoked or suspended"]) {
    await expect(checks.getByRole("listitem").filter({ hasText: label })).toContainText("passed");
  }
  await expectNoAxeViolations(visitor);

  // Staff suspend the accreditation.
  await loginAs("staff@example.org");
  await page.goto(`/admin/accreditations?q=${certificate}`);
  const listed = page.getByRole("row").filter({ hasText: certificate });
  await listed.getByText("Suspend or revoke").click();
  await listed.getByLabel(`Reason for ${certificate}`).fill("Complaint under investigation.");
  await listed.getByRole("button", { name: "Suspend", exact: true }).click();
  // Suspension asks first, in a dialog.
  await page.getByRole("dialog", { name: /^Suspend ACC-/ }).getByRole("button", { name: "Suspend now" }).click();
  await expect(page.getByRole("status")).toContainText(`Certificate ${certificate} suspended`);

  // The same paste now fails on status, and only on status.
  const after = await pasteAndCheck(visitor, credential);
  await expect(visitor.getByRole("heading", { name: "This credential does not verify" })).toBeVisible();
  await expect(after.getByRole("listitem").filter({ hasText: "Not revoked or suspended" })).toContainText("failed");
  await expect(after.getByRole("listitem").filter({ hasText: "Signature" })).toContainText("passed");
  await visitorContext.close();

  // Leave the shared demo as it was for other specs: reinstate (which issues a fresh credential).
  await page.goto(`/admin/accreditations?q=${certificate}`);
  await page.getByRole("row").filter({ hasText: certificate }).getByRole("button", { name: "Reinstate" }).click();
  await expect(page.getByRole("status")).toContainText(`Certificate ${certificate} reinstated`);
});
