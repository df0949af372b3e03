/**
 * Pure mapping between the portal's competency framework versions and 1EdTech CASE 1.1 JSON.
 * One framework version is one CFDocument; areas and competencies are CFItems; the tree is a set of
 * isChildOf CFAssociations (origin = child, destination = parent; areas are children of the document).
 * Identifiers are the database UUIDs (v4), see docs/decisions/007-case-identifiers.md.
 */

export type Level = "foundation" | "intermediate" | "advanced";
export const LEVELS: readonly Level[] = ["foundation", "intermediate", "advanced"];
export type FrameworkStatus = "draft" | "published" | "retired";

export type FrameworkVersion = {
  id: string;
  version: number;
  title: string;
  description: string;
  status: FrameworkStatus;
  uri: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
};

export type FrameworkNode = {
  id: string;
  parentId: string | null;
  kind: "area" | "competency";
  code: string;
  title: string;
  description: string;
  level: Level | null;
  core: boolean;
  position: number;
  uri: string | null;
  parentAssociationId: string;
};

export type CaseContext = { baseUrl: string; creator: string };

export type LinkURI = { title: string; identifier: string; uri: string };

export type CFDocumentJson = {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  caseVersion?: "1.1";
  description?: string;
  version?: string;
  adoptionStatus?: string;
  language?: string;
  publisher?: string;
  CFPackageURI?: LinkURI;
  [key: string]: unknown;
};

export type CFItemJson = {
  identifier: string;
  uri: string;
  fullStatement: string;
  lastChangeDateTime: string;
  abbreviatedStatement?: string;
  humanCodingScheme?: string;
  CFItemType?: string;
  educationLevel?: string[];
  language?: string;
  extensions?: Record<string, unknown>;
  CFDocumentURI?: LinkURI;
  [key: string]: unknown;
};

export type CFAssociationJson = {
  identifier: string;
  uri: string;
  associationType: string;
  originNodeURI: LinkURI & { targetType?: string };
  destinationNodeURI: LinkURI & { targetType?: string };
  lastChangeDateTime: string;
  sequenceNumber?: number;
  CFDocumentURI?: LinkURI;
  [key: string]: unknown;
};

export type CFPackageJson = {
  CFDocument: CFDocumentJson;
  CFItems?: CFItemJson[];
  CFAssociations?: CFAssociationJson[];
  [key: string]: unknown;
};

export const CASE_BASE_PATH = "/ims/case/v1p1";
export const AREA_ITEM_TYPE = "Competency Area";
export const COMPETENCY_ITEM_TYPE = "Competency";

const CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** CASE 1.1 accepts UUIDs of version 1 to 5 only (no v6/v7). */
export function isCaseUuid(value: string): boolean {
  return CASE_UUID.test(value);
}

export function caseUrl(ctx: CaseContext, kind: "CFPackages" | "CFDocuments" | "CFItems" | "CFAssociations", id: string): string {
  return `${ctx.baseUrl}${CASE_BASE_PATH}/${kind}/${id}`;
}

const adoptionStatus: Record<FrameworkStatus, string> = { draft: "Draft", published: "Adopted", retired: "Deprecated" };

/** Items keep the time the version was published: a published version never changes afterwards. */
function itemTime(fw: FrameworkVersion): string {
  return (fw.publishedAt ?? fw.createdAt).toISOString();
}

function documentTime(fw: FrameworkVersion): string {
  return (fw.retiredAt ?? fw.publishedAt ?? fw.createdAt).toISOString();
}

function documentLink(fw: FrameworkVersion, ctx: CaseContext): LinkURI {
  return { title: fw.title, identifier: fw.id, uri: fw.uri ?? caseUrl(ctx, "CFDocuments", fw.id) };
}

function itemLink(node: FrameworkNode, ctx: CaseContext): LinkURI {
  return { title: `${node.code} ${node.title}`, identifier: node.id, uri: node.uri ?? caseUrl(ctx, "CFItems", node.id) };
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
  const doc: CFDocumentJson = {
    identifier: fw.id,
    uri: fw.uri ?? caseUrl(ctx, "CFDocuments", fw.id),
    creator: ctx.creator,
    publisher: ctx.creator,
    title: fw.title,
    description: fw.description,
    lastChangeDateTime: documentTime(fw),
    caseVersion: "1.1",
    version: String(fw.version),
    adoptionStatus: adoptionStatus[fw.status],
    language: "en",
  };
  if (standalone) doc.CFPackageURI = { title: fw.title, identifier: fw.id, uri: caseUrl(ctx, "CFPackages", fw.id) };
  return doc;
}

