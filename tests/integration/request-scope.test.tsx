/**
 * Issue 19: a signed-in page reads its session once, however many loaders it runs. Remix hands each loader its own
 * copy of the Request, so the session is shared through the request's scope (`inRequestScope`, as server.mjs runs
 * every request). Driven through Remix's own request handler with a hand-made build: a root and a page, both
 * calling `requireUser`, counted on the database handle.
 */
import { createRequestHandler, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { expect, test, vi } from "vitest";
import * as entry from "~/entry.server";
import { requireUser } from "~/services/request.server";
import * as applicationLayout from "~/routes/provider.applications.$id";
import * as mappingPage from "~/routes/provider.applications.$id.mapping";
import { signedIn } from "../support/factories";
import { fillApplication, providerWorld, startDraft } from "../support/factories-application";
import { readsOf, recordQueries } from "../support/query-counter";
import { handMadeBuild } from "../support/remix-build";

const seen: Request[] = [];
async function userLoader({ request }: LoaderFunctionArgs) {
  seen.push(request);
  const user = await requireUser(request);
  return { name: user.name };
}

const buildWithTwoLoaders = () =>
  handMadeBuild([
    { id: "root", path: "", module: { default: () => <Outlet />, loader: userLoader } },
    { id: "routes/page", parentId: "root", path: "page", module: { default: () => <p>page</p>, loader: userLoader } },
  ]);

/** Remix's handler over the real application layout and its mapping section (the page's data request runs both). */
const applicationPages = () =>
  createRequestHandler(
    handMadeBuild([
      { id: "root", path: "", module: { default: () => <Outlet /> } },
      { id: "routes/provider.applications.$id", parentId: "root", path: "provider/applications/:id", module: applicationLayout },
      { id: "routes/provider.applications.$id.mapping", parentId: "routes/provider.applications.$id", path: "mapping", module: mappingPage },
    ]),
    "production",
  );

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

test("an action validates the session afresh, so what it changed is seen by the loaders after it", async () => {
  const { cookie } = await signedIn();
  const post = new Request("http://localhost/page", { method: "POST", headers: { cookie } });
  const { queries } = await entry.inRequestScope(() => recordQueries(() => Promise.all([requireUser(post), requireUser(post)])));
  expect(sessionReads(queries)).toHaveLength(2);
});

test("an application's section and the application's layout share one read of the application and its parts", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const handle = applicationPages();
  // The page's data request: both loaders run, nothing renders.
  const { result: response, queries } = await recordQueries(() =>
    entry.inRequestScope(() => handle(new Request(`http://localhost/provider/applications/${id}/mapping.data`, { headers: { cookie: owner.cookie } }))),
  );
  expect(response.status).toBe(200);
  expect(await response.text()).toContain(id);
  expect(readsOf(queries, "applications")).toHaveLength(1);
  // The layout's progress and the page's modules come from one read of the parts: no statement is sent twice.
  expect(readsOf(queries, "trainers")).toHaveLength(1);
  expect(queries.filter((q, i) => queries.indexOf(q) !== i)).toEqual([]);
  expect(sessionReads(queries)).toHaveLength(1);
});

test("a refusal the layout and the section share (someone else's application) answers 404 to both, with no error logged", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const stranger = await signedIn({ name: "Someone Else" });
  const handle = applicationPages();
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const response = await entry.inRequestScope(() =>
      handle(new Request(`http://localhost/provider/applications/${id}/mapping.data`, { headers: { cookie: stranger.cookie } })),
    );
    // Both loaders were refused by the one shared read; each got its own copy of the 404 to read.
    expect(response.status).toBe(404);
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([]);
  } finally {
    errors.mockRestore();
  }
});
