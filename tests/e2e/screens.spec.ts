/**
 * Every audience, on every screen (issue 17): pages of the route manifest, as the roles that may see them, at a
 * phone width (390 px) and a desk width (1280 px), in the light and the dark theme. On each: no horizontal scroll,
 * no element wider than the viewport, axe (WCAG 2.2 AA) at zero violations, and a screenshot in
 * test-results/screens/. Problems are collected per page so one run lists all of them.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkScreens, type Visit } from "./screens-check";


/**
 * Page routes whose record no seed can hold, checked by the same `checkScreens` in the spec whose flow creates one:
 * the complainant's and an invitee's private links (their tokens are stored hashed; a seeded one would be a public
 * secret in every deployment), a mailbox message (no email is sent before the tests), and re-mapping tasks (one needs a
 * second published framework version, which would renumber every other spec's framework).
 */
const CHECKED_IN_FLOW: Record<string, string> = {
  "complaints.$token": "safeguards.spec.ts",
  "dev.mailbox.$id": "safeguards.spec.ts",
  "invitations.$token": "accounts.spec.ts",
  "admin.remap.$id": "remap.spec.ts",
  "provider.remap.$id": "remap.spec.ts",
};

/** Layout routes: they render around their children and are seen on every child's visit. */
const LAYOUTS = ["admin", "board", "provider", "review", "provider.applications.$id"];

