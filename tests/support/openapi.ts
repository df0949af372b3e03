/**
 * Checks an API response against the OpenAPI 3.1 description the portal serves: the status must be
 * documented for the operation, the media type must be one it lists, and the body must validate against
 * its schema (JSON Schema 2020-12, with ajv's Ajv2020 and ajv-formats 3).
 */
import { expect } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsImport from "ajv-formats-3";
import { openApiDocument } from "~/domain/openapi";

// ajv-formats is CommonJS: under Node's ESM loader the plugin is the default export's default.
const addFormats = (addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport;

const ID = "urn:portal:openapi";
let ajv: Ajv2020 | undefined;
function validator() {
  if (!ajv) {
    // Not strict: the document holds OpenAPI keywords (paths, responses…) around its JSON Schemas.
    ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ ...openApiDocument("http://localhost:3000"), $id: ID });
  }
  return ajv;
}

const pointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** The parsed body (null for 304), after asserting the response matches the description of `path` (e.g. "/providers/{slug}"). */
export async function expectDocumented(response: Response, path: string): Promise<unknown> {
  const doc = openApiDocument("http://localhost:3000");
  const operation = (doc.paths as Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }>)[path]?.get;
  expect(operation, `no GET ${path} in the OpenAPI document`).toBeDefined();
  const documented = operation.responses[String(response.status)];
  expect(documented, `GET ${path} does not document status ${response.status}`).toBeDefined();
  if (!documented.content) {
    expect(await response.text()).toBe("");
    return null;
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0].trim();
  expect(Object.keys(documented.content), `media type of ${path} ${response.status}`).toContain(type);
  const body: unknown = await response.json();
  const schemaRef = `${ID}#/paths/${pointer(path)}/get/responses/${response.status}/content/${pointer(type)}/schema`;
  const validate = validator().compile({ $ref: schemaRef });
  expect(validate(body) ? [] : validate.errors, `${path} ${response.status} against the OpenAPI schema`).toEqual([]);
  return body;
}
