import { expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import {
  imsxStatusInfo,
  isCaseUuid,
  toCFPackage,
  type FrameworkNode,
  type FrameworkVersion,
} from "~/domain/case";
import { fromCFPackage } from "~/domain/case-import";
import { validateCasePackage, readCasePackage } from "~/services/case.server";

const ctx = { baseUrl: "https://portal.example", creator: "Rust Training Foundation", subject: "Rust programming" };

function version(overrides: Partial<FrameworkVersion> = {}): FrameworkVersion {
  return {
    id: randomUUID(),
    version: 2,
    title: "Rust Competency Framework",
    description: "What a Rust course teaches",
    status: "published",
    sourceUri: null,
    sourceIdentifier: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    publishedAt: new Date("2026-02-01T00:00:00Z"),
    retiredAt: null,
    ...overrides,
  };
}

function node(overrides: Partial<FrameworkNode> & Pick<FrameworkNode, "code" | "kind">): FrameworkNode {
  return {
    id: randomUUID(),
    parentId: null,
    title: `Title of ${overrides.code}`,
    description: "",
    level: null,
    core: false,
    position: 0,
    sourceUri: null,
    sourceIdentifier: null,
    path: "",
    parentAssociationId: randomUUID(),
    ...overrides,
  };
}

function sampleTree() {
  const own = node({ kind: "area", code: "OWN", title: "Ownership", position: 0 });
  const asy = node({ kind: "area", code: "ASYNC", title: "Async", position: 1 });
  const nodes = [
    asy,
    own,
    node({ kind: "competency", code: "OWN.2", parentId: own.id, position: 1, level: "foundation", core: true, description: "Borrow with references" }),
    node({ kind: "competency", code: "OWN.1", parentId: own.id, position: 0, level: "foundation", core: true, description: "Moves and drops" }),
    node({ kind: "competency", code: "ASYNC.1", parentId: asy.id, position: 0, level: "advanced", core: false }),
  ];
  return { own, asy, nodes };
}

test("a framework version maps to a CFPackage whose isChildOf associations build the tree", () => {
  const fw = version();
  const { own, nodes } = sampleTree();
  const pkg = toCFPackage({ framework: fw, nodes }, ctx);

  expect(pkg.CFDocument).toMatchObject({ identifier: fw.id, caseVersion: "1.1", title: fw.title, creator: ctx.creator, adoptionStatus: "Adopted", version: "2" });
  expect(pkg.CFDocument.uri).toBe(`https://portal.example/ims/case/v1p1/CFDocuments/${fw.id}`);
  // Reading order: each area followed by its competencies.
  expect(pkg.CFItems!.map((i) => i.humanCodingScheme)).toEqual(["OWN", "OWN.1", "OWN.2", "ASYNC", "ASYNC.1"]);
  const ownItem = pkg.CFItems!.find((i) => i.humanCodingScheme === "OWN")!;
  expect(ownItem).toMatchObject({ identifier: own.id, CFItemType: "Competency Area", fullStatement: "Ownership", abbreviatedStatement: "Ownership" });
  const own2 = pkg.CFItems!.find((i) => i.humanCodingScheme === "OWN.2")!;
  expect(own2).toMatchObject({ CFItemType: "Competency", fullStatement: "Borrow with references", educationLevel: ["foundation"], conceptKeywords: ["core"] });
  expect(own2.conceptKeywordsURI!.uri).toMatch(/\/ims\/case\/v1p1\/CFConcepts\//);
  expect(own2.CFItemTypeURI!.title).toBe("Competency");
  // A provider must not send extension data (CASE 1.1 certification guide).
  expect(JSON.stringify(pkg)).not.toContain('"extensions"');

  // origin = child, destination = parent; areas are children of the document.
  const toOwn = pkg.CFAssociations!.find((a) => a.originNodeURI.identifier === own.id)!;
  expect(toOwn).toMatchObject({ associationType: "isChildOf", identifier: own.parentAssociationId, destinationNodeURI: { identifier: fw.id } });
  const toOwn2 = pkg.CFAssociations!.find((a) => a.originNodeURI.identifier === own2.identifier)!;
  expect(toOwn2.destinationNodeURI.identifier).toBe(own.id);
  expect(toOwn2.sequenceNumber).toBe(2);
  expect(pkg.CFAssociations).toHaveLength(5);
});

test("the exported package passes the CASE 1.1 schema, and every identifier is a v1–5 UUID", () => {
  const pkg = toCFPackage({ framework: version(), nodes: sampleTree().nodes }, ctx);
  const result = validateCasePackage(pkg);
  expect(result).toMatchObject({ ok: true });
  const ids = [pkg.CFDocument.identifier, ...pkg.CFItems!.map((i) => i.identifier), ...pkg.CFAssociations!.map((a) => a.identifier)];
  expect(ids.every(isCaseUuid)).toBe(true);
});

test("export then import gives back the same codes, titles, descriptions, levels, core flags and tree", () => {
  const { nodes } = sampleTree();
  const pkg = toCFPackage({ framework: version(), nodes }, ctx);
  const result = fromCFPackage(JSON.parse(JSON.stringify(pkg)));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const shape = result.framework.areas.map((a) => ({
    code: a.code,
    title: a.title,
    position: a.position,
    children: a.children.map((c) => ({ code: c.code, title: c.title, description: c.description, level: c.level, core: c.core, position: c.position })),
  }));
  expect(shape).toEqual([
    {
      code: "OWN",
      title: "Ownership",
      position: 0,
      children: [
        { code: "OWN.1", title: "Title of OWN.1", description: "Moves and drops", level: "foundation", core: true, position: 0 },
        { code: "OWN.2", title: "Title of OWN.2", description: "Borrow with references", level: "foundation", core: true, position: 1 },
      ],
    },
    { code: "ASYNC", title: "Async", position: 1, children: [{ code: "ASYNC.1", title: "Title of ASYNC.1", description: "", level: "advanced", core: false, position: 0 }] },
  ]);
  expect(result.framework.summary.defaultedLevels).toBe(0);
});

test("UUIDv7 identifiers and missing required fields are reported by JSON path", () => {
  const pkg = JSON.parse(JSON.stringify(toCFPackage({ framework: version(), nodes: sampleTree().nodes }, ctx)));
  pkg.CFItems[1].identifier = "01890a5d-ac96-774b-bcce-b302099a8057"; // v7
  delete pkg.CFItems[2].fullStatement;
  delete pkg.CFDocument.creator;
  pkg.CFAssociations[0].associationType = "isCousinOf";
  const result = validateCasePackage(pkg);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  const paths = result.errors.map((e) => e.path);
  expect(paths).toContain("/CFItems/1/identifier");
  expect(result.errors.find((e) => e.path === "/CFItems/1/identifier")!.message).toMatch(/version 1 to 5/);
  expect(paths).toContain("/CFItems/2/fullStatement");
  expect(paths).toContain("/CFDocument/creator");
  expect(paths).toContain("/CFAssociations/0/associationType");
});

test("a package that is not JSON, or whose tree is broken, is refused with the place of each problem", () => {
  expect(readCasePackage("{ not json")).toMatchObject({ ok: false, errors: [{ path: "/" }] });

  const pkg = JSON.parse(JSON.stringify(toCFPackage({ framework: version(), nodes: sampleTree().nodes }, ctx)));
  pkg.CFAssociations[4].destinationNodeURI.identifier = randomUUID(); // a parent that does not exist
  pkg.CFItems[2].fullStatement = " "; // empty statement
  const result = readCasePackage(JSON.stringify(pkg));
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["/CFAssociations/4/destinationNodeURI/identifier", "/CFItems/2/fullStatement"]));
});

