/**
 * The screens check (issue 17, decision 044): a page at a phone width (390 px) and a desk width (1280 px), in the
 * light and the dark theme. On each: no horizontal scroll, no element wider than the viewport, axe (WCAG 2.2 AA) at
 * zero violations, and a screenshot in test-results/screens/ (in CI only of a page with a problem: `EVERY_SCREENSHOT`).
 * Problems are collected per page so one run lists all.
 * screens.spec.ts runs it over the route manifest; a flow spec runs it on a page whose record only that flow creates.
 */
import { expect, type Page } from "@playwright/test";
import { axeViolations, WCAG_22_AA } from "./axe";
import { EVERY_SCREENSHOT } from "./fixtures";

const WIDTHS = [390, 1280] as const;
const THEMES = ["light", "dark"] as const;
/**
 * The axe rules whose result can change with the colour theme: the theme is a media query, so the page's elements,
 * names, roles and layout are the same in both, only colours differ (so the overflow check runs once per width). The
 * first theme gets every WCAG 2.2 AA rule, the others these. Both widths get every rule: a width hides and shows
 * elements and changes sizes (target size, scrolling).
 */
const THEME_RULES = ["color-contrast", "link-in-text-block"] as const;

/** A page of the route manifest seen at one address: the route module's id (its file under app/routes) and a path. */
export type Visit = { route: string; path: string; status?: number };

export async function checkScreens(page: Page, who: string, visits: Visit[]) {
  const problems: string[] = [];
  for (const visit of visits) {
    const problemsBefore = problems.length;
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    await page.emulateMedia({ colorScheme: THEMES[0] });
    const response = await page.goto(visit.path);
    expect(response?.status(), `${visit.path} answers as ${who}`).toBe(visit.status ?? 200);
    // One load per page: the width and the theme change in place (CSS media queries follow both).
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      // The layout is the theme's to keep (THEME_RULES): looked at once per width, in the first theme.
      await page.emulateMedia({ colorScheme: THEMES[0] });
      const overflow = await page.evaluate(() => {
        const viewport = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll("body *")]
          .filter((el) => {
            // Content scrolled inside a labelled region (a table wrapper) is allowed to be wider than the page.
            if (el.closest(".table-wrap, pre, .mail-frame")) return false;
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.right > viewport + 1 || r.left < -1) && getComputedStyle(el).position !== "absolute";
          })
          .slice(0, 3)
          .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}`);
        return { scroll: document.documentElement.scrollWidth - viewport, wide };
      });
      const at = `${who} ${visit.path} @${width}px`;
      if (overflow.scroll > 0) problems.push(`${at}: scrolls sideways by ${overflow.scroll}px (${overflow.wide.join(", ")})`);
      else if (overflow.wide.length > 0) problems.push(`${at}: outside the viewport: ${overflow.wide.join(", ")}`);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        const where = `${at} ${theme}`;
        // Every WCAG 2.2 AA rule in the first theme, the colour rules in the other (THEME_RULES).
        const axe = await axeViolations(page, theme === THEMES[0] ? { tags: WCAG_22_AA } : { rules: THEME_RULES });
        for (const v of axe) problems.push(`${where}: axe ${v}`);
        if (!EVERY_SCREENSHOT && problems.length === problemsBefore) continue;
        const name = visit.path.replace(/^\//, "").replace(/[^a-zA-Z0-9]+/g, "_") || "home";
        await page.screenshot({ path: `test-results/screens/${who}/${name}-${width}-${theme}.jpeg`, fullPage: true, type: "jpeg", quality: 70 });
      }
    }
  }
  // Back to the browser's defaults for whatever the calling test does next.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
  expect(problems).toEqual([]);
}
