import { Ajv2019, type ErrorObject, type ValidateFunction } from "ajv/dist/2019.js";
import addFormatsImport from "ajv-formats-3";
import { and, asc, eq, inArray } from "drizzle-orm";
import { competencies, frameworks } from "../../db/schema";
import type { Database } from "./db.server";
import { config } from "~/config.server";
import { CASE_SCHEMA_ID, caseSchema } from "~/domain/case-schema";
import {
  caseDefinitions,
  documentLink,
  imsxStatusInfo,
  isCaseUuid,
  toCFDocument,
  toCFItem,
  toCFPackage,
  versionAssociations,
  versionAssociationsOf,
  type CaseContext,
  type CFAssociationJson,
  type CFPackageJson,
  type VersionWithNodes,
} from "~/domain/case";
import { fromCFPackage, normaliseIdentifiers, type ImportError, type ImportedFramework } from "~/domain/case-import";
import { getFramework } from "./framework.server";
import { conditionalJson, CORS_EXPOSED } from "./json-response.server";

// ajv-formats is CommonJS: under Node's ESM loader the plugin is the default export's default.
const addFormats = (addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport;

let ajv: Ajv2019 | undefined;
/** The validator of one payload of the portal's CASE 1.1 schema (draft 2019-09), e.g. "CFPackage". */
export function caseValidator(definition = "CFPackage"): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2019({ allErrors: true, strict: true });
    addFormats(ajv, ["date-time", "date", "uri"]);
    ajv.addSchema(caseSchema);
  }
  const validate = ajv.getSchema(`${CASE_SCHEMA_ID}#/$defs/${definition}`);
  if (!validate) throw new Error(`The CASE schema has no definition ${definition}`);
  return validate;
}

function describe(error: ErrorObject): ImportError {
  const path = error.instancePath || "/";
  switch (error.keyword) {
    case "required":
      return { path: `${error.instancePath}/${String(error.params.missingProperty)}`, message: "is required" };
    case "additionalProperties":
      return { path: `${error.instancePath}/${String(error.params.additionalProperty)}`, message: "is not a CASE 1.1 property here" };
    case "pattern":
      return { path, message: /identifier$/.test(path) ? "must be a UUID of version 1 to 5 (CASE 1.1 does not allow other versions)" : `must match ${String(error.params.pattern)}` };
    default:
      return { path, message: error.message ?? "is not valid" };
  }
}

/** Validate a parsed JSON value against one definition of the CASE 1.1 schema; errors by JSON path. */
function validateCase(value: unknown, definition = "CFPackage"): ImportError[] {
  const validate = caseValidator(definition);
  if (validate(value)) return [];
  const seen = new Set<string>();
  const errors: ImportError[] = [];
  for (const e of validate.errors ?? []) {
    // anyOf branches repeat the same complaint; one line per path is enough.
    if (e.keyword === "anyOf") continue;
    const d = describe(e);
    const key = `${d.path} ${d.message}`;
    if (!seen.has(key)) errors.push(d);
    seen.add(key);
  }
  return errors;
}

export function validateCasePackage(value: unknown): { ok: true; pkg: CFPackageJson } | { ok: false; errors: ImportError[] } {
  const errors = validateCase(value, "CFPackage");
  // Validated just above against the CFPackage schema, which the type mirrors.
  return errors.length === 0 ? { ok: true, pkg: value as CFPackageJson } : { ok: false, errors };
}

