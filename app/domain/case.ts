/**
 * Pure mapping from the portal's competency framework versions to 1EdTech CASE 1.1 JSON, as a CASE
 * provider serves it. One framework version is one CFDocument; areas and competencies are CFItems; the
 * tree is a set of isChildOf CFAssociations (origin = child, destination = parent; areas are children of
 * the document). Every object is served at the portal's own uri, and a uri always names one version's
 * object (decisions 007 and 027). Level and core flag travel in standard fields (educationLevel,
 * conceptKeywords + CFConcepts, CFItemType + CFItemTypes): a provider must not send `extensions`.
 */
import { v5 as uuidv5 } from "uuid";
import type { CFAssociationJson, CFDefinitionsJson, CFDocumentJson, CFItemJson, CFPackageJson, LinkURI } from "./case-types";

export * from "./case-types";

export type Level = "foundation" | "intermediate" | "advanced";
export const LEVELS: readonly Level[] = ["foundation", "intermediate", "advanced"];
export type FrameworkStatus = "draft" | "published" | "retired";

export type FrameworkVersion = {
  id: string;
  version: number;
  title: string;
  description: string;
  status: FrameworkStatus;
  /** Provenance of an imported version; never served as its uri. */
  sourceUri: string | null;
  sourceIdentifier: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
};

/** What an area or a competency says, stored or just imported. */
export type NodeContent = {
  kind: "area" | "competency";
  code: string;
  title: string;
  description: string;
  level: Level | null;
  core: boolean;
  position: number;
  sourceUri: string | null;
  sourceIdentifier: string | null;
  path: string;
};

export type FrameworkNode = NodeContent & {
  id: string;
  parentId: string | null;
  parentAssociationId: string;
};

export type CaseContext = { baseUrl: string; creator: string; subject: string };
export type VersionWithNodes = { framework: FrameworkVersion; nodes: FrameworkNode[] };

const CASE_BASE_PATH = "/ims/case/v1p1";
const AREA_ITEM_TYPE = "Competency Area";
const COMPETENCY_ITEM_TYPE = "Competency";
const CORE_KEYWORD = "core";
/** The RFC 4122 URL namespace: a v5 UUID of a uri is reproducible by anyone holding the uri. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

const CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** CASE 1.1 accepts UUIDs of version 1 to 5 only (no v6/v7). */
export function isCaseUuid(value: string): boolean {
  return CASE_UUID.test(value);
}

/** A stable UUID (v5) of a name; the portal derives the identifiers it does not store this way. */
export function stableUuid(name: string): string {
  return uuidv5(name, URL_NAMESPACE);
}

export type CaseKind =
  | "CFPackages"
  | "CFDocuments"
  | "CFItems"
  | "CFAssociations"
  | "CFItemAssociations"
  | "CFAssociationGroupings"
  | "CFConcepts"
  | "CFItemTypes"
  | "CFLicenses"
  | "CFSubjects"
  | "CFRubrics";

export function caseUrl(ctx: Pick<CaseContext, "baseUrl">, kind: CaseKind, id: string): string {
  return `${ctx.baseUrl}${CASE_BASE_PATH}/${kind}/${id}`;
}

// ---- definitions: item types, the core concept, the subject, association groupings ----------------

/** When the definitions below last changed (they live in code, not in the database). */
const DEFINITIONS_CHANGED = "2026-12-02T00:00:00.000Z";

export type Definitions = ReturnType<typeof caseDefinitions>;

