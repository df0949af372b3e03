/**
 * Helpers for the journey and keyboard specs: one signed-in browser context per person, full-page
 * screenshots numbered in journey order, and an axe scan of every page that collects violations so the
 * test can list them all at the end instead of stopping at the first.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures";

export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** A tiny valid PDF, made here so the test carries no binary fixture. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "latin1",
  );
}

/** Sign in through the login endpoint from the context's own request client (it shares the context's cookies). */
export async function signIn(context: BrowserContext, baseURL: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await context.request.post("/login", {
    form: { email, password },
    headers: { Origin: new URL(baseURL).origin },
    maxRedirects: 0,
  });
  if (response.status() !== 302) {
    throw new Error(`Logging in as ${email} failed with ${response.status()}: ${(await response.text()).slice(0, 200)}`);
  }
}

/** A browser context and page for one person, signed in unless `email` is null (a visitor). */
export async function personPage(browser: Browser, baseURL: string, email: string | null): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  if (email) await signIn(context, baseURL, email);
  return context.newPage();
}

/**
 * Records the journey: `step(page, name)` saves `test-results/journey/NN-name.png` (full page) and runs
 * axe at WCAG 2.2 AA on the page as it is, remembering any violation with the step and URL.
 */
export class JourneyRecorder {
  private count = 0;
  readonly violations: string[] = [];
  readonly scanned: string[] = [];
  constructor(private readonly dir = path.resolve("test-results", "journey")) {
    mkdirSync(this.dir, { recursive: true });
  }

  async step(page: Page, name: string, options: { exclude?: string[] } = {}): Promise<void> {
    this.count += 1;
    const label = `${String(this.count).padStart(2, "0")}-${name}`;
    await page.screenshot({ path: path.join(this.dir, `${label}.png`), fullPage: true });
    let builder = new AxeBuilder({ page }).withTags(WCAG_22_AA);
    for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
    const results = await builder.analyze();
    const where = new URL(page.url()).pathname + new URL(page.url()).search;
    this.scanned.push(`${label} ${where}`);
    for (const v of results.violations) {
      this.violations.push(`${label} ${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
  }
}
