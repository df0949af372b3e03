import { expect, test } from "vitest";
import { isCaseUuid, stableUuid } from "~/domain/case";
import { normaliseIdentifiers } from "~/domain/case-import";
import { readCasePackage } from "~/services/case.server";

// Hand-written frameworks of the shapes real CASE editors publish: any depth, codes or none, and
// identifiers that are placeholders or slugs rather than UUIDs.
type Spec = { title: string; code?: string; level?: string; core?: boolean; children?: Spec[] };
const at = "2025-06-01T12:00:00+02:00";

function frameworkPackage(title: string, tree: Spec[], identifiers: "slugs" | "placeholder" = "slugs") {
  const items: Record<string, unknown>[] = [];
  const associations: Record<string, unknown>[] = [];
  const doc = { identifier: "framework-doc", uri: "https://editor.example/uri/framework-doc", creator: "Editor", title, lastChangeDateTime: at };
  const visit = (spec: Spec, parent: { identifier: string; uri: string; title: string }, path: string, sequence: number) => {
    const slug = `item-${path}`;
    const identifier = identifiers === "slugs" ? slug : "TBD"; // every item the same placeholder
    const uri = `https://editor.example/uri/${slug}`;
    const item: Record<string, unknown> = { identifier, uri, fullStatement: spec.title, lastChangeDateTime: at };
    if (spec.code) item.humanCodingScheme = spec.code;
    if (spec.level) item.educationLevel = [spec.level];
    if (spec.core) item.conceptKeywords = ["Core"];
    items.push(item);
    associations.push({
      identifier: `assoc-${path}`,
      uri: `https://editor.example/uri/assoc-${path}`,
      associationType: "isChildOf",
      sequenceNumber: sequence,
      originNodeURI: { title: spec.title, identifier, uri },
      destinationNodeURI: parent,
      lastChangeDateTime: at,
    });
    (spec.children ?? []).forEach((child, i) => visit(child, { identifier, uri, title: spec.title }, `${path}-${i + 1}`, i + 1));
  };
  tree.forEach((spec, i) => visit(spec, { identifier: doc.identifier, uri: doc.uri, title }, String(i + 1), i + 1));
  return { CFDocument: doc, CFItems: items, CFAssociations: associations };
}

function importOf(pkg: unknown) {
  const result = readCasePackage(JSON.stringify(pkg));
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.framework;
}

const shape = (fw: ReturnType<typeof importOf>) =>
  fw.areas.map((a) => ({ code: a.code, title: a.title, competencies: a.children.map((c) => [c.code, c.title, c.path, c.level, c.core]) }));

test("a flat (one-level) framework without codes imports as one area holding every item", () => {
  const fw = importOf(frameworkPackage("Flat list", [{ title: "Read a stack trace" }, { title: "Use a debugger" }, { title: "Write a test" }]));
  expect(shape(fw)).toEqual([
    {
      code: "A1",
      title: "Flat list",
      competencies: [
        ["A1.1", "Read a stack trace", "", "foundation", false],
        ["A1.2", "Use a debugger", "", "foundation", false],
        ["A1.3", "Write a test", "", "foundation", false],
      ],
    },
  ]);
  expect(fw.summary).toMatchObject({ depth: 1, generatedCodes: 3, defaultedLevels: 3, foldedItems: 0 });
});

test("a three-level framework keeps the middle level as the competencies' path, and the source's codes and levels", () => {
  const fw = importOf(
    frameworkPackage("Three levels", [
      {
        title: "Memory",
        code: "MEM",
        children: [
          { title: "Ownership", code: "MEM.O", children: [{ title: "Explain moves", code: "MEM.O.1", level: "Foundation", core: true }, { title: "Use Rc", code: "MEM.O.2", level: "advanced" }] },
          { title: "Lifetimes", code: "MEM.L", children: [{ title: "Annotate lifetimes", code: "MEM.L.1", level: "intermediate" }] },
        ],
      },
      { title: "Tooling", code: "TOOL", children: [{ title: "Use cargo", code: "TOOL.1" }] },
    ]),
  );
  expect(shape(fw)).toEqual([
    {
      code: "MEM",
      title: "Memory",
      competencies: [
        ["MEM.O.1", "Explain moves", "Ownership", "foundation", true],
        ["MEM.O.2", "Use Rc", "Ownership", "advanced", false],
        ["MEM.L.1", "Annotate lifetimes", "Lifetimes", "intermediate", false],
      ],
    },
    { code: "TOOL", title: "Tooling", competencies: [["TOOL.1", "Use cargo", "", "foundation", false]] },
  ]);
  expect(fw.summary).toMatchObject({ depth: 3, foldedItems: 2, generatedCodes: 0, defaultedLevels: 1 });
});

