import { expect, test } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseDefinitions, type CFAssociationJson, type CFPackageJson } from "~/domain/case";
import { db } from "~/services/db.server";
import { caseContext, caseValidator, readCasePackage } from "~/services/case.server";
import { getFramework } from "~/services/framework.server";
import { createDraftFromImport, publishFramework } from "~/services/framework-drafts.server";
import { updateNode } from "~/services/framework-nodes.server";
import { loader as packages } from "~/routes/ims.case.v1p1.CFPackages.$id";
import { loader as documents } from "~/routes/ims.case.v1p1.CFDocuments._index";
import { loader as document } from "~/routes/ims.case.v1p1.CFDocuments.$id";
import { loader as items } from "~/routes/ims.case.v1p1.CFItems.$id";
import { loader as associations } from "~/routes/ims.case.v1p1.CFAssociations.$id";
import { loader as itemAssociations } from "~/routes/ims.case.v1p1.CFItemAssociations.$id";
import { loader as groupings } from "~/routes/ims.case.v1p1.CFAssociationGroupings.$id";
import { loader as concepts } from "~/routes/ims.case.v1p1.CFConcepts.$id";
import { loader as itemTypes } from "~/routes/ims.case.v1p1.CFItemTypes.$id";
import { loader as licenses } from "~/routes/ims.case.v1p1.CFLicenses.$id";
import { loader as subjects } from "~/routes/ims.case.v1p1.CFSubjects.$id";
import { signedIn } from "../support/factories";
import { publishedFramework } from "../support/factories-admin";

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response;

/** Call an endpoint as a consumer does; the body is checked against `definition` of the portal's CASE 1.1 schema. */
async function get(loader: Loader, path: string, id: string | undefined, definition: string, headers: HeadersInit = {}) {
  const response = await loader({ request: new Request(`http://localhost:3000/ims/case/v1p1/${path}`, { headers }), // The CASE loaders read no load context; an empty one stands for what the server passes.
    params: id === undefined ? {} : { id }, context: {} as LoaderFunctionArgs["context"] });
  if (response.status === 304) return { response, body: null };
  const text = await response.text();
  const body: unknown = JSON.parse(text);
  const validate = caseValidator(definition);
  expect(validate(body) ? [] : validate.errors, `${path} as ${definition}`).toEqual([]);
  // The certification guide: a provider sends no extension data.
  expect(text).not.toContain('"extensions"');
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  return { response, body };
}

test("every CASE endpoint answers a payload valid against the CASE 1.1 schema, with an ETag and cache headers", async () => {
  const v1 = await publishedFramework();
  const fwId = v1.framework.id;
  const own1 = v1.competencies["OWN.1"];
  const defs = caseDefinitions(caseContext());

  const calls: [Loader, string, string | undefined, string][] = [
    [documents, "CFDocuments", undefined, "CFDocumentSet"],
    [document, `CFDocuments/${fwId}`, fwId, "CFDocument"],
    [packages, `CFPackages/${fwId}`, fwId, "CFPackage"],
    [items, `CFItems/${own1.id}`, own1.id, "CFItem"],
    [associations, `CFAssociations/${own1.parentAssociationId}`, own1.parentAssociationId, "CFAssociation"],
    [itemAssociations, `CFItemAssociations/${own1.id}`, own1.id, "CFAssociationSet"],
    [groupings, `CFAssociationGroupings/${defs.groupings.versions.identifier}`, defs.groupings.versions.identifier, "CFAssociationGrouping"],
    [concepts, `CFConcepts/${defs.concepts.core.identifier}`, defs.concepts.core.identifier, "CFConceptSet"],
    [itemTypes, `CFItemTypes/${defs.itemTypes.competency.identifier}`, defs.itemTypes.competency.identifier, "CFItemTypeSet"],
    [subjects, `CFSubjects/${defs.subject.identifier}`, defs.subject.identifier, "CFSubjectSet"],
  ];
  for (const [loader, path, id, definition] of calls) {
    const { response } = await get(loader, path, id, definition);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300, must-revalidate");
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^W\/"[0-9a-f]{24}"$/);
    // A client holding the same representation gets a 304 without a body.
    const again = await get(loader, path, id, definition, { "If-None-Match": etag! });
    expect(again.response.status, path).toBe(304);
  }

  // Every item's level and core flag travel in standard fields, pointing at served definitions.
  const pkg = (await get(packages, `CFPackages/${fwId}`, fwId, "CFPackage")).body as CFPackageJson;
  const core = pkg.CFItems!.find((i) => i.humanCodingScheme === "OWN.1")!;
  expect(core).toMatchObject({ educationLevel: ["foundation"], conceptKeywords: ["core"], conceptKeywordsURI: { identifier: defs.concepts.core.identifier }, CFItemType: "Competency" });
  expect(pkg.CFDefinitions!.CFConcepts!.map((c) => c.identifier)).toEqual([defs.concepts.core.identifier]);

  // Errors: imsx_StatusInfo with the HTTP status; a non-UUID is a 404 "Invalid UUID" on every endpoint.
  for (const [loader, path, id] of calls) {
    if (id === undefined) continue;
    const base = path.split("/")[0];
    for (const [bad, minor] of [["not-a-uuid", "invalid_uuid"], ["0190a5d1-ac96-7e4b-bcce-b302099a8057", "invalid_uuid"], ["3b241101-e2bb-4255-8caf-4136c566a962", "unknownobject"]] as const) {
      const { response, body } = await get(loader, `${base}/${bad}`, bad, "imsx_StatusInfo");
      expect(response.status, `${base}/${bad}`).toBe(404);
      expect(body).toMatchObject({ imsx_codeMajor: "failure", imsx_severity: "error", imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: minor }] } });
      if (minor === "invalid_uuid") expect((body as { imsx_description: string }).imsx_description).toMatch(/^Invalid UUID/);
    }
  }
  // No licence is published with the framework: the endpoint exists and says so in the binding's words.
  const license = await get(licenses, `CFLicenses/${fwId}`, fwId, "imsx_StatusInfo");
  expect(license.response.status).toBe(404);
});

