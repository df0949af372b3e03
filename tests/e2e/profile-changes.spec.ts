import { DEMO_PASSWORD, expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// A listed provider proposes a new public description; staff approve it; the public profile shows it.
// Sakura Rust School is used by no other spec.
test("a provider's public-profile change is reviewed by staff and then published", async ({ page, browser, baseURL, loginAs }) => {
  const description = `Tokyo school teaching Rust in Japanese and English, now also embedded Rust (${Date.now()}).`;
  await loginAs("yuki@sakura-rust.example");
  await page.goto("/provider");
  await page.getByRole("link", { name: "public profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Public profile of Sakura Rust School/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // Bad input: a field message, and what was typed stays.
  await page.getByLabel("Public name").fill("");
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByText("Enter the display name").first()).toBeVisible();
  await page.getByLabel("Public name").fill("Sakura Rust School");
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("heading", { name: "Waiting for review" })).toBeVisible();

  const staff = await browser.newContext({ baseURL });
  try {
    await staff.request.post("/login", { form: { email: "staff@example.org", password: DEMO_PASSWORD }, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
    const admin = await staff.newPage();
    await admin.goto("/admin/profile-changes");
    const change = admin.getByRole("region", { name: "Sakura Rust School" });
    await expect(change.getByText(description)).toBeVisible();
    await expectNoAxeViolations(admin);
    await change.getByRole("button", { name: "Approve and publish" }).click();
    await expect(admin.getByRole("status")).toContainText("approved");
  } finally {
    await staff.close();
  }

  await page.goto("/providers/sakura-rust-school");
  await expect(page.getByText(description)).toBeVisible();
});
