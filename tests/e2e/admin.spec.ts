import { Ajv2019 } from "ajv/dist/2019.js";
import addFormatsImport from "ajv-formats-3";
import { caseSchema } from "../../app/domain/case-schema";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// ajv-formats is CommonJS: under an ESM loader the plugin is the default export's default.
const addFormats = (addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport;

function caseValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: true });
  addFormats(ajv, ["date-time", "date", "uri"]);
  return ajv.compile(caseSchema);
}

test("staff publish a new framework version with a new competency; new applications pin it, older ones keep theirs; the CASE export validates and re-imports identically", async ({
  page,
  loginAs,
  browser,
}) => {
  await loginAs("staff@example.org");
  await page.goto("/admin/framework");
  await expect(page.getByRole("heading", { level: 1, name: "Competency framework" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The published version and how many applications pin it now.
  const publishedRow = page.getByRole("row").filter({ has: page.locator(".badge", { hasText: /^Published$/ }) });
  const oldVersionText = (await publishedRow.getByRole("link").first().textContent())!; // "Version N"
  const oldVersion = Number(oldVersionText.replace(/\D/g, ""));
  const oldPinned = Number(await publishedRow.locator(`td[data-label="Applications"]`).textContent());
  const oldHref = (await publishedRow.getByRole("link").first().getAttribute("href"))!;
  expect(oldPinned).toBeGreaterThan(0);

  // 1. New draft copied from the published version.
  await page.getByRole("button", { name: `New draft from version ${oldVersion}` }).click();
  const newVersion = oldVersion + 1;
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Framework version ${newVersion}`) })).toBeVisible();
  const draftUrl = page.url();
  const draftId = draftUrl.match(/framework\/([0-9a-f-]{36})/)![1];

  // 2. Add a competency (client-side validation first: no level chosen).
  const add = page.getByRole("region", { name: "Add a competency" });
  await add.getByLabel("Area", { exact: true }).selectOption({ label: (await add.getByLabel("Area", { exact: true }).locator("option", { hasText: /^OWN / }).first().textContent())! });
  await add.getByLabel("Code", { exact: true }).fill("OWN.90");
  await add.getByLabel("Title", { exact: true }).fill("Choose interior mutability deliberately");
  await add.getByLabel("Description", { exact: true }).fill("Pick Cell, RefCell or a Mutex and explain the run-time cost.");
  await add.getByRole("button", { name: "Add competency" }).click();
  await expect(add.locator(".field-error", { hasText: "Choose a level" })).toBeVisible();
  await add.getByLabel("Level", { exact: true }).selectOption("intermediate");
  await add.getByLabel(/Core competency/).check();
  await add.getByRole("button", { name: "Add competency" }).click();
  await expect(page.getByRole("status")).toContainText("Saved OWN.90");
  await expect(page.getByRole("rowheader", { name: "OWN.90", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // 3. Publish it.
  await page.getByRole("button", { name: `Publish version ${newVersion}` }).click();
  await expect(page.getByRole("status")).toContainText(`Version ${newVersion} is published`);

  // 4. A provider starts a new application: it is written against the new version.
  const providerContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const provider = await providerContext.newPage();
  const response = await provider.request.post("/login", {
    form: { email: "owner1@example.org", password: "rust-demo-2026" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  await provider.goto("/provider/applications/new");
  await expect(provider.getByText(`version ${newVersion}`)).toBeVisible();
  await provider.getByRole("button", { name: "Start the application" }).click();
  await expect(provider).toHaveURL(/\/provider\/applications\/[0-9a-f-]{36}\/organisation/);
  const newApplicationId = provider.url().match(/applications\/([0-9a-f-]{36})/)![1];
  await providerContext.close();

  // The staff version pages: the new application pins the new version, the older ones keep the old one.
  await page.goto(draftUrl);
  const pinnedNew = page.getByRole("region", { name: "Applications pinned to this version" });
  await expect(pinnedNew.locator(`a[href="/admin/applications/${newApplicationId}"]`)).toBeVisible();
  await expect(pinnedNew.getByRole("row")).toHaveCount(2); // header + the new application
  await page.goto(oldHref);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Retired");
  const pinnedOld = page.getByRole("region", { name: "Applications pinned to this version" });
  await expect(pinnedOld.getByRole("row")).toHaveCount(oldPinned + 1);
  await expect(pinnedOld.locator(`a[href="/admin/applications/${newApplicationId}"]`)).toHaveCount(0);
  await page.goto("/admin/framework");
  await expect(page.getByRole("row").filter({ hasText: `Version ${newVersion}` }).locator(`td[data-label="Applications"]`)).toHaveText("1");

  // 5. The CASE export of the published version passes the CASE 1.1 schema…
  const exported = await page.request.get(`/ims/case/v1p1/CFPackages/${draftId}`);
  expect(exported.status()).toBe(200);
  const pkg = await exported.json();
  const validate = caseValidator();
  expect(validate(pkg), JSON.stringify(validate.errors)).toBe(true);
  expect(pkg.CFItems.some((i: { humanCodingScheme: string }) => i.humanCodingScheme === "OWN.90")).toBe(true);

  // …and re-imports to a draft identical to it.
  await page.goto("/admin/framework/import");
  await expectNoAxeViolations(page);
  await page.getByLabel(/CFPackage file/).setInputFiles({ name: `framework-v${newVersion}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(pkg)) });
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  await expect(page.getByRole("status")).toContainText(`Imported as draft version ${newVersion + 1}`);
  const importedId = page.url().match(/framework\/([0-9a-f-]{36})/)![1];
  await page.goto(`/admin/framework/diff?from=${draftId}&to=${importedId}`);
  await expect(page.getByText("0 added, 0 removed, 0 changed")).toBeVisible();
  await expect(page.getByText("No differences")).toBeVisible();
  await expectNoAxeViolations(page);

  // One draft at a time (decision 057): the import page now leads to the imported draft, and another import is refused.
  await page.goto("/admin/framework/import");
  await expect(page.getByRole("link", { name: `continue draft version ${newVersion + 1}` })).toHaveAttribute("href", `/admin/framework/${importedId}`);
  await page.getByLabel(/CFPackage file/).setInputFiles({ name: `framework-v${newVersion}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(pkg)) });
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  await expect(page.getByRole("alert")).toContainText(`Draft version ${newVersion + 1} is already in progress`);
});

test("an invalid CASE package is refused with its errors listed by JSON path", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  await page.goto("/admin/framework/import");
  const bad = { CFDocument: { identifier: "01890a5d-ac96-774b-bcce-b302099a8057", uri: "x", title: "T", lastChangeDateTime: "yesterday" } };
  await page.getByLabel(/CFPackage file/).setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The package was not imported");
  await expect(alert).toContainText("/CFDocument/creator");
  await expect(alert).toContainText("/CFDocument/uri");
  await expect(alert).toContainText("/CFDocument/lastChangeDateTime");
});

test("the admin pages pass axe, and non-staff get a 404", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  for (const path of ["/admin", "/admin/rubric", "/admin/users", "/admin/emails", "/admin/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("navigation", { name: "Administration" })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.getByRole("button", { name: "Verify the hash chain" }).click();
  await expect(page.getByRole("status")).toContainText("The chain is intact");

  // The rubric's versions share the framework's editor: a published version reads, a new draft edits in place.
  await page.goto("/admin/rubric");
  await page.getByRole("link", { name: /^Version \d+$/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Rubric version \d+/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Criteria of rubric version/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/admin/rubric");
  await page.getByRole("button", { name: /^New draft from version/ }).click();
  await expect(page.getByRole("status")).toContainText(/Draft version \d+ created\./);
  await page.getByRole("link", { name: /^Edit / }).first().click();
  await expect(page.getByRole("heading", { level: 3, name: /^Edit / })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Delete this draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review rubric" })).toBeVisible();

  await page.context().clearCookies();
  await loginAs("reviewer1@example.org");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(404);
});
