/**
 * Issue 12, finding 6: a page whose render does not finish within the budget answers 503 with Retry-After
 * (the server is busy), never a 500. Drives the real entry.server through Remix's own request handler with a
 * one-route app whose page never finishes rendering (it suspends with no boundary).
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterEach, expect, test } from "vitest";
import * as entry from "~/entry.server";

const never = new Promise<never>(() => {});
function Stuck(): never {
  throw never; // suspends forever: the render can only end by its deadline
}
function Quick() {
  return <p>rendered</p>;
}

function buildOf(Page: () => JSX.Element): ServerBuild {
  const route = { id: "root", parentId: undefined, path: "", index: undefined, caseSensitive: undefined };
  return {
    mode: "production",
    entry: { module: entry },
    routes: { root: { ...route, module: { default: Page } } },
    assets: {
      entry: { module: "/entry.client.js", imports: [] },
      routes: { root: { ...route, module: "/root.js", hasLoader: false, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false } },
      url: "/manifest.js",
      version: "test",
    },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true, v3_routeConfig: true, unstable_optimizeDeps: false },
    basename: "/",
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
  } as unknown as ServerBuild; // a hand-made build: only the fields Remix reads to render one route
}

const budget = entry.renderBudget.ms;
afterEach(() => {
  entry.renderBudget.ms = budget;
});

test("a render that outlives its budget answers 503 with Retry-After, not 500", async () => {
  entry.renderBudget.ms = 100;
  // Before the fix this never answered: React calls back nothing when the suspended root is aborted.
  const response = await createRequestHandler(buildOf(Stuck), "production")(new Request("http://localhost/"));
  expect(response.status).toBe(503);
  expect(response.headers.get("Retry-After")).toBe("5");
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  expect(await response.text()).toMatch(/busy/);
}, 5_000);

test("a render within its budget answers the page", async () => {
  entry.renderBudget.ms = 2_000;
  const response = await createRequestHandler(buildOf(Quick), "production")(new Request("http://localhost/"));
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("rendered");
});
