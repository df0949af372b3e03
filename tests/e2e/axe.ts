/**
 * One way the browser tests ask axe. It runs in the page itself (axe's "legacy mode"): the default mode runs each
 * frame apart and then opens a new blank tab to merge the results, which cost about as much as the scan itself on
 * every call here. This app has no cross-origin frames: its one frame, a mailbox message, is sandboxed and cannot be
 * entered either way, and legacy mode still checks the page around it (`frame-tested` reports the frame unchecked).
 *
 * axe-core is put into a document once and then asked as often as needed (decision 049): @axe-core/playwright's
 * `analyze()` evaluates axe's 600 KB source twice on every call and sends every passing check back, which cost about
 * three times the scan itself (the screens check asks four times per page). The scan, its rules and its options are
 * the same as `AxeBuilder.setLegacyMode(true).analyze()`; only the violations come back in full.
 */
import axe from "axe-core";
import { expect, type Frame, type Page } from "@playwright/test";

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

/** What @axe-core/playwright configures in legacy mode: frames of the page's own origin only. */
const CONFIGURE = `;axe.configure({ allowedOrigins: ["<same_origin>"], branding: { application: "playwright" } });`;

/**
 * The pages that run axe in every new document. Sending axe's 1.3 MB source over the protocol cost about 250 ms of the
 * browser's and the test worker's time on every call (the page's own evaluation of it, from V8's cache, about 10 ms):
 * a page is sent it once, as a script of every document it loads from then on.
 */
const pagesWithAxe = new WeakSet<Page>();

/** Put axe into the frame unless its document already has it (a document loaded before the page had it does not). */
async function inject(frame: Frame): Promise<void> {
  const page = frame.page();
  if (!pagesWithAxe.has(page)) {
    pagesWithAxe.add(page);
    await page.addInitScript({ content: axe.source + CONFIGURE });
  }
  if (await frame.evaluate(() => typeof (window as { axe?: unknown }).axe !== "undefined")) return;
  await frame.evaluate(axe.source + CONFIGURE);
}

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

/** The violations on the page as it is now, one line each: the rule, its impact and help, and up to five elements. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  await inject(page.mainFrame());
  // Child frames as legacy mode does: each one that lets a script in (a sandboxed frame does not) gets axe too, so the
  // page's axe can ask it; one that does not answer within a second is left out.
  for (const frame of page.frames().slice(1)) {
    await Promise.race([inject(frame), new Promise((resolve) => setTimeout(resolve, 1_000))]).catch(() => undefined);
  }
  const runOnly = options.tags
    ? { type: "tag", values: options.tags }
    : options.rules
      ? { type: "rule", values: [...options.rules] }
      : undefined;
  const context = { include: [], exclude: options.exclude ?? [] };
  const outcome = await page.evaluate(
    ({ context, runOptions }) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Violation[] }> } }).axe
        .run(context, runOptions)
        .then((results) => ({ error: null, violations: results.violations }))
        .catch((error: Error) => ({ error: error.message, violations: [] as Violation[] })),
    { context, runOptions: { ...(runOnly ? { runOnly } : {}), resultTypes: ["violations"] } },
  );
  if (outcome.error) throw new Error(outcome.error);
  return outcome.violations.map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

export async function expectNoAxeViolations(page: Page, options: AxeOptions = {}): Promise<void> {
  expect(await axeViolations(page, options), `axe on ${page.url()}`).toEqual([]);
}
