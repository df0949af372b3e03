/**
 * Issue 17, hand-offs: "mapping edits and suggestions apply in place without a page reload (with the no-JavaScript
 * form still working)". On Oxide Training's seeded draft (owner2): accepting a suggestion, changing a depth (one
 * control) and removing a mapping each post through a fetcher, with no document request; with JavaScript off the
 * same forms post and come back to the module. Each test undoes what it mapped, so the draft is as seeded after.
 */
import type { Locator, Page, Request } from "@playwright/test";
import { draftApplicationPath, signIn } from "./journey-helpers";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

async function mappingPage(page: Page): Promise<string> {
  return `${await draftApplicationPath(page)}/mapping`;
}

/** The first module with a suggestion: its article, title and the suggested competency's code. */
async function firstSuggestion(page: Page) {
  const article = page.locator("article.module-mapping").filter({ has: page.getByRole("button", { name: /^Add as practised/ }) }).first();
  const title = ((await article.getByRole("heading", { level: 4 }).textContent()) ?? "").replace(/^M\d+\.\s*/, "").trim();
  const button = article.getByRole("button", { name: /^Add as practised/ }).first();
  const code = ((await button.getAttribute("aria-label")) ?? "").match(/: (\S+) to /)?.[1] ?? "";
  expect(code, "the suggestion names its competency").not.toBe("");
  return { article, title, button, code };
}

/** Holds the answers to the mapping page's posts until the returned function is called (then lets them through). */
async function holdMappingAnswers(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/mapping/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await held;
    await route.continue();
  });
  return release;
}

/**
 * In a module whose "map another competency" form is open: sends it empty first (refused next to the field), then
 * maps the first competency it offers. Returns the module's title and the competency's code.
 */
async function mapFirstOffered(module: Locator) {
  const select = module.getByLabel("Competency", { exact: true });
  await module.getByRole("button", { name: "Map competency" }).click();
  await expect(select).toHaveAccessibleDescription(/Choose a competency/);
  const title = ((await module.getByRole("heading", { level: 4 }).textContent()) ?? "").replace(/^M\d+\.\s*/, "").trim();
  const option = select.locator("option[value]:not([value=''])").first();
  const code = ((await option.textContent()) ?? "").split(" ")[0];
  await select.selectOption((await option.getAttribute("value"))!);
  await module.getByRole("button", { name: "Map competency" }).click();
  return { title, code };
}

test("accepting a suggestion, changing its depth and removing it answer in place, with no document request", async ({ page, loginAs }) => {
  await loginAs("owner2@example.org");
  const path = await mappingPage(page);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Competency mapping" })).toBeVisible();
  // Hydrated: the depth is one control, its button is only for the no-JavaScript form.
  await expect(page.getByRole("button", { name: /^Set depth/ })).toHaveCount(0);

  const documents: string[] = [];
  const posts: { url: string; type: string }[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(r.url());
    if (r.method() === "POST") posts.push({ url: r.url(), type: r.resourceType() });
  });

  const { article, title, button, code } = await firstSuggestion(page);
  const table = page.getByRole("table", { name: `Competencies mapped to ${title}` });
  // The answer is read on its way to the page: Chromium does not always keep a fetch's body for DevTools once the
  // page has read it (in CI, reading it failed with "No data found for resource", and its recorded size was 0).
  const answers: { status: number; bytes: number }[] = [];
  await page.route(/\/mapping/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    answers.push({ status: response.status(), bytes: (await response.body()).length });
    await route.fulfill({ response });
  });
  await button.click();
  await expect.poll(() => answers.length).toBe(1);
  const [response] = answers;
  expect(response.status).toBe(200);
  expect(response.bytes, "a small answer, not a page").toBeGreaterThan(0);
  expect(response.bytes, "a small answer, not a page").toBeLessThan(2_000);
  await page.unroute(/\/mapping/);
  await expect(table).toContainText(code);
  await expect(article.getByRole("button", { name: new RegExp(`^Add as practised: ${code.replace(/\./g, "\\.")} to `) })).toHaveCount(0);
  await expect(article.getByRole("status")).toHaveText("Saved.");

  // Depth: choosing it saves it.
  const depth = page.getByLabel(`Depth of ${code} in ${title}`);
  await depth.selectOption("assessed");
  await expect(article.getByRole("status")).toHaveText("Saved.");
  await expectNoAxeViolations(page);

  // Removing it.
  await table.getByRole("button", { name: new RegExp(`^Remove\\s*${code.replace(/\./g, "\\.")} from `) }).click();
  await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(0);
  await expect(article.getByRole("status")).toHaveText("Saved.");

  expect(documents, "no document was requested: the page never reloaded").toEqual([]);
  expect(posts.length).toBe(3);
  for (const post of posts) expect(post.type, `${post.url} went through a fetcher`).toBe("fetch");

  // And the server has it: after a reload the suggestion is offered again, the mapping gone.
  await page.reload();
  await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(0);
});

