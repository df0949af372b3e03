/**
 * The courses page opens one module's editor at a time (decision 048): "Edit module …" is a link, so it works without
 * JavaScript, and with it the editor opens in place with the focus in its first field. On Oxide Training's seeded
 * draft (owner2); the test puts the module's title back, so the draft is as seeded after.
 */
import type { Page } from "@playwright/test";
import { draftApplicationPath, signIn } from "./journey-helpers";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

async function coursesPage(page: Page): Promise<string> {
  return `${await draftApplicationPath(page)}/courses`;
}

async function rename(page: Page, from: string, to: string, javaScriptEnabled: boolean) {
  await page.getByRole("link", { name: `Edit module ${from}`, exact: true }).click();
  const item = page.locator("li.module-item").filter({ has: page.getByRole("button", { name: "Save module" }) });
  const title = item.getByRole("textbox", { name: "Module title" });
  await expect(title).toHaveValue(from);
  if (javaScriptEnabled) await expect(title).toBeFocused();
  await expect(page.getByRole("button", { name: "Save module" }), "one editor at a time").toHaveCount(1);
  await title.fill(to);
  await item.getByRole("button", { name: "Save module" }).click();
  await expect(page.getByRole("status").first()).toContainText(/saved/i);
  await expect(page.getByRole("button", { name: "Save module" }), "saved: the editor closes").toHaveCount(0);
  await expect(page.locator("li.module-item strong").filter({ hasText: to }).first()).toBeVisible();
}

test("one module's editor at a time: opened by its link, refused next to the field, saved, closed; with JavaScript on and off", async ({ browser, baseURL }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled, baseURL });
    await signIn(context, baseURL ?? "", "owner2@example.org");
    const page = await context.newPage();
    const path = await coursesPage(page);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Courses and syllabus modules" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save module" }), "no editor is open").toHaveCount(0);
    const first = page.locator("li.module-item strong").first();
    const original = ((await first.textContent()) ?? "").trim();
    const state = `JavaScript ${javaScriptEnabled ? "on" : "off"}`;

    // An empty title is refused next to its field; the editor stays open with the learning outcomes as typed.
    if (javaScriptEnabled) await page.evaluate(() => Object.assign(window, { samePage: true }));
    await page.getByRole("link", { name: `Edit module ${original}`, exact: true }).click();
    await expect(page, state).toHaveURL(/[?&]edit=[0-9a-f-]{36}#module-[0-9a-f-]{36}$/);
    const item = page.locator("li.module-item").filter({ has: page.getByRole("button", { name: "Save module" }) });
    const outcomes = item.getByRole("textbox", { name: "Learning outcomes" });
    await outcomes.fill("Explain ownership\nMove values between functions");
    await item.getByRole("textbox", { name: "Module title" }).fill("");
    await item.getByRole("button", { name: "Save module" }).click();
    await expect(item.getByRole("textbox", { name: "Module title" }), state).toHaveAttribute("aria-invalid", "true");
    await expect(item.getByRole("textbox", { name: "Module title" })).toHaveAccessibleDescription(/module title/i);
    await expect(outcomes).toHaveValue("Explain ownership\nMove values between functions");
    if (javaScriptEnabled) {
      expect(await page.evaluate(() => "samePage" in window), "opened in place, no new document").toBe(true);
      await expectNoAxeViolations(page);
      // Closing gives the focus back to the module's link.
      await item.getByRole("link", { name: `Close the editor of ${original}` }).click();
      await expect(page.getByRole("link", { name: `Edit module ${original}`, exact: true })).toBeFocused();
    } else {
      await page.goto(path);
    }
    await expect(page.getByRole("button", { name: "Save module" })).toHaveCount(0);

    // Saved under a new name, then back under the seeded one.
    await rename(page, original, `${original} (edited)`, javaScriptEnabled);
    await rename(page, `${original} (edited)`, original, javaScriptEnabled);
    await context.close();
  }
});
