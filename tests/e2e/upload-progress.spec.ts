/**
 * Issue 17, providers: "uploads show no progress". With JavaScript the evidence upload goes through
 * XMLHttpRequest and shows a progress bar (the upload is slowed to 400 KB/s so the bar is seen moving), then the
 * list shows the document with no document request; without JavaScript the same form posts as before.
 */
import type { Page } from "@playwright/test";
import { signIn } from "./journey-helpers";
import { expectNoAxeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { tinyPdf } from "./syllabus";

/** A valid PDF of about 1.5 MB: the tiny one with a long comment line after its header. */
function largePdf(): Buffer {
  const tiny = tinyPdf().toString("latin1");
  const header = tiny.indexOf("\n") + 1;
  return Buffer.from(`${tiny.slice(0, header)}%${"x".repeat(1_500_000)}\n${tiny.slice(header)}`, "latin1");
}

async function documentsPage(page: Page): Promise<string> {
  await page.goto("/provider");
  const href = await page.locator("main a[href^='/provider/applications/']").evaluateAll((as) =>
    as.map((a) => a.getAttribute("href") ?? "").find((h) => /^\/provider\/applications\/[0-9a-f-]{36}$/.test(h)),
  );
  if (!href) throw new Error("owner2 has no draft application on the dashboard");
  return `${href}/documents`;
}

async function removeDocument(page: Page, filename: string) {
  await page.getByRole("button", { name: new RegExp(`^Remove\\s*${filename.replace(/\./g, "\\.")}$`) }).click();
  await expect(page.getByRole("link", { name: filename })).toHaveCount(0);
}

test("an evidence upload shows its progress, then the document, with no page load", async ({ page, loginAs }) => {
  await loginAs("owner2@example.org");
  await page.goto(await documentsPage(page));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
  const documents: string[] = [];
  page.on("request", (r) => r.resourceType() === "document" && documents.push(r.url()));

  await page.getByLabel("What is it?").selectOption("syllabus");
  await page.getByLabel("PDF file").setInputFiles({ name: "progress-syllabus.pdf", mimeType: "application/pdf", buffer: largePdf() });
  await page.getByRole("button", { name: "Upload" }).click();
  const bar = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(bar).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Uploading… \d+%$/ })).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute("value")), { message: "the bar moves" }).toBeGreaterThan(0);
  await expectNoAxeViolations(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await expect(page.getByRole("link", { name: "progress-syllabus.pdf" })).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveCount(0);
  expect(documents, "the page was not loaded again").toEqual([]);
  await removeDocument(page, "progress-syllabus.pdf");
});

test("with JavaScript off, the upload form still posts", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    await signIn(context, baseURL ?? "", "owner2@example.org");
    const page = await context.newPage();
    await page.goto(await documentsPage(page));
    await page.getByLabel("PDF file").setInputFiles({ name: "plain-syllabus.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page).toHaveURL(/\?saved=1/);
    await expect(page.getByRole("link", { name: "plain-syllabus.pdf" })).toBeVisible();
    await removeDocument(page, "plain-syllabus.pdf");
  } finally {
    await context.close();
  }
});
