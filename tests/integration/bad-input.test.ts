/**
 * Hostile input against every action, property-based (fast-check). For each action, the role that may use
 * it (from the authorisation matrix) posts forms built from the field names and intents the route's own
 * source declares, filled with random and hostile values: very long strings, control characters, HTML and
 * SQL fragments, wrong types, missing and duplicated fields. The answer must never be a crash (500), and a
 * refused form (4xx) must write nothing.
 */
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import path from "node:path";
import fc from "fast-check";
import { expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { createSession } from "~/services/sessions.server";
import { queryRows } from "../../db/client.server";
import { buildWorld, type World, type WorldRole } from "../support/world";
import { bodyLimit, formContentTypes, RAW_BODY_ROUTES, requireValidHost, UPLOAD_ROUTES } from "../../server/guards.mjs";

const HOSTILE = [
  "",
  " ",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  "\u0000",
  "a\u0007b",
  "\u202Eevil",
  "x".repeat(20_000),
  "-1",
  "1e309",
  "NaN",
  "999999999999999999999",
  "0",
  "true",
  "on",
  "null",
  "[]",
  "{}",
  "../../etc/passwd",
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  "javascript:alert(1)",
  "https://example.org/",
  "a@b",
  "ACC-2026-0001",
  "😀".repeat(50),
  // Line breaks where one line is expected (a subject, a header): CR, LF, both, Unicode separators.
  "\r\n",
  "Ferris Academy\r\nBcc: victim@example.org",
  "line\nbreak",
  "carriage\rreturn",
  "tab\tseparated",
  "next\u0085line",
  "para\u2029graph",
];

const value = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 100 }), fc.integer().map(String));

/** Field names and intent values the route's source mentions (inputs, register() calls, zod literals). */
function fieldsOf(source: string): { names: string[]; intents: string[] } {
  const names = new Set<string>();
  for (const m of source.matchAll(/name="([\w.[\]-]+)"/g)) names.add(m[1]);
  for (const m of source.matchAll(/register\("([\w.-]+)"/g)) names.add(m[1]);
  const intents = new Set<string>();
  for (const m of source.matchAll(/name="intent"[^>]*?value="([\w-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/value="([\w-]+)"[^>]*?name="intent"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/z\.literal\("([\w-]+)"\)/g)) intents.add(m[1]);
  for (const m of source.matchAll(/intent === "([\w-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/case "([\w-]+)":/g)) intents.add(m[1]);
  names.delete("intent");
  return { names: [...names], intents: [...intents] };
}

type MatrixRow = { route: string; url: string; allowed: WorldRole[] };

/** POST rows of the matrix, with the roles whose empty form was processed (not 404/login/405). */
function postRows(): MatrixRow[] {
  const text = readFileSync(path.resolve("tests/integration/authz-matrix.md"), "utf8");
  let header: string[] | undefined;
  const out: MatrixRow[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line.split("|").slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, ""));
    if (!header) {
      header = cells;
      continue;
    }
    if (cells[1] !== "POST") continue;
    const allowed = header.slice(3).filter((_, i) => !["404", "login", "405"].includes(cells[3 + i])) as WorldRole[];
    if (allowed.length > 0) out.push({ route: cells[0], url: cells[2], allowed });
  }
  return out;
}

function resolveUrl(url: string, world: World): string {
  return url.replace(/\{([\w.]+)\}/g, (_, key: string) => String(key.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], world)));
}

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await queryRows<{ tablename: string }>(db, sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('sessions', 'login_attempts', '__drizzle_migrations')`);
  const select = tables.map((t) => `(select count(*)::int from "${t.tablename}") as "${t.tablename}"`).join(", ");
  const [row] = await queryRows<Record<string, number>>(db, sql.raw(`select ${select}`));
  return row;
}

function paramsFrom(routeId: string, url: string): Record<string, string> {
  const segs = routeId.replace(/\[\.\]/g, "\u0000").split(".").filter((s) => s !== "_index");
  const parts = new URL(url, "http://localhost").pathname.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  segs.forEach((s, i) => {
    if (s.startsWith("$")) params[s.slice(1)] = decodeURIComponent(parts[i] ?? "");
  });
  return params;
}

const PROTOTYPE_KEYS = ["toString", "__proto__", "constructor", "hasOwnProperty"];

test("no action crashes or half-writes on hostile input", async () => {
  const world = await buildWorld();
  const routeFiles = new Set(readdirSync("app/routes").map((f) => f.replace(/\.tsx?$/, "")));
  const failures: string[] = [];
  let posts = 0;
  for (const row of postRows()) {
    if (!routeFiles.has(row.route)) continue;
    const file = path.resolve("app/routes", readdirSync("app/routes").find((f) => f.replace(/\.tsx?$/, "") === row.route)!);
    const { action } = (await import(/* @vite-ignore */ file)) as { action: (a: ActionFunctionArgs) => unknown };
    const { names, intents } = fieldsOf(readFileSync(file, "utf8"));
    const url = resolveUrl(row.url, world);
    const params = paramsFrom(row.route, url);
    const form = fc.record({
      // The route's own intents, and names every object has (an intent looked up with `in` finds those: a 500).
      intent: fc.option(intents.length > 0 ? fc.constantFrom(...intents, ...PROTOTYPE_KEYS) : value, { nil: undefined }),
      fields: fc.dictionary(names.length > 0 ? fc.constantFrom(...names) : fc.string({ minLength: 1, maxLength: 10 }), value, { maxKeys: Math.max(1, names.length) }),
      duplicate: fc.option(fc.tuple(names.length > 0 ? fc.constantFrom(...names) : fc.constant("x"), value), { nil: undefined }),
      role: fc.constantFrom(...row.allowed),
    });
    await fc.assert(
      fc.asyncProperty(form, async ({ intent, fields, duplicate, role }) => {
        const headers: Record<string, string> = { Origin: "http://localhost:3000" };
        if (role !== "visitor") headers.Cookie = `session=${(await createSession(db, world.users[role].id)).token}`;
        const body = new FormData();
        if (intent !== undefined) body.append("intent", intent);
        for (const [k, v] of Object.entries(fields)) body.append(k, v);
        if (duplicate) body.append(duplicate[0], duplicate[1]);
        const before = await rowCounts();
        let status: number;
        try {
          const result = await action({ request: new Request(`http://localhost:3000${url}`, { method: "POST", body, headers }), params, context: {} });
          status =
            result instanceof Response
              ? result.status
              : ((result as { init?: { status?: number } | null } | undefined)?.init?.status ?? 200);
        } catch (thrown) {
          if (thrown instanceof Response) status = thrown.status;
          else {
            failures.push(`${row.route} as ${role}: threw ${thrown instanceof Error ? thrown.message.slice(0, 160) : String(thrown)} with ${JSON.stringify({ intent, fields, duplicate }).slice(0, 300)}`);
            return;
          }
        }
        posts += 1;
        if (status >= 500) failures.push(`${row.route} as ${role}: ${status} with ${JSON.stringify({ intent, fields }).slice(0, 300)}`);
        if (status >= 400 && status < 500) {
          const after = await rowCounts();
          const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
          if (changed.length > 0) failures.push(`${row.route} as ${role}: ${status} but wrote to ${changed.join(", ")}`);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 12), seed: Number(process.env.FUZZ_SEED ?? 20261125) },
    );
  }
  expect(posts).toBeGreaterThan(200);
  expect(failures).toEqual([]);
}, 600_000);