export function toCFItem(fw: FrameworkVersion, node: FrameworkNode, ctx: CaseContext, standalone = false): CFItemJson {
  const item: CFItemJson = {
    identifier: node.id,
    uri: node.uri ?? caseUrl(ctx, "CFItems", node.id),
    // The full statement carries the description; the title is the abbreviated statement. With no
    // description the title is the full statement (CASE requires one).
    fullStatement: node.description || node.title,
    abbreviatedStatement: node.title,
    humanCodingScheme: node.code,
    CFItemType: node.kind === "area" ? AREA_ITEM_TYPE : COMPETENCY_ITEM_TYPE,
    language: "en",
    lastChangeDateTime: itemTime(fw),
  };
  if (node.kind === "competency") {
    if (node.level) item.educationLevel = [node.level];
    // Level and core flag have no CASE field of their own: the portal's extension keeps them exact.
    item.extensions = { level: node.level, core: node.core };
  }
  if (standalone) item.CFDocumentURI = documentLink(fw, ctx);
  return item;
}

export function toCFAssociation(
  fw: FrameworkVersion,
  node: FrameworkNode,
  parent: FrameworkNode | null,
  ctx: CaseContext,
  standalone = false,
): CFAssociationJson {
  const association: CFAssociationJson = {
    identifier: node.parentAssociationId,
    uri: caseUrl(ctx, "CFAssociations", node.parentAssociationId),
    associationType: "isChildOf",
    originNodeURI: itemLink(node, ctx),
    destinationNodeURI: parent ? itemLink(parent, ctx) : documentLink(fw, ctx),
    sequenceNumber: node.position + 1,
    lastChangeDateTime: itemTime(fw),
  };
  if (standalone) association.CFDocumentURI = documentLink(fw, ctx);
  return association;
}