/** The vocabulary the portal's items point at, with identifiers derived from the portal's URL. */
export function caseDefinitions(ctx: CaseContext) {
  const id = (name: string) => stableUuid(`${ctx.baseUrl}${CASE_BASE_PATH}#${name}`);
  const def = <T extends object>(kind: CaseKind, name: string, body: T) => {
    const identifier = id(name);
    return { identifier, uri: caseUrl(ctx, kind, identifier), ...body, lastChangeDateTime: DEFINITIONS_CHANGED };
  };
  return {
    itemTypes: {
      area: def("CFItemTypes", "item-type/area", {
        title: AREA_ITEM_TYPE,
        description: "A group of related competencies; the top level of the framework.",
        hierarchyCode: "1",
        typeCode: "area",
      }),
      competency: def("CFItemTypes", "item-type/competency", {
        title: COMPETENCY_ITEM_TYPE,
        description: "Something a course teaches and a learner can show; its level is in educationLevel.",
        hierarchyCode: "2",
        typeCode: "competency",
      }),
    },
    concepts: {
      core: def("CFConcepts", "concept/core", {
        title: "Core competency",
        keywords: CORE_KEYWORD,
        hierarchyCode: "1",
        description: "Every accredited course must cover the core competencies at or below its level.",
      }),
    },
    subject: def("CFSubjects", "subject", { title: ctx.subject, hierarchyCode: "1", description: `Training in ${ctx.subject}.` }),
    groupings: {
      versions: def("CFAssociationGroupings", "grouping/versions", {
        title: "Framework versions",
        description: "Links from an item of a retired version to the item of the next version that replaces it.",
      }),
      source: def("CFAssociationGroupings", "grouping/source", {
        title: "Imported from",
        description: "Links from an imported item to the item of the source framework it was imported from.",
      }),
    },
  };
}

const link = (d: { identifier: string; uri: string; title: string }): LinkURI => ({ title: d.title, identifier: d.identifier, uri: d.uri });

function definitionsOf(defs: Definitions): CFDefinitionsJson {
  return {
    CFItemTypes: [defs.itemTypes.area, defs.itemTypes.competency],
    CFConcepts: [defs.concepts.core],
    CFSubjects: [defs.subject],
    CFAssociationGroupings: [defs.groupings.versions, defs.groupings.source],
  };
}

// ---- documents, items, tree associations -------------------------------------------------------

const adoptionStatus: Record<FrameworkStatus, string> = { draft: "Draft", published: "Adopted", retired: "Deprecated" };

/** Items keep the time the version was published: a published version never changes afterwards. */
function itemTime(fw: FrameworkVersion): string {
  return (fw.publishedAt ?? fw.createdAt).toISOString();
}

function documentTime(fw: FrameworkVersion): string {
  return (fw.retiredAt ?? fw.publishedAt ?? fw.createdAt).toISOString();
}

export function documentLink(fw: FrameworkVersion, ctx: CaseContext): LinkURI {
  return { title: fw.title, identifier: fw.id, uri: caseUrl(ctx, "CFDocuments", fw.id) };
}

function itemLink(node: FrameworkNode, ctx: CaseContext): LinkURI {
  return { title: `${node.code} ${node.title}`, identifier: node.id, uri: caseUrl(ctx, "CFItems", node.id) };
}

