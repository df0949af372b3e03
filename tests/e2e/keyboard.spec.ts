/**
 * Keyboard-only completion: after signing in, no mouse at all — Tab, typing, Space and Enter,
 * arrow keys in radio groups. (a) Oxide Training's seeded draft (owner2) is completed from what the
 * submit page says is missing, and submitted. (b) reviewer1 finishes the half-written seeded review of
 * Trait Bound Training and submits it. On every page worked on, a full Tab walk checks that each control
 * is reached, in document order, with a visible focus indicator.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { auditTabOrder, tabTo } from "./journey-helpers";
import { tinyPdf } from "./syllabus";

/** Tab to a control and activate it with Enter (links, buttons) or Space (checkboxes, summaries). */
async function press(page: Page, target: Locator, key: "Enter" | "Space" = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** Tab into a field and type into it (replacing what is there). */
async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/**
 * Choose a radio in a group by keyboard: Tab lands on the group's checked radio (or its first); Space
 * checks the first when none is; the arrow keys move the choice through the group in order.
 */
async function chooseRadio(page: Page, group: Locator, wanted: RegExp) {
  const radios = group.getByRole("radio");
  const names = await radios.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.replace(/\s+/g, " ").trim() ?? ""));
  const target = names.findIndex((n) => wanted.test(n));
  expect(target, `a radio matching ${wanted} in ${names.join(" | ")}`).toBeGreaterThanOrEqual(0);
  let current = await radios.evaluateAll((els) => els.findIndex((el) => (el as HTMLInputElement).checked));
  if (current < 0) {
    await tabTo(page, radios.first());
    await page.keyboard.press("Space");
    current = 0;
  } else {
    await tabTo(page, radios.nth(current));
  }
  for (; current < target; current++) await page.keyboard.press("ArrowDown");
  for (; current > target; current--) await page.keyboard.press("ArrowUp");
  await expect(radios.nth(target)).toBeChecked();
}

