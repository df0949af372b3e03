/**
 * Route × role authorisation matrix. The routes come from the app's own route manifest (flatRoutes over
 * app/routes), so a new route without a row in `authz-matrix.md` fails this test. For every row, every
 * role in the world calls the route's loader (GET) and action (POST, an empty form) directly, as Remix
 * would, and the answer is compared with the table. Loaders are called one by one, without their parent
 * layouts, which is exactly the point: every loader and action must check access itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { createSession } from "~/services/sessions.server";
import { buildWorld, WORLD_ROLES, type World, type WorldRole } from "../support/world";

type Entry = { id: string; file: string; path?: string; index?: boolean; children?: Entry[] };
type RouteInfo = { id: string; file: string; pattern: string };

async function routeManifest(): Promise<RouteInfo[]> {
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = path.resolve("app");
  const { default: config } = await import("~/routes");
  const entries = (await config) as Entry[];
  const out: RouteInfo[] = [];
  const walk = (list: Entry[], parent: string) => {
    for (const e of list) {
      const pattern = e.path ? `${parent.replace(/\/$/, "")}/${e.path}` : parent || "/";
      out.push({ id: e.file.replace(/^routes\//, "").replace(/\.tsx?$/, ""), file: e.file, pattern });
      if (e.children) walk(e.children, pattern);
    }
  };
  walk(entries, "");
  return out;
}

type Row = { route: string; method: "GET" | "POST"; url: string; expected: Record<WorldRole, string> };

function readTable(): Row[] {
  const text = readFileSync(path.resolve("tests/integration/authz-matrix.md"), "utf8");
  const rows: Row[] = [];
  let header: string[] | undefined;
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line.split("|").slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, ""));
    if (!header) {
      header = cells;
      continue;
    }
    if (cells.every((c) => /^-+$/.test(c))) continue;
    const [route, method, url, ...outcomes] = cells;
    const expected = Object.fromEntries(header.slice(3).map((role, i) => [role, outcomes[i]])) as Record<WorldRole, string>;
    rows.push({ route, method: method as Row["method"], url, expected });
  }
  return rows;
}

/** `{underReview.app.id}` → the value at that path in the world. */
function resolveUrl(url: string, world: World): string {
  return url.replace(/\{([\w.]+)\}/g, (_, key: string) => {
    const value = key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], world);
    if (typeof value !== "string") throw new Error(`authz-matrix.md: {${key}} is not a string in the world`);
    return value;
  });
}

function paramsFor(pattern: string, url: string): Record<string, string> {
  const p = pattern.split("/").filter(Boolean);
  const u = new URL(url, "http://localhost").pathname.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  p.forEach((seg, i) => {
    if (seg.startsWith(":")) params[seg.slice(1).replace(/\?$/, "")] = decodeURIComponent(u[i] ?? "");
  });
  return params;
}

/** What a person would see: 200, 404, login (sent to log in), a redirect, 400/409/…, or 500 for a crash. */
async function outcome(run: () => unknown): Promise<string> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (thrown instanceof Response) result = thrown;
    else return `500 (${thrown instanceof Error ? thrown.message.slice(0, 80) : String(thrown)})`;
  }
  if (result instanceof Response) {
    const location = result.headers.get("Location") ?? "";
    if (result.status >= 300 && result.status < 400) return location.startsWith("/login") ? "login" : "redirect";
    return String(result.status);
  }
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const init = (result as { init?: { status?: number; headers?: HeadersInit } | null }).init;
    const status = init?.status ?? 200;
    const location = new Headers(init?.headers).get("Location") ?? "";
    if (status >= 300 && status < 400) return location.startsWith("/login") ? "login" : "redirect";
    return String(status);
  }
  return "200";
}

/** Does an observed outcome satisfy the table's word? `deny` = 404 or login; `allow` = anything else but a crash. */
function satisfies(observed: string, expected: string): boolean {
  if (observed.startsWith("500")) return false;
  if (expected === "deny") return observed === "404" || observed === "login";
  if (expected === "allow") return observed !== "404" && observed !== "login";
  if (expected === "4xx") return /^4\d\d$/.test(observed) && observed !== "404";
  return expected.split("/").includes(observed);
}

test("every route × role answers as the matrix says, and every route has a row", async () => {
  const manifest = await routeManifest();
  const rows = readTable();
  const world = await buildWorld();

  const problems: string[] = [];
  const recorded: string[] = [];
  for (const route of manifest) {
    const mod = (await import(/* @vite-ignore */ path.resolve("app", route.file))) as {
      loader?: (a: LoaderFunctionArgs) => unknown;
      action?: (a: ActionFunctionArgs) => unknown;
    };
    for (const method of ["GET", "POST"] as const) {
      const handler = method === "GET" ? mod.loader : mod.action;
      if (!handler) continue;
      const routeRows = rows.filter((r) => r.route === route.id && r.method === method);
      if (routeRows.length === 0) {
        problems.push(`${route.id} ${method}: no row in authz-matrix.md`);
        continue;
      }
      for (const row of routeRows) {
        const url = resolveUrl(row.url, world);
        const params = paramsFor(route.pattern, url);
        const observedRow: string[] = [];
        for (const role of WORLD_ROLES) {
          // A fresh session per call: an action may legitimately end it (log out, change password).
          const cookie = role === "visitor" ? undefined : `session=${(await createSession(db, world.users[role].id)).token}`;
          const headers: Record<string, string> = { Origin: "http://localhost:3000" };
          if (cookie) headers.Cookie = cookie;
          const request =
            method === "GET"
              ? new Request(`http://localhost:3000${url}`, { headers })
              : new Request(`http://localhost:3000${url}`, { method: "POST", body: new FormData(), headers });
          const observed = await outcome(() => handler({ request, params, context: {} }));
          observedRow.push(observed);
          if (!satisfies(observed, row.expected[role])) {
            problems.push(`${route.id} ${method} ${url} as ${role}: expected ${row.expected[role]}, got ${observed}`);
          }
        }
        recorded.push(`| ${route.id} | ${method} | \`${row.url}\` | ${observedRow.join(" | ")} |`);
      }
    }
  }
  if (process.env.AUTHZ_RECORD) console.log(recorded.join("\n"));
  const known = new Set(manifest.map((r) => r.id));
  for (const row of rows) if (!known.has(row.route)) problems.push(`authz-matrix.md has a row for ${row.route}, which is not a route`);
  expect(problems).toEqual([]);
  // Every route × 8 roles, each with a fresh session: far past the default 30 s on a loaded machine.
}, 180_000);
