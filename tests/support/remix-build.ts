/**
 * A hand-made Remix server build for tests that drive Remix's own request handler: the app's entry.server and the
 * given route modules (the first is the root), with only the fields Remix reads to answer a page or its data.
 */
import type { ServerBuild } from "@remix-run/node";
import * as entry from "~/entry.server";

export type RouteDef = { id: string; parentId?: string; path: string; module: Record<string, unknown> };

export function handMadeBuild(routes: RouteDef[]): ServerBuild {
  const route = ({ id, parentId, path }: RouteDef) => ({ id, parentId, path, index: undefined, caseSensitive: undefined });
  const asset = (r: RouteDef) => ({ hasLoader: "loader" in r.module, hasAction: "action" in r.module, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false });
  return {
    mode: "production",
    entry: { module: entry },
    routes: Object.fromEntries(routes.map((r) => [r.id, { ...route(r), module: r.module }])),
    assets: {
      entry: { module: "/entry.client.js", imports: [] },
      routes: Object.fromEntries(routes.map((r) => [r.id, { ...route(r), module: `/${r.id}.js`, ...asset(r) }])),
      url: "/manifest.js",
      version: "test",
    },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true, v3_routeConfig: true, unstable_optimizeDeps: false },
    basename: "/",
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
  } as unknown as ServerBuild;
}