test("an accepted suggestion keeps its place, as 'Adding…' and then 'Added', so nothing moves under the pointer", async ({ page, loginAs }) => {
  await loginAs("owner2@example.org");
  await page.goto(await mappingPage(page));
  const { article, title, button, code } = await firstSuggestion(page);
  const escaped = code.replace(/\./g, "\\.");
  // What a person would click next: the module's other suggestions, and the next module's heading for everything
  // below. Places in the document, not the viewport (the browser's scroll anchoring can hide a shift from the viewport).
  const index = await article.evaluate((a) => [...document.querySelectorAll("article.module-mapping")].indexOf(a as HTMLElement));
  const next = page.locator("article.module-mapping").nth(index + 1).getByRole("heading", { level: 4 });
  await expect(next).toBeVisible();
  const places = async () => ({
    suggestions: await article.locator(".suggestions li").evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().top + window.scrollY)),
    below: await next.evaluate((h) => h.getBoundingClientRect().top + window.scrollY),
  });
  // The answer is held until the page, as the click left it, has been measured.
  const release = await holdMappingAnswers(page);
  await button.click();
  await expect(page.getByRole("table", { name: `Competencies mapped to ${title}` })).toContainText(code);
  await expect(article.getByRole("status")).toHaveText("Saving…");
  await expect(article.getByRole("button", { name: new RegExp(`^Adding ${escaped} to `) }), "accepted, it stays in its place").toBeDisabled();
  const before = await places();
  release();
  await expect(article.getByRole("status")).toHaveText("Saved.");
  await expect(article.getByRole("button", { name: new RegExp(`^Added ${escaped} to `) })).toBeDisabled();
  expect(await places(), "nothing moved when the answer came").toEqual(before);
  await page.unroute(/\/mapping/);

  // Removed again, it is offered again in the same row (and the draft is as seeded for the other tests).
  await page.getByRole("table", { name: `Competencies mapped to ${title}` }).getByRole("button", { name: new RegExp(`^Remove\\s*${escaped} from `) }).click();
  await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(0);
  await expect(article.getByRole("status")).toHaveText("Saved.");
  await expect(article.getByRole("button", { name: new RegExp(`^Add as practised: ${escaped} to `) })).toBeEnabled();
});

test("two suggestions of one module accepted without waiting are both sent and both saved", async ({ page, loginAs }) => {
  await loginAs("owner2@example.org");
  await page.goto(await mappingPage(page));
  // A module's suggestions are one form: each button posts its own competency, through its own fetcher, so the second
  // click does not cancel the first.
  const suggestion = page.getByRole("button", { name: /^Add as practised/ });
  const article = page.locator("article.module-mapping").filter({ has: suggestion.nth(1) }).first();
  const title = ((await article.getByRole("heading", { level: 4 }).textContent()) ?? "").replace(/^M\d+\.\s*/, "").trim();
  const buttons = article.getByRole("button", { name: /^Add as practised/ });
  const codes = await Promise.all([0, 1].map(async (i) => ((await buttons.nth(i).getAttribute("aria-label")) ?? "").match(/: (\S+) to /)?.[1] ?? ""));
  expect(codes.every(Boolean), "each suggestion names its competency").toBe(true);
  const posts: { type: string; status: Promise<number | undefined> }[] = [];
  const onRequest = (r: Request) => {
    if (r.method() === "POST") posts.push({ type: r.resourceType(), status: r.response().then((response) => response?.status()) });
  };
  page.on("request", onRequest);
  for (const code of codes) await article.getByRole("button", { name: new RegExp(`^Add as practised: ${code.replace(/\./g, "\\.")} to `) }).click();
  const table = page.getByRole("table", { name: `Competencies mapped to ${title}` });
  for (const code of codes) await expect(table).toContainText(code);
  await expect(article.getByRole("status")).toHaveText("Saved.");
  expect(posts.length).toBe(2);
  for (const post of posts) {
    expect(post.type, "each went through a fetcher").toBe("fetch");
    expect(await post.status).toBe(200);
  }
  // Only these two: a later post's answer could still be awaited when the test ends ("request.response: Test ended").
  page.off("request", onRequest);

  // The server has both.
  await page.reload();
  for (const code of codes) await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(1);
  // Undo, so the draft is as seeded for the other tests.
  for (const code of codes) {
    await table.getByRole("button", { name: new RegExp(`^Remove\\s*${code.replace(/\./g, "\\.")} from `) }).click();
    await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(0);
  }
});