test("an external framework without levels imports with foundation as the default and counts how many", () => {
  const docId = randomUUID();
  const areaId = randomUUID();
  const itemId = randomUUID();
  const at = "2026-01-01T00:00:00Z";
  const pkg = {
    CFDocument: { identifier: docId, uri: `https://other.example/doc/${docId}`, creator: "Other", title: "Other framework", lastChangeDateTime: at },
    CFItems: [
      { identifier: areaId, uri: "https://other.example/a", fullStatement: "Area", humanCodingScheme: "A", lastChangeDateTime: at },
      { identifier: itemId, uri: "https://other.example/b", fullStatement: "x".repeat(300), humanCodingScheme: "A.1", lastChangeDateTime: at },
    ],
    CFAssociations: [
      { identifier: randomUUID(), uri: "https://other.example/1", associationType: "isChildOf", originNodeURI: { title: "A", identifier: areaId, uri: "https://other.example/u" }, destinationNodeURI: { title: "D", identifier: docId, uri: "https://other.example/u" }, lastChangeDateTime: at },
      { identifier: randomUUID(), uri: "https://other.example/2", associationType: "isChildOf", originNodeURI: { title: "A.1", identifier: itemId, uri: "https://other.example/u" }, destinationNodeURI: { title: "A", identifier: areaId, uri: "https://other.example/u" }, lastChangeDateTime: at },
    ],
  };
  const result = readCasePackage(JSON.stringify(pkg));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.framework.sourceUri).toBe(`https://other.example/doc/${docId}`);
  const [item] = result.framework.areas[0].children;
  expect(item.level).toBe("foundation");
  expect(item.title.length).toBeLessThanOrEqual(200);
  expect(item.description).toBe("x".repeat(300));
  expect(item.sourceUri).toBe("https://other.example/b");
  expect(result.framework.summary.defaultedLevels).toBe(1);
});

test("errors are answered as imsx_StatusInfo", () => {
  expect(imsxStatusInfo("unknownobject", "No such item")).toEqual({
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: "No such item",
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: "sourcedId", imsx_codeMinorFieldValue: "unknownobject" }] },
  });
});