/** A body a multipart parser chokes on: broken framing, odd file names, bytes that are not UTF-8. */
function malformedMultipart(kind: number): { body: Uint8Array<ArrayBuffer>; type: string } {
  const boundary = "----fuzz";
  const enc = (t: string) => new TextEncoder().encode(t);
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(new ArrayBuffer(parts.reduce((n, p) => n + p.length, 0)));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  const bodies = [
    enc(`--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload`), // never closed
    enc(`--${boundary}\r\n\r\n\r\n--${boundary}--\r\n`), // a part without headers
    enc(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a;'\\b.pdf"\r\n\r\n%PDF-1.4\r\n--${boundary}--\r\n`),
    join(enc(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="caf`), new Uint8Array([0xe9, 0xff]), enc(`.pdf"\r\n\r\n%PDF\r\n--${boundary}--\r\n`)),
    enc("not multipart at all"),
  ];
  return { body: bodies[kind % bodies.length], type: `multipart/form-data; boundary=${boundary}` };
}

test("no action answers 500 to a malformed multipart body or an odd content type that reaches it", async () => {
  const world = await buildWorld();
  const failures: string[] = [];
  let posts = 0;
  for (const row of postRows()) {
    const file = readdirSync("app/routes").find((f) => f.replace(/\.tsx?$/, "") === row.route);
    if (!file) continue;
    const { action } = (await import(/* @vite-ignore */ path.resolve("app/routes", file))) as { action?: (args: ActionFunctionArgs) => unknown };
    if (!action) continue;
    const url = resolveUrl(row.url, world);
    const role = row.allowed[0];
    // What server.mjs lets through to an action (server/guards.mjs): multipart only on the upload routes.
    const uploads = UPLOAD_ROUTES.some((r) => r.pattern.test(new URL(url, "http://localhost").pathname));
    const cases = uploads ? [0, 1, 2, 3, 4].map(malformedMultipart) : [{ body: new TextEncoder().encode("a=%ZZ&&=&b=\r\n"), type: "application/x-www-form-urlencoded" }];
    for (const { body, type } of cases) {
      const headers: Record<string, string> = { Origin: "http://localhost:3000", "Content-Type": type };
      if (role !== "visitor") headers.Cookie = `session=${(await createSession(db, world.users[role].id)).token}`;
      const before = await rowCounts();
      let status: number;
      try {
        const result = await action({ request: new Request(`http://localhost:3000${url}`, { method: "POST", body, headers }), params: paramsFrom(row.route, url), context: {} });
        status = result instanceof Response ? result.status : ((result as { init?: { status?: number } | null } | undefined)?.init?.status ?? 200);
      } catch (thrown) {
        status = thrown instanceof Response ? thrown.status : 500;
        if (!(thrown instanceof Response)) failures.push(`${row.route} as ${role}: threw ${thrown instanceof Error ? thrown.message.slice(0, 160) : String(thrown)}`);
      }
      posts += 1;
      if (status >= 500) failures.push(`${row.route} as ${role}: ${status} with ${type}`);
      if (status >= 400 && status < 500) {
        const after = await rowCounts();
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length > 0) failures.push(`${row.route} as ${role}: ${status} but wrote to ${changed.join(", ")}`);
      }
    }
  }
  expect(posts).toBeGreaterThan(30);
  expect(failures).toEqual([]);
}, 600_000);