test("one \"map another competency\" form at a time: it opens in place with the focus on it, maps, and closes back to its button", async ({ page, loginAs }) => {
  await loginAs("owner2@example.org");
  await page.goto(await mappingPage(page));
  const modules = page.locator("article.module-mapping");
  // No module carries the framework's whole list until asked (issue 19: it was a fifth of the page at 20 modules).
  await expect(page.getByLabel("Competency", { exact: true })).toHaveCount(0);
  const [first, second] = [modules.nth(0), modules.nth(1)];
  await first.getByRole("button", { name: /^Map another competency to / }).click();
  await expect(first.getByLabel("Competency", { exact: true })).toBeFocused();
  await second.getByRole("button", { name: /^Map another competency to / }).click();
  await expect(second.getByLabel("Competency", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Competency", { exact: true }), "opening one closes the other").toHaveCount(1);
  await expectNoAxeViolations(page);

  // An empty choice is refused next to the field, in the browser, with nothing sent.
  const { title, code } = await mapFirstOffered(second);
  const table = page.getByRole("table", { name: `Competencies mapped to ${title}` });
  await expect(table).toContainText(code);
  await expect(second.getByRole("status")).toHaveText("Saved.");
  // Still open for the next one, without the one just mapped.
  await expect(second.getByLabel("Competency", { exact: true }).locator("option", { hasText: `${code} ` })).toHaveCount(0);

  await second.getByRole("button", { name: /^Close/ }).click();
  await expect(second.getByRole("button", { name: /^Map another competency to / })).toBeFocused();

  // Undo, so the draft is as seeded for the other tests.
  await table.getByRole("button", { name: new RegExp(`^Remove\\s*${code.replace(/\./g, "\\.")} from `) }).click();
  await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(0);
});

test("a competency mapped from the list shows in the row the answer puts it in, so the table does not reorder when it comes", async ({ page, loginAs }) => {
  await loginAs("owner2@example.org");
  await page.goto(await mappingPage(page));
  // A module that maps something already, and a competency that sorts before its first mapping.
  const article = page.locator("article.module-mapping").filter({ has: page.getByRole("table") }).first();
  const title = ((await article.getByRole("heading", { level: 4 }).textContent()) ?? "").replace(/^M\d+\.\s*/, "").trim();
  const table = page.getByRole("table", { name: `Competencies mapped to ${title}` });
  const codes = () => table.locator("tbody tr td:first-child .mono").allTextContents();
  const [firstMapped] = await codes();
  await article.getByRole("button", { name: /^Map another competency to / }).click();
  const select = article.getByLabel("Competency", { exact: true });
  const options = await select.locator("option[value]:not([value=''])").evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, code: (o.textContent ?? "").split(" ")[0] })));
  const earlier = options.find((o) => o.code < firstMapped);
  expect(earlier, `a competency that sorts before ${firstMapped}`).toBeDefined();
  const code = earlier!.code;

  const release = await holdMappingAnswers(page);
  await select.selectOption(earlier!.value);
  await article.getByRole("button", { name: "Map competency" }).click();
  await expect(table).toContainText(code);
  await expect(article.getByRole("status")).toHaveText("Saving…");
  const shown = await codes();
  expect(shown[0], "shown where the answer will list it").toBe(code);
  release();
  await expect(article.getByRole("status")).toHaveText("Saved.");
  expect(await codes(), "no row moved when the answer came").toEqual(shown);
  await page.unroute(/\/mapping/);

  // Undo, so the draft is as seeded for the other tests.
  await table.getByRole("button", { name: new RegExp(`^Remove\\s*${code.replace(/\./g, "\\.")} from `) }).click();
  await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(0);
});

test("with JavaScript off, the same forms post and come back to the module", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    await signIn(context, baseURL ?? "", "owner2@example.org");
    const page = await context.newPage();
    const path = await mappingPage(page);
    await page.goto(path);
    const { title, button, code } = await firstSuggestion(page);
    await button.click();
    await expect(page).toHaveURL(/\?saved=1#module-/);
    await expect(page.getByRole("status").filter({ hasText: "Saved." }).first()).toBeVisible();
    const table = page.getByRole("table", { name: `Competencies mapped to ${title}` });
    await expect(table).toContainText(code);

    await page.getByLabel(`Depth of ${code} in ${title}`).selectOption("assessed");
    await table.getByRole("button", { name: new RegExp(`^Set depth\\s*of ${code.replace(/\./g, "\\.")}$`) }).click();
    await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveValue("assessed");

    await page
      .getByRole("table", { name: `Competencies mapped to ${title}` })
      .getByRole("button", { name: new RegExp(`^Remove\\s*${code.replace(/\./g, "\\.")} from `) })
      .click();
    await expect(page.getByLabel(`Depth of ${code} in ${title}`)).toHaveCount(0);

    // "Map another competency" is a link to the same page with that module's form open.
    const module = page.locator("article.module-mapping").first();
    await module.getByRole("link", { name: /^Map another competency to / }).click();
    await expect(page).toHaveURL(/\?map=[0-9a-f-]{36}#module-/);
    await expect(page.getByLabel("Competency", { exact: true })).toHaveCount(1);
    // Without JavaScript the empty choice is refused by the server, next to the field.
    const { title: moduleTitle, code: mapped } = await mapFirstOffered(module);
    await expect(page).toHaveURL(/\?saved=1#module-/);
    const mappedTable = page.getByRole("table", { name: `Competencies mapped to ${moduleTitle}` });
    await expect(mappedTable).toContainText(mapped);
    await mappedTable.getByRole("button", { name: new RegExp(`^Remove\\s*${mapped.replace(/\./g, "\\.")} from `) }).click();
    await expect(page.getByLabel(`Depth of ${mapped} in ${moduleTitle}`)).toHaveCount(0);
  } finally {
    await context.close();
  }
});
