/**
 * Helpers for the journey and keyboard specs: one signed-in browser context per person, full-page
 * screenshots numbered in journey order, and an axe scan of every page that collects violations so the
 * test can list them all at the end instead of stopping at the first.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { axeViolations } from "./axe";
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, EVERY_SCREENSHOT } from "./fixtures";


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

/** The signed-in provider's draft application (`/provider/applications/<id>`), found on the dashboard. */
export async function draftApplicationPath(page: Page): Promise<string> {
  await page.goto("/provider");
  const href = await page.locator("main a[href^='/provider/applications/']").evaluateAll((as) =>
    as.map((a) => a.getAttribute("href") ?? "").find((h) => /^\/provider\/applications\/[0-9a-f-]{36}$/.test(h)),
  );
  if (!href) throw new Error("this provider has no draft application on the dashboard");
  return href;
}

/**
 * Records the journey: `step(page, name)` saves `test-results/journey/NN-name.jpeg` (full page; in CI only for a step
 * with a violation, `EVERY_SCREENSHOT`) and runs axe (its default rules: WCAG 2.2 AA and best practices) on the page as it is, remembering any violation with the step and URL.
 */
export class JourneyRecorder {
  private count = 0;
  readonly violations: string[] = [];
  readonly scanned: string[] = [];
  constructor(private readonly dir = path.resolve("test-results", "journey")) {
    // Start empty, so the folder holds exactly this run's steps.
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  async step(page: Page, name: string, options: { exclude?: string[] } = {}): Promise<void> {
    this.count += 1;
    const label = `${String(this.count).padStart(2, "0")}-${name}`;
    const violations = await axeViolations(page, { exclude: options.exclude });
    if (EVERY_SCREENSHOT || violations.length > 0) {
      await page.screenshot({ path: path.join(this.dir, `${label}.jpeg`), fullPage: true, type: "jpeg", quality: 70 });
    }
    const where = new URL(page.url()).pathname + new URL(page.url()).search;
    this.scanned.push(`${label} ${where}`);
    for (const v of violations) this.violations.push(`${label} ${where}: ${v}`);
  }
}

// ── Keyboard-only helpers ────────────────────────────────────────────────────────────────────────────

type FocusStop = { index: number; name: string; visible: boolean } | null;

/**
 * Runs in the page (self-contained, as page.evaluate needs): the focused element's audit index, a short
 * description, and whether it shows a focus indicator (an outline or a box shadow, as :focus-visible draws).
 */
function readFocus(): FocusStop {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement) return null;
  const label = (el as HTMLInputElement).labels?.[0]?.textContent;
  const text = el.getAttribute("aria-label") || label || el.textContent || el.getAttribute("name") || el.id || "";
  const type = (el as HTMLInputElement).type;
  const name = `${el.tagName.toLowerCase()}${type ? `[${type}]` : ""} "${text.replace(/\s+/g, " ").trim().slice(0, 60)}"`;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = Boolean(style.boxShadow) && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return { index: el.dataset.kbIndex === undefined ? -1 : Number(el.dataset.kbIndex), name, visible: (outline || shadow) && box.width > 0 && box.height > 0 };
}

/**
 * Press Tab until `target` has focus (at most `max` presses), failing if any element Tab lands on on
 * the way shows no focus indicator. Returns the descriptions of the stops it passed through.
 */
export async function tabTo(page: Page, target: Locator, max = 250): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(readFocus);
    if (stop && !stop.visible) throw new Error(`Keyboard focus is not visible on ${stop.name}`);
    passed.push(stop?.name ?? "(body)");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return passed;
  }
  throw new Error(`Tab did not reach the target within ${max} presses; it went through:\n${passed.join("\n")}`);
}

/**
 * Walk the whole page with Tab from the top and compare the stops with the page's own list of keyboard
 * controls in document order (one stop per radio group: its checked radio, else its first). Returns the
 * problems: controls Tab never reaches, stops out of order or on non-controls, stops without visible focus.
 */
export async function auditTabOrder(page: Page): Promise<string[]> {
  // The audit marks the controls and puts a starting point at the top of <body>: done before React has
  // hydrated, that would be a mismatch and React would re-create the page. React tags every node it owns.
  await page.waitForFunction(() =>
    [...document.querySelectorAll("a[href], button, input, select, textarea")].every((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber"))),
  );
  const expected = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
    const all = [...document.querySelectorAll<HTMLElement>(selector)];
    const seenGroups = new Set<string>();
    const list: string[] = [];
    const mark = (el: HTMLElement) => {
      el.dataset.kbIndex = String(list.length);
      const label = (el as HTMLInputElement).labels?.[0]?.textContent;
      list.push(`${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") || label || el.textContent || el.getAttribute("name") || "").replace(/\s+/g, " ").trim().slice(0, 60)}"`);
    };
    for (const el of all) delete el.dataset.kbIndex;
    for (const el of all) {
      if (el.tabIndex < 0 || (el as HTMLInputElement).disabled || el.closest("[inert]")) continue;
      if (el instanceof HTMLInputElement && el.type === "hidden") continue;
      if (el.tagName === "SUMMARY" && el.parentElement?.querySelector(":scope > summary") !== el) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      if (el instanceof HTMLInputElement && el.type === "radio" && el.name) {
        const key = `${el.form ? [...document.forms].indexOf(el.form) : -1}:${el.name}`;
        if (seenGroups.has(key)) continue;
        seenGroups.add(key);
        const group = all.filter((o): o is HTMLInputElement => o instanceof HTMLInputElement && o.type === "radio" && o.name === el.name && o.form === el.form && !o.disabled);
        mark(group.find((o) => o.checked) ?? group[0]);
        continue;
      }
      mark(el);
    }
    // Start from the top of the document.
    const start = document.createElement("span");
    start.tabIndex = -1;
    start.id = "kb-audit-start";
    document.body.prepend(start);
    start.focus();
    return list;
  });

  const problems: string[] = [];
  const visited: number[] = [];
  for (let i = 0; i < expected.length + 10; i++) {
    await page.keyboard.press("Tab");
    if (i === 0) await page.evaluate(() => document.getElementById("kb-audit-start")?.remove());
    const stop = await page.evaluate(readFocus);
    if (!stop) break; // past the last control
    if (stop.index >= 0 && visited.includes(stop.index)) break; // wrapped round
    if (!stop.visible) problems.push(`focus is not visible on ${stop.name}`);
    if (stop.index < 0) {
      problems.push(`Tab stops on ${stop.name}, which is not a control`);
      continue;
    }
    if (visited.length > 0 && stop.index < visited[visited.length - 1]) problems.push(`${stop.name} is reached out of document order`);
    visited.push(stop.index);
  }
  expected.forEach((name, i) => {
    if (!visited.includes(i)) problems.push(`Tab never reaches ${name}`);
  });
  const path = new URL(page.url()).pathname;
  return problems.map((problem) => `${path}: ${problem}`);
}

/**
 * Maps a competency to a module from the framework's list, on the provider's mapping page: opens the module's "Map
 * another competency" form (one is open at a time) unless it already is, chooses the competency by its code, maps it.
 */
export async function mapFromList(module: Locator, code: string): Promise<void> {
  const select = module.getByLabel("Competency", { exact: true });
  if (!(await select.isVisible())) await module.getByRole("button", { name: /^Map another competency to / }).click();
  const value = await select.locator("option", { hasText: `${code} ` }).first().getAttribute("value");
  await select.selectOption(value!);
  await module.getByRole("button", { name: "Map competency" }).click();
}
