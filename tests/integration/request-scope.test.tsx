/**
 * Issue 19: a signed-in page reads its session once, however many loaders it runs. Remix hands each loader its own
 * copy of the Request, so the session is shared through the request's scope (`inRequestScope`, as server.mjs runs
 * every request). Driven through Remix's own request handler with a hand-made build: a root and a page, both
 * calling `requireUser`, counted on the database handle.
 */
import { createRequestHandler, type LoaderFunctionArgs, type ServerBuild } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { expect, test } from "vitest";
import * as entry from "~/entry.server";
import { requireUser } from "~/services/request.server";
import { signedIn } from "../support/factories";
import { readsOf, recordQueries } from "../support/query-counter";

const seen: Request[] = [];
async function userLoader({ request }: LoaderFunctionArgs) {
  seen.push(request);
  const user = await requireUser(request);
  return { name: user.name };
}

function buildWithTwoLoaders(): ServerBuild {
  const root = { id: "root", parentId: undefined, path: "", index: undefined, caseSensitive: undefined };
  const page = { id: "routes/page", parentId: "root", path: "page", index: undefined, caseSensitive: undefined };
  const asset = { hasLoader: true, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false };
  return {
    mode: "production",
    entry: { module: entry },
    routes: {
      root: { ...root, module: { default: () => <Outlet />, loader: userLoader } },
      "routes/page": { ...page, module: { default: () => <p>page</p>, loader: userLoader } },
    },
    assets: {
      entry: { module: "/entry.client.js", imports: [] },
      routes: { root: { ...root, module: "/root.js", ...asset }, "routes/page": { ...page, module: "/page.js", ...asset } },
      url: "/manifest.js",
      version: "test",
    },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true, v3_routeConfig: true, unstable_optimizeDeps: false },
    basename: "/",
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
  } as unknown as ServerBuild; // a hand-made build: only the fields Remix reads to answer one page
}

const sessionReads = (queries: string[]) => readsOf(queries, "sessions");

test("two loaders of one page read the session once within the request's scope, and each request reads its own", async () => {
  const { cookie } = await signedIn({ name: "Scoped Person" });
  const handle = createRequestHandler(buildWithTwoLoaders(), "production");
  const get = () => entry.inRequestScope(() => handle(new Request("http://localhost/page", { headers: { cookie } })));

  seen.length = 0;
  const { result: response, queries } = await recordQueries(get);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("page");
  // Remix gave the two loaders different Request objects: a cache keyed by the Request alone would read twice.
  expect(seen).toHaveLength(2);
  expect(seen[0]).not.toBe(seen[1]);
  expect(sessionReads(queries)).toHaveLength(1);

  // Not a cache across requests: two requests, two reads.
  const twice = await recordQueries(async () => Promise.all([get(), get()]));
  expect(sessionReads(twice.queries)).toHaveLength(2);
});

test("outside a request scope (a loader called directly) the Request object still shares the session", async () => {
  const { cookie } = await signedIn();
  const request = new Request("http://localhost/page", { headers: { cookie } });
  const { queries } = await recordQueries(() => Promise.all([requireUser(request), requireUser(request)]));
  expect(sessionReads(queries)).toHaveLength(1);
});
