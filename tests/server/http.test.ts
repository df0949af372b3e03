/**
 * The built server over HTTP, as `npm start` runs it on the embedded database (issue 12, finding 6; issue 14):
 * bursts of 50 concurrent requests never answer 500, and the event loop is measured from outside by timing a
 * route that does no work (/livez) while the burst runs. Also the cross-site verification API through the
 * server's guards (preflight, same-origin exemption, CORS headers on the answer).
 */
import http from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "../support/server-process";
import { PAGE_GZIP_LEVEL } from "~/services/compress.server";

let server: RunningServer;

beforeAll(async () => {
  // Seeded, so pages have data and there is an accreditation to act on.
  server = await startServer({ SEED: "auto" });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

type Answer = { status: number; retryAfter: string | null; location: string | null; body: string };

async function ask(path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, { redirect: "manual", ...init });
  return { status: res.status, retryAfter: res.headers.get("Retry-After"), location: res.headers.get("Location"), body: await res.text() };
}

/** 2xx, 3xx, 409 (someone else moved first), or 503 with Retry-After (busy): never 500, never a bare 503. */
const acceptable = (a: Answer) => (a.status >= 200 && a.status < 400) || a.status === 409 || (a.status === 503 && a.retryAfter !== null);

/** Runs `burst` while timing /livez every 20 ms: the worst answer time is the event loop's delay, and then some. */
async function measured<T>(burst: () => Promise<T>): Promise<{ result: T; livezMaxMs: number; livezCount: number }> {
  let running = true;
  let livezMaxMs = 0;
  let livezCount = 0;
  const pinger = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${server.url}/livez`);
      await res.text();
      expect(res.status).toBe(200);
      livezMaxMs = Math.max(livezMaxMs, performance.now() - started);
      livezCount += 1;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await burst();
  running = false;
  await pinger;
  return { result, livezMaxMs, livezCount };
}

function form(fields: Record<string, string>, cookie?: string): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  };
}

test("50 concurrent page GETs: none answers 500", async () => {
  const pages = ["/", "/providers", "/providers?q=rust", "/verify", "/competencies", "/transparency", "/login", "/how-it-works"];
  // Half repeat a few pages (the page cache's shared renders), half are distinct searches (each a fresh render).
  const paths = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? pages[i % pages.length] : `/providers?q=burst${i}`));
  const started = performance.now();
  const { result: answers, livezMaxMs, livezCount } = await measured(() => Promise.all(paths.map((p) => ask(p))));
  const wallMs = performance.now() - started;
  const counts = answers.reduce<Record<number, number>>((c, a) => ({ ...c, [a.status]: (c[a.status] ?? 0) + 1 }), {});
  console.log(`50 page GETs over HTTP (embedded database): ${JSON.stringify(counts)} in ${wallMs.toFixed(0)} ms; /livez worst ${livezMaxMs.toFixed(0)} ms over ${livezCount} probes`);
  expect(answers.filter((a) => !acceptable(a)).map((a) => a.status)).toEqual([]);
  expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
}, 60_000);

test("50 concurrent identical POSTs (staff suspend one accreditation): one suspends, the rest are refused or busy, none 500", async () => {
  const login = await fetch(`${server.url}/login`, { redirect: "manual", ...form({ email: "staff@example.org", password: "rust-demo-2026" }) });
  expect(login.status).toBe(302);
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const list = await ask("/admin/accreditations?status=active", { headers: { Cookie: cookie } });
  expect(list.status).toBe(200);
  const id = /name="id" value="([0-9a-f-]{36})"/.exec(list.body)?.[1];
  expect(id).toBeTruthy();

  const fields = { intent: "suspend", id: id!, reason: "Burst test: the same suspension posted 50 times at once." };
  const { result: answers, livezMaxMs } = await measured(() => Promise.all(Array.from({ length: 50 }, () => ask("/admin/accreditations", form(fields, cookie)))));
  const counts = answers.reduce<Record<number, number>>((c, a) => ({ ...c, [a.status]: (c[a.status] ?? 0) + 1 }), {});
  console.log(`50 identical suspend POSTs over HTTP (embedded database): ${JSON.stringify(counts)}; /livez worst ${livezMaxMs.toFixed(0)} ms`);
  expect(answers.filter((a) => !acceptable(a)).map((a) => a.status)).toEqual([]);
  // Exactly one suspension took effect: one redirect with done=suspend.
  expect(answers.filter((a) => a.status === 302 && a.location?.includes("done=suspend"))).toHaveLength(1);
}, 60_000);

test("another site's browser may POST JSON to the verification API: preflight allowed, answer readable, no credentials", async () => {
  const preflight = await fetch(`${server.url}/api/v1/credentials/verify`, {
    method: "OPTIONS",
    headers: { Origin: "https://elsewhere.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(preflight.headers.get("Access-Control-Allow-Methods")).toContain("POST");
  expect(preflight.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("content-type");
  expect(preflight.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  // The rest of the API stays read-only.
  const readOnly = await fetch(`${server.url}/api/v1/providers`, { method: "OPTIONS", headers: { Origin: "https://elsewhere.example", "Access-Control-Request-Method": "POST" } });
  expect(readOnly.headers.get("Access-Control-Allow-Methods")).not.toContain("POST");

  const post = await fetch(`${server.url}/api/v1/credentials/verify`, {
    method: "POST",
    headers: { Origin: "https://elsewhere.example", "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
    body: JSON.stringify({ not: "a credential" }),
  });
  expect(post.status).toBe(400);
  expect(post.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(post.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  expect(await post.json()).toHaveProperty("error");
});

/** A raw GET (fetch would decode the body and hide what was sent). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("a page goes gzipped, in one piece, to a browser that takes gzip and plain to one that does not; both vary on it", async () => {
  const zipped = await rawGet("/how-it-works", { "Accept-Encoding": "gzip, deflate, br" });
  expect(zipped.status).toBe(200);
  expect(zipped.headers["content-encoding"]).toBe("gzip");
  expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
  expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
  const html = gunzipSync(zipped.body).toString("utf8");
  expect(html).toMatch(/^<!DOCTYPE html>/i);
  // At the page level (cheaper than zlib's default, decision 056): the same bytes as compressing the page so.
  expect(gzipSync(Buffer.from(html, "utf8"), { level: PAGE_GZIP_LEVEL }).equals(zipped.body)).toBe(true);
  expect(gzipSync(Buffer.from(html, "utf8")).equals(zipped.body)).toBe(false);
  expect(html).toContain("</html>");

  const plain = await rawGet("/how-it-works", { "Accept-Encoding": "identity" });
  expect(plain.status).toBe(200);
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
  // The same page either way, but for the CSP nonce each answer gets (in its script tags and its data).
  const withoutNonce = (page: string) => page.replaceAll(/nonce="([^"]+)"/.exec(page)?.[1] ?? "no nonce", "");
  expect(withoutNonce(plain.body.toString("utf8"))).toBe(withoutNonce(html));
  // Whole in memory, either way it goes out in one write with its length, never as chunks (decision 056).
  expect(plain.headers["transfer-encoding"]).toBeUndefined();
  expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
});

test("an error page goes whole with its status; a HEAD and an answer that is not a page go as Remix sends them", async () => {
  const missing = await rawGet("/providers/no-such-provider", { "Accept-Encoding": "gzip" });
  expect(missing.status).toBe(404);
  expect(missing.headers["content-encoding"]).toBe("gzip");
  expect(Number(missing.headers["content-length"])).toBe(missing.body.length);
  expect(gunzipSync(missing.body).toString("utf8")).toContain("</html>");
  const head = await fetch(`${server.url}/how-it-works`, { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
  expect(head.status).toBe(200);
  expect(head.headers.get("content-type")).toMatch(/^text\/html/);
  expect(await head.text()).toBe("");
  const health = await rawGet("/healthz", { "Accept-Encoding": "gzip" });
  expect(health.status).toBe(200);
  expect(health.headers["content-type"]).not.toMatch(/^text\/html/);
});
