/**
 * Every audience, on every screen (issue 17): pages of the route manifest, as the roles that may see them, at a
 * phone width (390 px) and a desk width (1280 px), in the light and the dark theme. On each: no horizontal scroll,
 * no element wider than the viewport, axe (WCAG 2.2 AA) at zero violations, and a screenshot in
 * test-results/screens/. Problems are collected per page so one run lists all of them.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { WCAG_22_AA } from "./journey-helpers";
import { expect, test } from "./fixtures";

const WIDTHS = [390, 1280] as const;
const THEMES = ["light", "dark"] as const;

/** Links on a list page to its first detail page, so the spec follows real records instead of fixed ids. */
async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`No link matching ${pattern} on ${path}`);
  return href;
}

async function checkScreens(page: Page, paths: string[]) {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), `${path} answers`).toBeLessThan(400);
        const where = `${path} @${width}px ${theme}`;
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
        if (overflow.scroll > 0) problems.push(`${where}: scrolls sideways by ${overflow.scroll}px (${overflow.wide.join(", ")})`);
        else if (overflow.wide.length > 0) problems.push(`${where}: outside the viewport: ${overflow.wide.join(", ")}`);
        const axe = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        for (const v of axe.violations) problems.push(`${where}: axe ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        const name = path.replace(/^\//, "").replace(/[^a-zA-Z0-9]+/g, "_") || "home";
        await page.screenshot({ path: `test-results/screens/${name}-${width}-${theme}.png`, fullPage: true });
      }
    }
  }
  expect(problems).toEqual([]);
}

test.describe.configure({ timeout: 600_000 });

test("public pages, signed out", async ({ page }) => {
  const profile = await firstHref(page, "/providers", /^\/providers\/[a-z0-9-]+$/);
  const certificate = await page
    .goto(profile)
    .then(() => page.locator("main a[href^='/verify/']").first().getAttribute("href"))
    .then((h) => h ?? "/verify/ACC-0000-0000");
  await checkScreens(page, ["/", "/providers", profile, "/verify", certificate, "/competencies", "/how-it-works", "/login", "/signup", "/forgot-password"]);
});

test("provider owner", async ({ page, loginAs }) => {
  await loginAs("owner1@example.org");
  // The seeded accreditation of owner 1 expires in 75 days: the dashboard leads with the renewal.
  await page.goto("/provider");
  const banner = page.getByRole("region", { name: "An accreditation is due for renewal" });
  await expect(banner).toContainText("75 days left");
  await expect(banner.getByRole("link", { name: /^Start renewal/ })).toBeVisible();
  await checkScreens(page, ["/provider", "/provider/members", "/account"]);
});

test("reviewer", async ({ page, loginAs }) => {
  await loginAs("reviewer1@example.org");
  const assignment = await firstHref(page, "/review", /^\/review\/[0-9a-f-]{36}$/);
  await checkScreens(page, ["/review", assignment]);
});

test("board member", async ({ page, loginAs }) => {
  await loginAs("board1@example.org");
  const application = await firstHref(page, "/board", /^\/board\/[0-9a-f-]{36}$/);
  await checkScreens(page, ["/board", application]);
});

test("staff", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  const application = await firstHref(page, "/admin/applications", /^\/admin\/applications\/[0-9a-f-]{36}$/);
  const user = await firstHref(page, "/admin/users?q=reviewer1", /^\/admin\/users\/[0-9a-f-]{36}$/);
  await page.goto(user);
  await expect(page.getByRole("heading", { level: 2, name: "Recent activity" }), "the user's own page, not the list").toBeVisible();
  await checkScreens(page, ["/admin", "/admin/applications", application, "/admin/accreditations", "/admin/users", user]);
});

test("a board member cannot submit 'approve with conditions' without conditions, in the browser or by a bare POST", async ({ page, loginAs, baseURL }) => {
  await loginAs("board3@example.org");
  const application = await firstHref(page, "/board", /^\/board\/[0-9a-f-]{36}$/);
  await page.goto(application);
  const form = page.getByRole("group", { name: /^Your vote on / });
  await form.getByRole("radio", { name: "Approve with conditions" }).check();
  await page.getByLabel("Comment and conditions").fill("");
  await page.getByRole("button", { name: /Cast my vote|Change my vote/ }).click();
  await expect(page.getByText("Write the conditions you would set")).toBeVisible();
  await expect(page.getByLabel("Comment and conditions")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("status")).toHaveCount(0);

  // Without the browser's check (JavaScript off, or a crafted request) the action refuses it with the same message.
  const response = await page.request.post(application, {
    form: { vote: "approve_with_conditions", comment: "   " },
    headers: { Origin: new URL(baseURL ?? "").origin },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Write the conditions you would set");
});

test("staff go from a pipeline stage to its list, search across applications, and Back restores the search box", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  await page.goto("/admin");
  const pipeline = page.getByRole("table", { name: /^Applications per status/ });
  const stage = pipeline.getByRole("link").first();
  await stage.click();
  await expect(page).toHaveURL(/\/admin\/applications\?status=/);
  const status = new URL(page.url()).searchParams.get("status") ?? "";
  await expect(page.getByLabel("Status")).toHaveValue(status);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/admin\/applications$/);
  const first = page.getByRole("table", { name: /^Applications/ }).getByRole("rowheader").first().getByRole("link");
  const name = ((await first.textContent()) ?? "").trim();
  await page.getByRole("searchbox", { name: "Search" }).fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=[^&]+/);
  const rows = page.getByRole("table", { name: /^Applications/ }).getByRole("rowheader");
  for (const cell of await rows.all()) await expect(cell).toContainText(name);
  await page.goBack();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
});

test("an application summary and a decision record print as the record, light on white, without navigation or forms", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  const application = await firstHref(page, "/admin/applications?status=accredited", /^\/admin\/applications\/[0-9a-f-]{36}$/);
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  for (const path of [application, `${application}/decision`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Administration" })).toBeHidden();
    await expect(page.locator("main form:visible")).toHaveCount(0);
    const colours = await page.evaluate(() => ({ body: getComputedStyle(document.body).backgroundColor, ink: getComputedStyle(document.body).color }));
    expect(colours.body, `${path} prints on white`).toBe("rgb(255, 255, 255)");
    expect(colours.ink, `${path} prints dark ink`).toBe("rgb(31, 35, 40)");
    const name = path.replace(/^\//, "").replace(/[^a-zA-Z0-9]+/g, "_");
    await page.pdf({ path: `test-results/screens/${name}-print.pdf`, format: "A4" });
  }
  await page.emulateMedia({ media: "screen", colorScheme: "light" });
});
