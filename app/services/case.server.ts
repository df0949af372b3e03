import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsImport from "ajv-formats";
import { and, asc, eq, inArray } from "drizzle-orm";
import { competencies, frameworks } from "../../db/schema";
import type { Database } from "./db.server";
import { config } from "~/config.server";
import { casePackageSchema } from "~/domain/case-schema";
import {
  fromCFPackage,
  imsxStatusInfo,
  isCaseUuid,
  toCFAssociation,
  toCFDocument,
  toCFItem,
  toCFPackage,
  type CaseContext,
  type CFPackageJson,
  type ImportError,
  type ImportedFramework,
} from "~/domain/case";
import { getFramework } from "./framework.server";

// ajv-formats is CommonJS: under Node's ESM loader the plugin is the default export's default.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport);

let validator: ValidateFunction | undefined;
function packageValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv, ["date-time", "date"]);
    validator = ajv.compile(casePackageSchema);
  }
  return validator;
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

/** Validate a parsed JSON value against the CASE 1.1 CFPackage schema; errors by JSON path. */
export function validateCasePackage(value: unknown): { ok: true; pkg: CFPackageJson } | { ok: false; errors: ImportError[] } {
  const validate = packageValidator();
  if (validate(value)) return { ok: true, pkg: value as CFPackageJson };
  const seen = new Set<string>();
  const errors: ImportError[] = [];
  for (const e of validate.errors ?? []) {
    // oneOf branches repeat the same complaint; one line per path is enough.
    if (e.keyword === "oneOf") continue;
    const d = describe(e);
    const key = `${d.path} ${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(d);
  }
  return { ok: false, errors };
}

/** Parse, validate and map an uploaded CFPackage file, stopping at the first stage that fails. */
export function readCasePackage(text: string): { ok: true; framework: ImportedFramework } | { ok: false; errors: ImportError[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "/", message: `The file is not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const valid = validateCasePackage(value);
  if (!valid.ok) return valid;
  return fromCFPackage(valid.pkg);
}

export function caseContext(): CaseContext {
  return { baseUrl: config().appUrl, creator: "Rust Training Foundation" };
}

const PUBLIC_STATUSES = ["published", "retired"] as const;

/** Public CASE read model: drafts do not exist for it. */
async function publicFramework(db: Database, id: string) {
  if (!isCaseUuid(id)) return null;
  const [fw] = await db.select({ id: frameworks.id }).from(frameworks).where(and(eq(frameworks.id, id), inArray(frameworks.status, [...PUBLIC_STATUSES])));
  return fw ? getFramework(db, fw.id) : null;
}

export async function casePackage(db: Database, id: string, ctx = caseContext()): Promise<CFPackageJson | null> {
  const found = await publicFramework(db, id);
  return found ? toCFPackage(found.framework, found.nodes, ctx) : null;
}

/** Export any version for staff (drafts included); the public endpoints never serve drafts. */
export async function exportPackage(db: Database, id: string, ctx = caseContext()): Promise<CFPackageJson | null> {
  const found = await getFramework(db, id);
  return found ? toCFPackage(found.framework, found.nodes, ctx) : null;
}

export async function caseDocuments(db: Database, ctx = caseContext()) {
  const rows = await db.select().from(frameworks).where(inArray(frameworks.status, [...PUBLIC_STATUSES])).orderBy(asc(frameworks.version));
  return rows.map((fw) => toCFDocument({ ...fw }, ctx, true));
}

export async function caseDocument(db: Database, id: string, ctx = caseContext()) {
  const found = await publicFramework(db, id);
  return found ? toCFDocument(found.framework, ctx, true) : null;
}

async function publicNode(db: Database, where: ReturnType<typeof eq>) {
  const [row] = await db
    .select({ node: competencies, fwId: frameworks.id })
    .from(competencies)
    .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
    .where(and(where, inArray(frameworks.status, [...PUBLIC_STATUSES])));
  if (!row) return null;
  const found = await getFramework(db, row.fwId);
  if (!found) return null;
  const node = found.nodes.find((n) => n.id === row.node.id)!;
  const parent = node.parentId ? (found.nodes.find((n) => n.id === node.parentId) ?? null) : null;
  return { ...found, node, parent };
}

export async function caseItem(db: Database, id: string, ctx = caseContext()) {
  if (!isCaseUuid(id)) return null;
  const found = await publicNode(db, eq(competencies.id, id));
  return found ? toCFItem(found.framework, found.node, ctx, true) : null;
}

export async function caseAssociation(db: Database, id: string, ctx = caseContext()) {
  if (!isCaseUuid(id)) return null;
  const found = await publicNode(db, eq(competencies.parentAssociationId, id));
  return found ? toCFAssociation(found.framework, found.node, found.parent, ctx, true) : null;
}

const CASE_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Access-Control-Allow-Origin": "*",
  // Published content changes only when a newer version retires it (adoptionStatus), so a short cache is enough.
  "Cache-Control": "public, max-age=300",
};

export function caseJson(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: CASE_HEADERS });
}

/** 404 (or 400 for an id that is not a CASE UUID) as imsx_StatusInfo, as the CASE REST binding answers. */
export function caseNotFound(kind: string, id: string | undefined): Response {
  const badId = !id || !isCaseUuid(id);
  const body = badId
    ? imsxStatusInfo("invalid_uuid", `${id ?? ""} is not a UUID of version 1 to 5`)
    : imsxStatusInfo("unknownobject", `No published ${kind} has identifier ${id}`);
  return new Response(JSON.stringify(body), {
    status: badId ? 400 : 404,
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" },
  });
}
