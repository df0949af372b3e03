/**
 * One way the browser tests ask axe. It runs in the page itself (axe's "legacy mode"): the default mode runs each
 * frame apart and then opens a new blank tab to merge the results, which cost about as much as the scan itself on
 * every call here. This app has no cross-origin frames: its one frame, a mailbox message, is sandboxed and cannot be
 * entered either way, and legacy mode still checks the page around it (`frame-tested` reports the frame unchecked).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The tags of WCAG 2.2 level AA (what the screens check asks, decision 044). */
export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export type AxeOptions = {
  /** Only the rules with these tags; by default every rule axe runs by default (WCAG 2.2 AA and best practices). */
  tags?: string[];
  /** Only these rules. */
  rules?: readonly string[];
  /** CSS selectors of parts left out of the scan. */
  exclude?: string[];
};

/** The violations on the page as it is now, one line each: the rule, its impact and help, and up to five elements. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).setLegacyMode(true);
  if (options.tags) builder = builder.withTags(options.tags);
  if (options.rules) builder = builder.withRules([...options.rules]);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

export async function expectNoAxeViolations(page: Page, options: AxeOptions = {}): Promise<void> {
  expect(await axeViolations(page, options), `axe on ${page.url()}`).toEqual([]);
}