function fiveLevels(): Spec[] {
  // 2 domains × 2 clusters × 2 standards × 2 components × 2 indicators = 32 leaves, no codes anywhere.
  const level = (depth: number, label: string): Spec[] =>
    [1, 2].map((n) => ({ title: `${label}.${n}`, children: depth < 5 ? level(depth + 1, `${label}.${n}`) : undefined }));
  return level(1, "L");
}

test("a five-level framework without codes and with slug identifiers imports: top items are areas, leaves are competencies", () => {
  const pkg = frameworkPackage("Five levels", fiveLevels());
  const fw = importOf(pkg);
  expect(fw.areas.map((a) => a.code)).toEqual(["A1", "A2"]);
  expect(fw.areas.map((a) => a.children.length)).toEqual([16, 16]);
  const first = fw.areas[0].children[0];
  expect(first).toMatchObject({ code: "A1.1", title: "L.1.1.1.1.1", path: "L.1.1 › L.1.1.1 › L.1.1.1.1", level: "foundation" });
  expect(fw.areas[1].children[15]).toMatchObject({ code: "A2.16", title: "L.2.2.2.2.2" });
  expect(fw.summary).toMatchObject({ depth: 5, foldedItems: 2 * (2 + 4 + 8), generatedCodes: 2 + 32, mappedIdentifiers: 1 + 62 + 62 });
  // Every identifier was a slug: each maps to the v5 UUID of its own uri, and the original uri is kept.
  expect(first.sourceUri).toBe("https://editor.example/uri/item-1-1-1-1-1");
  expect(first.sourceIdentifier).toBe(stableUuid("https://editor.example/uri/item-1-1-1-1-1"));
  expect(fw.sourceIdentifier).toBe(stableUuid("https://editor.example/uri/framework-doc"));
  // The mapping is stable: importing the same file again gives the same identifiers.
  expect(importOf(pkg).areas[1].children[3].sourceIdentifier).toBe(fw.areas[1].children[3].sourceIdentifier);
});

test("one placeholder identifier shared by every item still imports: each item and reference maps by its own uri", () => {
  const pkg = frameworkPackage("Placeholders", [{ title: "Area", children: [{ title: "One" }, { title: "Two" }] }], "placeholder");
  const fw = importOf(pkg);
  expect(shape(fw)).toEqual([{ code: "A1", title: "Area", competencies: [["A1.1", "One", "", "foundation", false], ["A1.2", "Two", "", "foundation", false]] }]);
  const normalised = normaliseIdentifiers(pkg).value as { CFItems: { identifier: string }[] };
  expect(normalised.CFItems.every((i) => isCaseUuid(i.identifier))).toBe(true);
  expect(new Set(normalised.CFItems.map((i) => i.identifier)).size).toBe(3);
});

test("codes missing on some items, or used twice, are generated without taking a code the source uses", () => {
  const fw = importOf(
    frameworkPackage("Mixed codes", [
      { title: "First", children: [{ title: "x", code: "A1.2" }, { title: "y" }, { title: "z", code: "A1.2" }] },
    ]),
  );
  // The area has no code: it gets A1. "y" would be A1.2, which the source uses, so it gets A1.2-2.
  expect(fw.areas[0].code).toBe("A1");
  expect(fw.areas[0].children.map((c) => c.code)).toEqual(["A1.2", "A1.2-2", "A1.3"]);
});

test("an item no isChildOf chain links to the document, and a date-time without an offset, are refused by path", () => {
  const pkg = frameworkPackage("Broken", [{ title: "Area", children: [{ title: "Leaf" }] }]);
  pkg.CFItems.push({ identifier: "orphan", uri: "https://editor.example/uri/orphan", fullStatement: "Nobody's child", lastChangeDateTime: at });
  const orphan = readCasePackage(JSON.stringify(pkg));
  expect(orphan).toMatchObject({ ok: false, errors: [{ path: "/CFItems/2" }] });

  pkg.CFItems.pop();
  pkg.CFItems[0].lastChangeDateTime = "2025-06-01T12:00:00"; // ajv-formats 3 requires the offset
  const result = readCasePackage(JSON.stringify(pkg));
  expect(result).toMatchObject({ ok: false, errors: [{ path: "/CFItems/0/lastChangeDateTime" }] });
});
