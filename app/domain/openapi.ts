/**
 * The OpenAPI 3.1 description of the public JSON API, served at /api/v1/openapi.json. The integration
 * tests validate every API response they receive against it, so it cannot drift from what is sent.
 */
import { LEVEL_VALUES, MAX_PAGE, MAX_PER_PAGE, DIRECTORY_PAGE_SIZE, PUBLIC_MODES, SORTS } from "./directory";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const date = { type: "string", format: "date" };
const json = (schema: object) => ({ "application/json": { schema } });
/** An object with exactly these properties, every one required: `required` is read from them, so it cannot drift. */
const closedObject = (properties: Record<string, object>) => ({ type: "object", required: Object.keys(properties), properties, additionalProperties: false });
/** What every accreditation answer says of it, the summary in a provider's list and the verification alike. */
const accreditationSummary = { certificate: { type: "string" }, status: ref("Status"), validFrom: date, validUntil: date };
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const many = (schema: object, description: string, maxLength = 40) => ({ in: "query", style: "form", explode: true, description, schema: { type: "array", maxItems: 10, items: { ...schema, maxLength } } });

const cacheHeaders = {
  ETag: { description: "Weak validator of the body; send it back in If-None-Match.", schema: { type: "string" } },
  "Cache-Control": { schema: { type: "string" } },
};
const notModified = { description: "The client's copy (If-None-Match) is current.", headers: { ETag: cacheHeaders.ETag } };
const ifNoneMatch = { name: "If-None-Match", in: "header", required: false, schema: { type: "string" } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Accredited providers API",
      version: "1.0.0",
      summary: "Read-only directory of accredited Rust training providers and certificate verification.",
      description:
        "Anonymous, read-only and open to any origin (CORS). Responses carry an ETag and answer 304 to If-None-Match. Errors are RFC 9457 problem details. Delivery modes use schema.org's courseMode words, as the profiles' JSON-LD does.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      "/providers": {
        get: {
          operationId: "searchProviders",
          summary: "Search accredited providers",
          parameters: [
            { name: "q", in: "query", description: "Free text over names, descriptions, course titles and outcomes.", schema: { type: "string", maxLength: 200 } },
            { name: "area", ...many({ type: "string", pattern: "^[A-Za-z][A-Za-z0-9_-]{0,19}$" }, "Competency area codes, e.g. OWN.") },
            { name: "level", ...many({ enum: [...LEVEL_VALUES] }, "Course levels.") },
            { name: "mode", ...many({ enum: [...PUBLIC_MODES] }, "Delivery modes (schema.org courseMode words).") },
            { name: "country", ...many({ type: "string", pattern: "^[A-Za-z]{2}$" }, "ISO 3166-1 alpha-2 country codes.") },
            { name: "language", ...many({ type: "string" }, "Course languages, as names or codes.") },
            { name: "sort", in: "query", description: "relevance needs q; without a sort, relevance with q and name without.", schema: { enum: [...SORTS] } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 1 } },
            { name: "per_page", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_PER_PAGE, default: DIRECTORY_PAGE_SIZE } },
            ifNoneMatch,
          ],
          responses: {
            "200": {
              description: "A page of providers. A page past the last is empty; pageCount and the Link header name the last page.",
              headers: { ...cacheHeaders, Link: { description: "RFC 8288 links: first, prev, next, last.", schema: { type: "string" } } },
              content: json(ref("ProviderPage")),
            },
            "304": notModified,
            "400": problem("A parameter is not valid: every bad parameter is listed in errors."),
          },
        },
      },
      "/providers/{slug}": {
        get: {
          operationId: "getProvider",
          summary: "One accredited provider",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,79}$" } }, ifNoneMatch],
          responses: {
            "200": { description: "The provider.", headers: cacheHeaders, content: json(ref("Provider")) },
            "304": notModified,
            "400": problem("The slug is not valid."),
            "404": problem("No listed provider has this slug."),
          },
        },
      },
      "/accreditations/{certificate}": {
        get: {
          operationId: "verifyCertificate",
          summary: "Verify a certificate number",
          parameters: [{ name: "certificate", in: "path", required: true, schema: { type: "string", examples: ["ACC-2026-0042"] } }, ifNoneMatch],
          responses: {
            "200": { description: "The accreditation and its current status.", headers: cacheHeaders, content: json(ref("Accreditation")) },
            "304": notModified,
            "400": problem("Not a certificate number."),
            "404": problem("No such certificate was issued."),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This description",
          responses: { "200": { description: "The OpenAPI 3.1 document.", content: json({ type: "object", required: ["openapi", "info", "paths"] }) } },
        },
      },
    },
    components: {
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details.",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string", format: "uri-reference" },
            title: { type: "string" },
            status: { type: "integer", minimum: 400, maximum: 599 },
            detail: { type: "string" },
            instance: { type: "string", format: "uri-reference" },
            errors: {
              type: "array",
              items: closedObject({ parameter: { type: "string" }, message: { type: "string" } }),
            },
          },
          additionalProperties: false,
        },
        Mode: { enum: [...PUBLIC_MODES], description: "schema.org courseMode words: onsite, online (live), asynchronous (self-paced online), blended." },
        Level: { enum: [...LEVEL_VALUES] },
        Status: { enum: ["active", "suspended", "revoked", "expired", "superseded"] },
        Course: closedObject({ title: { type: "string" }, level: ref("Level"), languages: { type: "array", items: { type: "string" } }, modes: { type: "array", items: ref("Mode") } }),
        AccreditationSummary: closedObject(accreditationSummary),
        Provider: closedObject({
          slug: { type: "string" },
          name: { type: "string" },
          country: { type: ["string", "null"] },
          website: { type: ["string", "null"] },
          courses: { type: "array", items: ref("Course") },
          accreditations: { type: "array", items: ref("AccreditationSummary") },
        }),
        ProviderPage: closedObject({
          total: { type: "integer", minimum: 0 },
          page: { type: "integer", minimum: 1 },
          perPage: { type: "integer", minimum: 1, maximum: MAX_PER_PAGE },
          pageCount: { type: "integer", minimum: 1 },
          providers: { type: "array", items: ref("Provider") },
        }),
        Accreditation: closedObject({
          ...accreditationSummary,
          provider: closedObject({ slug: { type: "string" }, name: { type: "string" } }),
          scope: { type: "array", items: closedObject({ course: { type: "string" }, level: ref("Level"), language: { type: "string" }, mode: ref("Mode") }) },
        }),
      },
    },
  };
}
