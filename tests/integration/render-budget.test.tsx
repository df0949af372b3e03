/**
 * Issue 12, finding 6: a page whose render does not finish within the budget answers 503 with Retry-After
 * (the server is busy), never a 500. Drives the real entry.server through Remix's own request handler with a
 * one-route app whose page never finishes rendering (it suspends with no boundary).
 */
import { createRequestHandler } from "@remix-run/node";
import { afterEach, expect, test } from "vitest";
import * as entry from "~/entry.server";
import { handMadeBuild } from "../support/remix-build";

const never = new Promise<never>(() => {});
function Stuck(): never {
  throw never; // suspends forever: the render can only end by its deadline
}
function Quick() {
  return <p>rendered</p>;
}

const buildOf = (Page: () => JSX.Element) => handMadeBuild([{ id: "root", path: "", module: { default: Page } }]);

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
