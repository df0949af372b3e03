import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import { parseForm } from "~/domain/forms";
import { completionProblems, isOverdue, planRemap, remapModuleSchema, remapMove, REMAP_ROLES, REMAP_TASK_STATUSES, REMAP_TRANSITIONS, type RemapAction, type RemapTaskStatus } from "~/domain/remap";

const ACTIONS = Object.keys(REMAP_TRANSITIONS) as RemapAction[];
// The whole table by hand: only the organisation's members map and complete, and only while the task is open.
const EXPECTED = new Map<string, RemapTaskStatus>([
  ["open|map|provider_owner", "open"],
  ["open|map|provider_member", "open"],
  ["open|complete|provider_owner", "completed"],
  ["open|complete|provider_member", "completed"],
]);

test("every status × action × role gives exactly the expected transition", () => {
  expectWholeTable({ statuses: REMAP_TASK_STATUSES, actions: ACTIONS, roles: REMAP_ROLES }, remapMove, EXPECTED);
});

test("refusals say why in words", () => {
  expect(remapMove("completed", "complete", "provider_owner")).toMatchObject({ ok: false, message: "This is completed; it cannot complete this re-mapping now." });
  expect(remapMove("open", "complete", "staff")).toMatchObject({ ok: false, message: "You cannot complete this re-mapping." });
  expect(remapMove("superseded", "map", "provider_owner")).toMatchObject({ ok: false, message: "This is replaced; it cannot change this mapping now." });
});

test("unchanged competencies carry over to the new item of the same code; changed and retired ones leave the module to map", () => {
  const old = [
    { moduleId: "m1", code: "OWN.1", depth: "practised" },
    { moduleId: "m1", code: "OWN.2", depth: "assessed" },
    { moduleId: "m2", code: "OLD.1", depth: "introduced" },
    { moduleId: "m3", code: "OWN.1", depth: "introduced" },
  ];
  const next = [
    { id: "n-own", kind: "area", code: "OWN" },
    { id: "n1", kind: "competency", code: "OWN.1" },
    { id: "n2", kind: "competency", code: "OWN.2" },
  ];
  const diff = { changed: [{ code: "OWN.2" }], removed: [{ code: "OLD.1" }] } as unknown as Parameters<typeof planRemap>[1]; // only the codes are read
  const plan = planRemap(old, diff, next);
  expect(plan.carried).toEqual([
    { moduleId: "m1", competencyId: "n1", depth: "practised" },
    { moduleId: "m3", competencyId: "n1", depth: "introduced" },
  ]);
  expect(plan.toMap).toEqual([
    { moduleId: "m1", lostCodes: ["OWN.2"] },
    { moduleId: "m2", lostCodes: ["OLD.1"] },
  ]);
});

test("a task is overdue only while open and after its due date", () => {
  expect(isOverdue({ status: "open", dueOn: "2027-01-10" }, "2027-01-10")).toBe(false);
  expect(isOverdue({ status: "open", dueOn: "2027-01-10" }, "2027-01-11")).toBe(true);
  expect(isOverdue({ status: "completed", dueOn: "2027-01-10" }, "2027-02-01")).toBe(false);
});

test("completion lists every module still to map", () => {
  expect(completionProblems([{ title: "Ownership", mappedAt: null }, { title: "Traits", mappedAt: new Date() }])).toEqual(["Map “Ownership” to the new version."]);
  expect(completionProblems([])).toEqual([]);
});

test("a module's mapping needs at least one competency and a depth", () => {
  const id = "5c6b1a0e-3f1d-4e8a-9b7c-2d4e6f8a0b1c";
  const none = parseForm(new URLSearchParams({ intent: "map", moduleId: id, depth: "practised" }), remapModuleSchema);
  expect(none).toMatchObject({ success: false, errors: { competencyIds: "Choose at least one competency" } });
  const form = new URLSearchParams({ intent: "map", moduleId: id });
  form.append("competencyIds", id);
  expect(parseForm(form, remapModuleSchema)).toMatchObject({ success: false, errors: { depth: "Choose how deeply the module covers them" } });
  form.append("depth", "assessed");
  expect(parseForm(form, remapModuleSchema)).toMatchObject({ success: true, data: { competencyIds: [id], depth: "assessed" } });
});
