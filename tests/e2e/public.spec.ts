import { expect, test } from "@playwright/test";

test("the public pages answer on first start", async ({ page }) => {
  for (const [path, heading] of [
    ["/", /Rust training you can trust/],
    ["/providers", /Accredited providers/],
    ["/verify", /Verify a certificate/],
    ["/competencies", /Competency framework/],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
});
