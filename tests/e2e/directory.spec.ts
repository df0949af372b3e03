/**
 * The public directory as a visitor uses it, with JavaScript on (results follow the form as you type
 * and tick) and off (plain GET forms): search, filter by two facets, open a profile, verify its
 * certificate. axe checks each page (WCAG 2.2 AA and best practices). Runs on the seeded demo (ferris-academy, DE).
 */
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

/**
 * axe runs as a script in the page, which a context without JavaScript cannot do; so the same URL is
 * opened in a context that refuses the app's script files, which renders exactly what a no-JS visitor gets.
 */
async function expectAccessibleWithoutScripts(browser: Browser, url: string) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  await context.route(/\.js(\?|$)/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(url);
  await expectNoAxeViolations(page);
  await context.close();
}

const results = (page: Page) => page.getByRole("region", { name: /\d+ providers?|No providers found/ }).getByRole("article");

/** From the profile: the certificate number, then its verification page. */
async function verifyFromProfile(page: Page, noScripts?: Browser) {
  const verifyLink = page.getByRole("link", { name: /^Verify certificate ACC-/ });
  const certificate = ((await verifyLink.textContent()) ?? "").replace("Verify certificate ", "").trim();
  expect(certificate).toMatch(/^ACC-\d{4}-\d{4,}$/);
  await verifyLink.click();
  await expect(page).toHaveURL(new RegExp(`/verify/${certificate}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Certificate ${certificate}` })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/This certificate (is active|is suspended)/);
  await expect(page.getByRole("link", { name: "Ferris Academy" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Rust Fundamentals");
  if (noScripts) await expectAccessibleWithoutScripts(noScripts, page.url());
  else await expectNoAxeViolations(page);
  return certificate;
}

test.describe("with JavaScript", () => {
  test("home, search as you type, two facets, profile, verify", async ({ page }) => {
    // Cached public pages allow their inline scripts by hash: the browser must refuse none of them.
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Rust training you can trust" })).toBeVisible();
    await expect(page.getByText(/\d+ accredited providers?/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Recently accredited" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("searchbox", { name: "Search accredited providers" }).fill("rust");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/providers\?q=rust$/);
    await expect(page.getByRole("heading", { level: 1, name: "Accredited providers" })).toBeVisible();

    // Typing updates the results and the URL without pressing Enter.
    const box = page.getByRole("searchbox", { name: "Search providers, courses and topics" });
    await box.fill("ferr");
    await expect(page).toHaveURL(/\/providers\?q=ferr$/);
    await expect(results(page).first()).toContainText("Ferris Academy");
    await box.fill("");
    await expect(page).toHaveURL(/\/providers$/);

    // Ticking a facet applies it at once; the URL stays the state.
    await page.getByRole("checkbox", { name: /^Germany \(\d+\)$/ }).check();
    await expect(page).toHaveURL(/country=DE/);
    await page.getByRole("checkbox", { name: /^Foundation \(\d+\)$/ }).check();
    await expect(page).toHaveURL(/country=DE.*level=foundation|level=foundation.*country=DE/);
    await expect(page.getByRole("checkbox", { name: /^Germany/ })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /^Foundation/ })).toBeChecked();
    const hits = results(page);
    await expect(hits.first()).toBeVisible();
    for (const text of await hits.allTextContents()) expect(text).toContain("Germany");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Ferris Academy" }).click();
    await expect(page).toHaveURL(/\/providers\/ferris-academy$/);
    await expect(page.getByRole("heading", { level: 1, name: "Ferris Academy" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Accredited courses" })).toBeVisible();
    await expect(page.getByRole("table")).toContainText("Rust Fundamentals");
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(jsonLd["@graph"][0]).toMatchObject({ "@type": "EducationalOrganization", name: "Ferris Academy" });
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Ferris Academy/);
    await expectNoAxeViolations(page);

    await verifyFromProfile(page);
    // Reloaded, the profile comes from the origin's page cache, and hydrates as well.
    await page.goto("/providers/ferris-academy");
    await page.getByRole("link", { name: "← All accredited providers" }).click();
    await expect(page).toHaveURL(/\/providers$/);
    expect(refused).toEqual([]);
  });

  test("an empty search helps, and the competency framework is browsable by level", async ({ page }) => {
    await page.goto("/providers?q=zzzzqqq");
    await expect(page.getByRole("heading", { name: "No providers found" })).toBeVisible();
    await expect(page.getByText("No accredited provider matches “zzzzqqq”.")).toBeVisible();
    await page.getByRole("link", { name: "browse every provider" }).click();
    await expect(page).toHaveURL(/\/providers$/);
    await expect(results(page).first()).toBeVisible();

    await page.goto("/competencies");
    await expect(page.getByRole("heading", { level: 1, name: "Competency framework" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Advanced", exact: true }).click();
    await expect(page).toHaveURL(/\/competencies\?level=advanced$/);
    await expect(page.getByText(/competenc(y|ies) at advanced level/)).toBeVisible();
  });

  test("an unknown certificate is a clear 404 page", async ({ page }) => {
    const response = await page.goto("/verify/ACC-1999-9999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Certificate not found" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("No certificate “ACC-1999-9999” was issued");
    await expectNoAxeViolations(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search, two facets, profile and verification work with plain forms", async ({ page, browser }) => {
    await page.goto("/providers");
    await page.getByRole("searchbox", { name: "Search providers, courses and topics" }).fill("rust");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/providers\?q=rust/);

    await page.getByRole("checkbox", { name: /^Germany \(\d+\)$/ }).check();
    await page.getByRole("checkbox", { name: /^Foundation \(\d+\)$/ }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/country=DE/);
    await expect(page).toHaveURL(/level=foundation/);
    await expect(page.getByRole("checkbox", { name: /^Germany/ })).toBeChecked();
    await expect(results(page).first()).toBeVisible();
    await expectAccessibleWithoutScripts(browser, page.url());

    await page.getByRole("link", { name: "Ferris Academy" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ferris Academy" })).toBeVisible();
    await expectAccessibleWithoutScripts(browser, page.url());
    const certificate = await verifyFromProfile(page, browser);

    // The verify form: a GET to /verify?certificate=… that redirects to the certificate's page.
    await page.goto("/verify");
    await expectAccessibleWithoutScripts(browser, page.url());
    await page.getByLabel("Certificate number").fill(certificate.toLowerCase());
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${certificate}$`));
    await expect(page.getByRole("status")).toContainText("This certificate");
  });
});

test("search results mark the query's words in each card and say why it matched, with JavaScript on and off", async ({ browser, baseURL }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled, baseURL });
    const page = await context.newPage();
    await page.goto("/providers?q=ferris");
    const card = page.locator("article.provider-card").filter({ has: page.getByRole("link", { name: "Ferris Academy" }) });
    await expect(card.locator("mark").first(), `JavaScript ${javaScriptEnabled ? "on" : "off"}`).toHaveText("Ferris");
    await expect(card.locator(".match-reason")).toHaveText(/^Matched: provider name/);
    // Without a query, nothing is marked and no reason is given.
    await page.goto("/providers");
    await expect(page.locator("article.provider-card mark")).toHaveCount(0);
    await expect(page.locator(".match-reason")).toHaveCount(0);
    if (javaScriptEnabled) {
      await page.goto("/providers?q=ferris");
      await expectNoAxeViolations(page);
    }
    await context.close();
  }
});