/** The hrefs in <main> on a page that match a pattern, in page order. */
async function hrefsOn(page: Page, path: string, pattern: RegExp): Promise<string[]> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.map((h) => h.replace(/[?#].*$/, "")).filter((h) => pattern.test(h)))];
}

/** Links on a list page to its first detail page, so the spec follows real records instead of fixed ids. */
async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string> {
  const [href] = await hrefsOn(page, path, pattern);
  if (!href) throw new Error(`No link matching ${pattern} on ${path}`);
  return href;
}

/** Public pages, which every role may see (signed in, their header and navigation differ). */
async function publicPages(page: Page): Promise<Visit[]> {
  const profile = await firstHref(page, "/providers", /^\/providers\/[a-z0-9-]+$/);
  const certificate = await firstHref(page, profile, /^\/verify\/ACC-/);
  const slug = profile.split("/").pop() ?? "";
  return [
    { route: "_index", path: "/" },
    { route: "providers._index", path: "/providers" },
    { route: "providers.$slug", path: profile },
    { route: "verify._index", path: "/verify" },
    { route: "verify.$certificate", path: certificate },
    { route: "competencies", path: "/competencies" },
    { route: "how-it-works", path: "/how-it-works" },
    { route: "transparency._index", path: "/transparency" },
    { route: "complaints.new", path: `/complaints/new?provider=${slug}` },
    { route: "reset-password", path: "/reset-password" },
    { route: "verify-email", path: "/verify-email" },
    { route: "$", path: "/no/such/page", status: 404 },
  ];
}

/**
 * Signed in, the public pages differ from the visitor's only in the site's header (the person's navigation), which
 * every role's own pages show too: each role looks at the home page and the directory, the visitor at all of them.
 */
async function publicPagesSignedIn(page: Page): Promise<Visit[]> {
  return (await publicPages(page)).filter((v) => v.path === "/" || v.path === "/providers");
}

/** Pages every signed-in person has, whatever their role. */
const SIGNED_IN: Visit[] = [
  { route: "account", path: "/account" },
  { route: "provider._index", path: "/provider" },
  { route: "provider.applications.new", path: "/provider/applications/new" },
  { route: "provider.organisations.new", path: "/provider/organisations/new" },
  { route: "dev.mailbox", path: "/dev/mailbox" },
];

test.describe.configure({ timeout: 600_000 });

test("visitor: public pages and the ways in", async ({ page }) => {
  const visits = await publicPages(page);
  visits.push({ route: "login", path: "/login" }, { route: "signup", path: "/signup" }, { route: "forgot-password", path: "/forgot-password" });
  await checkScreens(page, "visitor", visits);
});

test("provider owner with an accreditation", async ({ page, loginAs }) => {
  await loginAs("owner1@example.org");
  // The seeded accreditation of owner 1 expires 75 days after the day it was seeded: the dashboard leads with the
  // renewal. The countdown runs from today (UTC), which may be a day after the seeding (a run across midnight).
  await page.goto("/provider");
  const banner = page.getByRole("region", { name: "An accreditation is due for renewal" });
  const shown = (await banner.textContent())?.match(/valid until (\d{1,2} \w+ \d{4}) \((\d+) days left\)/);
  expect(shown, "the banner gives the last valid day and the days left").toBeTruthy();
  const now = new Date();
  const daysLeft = Math.round((Date.parse(`${shown![1]} UTC`) - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) / 86_400_000);
  expect(Number(shown![2])).toBe(daysLeft);
  expect(daysLeft === 75 || daysLeft === 74, `75 days after the seeding, ${daysLeft} from today`).toBe(true);
  await expect(banner.getByRole("link", { name: /^Start renewal/ })).toBeVisible();
  const accreditation = await firstHref(page, "/provider", /^\/provider\/accreditations\/[0-9a-f-]{36}\/certificate$/);
  const base = accreditation.replace(/\/certificate$/, "");
  await page.goto(accreditation);
  await expect(page.getByRole("button", { name: "Print or save as PDF" }), "the certificate has a print button").toBeVisible();
  const profile = await firstHref(page, "/provider", /^\/provider\/organisations\/[0-9a-f-]{36}\/profile$/);
  const application = await firstHref(page, "/provider", /^\/provider\/applications\/[0-9a-f-]{36}$/);
  await checkScreens(page, "owner1", [
    ...SIGNED_IN,
    { route: "provider.members", path: "/provider/members" },
    { route: "provider.appeals._index", path: "/provider/appeals" },
    { route: "provider.complaints", path: "/provider/complaints" },
    { route: "provider.organisations.$id.profile", path: profile },
    { route: "provider.applications.$id._index", path: application },
    { route: "provider.accreditations.$id.certificate", path: accreditation },
    { route: "provider.accreditations.$id.renew", path: `${base}/renew` },
    { route: "provider.accreditations.$id.scope", path: `${base}/scope` },
    { route: "provider.accreditations.$id.changes", path: `${base}/changes` },
    ...(await publicPagesSignedIn(page)),
  ]);
});

test("provider owner with a draft application", async ({ page, loginAs }) => {
  await loginAs("owner2@example.org");
  const application = await firstHref(page, "/provider", /^\/provider\/applications\/[0-9a-f-]{36}$/);
  await checkScreens(page, "owner2", [
    ...SIGNED_IN,
    { route: "provider.applications.$id._index", path: application },
    { route: "provider.applications.$id.organisation", path: `${application}/organisation` },
    { route: "provider.applications.$id.trainers", path: `${application}/trainers` },
    { route: "provider.applications.$id.courses", path: `${application}/courses` },
    { route: "provider.applications.$id.mapping", path: `${application}/mapping` },
    { route: "provider.applications.$id.documents", path: `${application}/documents` },
    { route: "provider.applications.$id.declarations", path: `${application}/declarations` },
  ]);
});

test("provider member", async ({ page, loginAs }) => {
  await loginAs("member1@example.org");
  await checkScreens(page, "member1", [
    ...SIGNED_IN,
    { route: "provider.members", path: "/provider/members" },
    { route: "provider.appeals._index", path: "/provider/appeals" },
    { route: "provider.complaints", path: "/provider/complaints" },
    ...(await publicPagesSignedIn(page)),
  ]);
});

test("provider owner with an appeal before its panel", async ({ page, loginAs }) => {
  await loginAs("brad@quickrust.example");
  const appeal = await firstHref(page, "/provider/appeals", /^\/provider\/appeals\/[0-9a-f-]{36}$/);
  await checkScreens(page, "owner-appeal", [
    { route: "provider.appeals._index", path: "/provider/appeals" },
    { route: "provider.appeals.$id", path: appeal },
  ]);
});

test("provider owner with a filed annual report", async ({ page, loginAs }) => {
  await loginAs("anouk@crabcode-labs.example");
  const report = await firstHref(page, "/provider", /^\/provider\/reports\/[0-9a-f-]{36}$/);
  await checkScreens(page, "owner-report", [{ route: "provider.reports.$id", path: report }]);
});

test("reviewer", async ({ page, loginAs }) => {
  await loginAs("reviewer1@example.org");
  const assignment = await firstHref(page, "/review", /^\/review\/[0-9a-f-]{36}$/);
  await checkScreens(page, "reviewer1", [
    ...SIGNED_IN,
    { route: "review._index", path: "/review" },
    { route: "review.$assignmentId", path: assignment },
    { route: "account_.conflicts", path: "/account/conflicts" },
    ...(await publicPagesSignedIn(page)),
  ]);
});

test("board member", async ({ page, loginAs }) => {
  await loginAs("board1@example.org");
  const application = await firstHref(page, "/board", /^\/board\/[0-9a-f-]{36}$/);
  // The seeded appeal against QuickRust Bootcamp's revocation is before a panel board 1 sits on.
  const appeal = await firstHref(page, "/board/appeals", /^\/board\/appeals\/[0-9a-f-]{36}$/);
  await checkScreens(page, "board1", [
    ...SIGNED_IN,
    { route: "board._index", path: "/board" },
    { route: "board.$applicationId", path: application },
    { route: "board.appeals._index", path: "/board/appeals" },
    { route: "board.appeals.$id", path: appeal },
    { route: "account_.conflicts", path: "/account/conflicts" },
    ...(await publicPagesSignedIn(page)),
  ]);
});

// Staff have the most pages: two tests, so the screens project's two browsers share them.
test("staff: applications, accreditations and people", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  const application = await firstHref(page, "/admin/applications", /^\/admin\/applications\/[0-9a-f-]{36}$/);
  const awaiting = await firstHref(page, "/admin/applications?status=awaiting_decision", /^\/admin\/applications\/[0-9a-f-]{36}$/);
  const user = await firstHref(page, "/admin/users?q=reviewer1", /^\/admin\/users\/[0-9a-f-]{36}$/);
  await page.goto(user);
  await expect(page.getByRole("heading", { level: 2, name: "Recent activity" }), "the user's own page, not the list").toBeVisible();
  await checkScreens(page, "staff", [
    ...SIGNED_IN,
    { route: "admin._index", path: "/admin" },
    { route: "admin.applications._index", path: "/admin/applications" },
    { route: "admin.applications.$id", path: application },
    { route: "admin.applications.$id.decision", path: `${awaiting}/decision` },
    { route: "admin.applications.$id.impartiality", path: `${awaiting}/impartiality` },
    { route: "admin.accreditations", path: "/admin/accreditations" },
    { route: "admin.invitations", path: "/admin/invitations" },
    { route: "admin.users", path: "/admin/users" },
    { route: "admin.users_.$id", path: user },
    { route: "account_.conflicts", path: "/account/conflicts" },
    ...(await publicPagesSignedIn(page)),
  ]);
});

test("staff: the framework, the rubric and the queues", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  const framework = await firstHref(page, "/admin/framework", /^\/admin\/framework\/[0-9a-f-]{36}$/);
  const rubric = await firstHref(page, "/admin/rubric", /^\/admin\/rubric\/[0-9a-f-]{36}$/);
  const frameworkId = framework.split("/").pop() ?? "";
  await checkScreens(page, "staff", [
    { route: "admin.appeals._index", path: "/admin/appeals" },
    { route: "admin.assignments._index", path: "/admin/assignments" },
    { route: "admin.audit", path: "/admin/audit" },
    { route: "admin.complaints._index", path: "/admin/complaints" },
    { route: "admin.emails", path: "/admin/emails" },
    { route: "admin.framework._index", path: "/admin/framework" },
    { route: "admin.framework.$id", path: framework },
    { route: "admin.framework.diff", path: `/admin/framework/diff?from=${frameworkId}&to=${frameworkId}` },
    { route: "admin.framework.import", path: "/admin/framework/import" },
    { route: "admin.material-changes._index", path: "/admin/material-changes" },
    { route: "admin.profile-changes", path: "/admin/profile-changes" },
    { route: "admin.remap._index", path: "/admin/remap" },
    { route: "admin.reports._index", path: "/admin/reports" },
    { route: "admin.rubric._index", path: "/admin/rubric" },
    { route: "admin.rubric.$id", path: rubric },
    { route: "admin.scope-changes._index", path: "/admin/scope-changes" },
  ]);
});

