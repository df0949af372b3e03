import { expect, test } from "vitest";
import { diffFrameworks, type DiffNode } from "~/domain/framework-diff";

let seq = 0;
function n(code: string, overrides: Partial<DiffNode> = {}): DiffNode {
  seq += 1;
  return { id: `id-${seq}`, parentId: null, kind: code.includes(".") ? "competency" : "area", code, title: `T ${code}`, description: "", level: code.includes(".") ? "foundation" : null, core: false, ...overrides };
}

test("competencies are matched by code across versions: added, removed, changed and unchanged", () => {
  const ownA = n("OWN");
  const asyA = n("ASYNC");
  const from = [ownA, asyA, n("OWN.1", { parentId: ownA.id }), n("OWN.2", { parentId: ownA.id }), n("ASYNC.1", { parentId: asyA.id })];
  const ownB = n("OWN");
  const asyB = n("ASYNC");
  const to = [
    ownB,
    asyB,
    n("OWN.1", { parentId: ownB.id }), // unchanged (different id, same content)
    n("OWN.3", { parentId: ownB.id }), // added
    n("ASYNC.1", { parentId: ownB.id, title: "New title", level: "advanced", core: true }), // moved and edited
  ];
  const diff = diffFrameworks(from, to);
  expect(diff.added.map((x) => x.code)).toEqual(["OWN.3"]);
  expect(diff.removed.map((x) => x.code)).toEqual(["OWN.2"]);
  expect(diff.changed).toHaveLength(1);
  expect(diff.changed[0].code).toBe("ASYNC.1");
  expect(diff.changed[0].changes).toEqual([
    { field: "title", from: "T ASYNC.1", to: "New title" },
    { field: "level", from: "foundation", to: "advanced" },
    { field: "core", from: "not core", to: "core" },
    { field: "area", from: "ASYNC", to: "OWN" },
  ]);
  expect(diff.unchanged).toBe(3);
});

test("two identical versions have no differences", () => {
  const a = n("OWN");
  const tree = [a, n("OWN.1", { parentId: a.id })];
  expect(diffFrameworks(tree, tree)).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
});

test("codes sort numerically so OWN.10 comes after OWN.9", () => {
  const diff = diffFrameworks([], [n("OWN.10"), n("OWN.9"), n("OWN.1")]);
  expect(diff.added.map((x) => x.code)).toEqual(["OWN.1", "OWN.9", "OWN.10"]);
});