test("in front of every action, the server's guards refuse oversized bodies and odd headers before any work", async () => {
  const world = await buildWorld();
  let reached = 0;
  const app = express();
  app.use(requireValidHost());
  app.use(bodyLimit());
  app.use(formContentTypes());
  app.all("*", (_req, res) => {
    reached += 1;
    res.status(204).end();
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  const send = (path: string, headers: Record<string, string>, body = "") =>
    new Promise<number>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      if (body) req.write(body);
      if (headers["Content-Length"] === undefined || Number(headers["Content-Length"]) === body.length) req.end();
      else req.flushHeaders();
    });
  const failures: string[] = [];
  try {
    for (const row of postRows()) {
      const url = resolveUrl(row.url, world);
      const pathname = new URL(url, "http://localhost").pathname;
      // The credential verification API reads its raw body itself (any type): its bad bodies are checked by
      // credential-downloads.test.ts; the size and header guards apply to it like every other action.
      const rawBody = RAW_BODY_ROUTES.some((pattern) => pattern.test(pathname));
      const expectations: [string, Record<string, string>, string, number][] = [
        ["50 MB body", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(50 * 2 ** 20) }, "", 413],
        ["chunked body", { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" }, "", 411],
        ...(rawBody
          ? []
          : ([
              ["JSON body", { "Content-Type": "application/json", "Content-Length": "2" }, "{}", 415],
              ["text body", { "Content-Type": "text/plain", "Content-Length": "1" }, "x", 415],
              ["no content type", { "Content-Length": "0" }, "", 415],
            ] as [string, Record<string, string>, string, number][])),
        ["host with a space", { Host: "evil example", "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "0" }, "", 400],
      ];
      if (!rawBody && !UPLOAD_ROUTES.some((r) => r.pattern.test(pathname))) {
        expectations.push(["multipart where no upload is expected", { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": "4" }, "--x-", 415]);
      }
      for (const [what, headers, body, expected] of expectations) {
        const status = await send(url, headers, body);
        if (status !== expected) failures.push(`${row.route} ${what}: ${status}, expected ${expected}`);
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  expect(failures).toEqual([]);
  expect(reached).toBe(0);
});

test("text is rendered by React (escaped); raw HTML is injected only as the escaped JSON-LD, the constant theme script and the generated QR code", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name) && readFileSync(p, "utf8").includes("dangerouslySetInnerHTML")) offenders.push(p);
    }
  };
  walk("app");
  walk("emails");
  expect(offenders.sort()).toEqual(["app/components/certificate.tsx", "app/root.tsx", "app/routes/providers.$slug.tsx"]);
  // The root injects one constant of its own, never data; the certificate injects the qrcode library's SVG of our verify URL.
  expect(readFileSync("app/root.tsx", "utf8").match(/dangerouslySetInnerHTML=\{\{ __html: ([^}]+) \}\}/g)).toEqual(["dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }}"]);
  expect(readFileSync("app/components/certificate.tsx", "utf8").match(/dangerouslySetInnerHTML=\{\{ __html: ([^}]+) \}\}/g)).toEqual(["dangerouslySetInnerHTML={{ __html: c.qrSvg }}"]);
  const source = readFileSync("app/routes/providers.$slug.tsx", "utf8");
  expect(source).toMatch(/jsonForScript/);
});
