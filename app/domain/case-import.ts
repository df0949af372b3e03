/**
 * Pure import of CASE 1.1 packages as real editors publish them (decision 028): identifiers that are
 * not CASE UUIDs are mapped to stable v5 UUIDs of their uri before validation; a tree of any depth
 * becomes the portal's two levels (the document's children are areas, the leaves below each area are its
 * competencies, the titles in between kept as the competency's path); items without a
 * humanCodingScheme get a code from their place in the tree.
 */
import { isCaseUuid, LEVELS, stableUuid, type Level, type NodeContent } from "./case";
import type { CFItemJson, CFPackageJson } from "./case-types";

export type ImportError = { path: string; message: string };

export type ImportedNode = NodeContent & {
  /** Index into the package's CFItems (-1 for an area the import made up), for messages. */
  source: number;
  children: ImportedNode[];
};

export type ImportSummary = {
  /** Identifiers that were not CASE UUIDs, mapped to v5 UUIDs of their uri. */
  mappedIdentifiers: number;
  generatedCodes: number;
  defaultedLevels: number;
  /** Depth of the source tree below the document (1 = a flat list). */
  depth: number;
  /** Items between an area and its competencies, kept only as the competencies' path. */
  foldedItems: number;
};

export type ImportedFramework = {
  title: string;
  description: string;
  sourceUri: string;
  sourceIdentifier: string;
  areas: ImportedNode[];
  summary: ImportSummary;
};

const TITLE_MAX = 200;
const CODE_MAX = 40;
const PATH_SEPARATOR = " › ";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Replace every identifier that is not a CASE UUID (placeholders, slugs, UUIDv7) by a v5 UUID of the
 * object's uri, and every reference to it likewise, so the same source always maps to the same UUIDs.
 * Returns a copy; the input is not changed. Anything that is not a package is returned as it is, for
 * the schema to explain.
 */
export function normaliseIdentifiers(value: unknown): { value: unknown; mapped: number } {
  if (!isObject(value)) return { value, mapped: 0 };
  const copy = structuredClone(value) as Json;
  const primaries: Json[] = [];
  if (isObject(copy.CFDocument)) primaries.push(copy.CFDocument);
  for (const key of ["CFItems", "CFAssociations", "CFRubrics"]) if (Array.isArray(copy[key])) primaries.push(...(copy[key] as unknown[]).filter(isObject));
  if (isObject(copy.CFDefinitions)) for (const list of Object.values(copy.CFDefinitions)) if (Array.isArray(list)) primaries.push(...list.filter(isObject));

  // A source identifier maps by the uri of the one object that has it; a placeholder shared by several
  // objects cannot be resolved by identifier, so references to it fall back to their own uri.
  const byIdentifier = new Map<string, string | null>();
  let mapped = 0;
  for (const p of primaries) {
    if (typeof p.identifier !== "string" || isCaseUuid(p.identifier)) continue;
    const next = stableUuid(typeof p.uri === "string" && p.uri ? p.uri : `urn:case-identifier:${p.identifier}`);
    byIdentifier.set(p.identifier, byIdentifier.has(p.identifier) ? null : next);
    p.identifier = next;
    mapped += 1;
  }
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (!primaries.includes(node) && typeof node.identifier === "string" && !isCaseUuid(node.identifier)) {
      const known = byIdentifier.get(node.identifier);
      node.identifier = known ?? stableUuid(typeof node.uri === "string" && node.uri ? node.uri : `urn:case-identifier:${node.identifier}`);
    }
    for (const [key, child] of Object.entries(node)) if (key !== "extensions") visit(child);
  };
  visit(copy);
  return { value: copy, mapped };
}

function readLevel(item: CFItemJson): Level | null {
  const legacy = item.extensions?.level;
  if (typeof legacy === "string" && (LEVELS as readonly string[]).includes(legacy)) return legacy as Level;
  const found = item.educationLevel?.map((l) => l.toLowerCase()).find((l) => (LEVELS as readonly string[]).includes(l));
  return (found as Level | undefined) ?? null;
}

