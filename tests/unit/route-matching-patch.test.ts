import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";

// Decision 047: the router's Node build is patched to flatten and rank each route array once and to skip branches
// whose first segment cannot match. The patched matcher must answer exactly as the unpatched one, whatever the shape
// of the routes and the address: compared here with a copy whose patch is reversed, on addresses made from every route.

const require = createRequire(import.meta.url);
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string };
type Router = { matchRoutes: (routes: unknown[], location: string) => Match[] | null };
const patchedPath = require.resolve("@remix-run/router/dist/router.cjs.js");
const patched = require(patchedPath) as Router;

function unpatched(): Router {
  const dir = mkdtempSync(path.join(tmpdir(), "router-unpatched-"));
  const copy = path.join(dir, "router.cjs.js");
  copyFileSync(patchedPath, copy);
  const patchFile = path.resolve("patches/@remix-run+router+1.23.3.patch");
  execFileSync("patch", ["-R", "-s", copy, "-i", patchFile]);
  return require(copy) as Router;
}

type R = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: R[] };
const routes: R[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "providers", path: "providers", children: [{ id: "providers.index", index: true }, { id: "providers.slug", path: ":slug" }, { id: "providers.slug.og", path: ":slug/og.png" }] },
      { id: "verify", path: "verify/:certificate?" },
      { id: "layout", children: [{ id: "admin", path: "admin", children: [{ id: "admin.apps", path: "applications/:id" }, { id: "admin.index", index: true }] }] },
      { id: "lang", path: ":lang?/how-it-works" },
      { id: "well-known", path: ".well-known/did.json" },
      { id: "Case", path: "CaseSensitive/Page", caseSensitive: true },
      { id: "unicode", path: "héllo/world" },
      { id: "files", path: "files/*" },
      { id: "param-first", path: ":org/settings" },
      { id: "splat", path: "*" },
    ],
  },
];

function addresses(): string[] {
  const out = new Set(["/", "", "/x", "//providers//a", "/%70roviders/abc", "/providers/%E2%9C%93", "/h%C3%A9llo/world", "/héllo/world"]);
  const walk = (rs: R[], prefix: string) => {
    for (const r of rs) {
      const p = r.path ? `${prefix}/${r.path}` : prefix;
      const filled = p.replace(/:[a-z]+\?/g, "en").replace(/:[a-z]+/g, "abc").replace(/\*/g, "a/b");
      for (const a of [filled, filled.toUpperCase(), filled.toLowerCase(), `${filled}/`, `${filled}/extra`, filled.replace(/\/en\//g, "/")]) out.add(a || "/");
      walk(r.children ?? [], p);
    }
  };
  walk(routes, "");
  return [...out];
}

test("the patched route matcher answers as the unpatched one, on the first call and from its cache", () => {
  const original = unpatched();
  const shape = (ms: Match[] | null) => (ms ?? []).map((m) => [m.route.id, m.params, m.pathname]);
  const all = addresses();
  for (const address of all) {
    const expected = shape(original.matchRoutes(routes, address));
    expect(shape(patched.matchRoutes(routes, address)), address).toEqual(expected);
    expect(shape(patched.matchRoutes(routes, address)), `${address}, again`).toEqual(expected);
  }
  expect(all.length).toBeGreaterThan(60);
});

test("the test would see a matcher that skips a branch it should not", () => {
  const original = unpatched();
  // A wrong "first segment" filter: comparing case-sensitively would drop /PROVIDERS.
  const broken = (address: string) => (address.split("/")[1] === address.split("/")[1].toLowerCase() ? patched.matchRoutes(routes, address) : null);
  expect(original.matchRoutes(routes, "/PROVIDERS")?.map((m) => m.route.id)).not.toEqual(broken("/PROVIDERS")?.map((m) => m.route.id));
  expect(readFileSync(patchedPath, "utf8")).toContain("decision 047");
});