export function toCFPackage(fw: FrameworkVersion, nodes: FrameworkNode[], ctx: CaseContext): CFPackageJson {
  const ordered = orderNodes(nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return {
    CFDocument: toCFDocument(fw, ctx),
    CFItems: ordered.map((n) => toCFItem(fw, n, ctx)),
    CFAssociations: ordered.map((n) => toCFAssociation(fw, n, n.parentId ? (byId.get(n.parentId) ?? null) : null, ctx)),
  };
}

// ---- import ------------------------------------------------------------------------------------

export type ImportError = { path: string; message: string };

export type ImportedNode = {
  /** Index into the package's CFItems, for error messages. */
  source: number;
  kind: "area" | "competency";
  code: string;
  title: string;
  description: string;
  level: Level | null;
  core: boolean;
  position: number;
  uri: string;
  children: ImportedNode[];
};

export type ImportedFramework = {
  title: string;
  description: string;
  uri: string;
  areas: ImportedNode[];
  /** Competencies that came without a level and were given "foundation". */
  defaultedLevels: number;
};

const TITLE_MAX = 200;

function readLevel(item: CFItemJson): Level | null {
  const ext = item.extensions?.level;
  if (typeof ext === "string" && (LEVELS as readonly string[]).includes(ext)) return ext as Level;
  const fromEducation = item.educationLevel?.find((l) => (LEVELS as readonly string[]).includes(l.toLowerCase()));
  return fromEducation ? (fromEducation.toLowerCase() as Level) : null;
}

function readText(item: CFItemJson): { title: string; description: string } {
  const full = item.fullStatement.trim();
  const short = item.abbreviatedStatement?.trim();
  if (short) return { title: short.slice(0, TITLE_MAX), description: full === short ? "" : full };
  if (full.length <= TITLE_MAX) return { title: full, description: "" };
  return { title: `${full.slice(0, TITLE_MAX - 1).trimEnd()}…`, description: full };
}

/**
 * Turn a schema-valid CFPackage into the portal's two-level tree (areas → competencies), or say by JSON
 * path why it cannot be. Only isChildOf associations build the tree; other association types are ignored.
 */
export function fromCFPackage(pkg: CFPackageJson): { ok: true; framework: ImportedFramework } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const items = pkg.CFItems ?? [];
  const associations = pkg.CFAssociations ?? [];
  const docId = pkg.CFDocument.identifier.toLowerCase();
  const itemIndex = new Map<string, number>();

  items.forEach((item, i) => {
    const id = item.identifier.toLowerCase();
    if (itemIndex.has(id)) errors.push({ path: `/CFItems/${i}/identifier`, message: `Identifier ${item.identifier} is used by more than one item` });
    else itemIndex.set(id, i);
  });

  const codes = new Map<string, number>();
  items.forEach((item, i) => {
    const code = item.humanCodingScheme?.trim();
    if (!code) errors.push({ path: `/CFItems/${i}/humanCodingScheme`, message: "Every item needs a humanCodingScheme: it becomes the competency code" });
    else if (code.length > 40) errors.push({ path: `/CFItems/${i}/humanCodingScheme`, message: "The code must be at most 40 characters" });
    else if (codes.has(code)) errors.push({ path: `/CFItems/${i}/humanCodingScheme`, message: `Code ${code} is used by more than one item (also CFItems/${codes.get(code)})` });
    else codes.set(code, i);
    if (!item.fullStatement.trim()) errors.push({ path: `/CFItems/${i}/fullStatement`, message: "The statement is empty" });
  });

  // child index → { parent index or "document", sequence }
  const parentOf = new Map<number, { parent: number | "document"; sequence: number; path: string }>();
  associations.forEach((a, j) => {
    if (a.associationType !== "isChildOf") return;
    const origin = itemIndex.get(a.originNodeURI.identifier.toLowerCase());
    const destId = a.destinationNodeURI.identifier.toLowerCase();
    const destination = destId === docId ? "document" : itemIndex.get(destId);
    if (origin === undefined) {
      errors.push({ path: `/CFAssociations/${j}/originNodeURI/identifier`, message: `No CFItem has identifier ${a.originNodeURI.identifier}` });
      return;
    }
    if (destination === undefined) {
      errors.push({ path: `/CFAssociations/${j}/destinationNodeURI/identifier`, message: `Neither the CFDocument nor a CFItem has identifier ${a.destinationNodeURI.identifier}` });
      return;
    }
    if (parentOf.has(origin)) {
      errors.push({ path: `/CFAssociations/${j}`, message: `CFItems/${origin} already has a parent: an item may appear once in the tree` });
      return;
    }
    parentOf.set(origin, { parent: destination, sequence: a.sequenceNumber ?? Number.MAX_SAFE_INTEGER, path: `/CFAssociations/${j}` });
  });

  const nodes: ImportedNode[] = items.map((item, i) => {
    const { title, description } = readText(item);
    return {
      source: i,
      kind: "competency",
      code: item.humanCodingScheme?.trim() ?? "",
      title,
      description,
      level: readLevel(item),
      core: item.extensions?.core === true,
      position: 0,
      uri: item.uri,
      children: [],
    };
  });

  const areas: { node: ImportedNode; sequence: number }[] = [];
  const childrenOf = new Map<number, { node: ImportedNode; sequence: number }[]>();
  items.forEach((item, i) => {
    const link = parentOf.get(i);
    if (!link) {
      errors.push({ path: `/CFItems/${i}`, message: `Item ${item.humanCodingScheme ?? item.identifier} is not in the tree: no isChildOf association gives it a parent` });
      return;
    }
    if (link.parent === "document") {
      // Whatever its CFItemType, a child of the document is an area in the portal's two-level tree.
      areas.push({ node: nodes[i], sequence: link.sequence });
      nodes[i].kind = "area";
      return;
    }
    const parentLink = parentOf.get(link.parent);
    if (parentLink && parentLink.parent !== "document") {
      errors.push({ path: link.path, message: "The portal's framework has two levels (areas and competencies): this item is nested deeper" });
      return;
    }
    const siblings = childrenOf.get(link.parent) ?? [];
    siblings.push({ node: nodes[i], sequence: link.sequence });
    childrenOf.set(link.parent, siblings);
  });

  if (errors.length > 0) return { ok: false, errors };

  let defaultedLevels = 0;
  const bySequence = (a: { node: ImportedNode; sequence: number }, b: { node: ImportedNode; sequence: number }) =>
    a.sequence - b.sequence || a.node.source - b.node.source;
  const tree = areas.sort(bySequence).map(({ node }, position) => {
    node.position = position;
    node.level = null;
    node.core = false;
    node.children = (childrenOf.get(node.source) ?? []).sort(bySequence).map(({ node: child }, childPosition) => {
      child.position = childPosition;
      if (!child.level) {
        child.level = "foundation";
        defaultedLevels += 1;
      }
      return child;
    });
    return node;
  });

  return {
    ok: true,
    framework: {
      title: pkg.CFDocument.title.trim().slice(0, TITLE_MAX) || "Imported framework",
      description: typeof pkg.CFDocument.description === "string" ? pkg.CFDocument.description : "",
      uri: pkg.CFDocument.uri,
      areas: tree,
      defaultedLevels,
    },
  };
}

/** The `imsx_StatusInfo` body CASE endpoints answer errors with. */
export function imsxStatusInfo(codeMinor: "unknownobject" | "invalid_uuid" | "forbidden" | "server_busy", description: string) {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: description,
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: "sourcedId", imsx_codeMinorFieldValue: codeMinor }] },
  };
}