/** Parse, map identifiers, validate and turn an uploaded CFPackage into a framework, stopping at the first stage that fails. */
export function readCasePackage(text: string): { ok: true; framework: ImportedFramework } | { ok: false; errors: ImportError[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "/", message: `The file is not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const normalised = normaliseIdentifiers(value);
  const valid = validateCasePackage(normalised.value);
  if (!valid.ok) return valid;
  return fromCFPackage(valid.pkg, normalised.mapped);
}

export function caseContext(): CaseContext {
  return { baseUrl: config().appUrl, creator: "Rust Training Foundation", subject: "Rust programming" };
}

// ---- the public read model: published and retired versions only ---------------------------------

const PUBLIC_STATUSES = ["published", "retired"] as const;

/** Public versions in the order they were published: each one replaced the one before it. */
async function publicVersionIds(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(inArray(frameworks.status, [...PUBLIC_STATUSES]))
    .orderBy(asc(frameworks.publishedAt), asc(frameworks.version));
  return rows.map((r) => r.id);
}

type PublicVersion = { version: VersionWithNodes; previous: VersionWithNodes | null; next: VersionWithNodes | null };

async function publicVersion(db: Database, id: string): Promise<PublicVersion | null> {
  if (!isCaseUuid(id)) return null;
  const ids = await publicVersionIds(db);
  const at = ids.findIndex((x) => x === id.toLowerCase());
  if (at < 0) return null;
  const [version, previous, next] = await Promise.all([getFramework(db, ids[at]), at > 0 ? getFramework(db, ids[at - 1]) : null, at + 1 < ids.length ? getFramework(db, ids[at + 1]) : null]);
  return version ? { version, previous, next } : null;
}

export async function casePackage(db: Database, id: string, ctx = caseContext()): Promise<CFPackageJson | null> {
  const found = await publicVersion(db, id);
  return found ? toCFPackage(found.version, ctx, found.previous) : null;
}

/** Export any version for staff (drafts included); the public endpoints never serve drafts. */
export async function exportPackage(db: Database, id: string, ctx = caseContext()): Promise<CFPackageJson | null> {
  const found = await getFramework(db, id);
  return found ? toCFPackage(found, ctx) : null;
}

export async function caseDocuments(db: Database, ctx = caseContext()) {
  const rows = await db.select().from(frameworks).where(inArray(frameworks.status, [...PUBLIC_STATUSES])).orderBy(asc(frameworks.version));
  return rows.map((fw) => toCFDocument({ ...fw }, ctx, true));
}

export async function caseDocument(db: Database, id: string, ctx = caseContext()) {
  const found = await publicVersion(db, id);
  return found ? toCFDocument(found.version.framework, ctx, true) : null;
}

async function publicItem(db: Database, id: string) {
  if (!isCaseUuid(id)) return null;
  const [row] = await db
    .select({ frameworkId: competencies.frameworkId })
    .from(competencies)
    .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
    .where(and(eq(competencies.id, id.toLowerCase()), inArray(frameworks.status, [...PUBLIC_STATUSES])));
  if (!row) return null;
  const found = await publicVersion(db, row.frameworkId);
  const node = found?.version.nodes.find((n) => n.id === id.toLowerCase());
  return found && node ? { ...found, node } : null;
}

export async function caseItem(db: Database, id: string, ctx = caseContext()) {
  const found = await publicItem(db, id);
  return found ? toCFItem(found.version.framework, found.node, ctx, true) : null;
}

/** CFItemAssociations: the item and every association it is an end of (tree, source, versions). */
export async function caseItemAssociations(db: Database, id: string, ctx = caseContext()) {
  const found = await publicItem(db, id);
  if (!found) return null;
  const own = versionAssociationsOf(found.version, found.previous, ctx);
  const later = found.next ? versionAssociations(found.version, found.next, ctx) : [];
  const touches = (a: CFAssociationJson) => a.originNodeURI.identifier === found.node.id || a.destinationNodeURI.identifier === found.node.id;
  return { CFItem: toCFItem(found.version.framework, found.node, ctx, true), CFAssociations: [...own, ...later].filter(touches) };
}

export async function caseAssociation(db: Database, id: string, ctx = caseContext()): Promise<CFAssociationJson | null> {
  if (!isCaseUuid(id)) return null;
  const wanted = id.toLowerCase();
  const [tree] = await db
    .select({ frameworkId: competencies.frameworkId })
    .from(competencies)
    .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
    .where(and(eq(competencies.parentAssociationId, wanted), inArray(frameworks.status, [...PUBLIC_STATUSES])));
  // Source and version links are derived, not stored: look through the versions' associations.
  const candidates = tree ? [tree.frameworkId] : await publicVersionIds(db);
  for (const frameworkId of candidates) {
    const found = await publicVersion(db, frameworkId);
    if (!found) continue;
    const association = versionAssociationsOf(found.version, found.previous, ctx).find((a) => a.identifier === wanted);
    if (association) return { ...association, CFDocumentURI: documentLink(found.version.framework, ctx) };
  }
  return null;
}

// ---- definitions (fixed vocabulary, identifiers derived from the portal's URL) -----------------

export function caseItemTypes(id: string, ctx = caseContext()) {
  const types = Object.values(caseDefinitions(ctx).itemTypes);
  const found = types.find((t) => t.identifier === id.toLowerCase());
  return found ? { CFItemTypes: [found] } : null;
}

export function caseConcepts(id: string, ctx = caseContext()) {
  const found = Object.values(caseDefinitions(ctx).concepts).find((c) => c.identifier === id.toLowerCase());
  return found ? { CFConcepts: [found] } : null;
}

export function caseSubjects(id: string, ctx = caseContext()) {
  const subject = caseDefinitions(ctx).subject;
  return subject.identifier === id.toLowerCase() ? { CFSubjects: [subject] } : null;
}

export function caseAssociationGrouping(id: string, ctx = caseContext()) {
  return Object.values(caseDefinitions(ctx).groupings).find((g) => g.identifier === id.toLowerCase()) ?? null;
}

/** The framework is published without a licence record, so no CFLicense exists to be found. */
export function caseLicense(_id: string): null {
  return null;
}

// ---- HTTP --------------------------------------------------------------------------------------

function caseHeaders(cacheControl: string): Headers {
  return new Headers({
    "Content-Type": "application/json; charset=utf-8",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": CORS_EXPOSED,
    // Published content changes only when a newer version retires it; five minutes, then revalidate by ETag.
    "Cache-Control": cacheControl,
  });
}

export function caseError(status: 404 | 400, codeMinor: "unknownobject" | "invalid_uuid" | "invalid_selection_field", description: string): Response {
  return new Response(JSON.stringify(imsxStatusInfo(codeMinor, description)), { status, headers: caseHeaders("no-store") });
}

/**
 * A CASE endpoint: an identifier that is not a v1–5 UUID answers 404 "Invalid UUID" and an unknown one
 * 404 "Unknown Object", both as imsx_StatusInfo, as the REST binding asks; a found object is sent with
 * an ETag (304 when the client holds it).
 */
export function caseEndpoint(kind: string, find: (id: string) => Promise<unknown> | unknown) {
  return async ({ request, params }: { request: Request; params: { id?: string } }) => {
    const id = params.id ?? "";
    if (!isCaseUuid(id)) return caseError(404, "invalid_uuid", `Invalid UUID: ${id.slice(0, 100)} is not a UUID of version 1 to 5`);
    const body = await find(id);
    if (!body) return caseError(404, "unknownobject", `Unknown Object: no published ${kind} has identifier ${id}`);
    return caseJson(request, body);
  };
}

export function caseJson(request: Request, body: unknown): Promise<Response> {
  return conditionalJson(request, body, caseHeaders("public, max-age=300, must-revalidate"));
}