// A test of its own, so the staff's pages stay within one test's time limit on a busy machine.
test("staff: the records after the grant", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  // The seed's records after the grant (decision 046).
  const appeal = await firstHref(page, "/admin/appeals", /^\/admin\/appeals\/[0-9a-f-]{36}$/);
  const complaint = await firstHref(page, "/admin/complaints", /^\/admin\/complaints\/[0-9a-f-]{36}$/);
  const scopeChange = await firstHref(page, "/admin/scope-changes", /^\/admin\/scope-changes\/[0-9a-f-]{36}$/);
  const materialChange = await firstHref(page, "/admin/material-changes", /^\/admin\/material-changes\/[0-9a-f-]{36}$/);
  const report = await firstHref(page, "/admin/reports", /^\/admin\/reports\/[0-9a-f-]{36}$/);
  const proposal = await firstHref(page, "/admin/assignments", /^\/admin\/assignments\/[0-9a-f-]{36}$/);
  await checkScreens(page, "staff", [
    { route: "admin.appeals.$id", path: appeal },
    { route: "admin.complaints.$id", path: complaint },
    { route: "admin.scope-changes.$id", path: scopeChange },
    { route: "admin.material-changes.$id", path: materialChange },
    { route: "admin.reports.$id", path: report },
    { route: "admin.assignments.$id", path: proposal },
  ]);
});

