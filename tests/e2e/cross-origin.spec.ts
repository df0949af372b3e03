import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";

// Another origin on loopback: a tiny page of a third-party site that reads the portal's public API and
// CASE endpoints from the browser, revalidating with If-None-Match (not a CORS-safelisted header, so
// the browser sends a preflight first).
let site: Server;
let siteUrl: string;

test.beforeAll(async () => {
  site = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<!doctype html><html lang=en><title>Another site</title><h1>Another site</h1></html>");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

test("a page on another origin fetches the API and CASE with If-None-Match and gets 304", async ({ page, baseURL }) => {
  await page.goto(siteUrl);
  const results = await page.evaluate(async (portal) => {
    const revalidate = async (path: string) => {
      const first = await fetch(`${portal}${path}`, { cache: "no-store" });
      const etag = first.headers.get("ETag");
      const link = first.headers.get("Link");
      await first.json();
      const second = await fetch(`${portal}${path}`, { cache: "no-store", headers: { "If-None-Match": etag ?? "" } });
      return { first: first.status, etag, link, second: second.status };
    };
    return { api: await revalidate("/api/v1/providers?per_page=2"), case: await revalidate("/ims/case/v1p1/CFDocuments") };
  }, baseURL!);
  expect(new URL(siteUrl).origin).not.toBe(new URL(baseURL!).origin);
  expect(results.api.first).toBe(200);
  expect(results.api.etag).toMatch(/^W\/"/);
  expect(results.api.link).toContain('rel="first"');
  expect(results.api.second).toBe(304);
  expect(results.case.first).toBe(200);
  expect(results.case.etag).toMatch(/^W\/"/);
  expect(results.case.second).toBe(304);
});

test("a page on another origin POSTs a credential as JSON to the verification API and reads the answer", async ({ page, baseURL }) => {
  await page.goto(siteUrl);
  const answer = await page.evaluate(async (portal) => {
    // application/json is not a CORS-safelisted type: the browser sends a preflight first.
    const res = await fetch(`${portal}/api/v1/credentials/verify`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ not: "a credential" }) });
    return { status: res.status, body: (await res.json()) as { error?: string } };
  }, baseURL!);
  expect(answer.status).toBe(400);
  expect(answer.body.error).toBeTruthy();
});
