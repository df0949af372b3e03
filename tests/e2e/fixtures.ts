/**
 * The `test` every end-to-end spec imports. Each worker process starts the built app on a fresh seeded database of
 * its own (`portal`, tests/e2e/portal-server.ts) and every test's `baseURL` is that server, so the specs a worker runs
 * share one database in file order and never see another worker's changes (decision 049). `loginAs` signs in through
 * an HTTP POST to /login from the page's own request context (it shares the browser's cookies), so only the log-in
 * test uses the form.
 */
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { startPortal, type PortalServer } from "./portal-server";

export const DEMO_PASSWORD = "rust-demo-2026";

/**
 * Whether the screens check and the journey save a full-page screenshot of every page they look at, or only of a page
 * with a problem (decision 059). The screenshots are for a person looking at the screens; a CI run keeps no files, so
 * there it takes only those of a failing page, as it keeps no trace. `E2E_SCREENSHOTS=all` takes every one anywhere.
 */
export const EVERY_SCREENSHOT = !process.env.CI || process.env.E2E_SCREENSHOTS === "all";

type Fixtures = {
  loginAs: (email: string, password?: string) => Promise<void>;
  /**
   * The address of the link containing `path` in the newest email with this subject to `to`, read by staff in a
   * browser context of their own. The mailbox shows a person only their own mail once signed in, so this is for
   * someone who cannot sign in to read it (a password reset, an invitation to an address with no account yet).
   */
  mailLinkReadByStaff: (to: string, subject: string | RegExp, path: string) => Promise<string>;
};

async function postLogin(request: APIRequestContext, baseURL: string, email: string, password: string) {
  // The server refuses a non-GET request without a same-origin Origin header.
  const response = await request.post("/login", {
    form: { email, password },
    headers: { Origin: new URL(baseURL).origin },
    maxRedirects: 0,
  });
  if (response.status() !== 302) {
    throw new Error(`Logging in as ${email} failed with ${response.status()}: ${(await response.text()).slice(0, 200)}`);
  }
}

/** A fresh embedded database (initdb, migrations, seed) can take a while on a busy shared machine. */
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 90_000);

export const test = base.extend<Fixtures, { portal: PortalServer }>({
  portal: [
    // Playwright reads a fixture's dependencies from its first parameter's destructuring: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide, workerInfo) => {
      const server = await startPortal(workerInfo.workerIndex, START_TIMEOUT_MS);
      try {
        await provide(server);
      } finally {
        await server.stop();
      }
    },
    { scope: "worker", timeout: START_TIMEOUT_MS + 30_000 },
  ],
  baseURL: async ({ portal }, provide) => {
    await provide(portal.url);
  },
  // Named `provide`, not `use`: the React hooks lint rule would take Playwright's `use` for React's.
  loginAs: async ({ page, baseURL }, provide) => {
    await provide(async (email, password = DEMO_PASSWORD) => {
      if (!baseURL) throw new Error("loginAs needs a baseURL in the Playwright config");
      await postLogin(page.request, baseURL, email, password);
    });
  },
  mailLinkReadByStaff: async ({ browser, baseURL }, provide) => {
    await provide(async (to, subject, path) => {
      if (!baseURL) throw new Error("mailLinkReadByStaff needs a baseURL in the Playwright config");
      const context = await browser.newContext({ baseURL });
      try {
        await postLogin(context.request, baseURL, "staff@example.org", DEMO_PASSWORD);
        const reader = await context.newPage();
        await openMail(reader, to, subject);
        const href = await reader.getByRole("article").getByRole("link", { name: linkPattern(path) }).first().getAttribute("href");
        if (!href) throw new Error(`The email "${String(subject)}" to ${to} has no link to ${path}`);
        return href;
      } finally {
        await context.close();
      }
    });
  },
});

export { expect };

/**
 * Open the newest email with this subject to this address in the development mailbox (the worker
 * delivers within a second or two, so the list is reloaded until it arrives) and return once it shows.
 * The page must be signed in as the recipient, or as staff: nobody else sees the message.
 */
export async function openMail(page: Page, to: string, subject: string | RegExp): Promise<void> {
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject }).first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject }).first().click();
  await expect(page.getByRole("heading", { level: 2, name: subject })).toBeVisible();
}

const linkPattern = (path: string) => new RegExp(path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));

/** Follow the link in the open email whose address contains `path` (from its text version). */
export async function followMailLink(page: Page, path: string): Promise<void> {
  await page.getByRole("article").getByRole("link", { name: linkPattern(path) }).first().click();
}
