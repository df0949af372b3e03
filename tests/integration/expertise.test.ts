import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { action, loader } from "~/routes/account";
import { db } from "~/services/db.server";
import { users } from "../../db/schema";
import { createFramework, signedIn } from "../support/factories";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

test("a reviewer declares expertise areas of the published framework on the account page", async () => {
  await createFramework();
  const { user, cookie } = await signedIn({ roles: ["reviewer"] });
  const page = payloadOf<{ reviewer: boolean; areas: { code: string }[] }>(await callLoader(loader, getRequest("/account", cookie)));
  expect(page.reviewer).toBe(true);
  expect(page.areas.map((a) => a.code)).toEqual(expect.arrayContaining(["OWN", "ASYNC"]));

  const saved = await callAction(action, postRequest("/account", { intent: "expertise", areas: ["OWN", "ASYNC"] }, cookie));
  expect(statusOf(saved)).toBe(302);
  const [row] = await db.select({ expertise: users.expertise }).from(users).where(eq(users.id, user.id));
  expect(row.expertise).toEqual(["ASYNC", "OWN"]);
});

test("an unknown area or a non-reviewer is refused next to the field, and nothing changes", async () => {
  await createFramework();
  const reviewer = await signedIn({ roles: ["reviewer"] });
  const unknown = await callAction(action, postRequest("/account", { intent: "expertise", areas: ["NOPE"] }, reviewer.cookie));
  expect(statusOf(unknown)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(unknown).errors.areas).toMatch(/Not an area/);

  const provider = await signedIn();
  const refused = await callAction(action, postRequest("/account", { intent: "expertise", areas: ["OWN"] }, provider.cookie));
  expect(statusOf(refused)).toBe(400);
  const rows = await db.select({ expertise: users.expertise }).from(users);
  expect(rows.every((r) => r.expertise.length === 0)).toBe(true);
});
