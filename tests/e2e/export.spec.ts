import { expect, test } from "./fixtures";

const FORMULA = '=HYPERLINK("http://evil.example","click")';

test("staff export applications, accreditations and reviews as CSV; a cell starting with = is neutralised", async ({ page, loginAs, baseURL }) => {
  await loginAs("staff@example.org");
  const origin = new URL(baseURL ?? "").origin;

  // The applications list offers the download; its rows are the non-draft applications.
  await page.goto("/admin/applications");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export applications (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("applications.csv");
  const applications = await (await page.request.get("/admin/export/applications")).text();
  const lines = applications.trimEnd().split("\r\n");
  expect(lines[0]).toBe("id,organisation,kind,status,revision,submitted_at");
  expect(lines.length).toBeGreaterThan(1);
  expect(applications).not.toMatch(/,draft,/);
  expect(applications).toContain("Zero Cost Academy");

  // A suspension reason written as a formula comes out as text.
  await page.goto("/admin/accreditations?status=active");
  const certificate = (await page.locator("main tbody tr th a").first().textContent())?.trim() ?? "";
  const id = await page.locator("main tbody tr").first().locator("input[name=id]").first().getAttribute("value");
  const suspended = await page.request.post("/admin/accreditations", { form: { intent: "suspend", id: id ?? "", reason: FORMULA }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(suspended.status()).toBe(302);
  try {
    const csv = await (await page.request.get("/admin/export/accreditations")).text();
    const row = csv.split("\r\n").find((l) => l.startsWith(`${certificate},`));
    expect(row).toBeDefined();
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(row).not.toMatch(/,=HYPERLINK/);
  } finally {
    await page.request.post("/admin/accreditations", { form: { intent: "reinstate", id: id ?? "", reason: "" }, headers: { Origin: origin }, maxRedirects: 0 });
  }

  const reviews = await (await page.request.get("/admin/export/reviews")).text();
  expect(reviews.split("\r\n")[0]).toBe("organisation,application_id,revision,reviewer,status,recommendation,confidence,submitted_at,summary");

  // Nobody else can download: a provider gets 404.
  await loginAs("owner1@example.org");
  expect((await page.request.get("/admin/export/applications")).status()).toBe(404);
});