/** Nodes in reading order: each area followed by its competencies, both by position then code. */
export function orderNodes(nodes: FrameworkNode[]): FrameworkNode[] {
  const byPosition = (a: FrameworkNode, b: FrameworkNode) => a.position - b.position || a.code.localeCompare(b.code);
  const roots = nodes.filter((n) => n.parentId === null).sort(byPosition);
  const out: FrameworkNode[] = [];
  const visit = (node: FrameworkNode) => {
    out.push(node);
    nodes.filter((n) => n.parentId === node.id).sort(byPosition).forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

export function toCFDocument(fw: FrameworkVersion, ctx: CaseContext, standalone = false): CFDocumentJson {
  const defs = caseDefinitions(ctx);
  const doc: CFDocumentJson = {
    identifier: fw.id,
    uri: caseUrl(ctx, "CFDocuments", fw.id),
    frameworkType: "Competency framework",
    caseVersion: "1.1",
    creator: ctx.creator,
    title: fw.title,
    lastChangeDateTime: documentTime(fw),
    publisher: ctx.creator,
    description: fw.description,
    subject: [ctx.subject],
    subjectURI: [link(defs.subject)],
    language: "en",
    version: String(fw.version),
    adoptionStatus: adoptionStatus[fw.status],
  };
  if (fw.sourceUri && /^https?:\/\//.test(fw.sourceUri)) doc.officialSourceURL = fw.sourceUri;
  if (fw.publishedAt) doc.statusStartDate = fw.publishedAt.toISOString().slice(0, 10);
  if (fw.retiredAt) doc.statusEndDate = fw.retiredAt.toISOString().slice(0, 10);
  if (standalone) doc.CFPackageURI = { title: fw.title, identifier: fw.id, uri: caseUrl(ctx, "CFPackages", fw.id) };
  return doc;
}

export function toCFItem(fw: FrameworkVersion, node: FrameworkNode, ctx: CaseContext, standalone = false): CFItemJson {
  const defs = caseDefinitions(ctx);
  const type = node.kind === "area" ? defs.itemTypes.area : defs.itemTypes.competency;
  const item: CFItemJson = {
    identifier: node.id,
    uri: caseUrl(ctx, "CFItems", node.id),
    // The full statement carries the description; the title is the abbreviated statement. With no
    // description the title is the full statement (CASE requires one).
    fullStatement: node.description || node.title,
    abbreviatedStatement: node.title,
    humanCodingScheme: node.code,
    CFItemType: type.title,
    CFItemTypeURI: link(type),
    language: "en",
    lastChangeDateTime: itemTime(fw),
  };
  if (node.kind === "competency") {
    if (node.level) item.educationLevel = [node.level];
    if (node.core) {
      item.conceptKeywords = [CORE_KEYWORD];
      item.conceptKeywordsURI = link(defs.concepts.core);
    }
  }
  if (node.path) item.notes = `Imported from a deeper framework; the source path to this item: ${node.path}`;
  if (standalone) item.CFDocumentURI = documentLink(fw, ctx);
  return item;
}

function toCFAssociation(fw: FrameworkVersion, node: FrameworkNode, parent: FrameworkNode | null, ctx: CaseContext, standalone = false): CFAssociationJson {
  const association: CFAssociationJson = {
    identifier: node.parentAssociationId,
    uri: caseUrl(ctx, "CFAssociations", node.parentAssociationId),
    associationType: "isChildOf",
    sequenceNumber: node.position + 1,
    originNodeURI: itemLink(node, ctx),
    destinationNodeURI: parent ? itemLink(parent, ctx) : documentLink(fw, ctx),
    lastChangeDateTime: itemTime(fw),
  };
  if (standalone) association.CFDocumentURI = documentLink(fw, ctx);
  return association;
}

/** An imported item says where it came from: exactMatchOf the source item (its uri and mapped identifier). */
function sourceAssociation(fw: FrameworkVersion, node: FrameworkNode, ctx: CaseContext): CFAssociationJson | null {
  if (!node.sourceUri) return null;
  const identifier = stableUuid(`${caseUrl(ctx, "CFItems", node.id)}#exactMatchOf#${node.sourceUri}`);
  return {
    identifier,
    uri: caseUrl(ctx, "CFAssociations", identifier),
    associationType: "exactMatchOf",
    originNodeURI: itemLink(node, ctx),
    destinationNodeURI: { title: `${node.code} ${node.title}`, identifier: node.sourceIdentifier ?? stableUuid(node.sourceUri), uri: node.sourceUri },
    CFAssociationGroupingURI: link(caseDefinitions(ctx).groupings.source),
    lastChangeDateTime: itemTime(fw),
  };
}

// ---- links between versions --------------------------------------------------------------------

function content(node: FrameworkNode, codeOf: Map<string, string>) {
  const parent = node.parentId ? (codeOf.get(node.parentId) ?? "") : "";
  return JSON.stringify([node.kind, node.title, node.description, node.level, node.core, node.path, parent]);
}

/**
 * The associations from a version to the one that replaced it: its document and each item whose code
 * lives on are `replacedBy` the newer one (old → new), and items whose content did not change are also
 * `exactMatchOf` their predecessor (new → old), so a consumer keying on uri can follow a competency
 * across versions and knows when its statement changed.
 */
export function versionAssociations(previous: VersionWithNodes, next: VersionWithNodes, ctx: CaseContext): CFAssociationJson[] {
  const grouping = link(caseDefinitions(ctx).groupings.versions);
  const at = itemTime(next.framework);
  const make = (type: "replacedBy" | "exactMatchOf", origin: LinkURI, destination: LinkURI): CFAssociationJson => {
    const identifier = stableUuid(`${origin.uri}#${type}#${destination.uri}`);
    return {
      identifier,
      uri: caseUrl(ctx, "CFAssociations", identifier),
      associationType: type,
      originNodeURI: origin,
      destinationNodeURI: destination,
      CFAssociationGroupingURI: grouping,
      lastChangeDateTime: at,
    };
  };
  const out = [make("replacedBy", documentLink(previous.framework, ctx), documentLink(next.framework, ctx))];
  const oldCodes = new Map(previous.nodes.map((n) => [n.id, n.code]));
  const newCodes = new Map(next.nodes.map((n) => [n.id, n.code]));
  const oldByCode = new Map(previous.nodes.map((n) => [n.code.toLowerCase(), n]));
  for (const node of orderNodes(next.nodes)) {
    const old = oldByCode.get(node.code.toLowerCase());
    if (!old) continue;
    out.push(make("replacedBy", itemLink(old, ctx), itemLink(node, ctx)));
    if (content(old, oldCodes) === content(node, newCodes)) out.push(make("exactMatchOf", itemLink(node, ctx), itemLink(old, ctx)));
  }
  return out;
}

// ---- packages ----------------------------------------------------------------------------------

/** Every association that belongs to a version: its tree, where its items came from, and what it replaced. */
export function versionAssociationsOf(version: VersionWithNodes, previous: VersionWithNodes | null, ctx: CaseContext): CFAssociationJson[] {
  const { framework: fw, nodes } = version;
  const ordered = orderNodes(nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const tree = ordered.map((n) => toCFAssociation(fw, n, n.parentId ? (byId.get(n.parentId) ?? null) : null, ctx));
  const sources = ordered.flatMap((n) => sourceAssociation(fw, n, ctx) ?? []);
  const versions = previous ? versionAssociations(previous, version, ctx) : [];
  // A re-imported export names its predecessor's item as its source: one link to it is enough.
  const linked = new Set(versions.map((a) => `${a.originNodeURI.uri} ${a.destinationNodeURI.uri}`));
  const extraSources = sources.filter((a) => !linked.has(`${a.originNodeURI.uri} ${a.destinationNodeURI.uri}`));
  return [...tree, ...extraSources, ...versions];
}

export function toCFPackage(version: VersionWithNodes, ctx: CaseContext, previous: VersionWithNodes | null = null): CFPackageJson {
  const { framework: fw, nodes } = version;
  return {
    CFDocument: toCFDocument(fw, ctx),
    CFItems: orderNodes(nodes).map((n) => toCFItem(fw, n, ctx)),
    CFAssociations: versionAssociationsOf(version, previous, ctx),
    CFDefinitions: definitionsOf(caseDefinitions(ctx)),
  };
}

export type ImsxCodeMinor = "unknownobject" | "invalid_uuid" | "forbidden" | "server_busy" | "invalid_selection_field";

/** The `imsx_StatusInfo` body CASE endpoints answer errors with. */
export function imsxStatusInfo(codeMinor: ImsxCodeMinor, description: string) {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: description,
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: "sourcedId", imsx_codeMinorFieldValue: codeMinor }] },
  };
}