test("keyboard only: a provider completes the seeded draft from what is missing and submits it", async ({ page, loginAs }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  await loginAs("owner2@example.org");
  await page.goto("/provider");
  await press(page, page.getByRole("link", { name: "Oxide Training — initial application" }));
  await expect(page.getByRole("heading", { level: 1, name: "Review and submit" })).toBeVisible();
  problems.push(...(await auditTabOrder(page)));

  const missing = page.getByRole("region", { name: "Still missing before you can submit" }).getByRole("link");
  const seen: string[] = [];
  for (let round = 0; round < 6 && (await missing.count()) > 0; round++) {
    const item = missing.first();
    const message = ((await item.textContent()) ?? "").trim();
    seen.push(message);
    await press(page, item);

    if (/map it to at least one competency/.test(message)) {
      await expect(page.getByRole("heading", { level: 1, name: "Competency mapping" })).toBeVisible();
      problems.push(...(await auditTabOrder(page)));
      const unmapped = page.locator("article").filter({ hasText: "Not mapped yet" }).first();
      const title = ((await unmapped.getByRole("heading", { level: 4 }).textContent()) ?? "").replace(/^M\d+\.\s*/, "").trim();
      const suggestion = unmapped.getByRole("button", { name: /^Add as practised/ }).first();
      await expect(suggestion, `a suggestion for ${title}`).toBeVisible();
      await press(page, suggestion);
      await expect(page.getByRole("table", { name: `Competencies mapped to ${title}` })).toBeVisible();
    } else if (/^Upload /.test(message)) {
      await expect(page.getByRole("heading", { level: 1, name: "Evidence documents" })).toBeVisible();
      problems.push(...(await auditTabOrder(page)));
      const kind = page.getByLabel("What is it?");
      await tabTo(page, kind);
      // A closed select chooses by typing the option's label.
      await page.keyboard.type("Syllabus");
      await expect(kind).toHaveValue("syllabus");
      // Space on the file input opens the file chooser, as it would for a person. Listened for before Tab starts:
      // Playwright turns file-chooser interception on when a listener is added, without waiting for the browser, and
      // a press that got there first opened nothing in one CI run (the test then waited out its timeout).
      const chooserOpened = page.waitForEvent("filechooser");
      await tabTo(page, page.getByLabel("PDF file"));
      await page.keyboard.press("Space");
      const chooser = await chooserOpened;
      await chooser.setFiles({ name: "oxide-syllabus.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
      await press(page, page.getByRole("button", { name: "Upload" }));
      await expect(page.getByRole("link", { name: "oxide-syllabus.pdf" })).toBeVisible();
    } else if (/declaration/.test(message)) {
      await expect(page.getByRole("heading", { level: 1, name: "Declarations" })).toBeVisible();
      problems.push(...(await auditTabOrder(page)));
      for (const label of [/information in this application is accurate/, /code of conduct/, /stores this application/]) {
        const box = page.getByLabel(label);
        await press(page, box, "Space");
        await expect(box).toBeChecked();
      }
      await expect(page.getByLabel("Your full name, as signature")).toHaveValue("Chloé Martin");
      await press(page, page.getByRole("button", { name: "Save declarations" }));
      await expect(page.getByRole("navigation", { name: "Application sections" })).toContainText("6 of 6 sections complete");
    } else {
      throw new Error(`The seeded draft lacks something this test does not expect: ${message}`);
    }
    await press(page, page.getByRole("navigation", { name: "Application sections" }).getByRole("link", { name: "Overview and submit" }));
    await expect(page.getByRole("heading", { level: 1, name: "Review and submit" })).toBeVisible();
  }
  // The seed says its last module is unmapped, and a draft has no evidence or declarations yet.
  expect(seen.some((m) => /map it to at least one competency/.test(m)), `missing items were: ${seen.join(" | ")}`).toBe(true);
  await expect(page.getByText("Everything required is there.")).toBeVisible();
  problems.push(...(await auditTabOrder(page)));

  await press(page, page.getByRole("button", { name: "Submit application" }));
  await expect(page.getByRole("status").filter({ hasText: "Submitted as revision 1" })).toBeVisible();
  expect(problems, `keyboard problems:\n${problems.join("\n")}`).toEqual([]);
});

test("keyboard only: a reviewer finishes the seeded draft review, scoring every criterion, and submits it", async ({ page, loginAs }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  await loginAs("reviewer1@example.org");
  await page.goto("/review");
  problems.push(...(await auditTabOrder(page)));
  await press(page, page.getByRole("link", { name: "Trait Bound Training" }));
  await expect(page.getByRole("heading", { level: 1, name: "Review: Trait Bound Training" })).toBeVisible();
  problems.push(...(await auditTabOrder(page)));

  const rubric = page.getByRole("form", { name: "Rubric" });
  const criteria = rubric.getByRole("group").filter({ has: page.getByRole("radio", { name: /^0 —/ }) });
  const count = await criteria.count();
  expect(count).toBeGreaterThan(2);
  const unscoredBefore = await criteria.evaluateAll((groups) => groups.filter((g) => !g.querySelector("input:checked")).length);
  expect(unscoredBefore, "the seeded draft is half done").toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await chooseRadio(page, criteria.nth(i), /^3 —/);
  }
  await typeInto(page, rubric.getByRole("textbox", { name: /^Comment on / }).first(), "Scored with the keyboard alone.");
  await chooseRadio(page, rubric.getByRole("group", { name: "Your confidence in this review" }), /^High$/);
  await chooseRadio(page, rubric.getByRole("group", { name: "Your recommendation" }), /^Accredit$/);
  await typeInto(page, rubric.getByLabel("Summary"), "Solid course; trait bounds now have exercises. Reviewed by keyboard only.");

  await press(page, rubric.getByRole("button", { name: "Submit review" }));
  // A final submission asks first; the dialog takes the focus, and its confirm button is reached by Tab.
  await press(page, page.getByRole("dialog", { name: /^Submit your review\?/ }).getByRole("button", { name: "Submit, final" }));
  await expect(page.getByRole("status")).toContainText("Review submitted");
  await expect(page.getByRole("button", { name: "Submit review" })).toHaveCount(0);
  await expect(page.getByText("Reviewed by keyboard only.")).toBeVisible();
  expect(problems, `keyboard problems:\n${problems.join("\n")}`).toEqual([]);
});