test("every page route of the manifest is looked at, here or in the flow that creates its record", () => {
  const pages = readdirSync("app/routes")
    .filter((f) => /\.tsx$/.test(f) && /export default/.test(readFileSync(`app/routes/${f}`, "utf8")))
    .map((f) => f.replace(/\.tsx$/, ""));
  // The routes a spec checks, read from its visit lists (so this holds whichever test failed or ran).
  const checkedIn = (spec: string) => new Set([...readFileSync(`tests/e2e/${spec}`, "utf8").matchAll(/route: "([^"]+)"/g)].map((m) => m[1]));
  const here = checkedIn("screens.spec.ts");
  const missing = pages.filter((r) => !here.has(r) && !(r in CHECKED_IN_FLOW) && !LAYOUTS.includes(r));
  expect(missing, "page routes no role looked at").toEqual([]);
  const elsewhere = Object.entries(CHECKED_IN_FLOW).filter(([r, spec]) => here.has(r) || !pages.includes(r) || !checkedIn(spec).has(r));
  expect(elsewhere, "routes said to be checked in a flow's spec that are checked here, are not pages, or that spec does not check").toEqual([]);
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
  // The address changes before the unfiltered list is drawn: the link goes with the filter. Read earlier, the first
  // name could be the stage's (a draft, which the search across applications rightly does not find).
  await expect(page.getByRole("link", { name: "Clear filters" })).toHaveCount(0);
  const first = page.getByRole("table", { name: /^Applications/ }).getByRole("rowheader").first().getByRole("link");
  const name = ((await first.textContent()) ?? "").trim();
  await page.getByRole("searchbox", { name: "Search" }).fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=[^&]+/);
  const rows = page.getByRole("table", { name: /^Applications/ }).getByRole("rowheader");
  // The address changes before the searched list replaces the old one: retried until every row is the searched name.
  await expect(async () => {
    const cells = await rows.allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell).toContain(name);
  }).toPass({ timeout: 10_000 });
  await page.goBack();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
});

test("an application summary and a decision record print as the record, light on white, without navigation or forms", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  const application = await firstHref(page, "/admin/applications?status=accredited", /^\/admin\/applications\/[0-9a-f-]{36}$/);
  for (const path of [application, `${application}/decision`]) {
    await page.emulateMedia({ media: "screen", colorScheme: "dark" });
    await page.goto(path);
    // A print button on screen (once JavaScript runs), itself never printed.
    const print = page.getByRole("button", { name: "Print or save as PDF" });
    await expect(print).toBeVisible();
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    await expect(print).toBeHidden();
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
