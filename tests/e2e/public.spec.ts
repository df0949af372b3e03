import { expect, test } from "./fixtures";

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

test("an unknown address is a 404 page that keeps the visitor's own header; the API answers it in JSON", async ({ page, request }) => {
  const anonymous = await page.goto("/no/such/page");
  expect(anonymous?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  const api = await request.get("/api/v1/nothing-here");
  expect(api.status()).toBe(404);
  // RFC 9457 problem details, like every error of the API (issue 18).
  expect(api.headers()["content-type"]).toContain("application/problem+json");
  expect(await api.json()).toEqual({
    type: "about:blank",
    title: "Not Found",
    status: 404,
    detail: "Not found: /api/v1/nothing-here is not an endpoint of this API (see /api/v1/openapi.json).",
    instance: "/api/v1/nothing-here",
  });
});

test("signed in, the 404 page still shows who is signed in and their navigation", async ({ page, loginAs }) => {
  await loginAs("staff@example.org");
  const response = await page.goto("/admin/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
});
