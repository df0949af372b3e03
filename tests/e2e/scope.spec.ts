/**
 * Scope changes (issue 16, decision 033). Sakura Rust School holds an active seeded accreditation that no other
 * spec touches: its owner asks to teach "WebAssembly with Rust" in Korean, self-paced too; staff approve; the
 * profile and a new credential show it, and the credential issued before the change no longer verifies.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

async function pasteAndCheck(page: Page, credential: string) {
  await page.goto("/verify");
  await page.getByLabel("Paste a credential (JSON)").fill(credential);
  await page.getByRole("button", { name: "Check credential" }).click();
  return page.getByRole("list", { name: "Checks" });
}

test("a provider extends its scope, staff approve; the profile and a new credential show it, and the old credential is revoked", async ({ page, browser, loginAs }) => {
  test.setTimeout(180_000);
  await loginAs("yuki@sakura-rust.example");
  await page.goto("/provider");
  await page.getByRole("link", { name: /Change scope/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Scope of certificate ACC-/ })).toBeVisible();
  const accreditationId = /\/provider\/accreditations\/([^/]+)\/scope/.exec(page.url())?.[1] ?? "";
  const before = await (await page.request.get(`/provider/accreditations/${accreditationId}/credential.json`)).text();
  expect(before).not.toContain("Self-paced");
  await expectNoAxeViolations(page);

  // Nothing chosen: each field says what is missing, and what was typed stays.
  const extend = page.getByRole("form", { name: "Extend the scope" });
  await extend.getByLabel("Languages").fill("ko");
  await extend.getByRole("button", { name: "Request extension" }).click();
  await expect(extend.getByText("Choose the course", { exact: true })).toBeVisible();
  await expect(extend.getByText("Choose at least one delivery mode")).toBeVisible();
  await expect(extend.getByLabel("Languages")).toHaveValue("ko");

  await extend.getByLabel("Course").selectOption({ label: "WebAssembly with Rust (Intermediate)" });
  await extend.getByRole("checkbox", { name: "Self-paced" }).check();
  await extend.getByLabel("Why, and who will teach it").fill("Kenji Watanabe now records the course in Korean for our Seoul clients.");
  await extend.getByRole("button", { name: "Request extension" }).click();
  await expect(page.getByRole("status")).toContainText("Extension requested");
  await expect(page.getByRole("heading", { name: "Scope change requests" })).toBeVisible();
  await expect(page.getByText("Awaiting a decision", { exact: true })).toBeVisible();

  await loginAs("staff@example.org");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Scope changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scope changes" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Sakura Rust School" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Sakura Rust School: scope extension" })).toBeVisible();
  await expect(page.getByText("WebAssembly with Rust · Korean · Self-paced")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: /Approve/ }).check();
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByRole("status")).toContainText("Decision recorded: approved and applied");

  // The public profile shows the new language and mode, to anyone.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/providers/sakura-rust-school");
  const course = visitor.getByRole("article").filter({ has: visitor.getByRole("heading", { name: "WebAssembly with Rust" }) });
  await expect(course).toContainText("Korean");
  await expect(course).toContainText("Self-paced");

  // The owner's new credential carries the new scope and verifies; the one issued before does not.
  await loginAs("yuki@sakura-rust.example");
  await page.goto(`/provider/accreditations/${accreditationId}/scope`);
  await expect(page.getByText("Approved and applied", { exact: true })).toBeVisible();
  const after = await (await page.request.get(`/provider/accreditations/${accreditationId}/credential.json`)).text();
  expect(after).toContain("WebAssembly with Rust (intermediate, ko, Self-paced)");
  expect(JSON.parse(after).id).not.toBe(JSON.parse(before).id);
  await pasteAndCheck(visitor, after);
  await expect(visitor.getByRole("heading", { name: "This credential is genuine and in force" })).toBeVisible();
  const old = await pasteAndCheck(visitor, before);
  await expect(visitor.getByRole("heading", { name: "This credential does not verify" })).toBeVisible();
  await expect(old.getByRole("listitem").filter({ hasText: "Not revoked or suspended" })).toContainText("failed");
  await expect(old.getByRole("listitem").filter({ hasText: "Signature" })).toContainText("passed");
  await visitorContext.close();
});

test("a provider reports a material change, staff ask a follow-up, the provider answers and staff acknowledge it", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs("yuki@sakura-rust.example");
  await page.goto("/provider");
  await page.getByRole("link", { name: /Report a change/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Changes reported for certificate ACC-/ })).toBeVisible();
  const changesUrl = page.url();
  await expectNoAxeViolations(page);

  // Nothing chosen: each field says what is missing, and what was typed stays.
  const report = page.getByRole("form", { name: "Report a change" });
  await report.getByLabel("Details").fill("Kenji Watanabe left at the end of March.");
  await report.getByRole("button", { name: "Report change" }).click();
  await expect(report.getByLabel("What changed")).toHaveAccessibleDescription("Choose what changed");
  await expect(report.getByLabel("Date of the change")).toHaveAccessibleDescription("Enter the date of the change");
  await expect(report.getByLabel("Details")).toHaveValue("Kenji Watanabe left at the end of March.");

  await report.getByLabel("What changed").selectOption({ label: "A trainer left" });
  await report.getByLabel("Date of the change").fill("2026-03-31");
  await report.getByRole("button", { name: "Report change" }).click();
  await expect(page.getByRole("status")).toContainText("Change reported");
  await expect(page.getByText("Reported, awaiting review", { exact: true })).toBeVisible();

  await loginAs("staff@example.org");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Material changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Material changes" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Sakura Rust School" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Sakura Rust School: a trainer left" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: /Ask a follow-up question/ }).check();
  await page.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByText("Say what must follow up, or why suspension is proposed")).toBeVisible();
  await page.getByLabel("Note to the provider").fill("Who teaches WebAssembly with Rust now?");
  await page.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByRole("status")).toContainText("Review recorded: follow-up requested");

  await loginAs("yuki@sakura-rust.example");
  await page.goto(changesUrl);
  await expect(page.getByText("From the programme team: Who teaches WebAssembly with Rust now?")).toBeVisible();
  await page.getByLabel("Your answer").fill("Yuki Sato teaches it until a new trainer joins.");
  await page.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByRole("status")).toContainText("Answer sent");

  await loginAs("staff@example.org");
  await page.goto("/admin/material-changes");
  await page.getByRole("link", { name: "Sakura Rust School" }).first().click();
  await expect(page.getByText("The provider's answer: Yuki Sato teaches it until a new trainer joins.")).toBeVisible();
  await page.getByRole("radio", { name: /Acknowledge/ }).check();
  await page.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByRole("status")).toContainText("Review recorded: acknowledged");
});
