import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { createRubricDraft, getRubric, listRubrics } from "~/services/rubric.server";
import { action as rubricAction, loader as rubricLoader } from "~/routes/admin.rubric.$id";
import { auditEvents, rubrics } from "../../db/schema";
import { createRubric, signedIn } from "../support/factories";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

const criterion = (overrides: Record<string, string> = {}) => ({
  intent: "add",
  code: "DOC",
  title: "Documentation",
  guidance: "Course materials are complete and current.",
  weight: "1.5",
  descriptor0: "None",
  descriptor1: "Sketchy",
  descriptor2: "Usable",
  descriptor3: "Good",
  descriptor4: "Exemplary",
  ...overrides,
});

test("a rubric draft copies the published criteria; weights must be positive; publishing retires the previous version", async () => {
  const { cookie, user } = await signedIn({ roles: ["staff"] });
  const { rubric: v1 } = await createRubric();
  const draft = await createRubricDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const id = draft.value.id;
  expect((await getRubric(db, id))!.criteria.map((c) => [c.code, c.weight])).toEqual([
    ["CUR", 2],
    ["TRN", 1],
    ["QA", 1],
  ]);

  const zero = await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, criterion({ weight: "0" }), cookie), { id });
  expect(statusOf(zero)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(zero).errors.weight).toBe("The weight must be more than 0");
  const missing = await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, criterion({ descriptor3: " " }), cookie), { id });
  expect(payloadOf<{ errors: Record<string, string> }>(missing).errors.descriptor3).toMatch(/score of 3/);
  expect(statusOf(await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, criterion(), cookie), { id }))).toBe(302);
  const duplicate = await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, criterion({ code: "cur" }), cookie), { id });
  expect(payloadOf<{ errors: Record<string, string> }>(duplicate).errors.code).toMatch(/already used/);

  expect(statusOf(await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, { intent: "publish" }, cookie), { id }))).toBe(302);
  const statuses = await db.select({ id: rubrics.id, status: rubrics.status }).from(rubrics);
  expect(statuses).toEqual(expect.arrayContaining([{ id: v1.id, status: "retired" }, { id, status: "published" }]));
  const page = (await callLoader(rubricLoader, getRequest(`/admin/rubric/${id}`, cookie), { id })) as { criteria: { code: string; descriptors: string[] }[] };
  expect(page.criteria.find((c) => c.code === "DOC")!.descriptors).toEqual(["None", "Sketchy", "Usable", "Good", "Exemplary"]);
  const [listed] = await listRubrics(db);
  expect(listed).toMatchObject({ criteria: 4, applications: 0 });
  expect(Number(listed.totalWeight)).toBe(5.5);
  expect((await db.select().from(auditEvents)).map((e) => e.action)).toEqual(["rubric.draft_created", "rubric.criterion_added", "rubric.published"]);
});

test("a rubric without criteria cannot be published, and a published one cannot be edited", async () => {
  const { cookie, user } = await signedIn({ roles: ["staff"] });
  const draft = await createRubricDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const id = draft.value.id;
  const empty = await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, { intent: "publish" }, cookie), { id });
  expect(statusOf(empty)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(empty).errors.form).toMatch(/no criteria/);
  await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, criterion(), cookie), { id });
  expect(statusOf(await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, { intent: "publish" }, cookie), { id }))).toBe(302);
  const late = await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, criterion({ code: "LATE" }), cookie), { id });
  expect(statusOf(late)).toBe(409);
  const [row] = await db.select().from(rubrics).where(eq(rubrics.id, id));
  expect(row.status).toBe("published");
});

test("a draft's title: an empty one is refused next to the field with what was typed, a good one is saved", async () => {
  const { cookie, user } = await signedIn({ roles: ["staff"] });
  await createRubric();
  const draft = await createRubricDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const id = draft.value.id;
  const empty = await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, { intent: "details", title: "  " }, cookie), { id });
  expect(statusOf(empty)).toBe(400);
  const refused = payloadOf<{ intent: string; errors: Record<string, string>; values: Record<string, string> }>(empty);
  expect(refused.intent).toBe("details");
  expect(refused.errors.title).toBeTruthy();
  expect(refused.values.title).toBe("  ");
  expect(statusOf(await callAction(rubricAction, postRequest(`/admin/rubric/${id}`, { intent: "details", title: "Rubric 2027" }, cookie), { id }))).toBe(302);
  expect((await getRubric(db, id))!.rubric.title).toBe("Rubric 2027");
});