test("export → import → publish → export gives distinct document and item uris, linked old → new by replacedBy", async () => {
  const { user } = await signedIn({ roles: ["staff"], name: "Sam Staff" });
  const v1 = await publishedFramework();
  const exported = (await get(packages, `CFPackages/${v1.framework.id}`, v1.framework.id, "CFPackage")).body as CFPackageJson;

  const imported = readCasePackage(JSON.stringify(exported));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const created = await createDraftFromImport(db, user.id, imported.framework, "v1.json");
  if (!created.ok) throw new Error(created.message);
  const draft = created.value;
  // One statement changes in the new version; the others stay as they were.
  const own2 = (await getFramework(db, draft.id))!.nodes.find((n) => n.code === "OWN.2")!;
  const edited = await updateNode(db, user.id, draft.id, own2.id, { kind: "competency", parentId: own2.parentId, code: "OWN.2", title: "Borrow with shared and mutable references", description: own2.description, level: own2.level, core: own2.core });
  expect(edited.ok).toBe(true);
  expect((await publishFramework(db, user.id, draft.id)).ok).toBe(true);

  const v2 = (await get(packages, `CFPackages/${draft.id}`, draft.id, "CFPackage")).body as CFPackageJson;
  const v1Again = (await get(packages, `CFPackages/${v1.framework.id}`, v1.framework.id, "CFPackage")).body as CFPackageJson;
  expect(v1Again.CFDocument.adoptionStatus).toBe("Deprecated");

  // Distinct uris: the document and every item of v2 has its own, and each uri names its own identifier.
  expect(v2.CFDocument.uri).not.toBe(v1Again.CFDocument.uri);
  expect(v2.CFDocument.uri.endsWith(`/CFDocuments/${v2.CFDocument.identifier}`)).toBe(true);
  const v1Uris = new Set(v1Again.CFItems!.map((i) => i.uri));
  for (const item of v2.CFItems!) {
    expect(v1Uris.has(item.uri)).toBe(false);
    expect(item.uri.endsWith(`/CFItems/${item.identifier}`)).toBe(true);
  }
  // Where it came from is provenance, not its uri.
  expect(v2.CFDocument.officialSourceURL).toBe(v1Again.CFDocument.uri);

  // replacedBy: v1 document → v2 document, and each v1 item → the v2 item with its code.
  const links = v2.CFAssociations!.filter((a) => a.associationType !== "isChildOf");
  const byType = (type: string) => links.filter((a) => a.associationType === type);
  const v1ByUri = new Map(v1Again.CFItems!.map((i) => [i.uri, i.humanCodingScheme]));
  const v2ByUri = new Map(v2.CFItems!.map((i) => [i.uri, i.humanCodingScheme]));
  const replaced = byType("replacedBy");
  expect(replaced.find((a) => a.originNodeURI.uri === v1Again.CFDocument.uri)?.destinationNodeURI.uri).toBe(v2.CFDocument.uri);
  const itemLinks = replaced.filter((a) => v1ByUri.has(a.originNodeURI.uri));
  expect(itemLinks).toHaveLength(v1Again.CFItems!.length);
  for (const a of itemLinks) expect(v2ByUri.get(a.destinationNodeURI.uri)).toBe(v1ByUri.get(a.originNodeURI.uri));
  // Unchanged items are also exact matches of their predecessor; the edited one is not.
  const exact = byType("exactMatchOf").map((a) => v2ByUri.get(a.originNodeURI.uri));
  expect(exact.sort()).toEqual(["ASYNC", "ASYNC.1", "ASYNC.2", "OWN", "OWN.1", "OWN.3"]);

  // A consumer holding the old item finds its replacement through CFItemAssociations, and each link resolves.
  const oldOwn2 = v1.competencies["OWN.2"];
  const set = (await get(itemAssociations, `CFItemAssociations/${oldOwn2.id}`, oldOwn2.id, "CFAssociationSet")).body as { CFAssociations: CFAssociationJson[] };
  const forward = set.CFAssociations.find((a) => a.associationType === "replacedBy")!;
  expect(v2ByUri.get(forward.destinationNodeURI.uri)).toBe("OWN.2");
  const resolved = await get(associations, `CFAssociations/${forward.identifier}`, forward.identifier, "CFAssociation");
  expect(resolved.body).toMatchObject({ identifier: forward.identifier, associationType: "replacedBy", CFDocumentURI: { identifier: draft.id } });
});