function readCore(item: CFItemJson): boolean {
  return item.conceptKeywords?.some((k) => k.trim().toLowerCase() === "core") === true || item.extensions?.core === true;
}

function readText(item: CFItemJson): { title: string; description: string } {
  const full = item.fullStatement.trim();
  const short = item.abbreviatedStatement?.trim();
  if (short) return { title: short.slice(0, TITLE_MAX), description: full === short ? "" : full };
  if (full.length <= TITLE_MAX) return { title: full, description: "" };
  return { title: `${full.slice(0, TITLE_MAX - 1).trimEnd()}…`, description: full };
}

type Link = { parent: number | "document"; sequence: number; order: number };

/**
 * Turn a schema-valid CFPackage into the portal's two-level tree, or say by JSON path why it cannot be.
 * Only isChildOf associations build the tree; other association types are ignored. An item listed under
 * several parents is placed under the first (CASE allows reuse; the portal's tree does not).
 */
export function fromCFPackage(pkg: CFPackageJson, mappedIdentifiers = 0): { ok: true; framework: ImportedFramework } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const items = pkg.CFItems ?? [];
  const docId = pkg.CFDocument.identifier.toLowerCase();
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const id = item.identifier.toLowerCase();
    if (index.has(id)) errors.push({ path: `/CFItems/${i}/identifier`, message: `Identifier ${item.identifier} is used by more than one item (also /CFItems/${index.get(id)})` });
    else index.set(id, i);
    if (!item.fullStatement.trim()) errors.push({ path: `/CFItems/${i}/fullStatement`, message: "The statement is empty" });
  });
  if (items.length === 0) errors.push({ path: "/CFItems", message: "The package has no items: there is nothing to import" });

  const parentOf = new Map<number, Link>();
  (pkg.CFAssociations ?? []).forEach((a, j) => {
    if (a.associationType !== "isChildOf") return;
    const origin = index.get(a.originNodeURI.identifier.toLowerCase());
    const destId = a.destinationNodeURI.identifier.toLowerCase();
    const destination = destId === docId ? "document" : index.get(destId);
    if (origin === undefined) {
      errors.push({ path: `/CFAssociations/${j}/originNodeURI/identifier`, message: `No CFItem has identifier ${a.originNodeURI.identifier}` });
      return;
    }
    if (destination === undefined) {
      errors.push({ path: `/CFAssociations/${j}/destinationNodeURI/identifier`, message: `Neither the CFDocument nor a CFItem has identifier ${a.destinationNodeURI.identifier}` });
      return;
    }
    if (!parentOf.has(origin)) parentOf.set(origin, { parent: destination, sequence: a.sequenceNumber ?? Number.MAX_SAFE_INTEGER, order: j });
  });

  const childrenOf = new Map<number | "document", number[]>();
  for (const [child, l] of parentOf) childrenOf.set(l.parent, [...(childrenOf.get(l.parent) ?? []), child]);
  const bySequence = (a: number, b: number) => parentOf.get(a)!.sequence - parentOf.get(b)!.sequence || parentOf.get(a)!.order - parentOf.get(b)!.order;
  for (const list of childrenOf.values()) list.sort(bySequence);

  // Walk down from the document; whatever it does not reach is outside the tree (or in a cycle).
  const reached = new Set<number>();
  let depth = 0;
  const walk = (at: number | "document", level: number) => {
    for (const child of childrenOf.get(at) ?? []) {
      if (reached.has(child)) continue;
      reached.add(child);
      depth = Math.max(depth, level);
      walk(child, level + 1);
    }
  };
  walk("document", 1);
  items.forEach((item, i) => {
    if (!reached.has(i)) errors.push({ path: `/CFItems/${i}`, message: `Item ${item.humanCodingScheme ?? item.identifier} is not in the tree: no chain of isChildOf associations leads from it to the CFDocument` });
  });
  if (errors.length > 0) return { ok: false, errors };

  const summary: ImportSummary = { mappedIdentifiers, generatedCodes: 0, defaultedLevels: 0, depth, foldedItems: 0 };
  const used = new Set<string>();
  // Codes the source gives are reserved, so a generated code never takes one that a later item brings.
  const reserved = new Set(items.flatMap((item) => item.humanCodingScheme?.trim().toLowerCase() ?? []));
  const claim = (wanted: string | undefined, fallback: string): string => {
    const given = wanted?.trim() ?? "";
    if (given && given.length <= CODE_MAX && !used.has(given.toLowerCase())) {
      used.add(given.toLowerCase());
      return given;
    }
    summary.generatedCodes += 1;
    let code = fallback;
    for (let n = 2; used.has(code.toLowerCase()) || reserved.has(code.toLowerCase()); n++) code = `${fallback}-${n}`;
    used.add(code.toLowerCase());
    return code;
  };

  const node = (i: number, kind: ImportedNode["kind"], position: number, code: string, path: string): ImportedNode => {
    const item = items[i];
    const { title, description } = readText(item);
    let level: Level | null = null;
    if (kind === "competency") {
      level = readLevel(item);
      if (!level) {
        level = "foundation";
        summary.defaultedLevels += 1;
      }
    }
    return { source: i, kind, code, title, description, level, core: kind === "competency" && readCore(item), position, sourceUri: item.uri, sourceIdentifier: item.identifier, path, children: [] };
  };
  const leavesBelow = (at: number, trail: string[]): { index: number; path: string }[] =>
    (childrenOf.get(at) ?? []).flatMap((child) => {
      const grand = childrenOf.get(child) ?? [];
      if (grand.length === 0) return [{ index: child, path: trail.join(PATH_SEPARATOR) }];
      summary.foldedItems += 1;
      return leavesBelow(child, [...trail, readText(items[child]).title]);
    });

  const roots = childrenOf.get("document") ?? [];
  const branches = roots.filter((r) => (childrenOf.get(r) ?? []).length > 0);
  const loose = roots.filter((r) => (childrenOf.get(r) ?? []).length === 0);
  const areas: ImportedNode[] = branches.map((r, position) => {
    const areaCode = claim(items[r].humanCodingScheme, `A${position + 1}`);
    const area = node(r, "area", position, "", "");
    area.code = areaCode;
    area.children = leavesBelow(r, []).map((leaf, p) => node(leaf.index, "competency", p, claim(items[leaf.index].humanCodingScheme, `${areaCode}.${p + 1}`), leaf.path));
    return area;
  });
  if (loose.length > 0) {
    // Items at the top with nothing below them (a flat list, or stragglers beside real areas) need an
    // area to live in: one named after the document.
    const position = areas.length;
    const code = claim(undefined, `A${position + 1}`);
    summary.generatedCodes -= 1; // the made-up area is not a source item whose code was missing
    areas.push({
      source: -1,
      kind: "area",
      code,
      title: pkg.CFDocument.title.trim().slice(0, TITLE_MAX) || "Imported competencies",
      description: "The items at the top level of the imported framework.",
      level: null,
      core: false,
      position,
      sourceUri: null,
      sourceIdentifier: null,
      path: "",
      children: loose.map((i, p) => node(i, "competency", p, claim(items[i].humanCodingScheme, `${code}.${p + 1}`), "")),
    });
  }

  return {
    ok: true,
    framework: {
      title: pkg.CFDocument.title.trim().slice(0, TITLE_MAX) || "Imported framework",
      description: pkg.CFDocument.description ?? "",
      sourceUri: pkg.CFDocument.uri,
      sourceIdentifier: pkg.CFDocument.identifier,
      areas,
      summary,
    },
  };
}
