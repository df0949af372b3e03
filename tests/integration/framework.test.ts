import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { diffVersions, getFramework } from "~/services/framework.server";
import { createDraft, createDraftFromImport, publishFramework } from "~/services/framework-drafts.server";
import { addNode, deleteNode, moveNode } from "~/services/framework-nodes.server";
import { caseAssociation, caseContext, caseDocuments, caseItem, casePackage, exportPackage, readCasePackage, validateCasePackage } from "~/services/case.server";
import { startApplication } from "~/services/applications.server";
import { isCaseUuid } from "~/domain/case";
import { action as frameworkAction } from "~/routes/admin.framework.$id";
import { action as importAction, loader as importLoader } from "~/routes/admin.framework.import";
import { loader as packageLoader } from "~/routes/ims.case.v1p1.CFPackages.$id";
import { loader as itemLoader } from "~/routes/ims.case.v1p1.CFItems.$id";
import { applications, auditEvents, competencies, frameworks } from "../../db/schema";
import { createOrganisation, createRubric, sessionUserFor, signedIn } from "../support/factories";
import { frameworkShape, publishedFramework } from "../support/factories-admin";
import { callAction, callLoader, getRequest, postRequest, statusOf, payloadOf } from "../support/requests";

async function staff() {
  return signedIn({ roles: ["staff"], name: "Sam Staff" });
}

test("a new draft copies the published version with new identifiers but the same codes, texts and tree", async () => {
  const { user } = await staff();
  const v1 = await publishedFramework();
  const result = await createDraft(db, user.id);
  if (!result.ok) throw new Error(result.message);
  expect(result.value.version).toBe(2);

  const copy = await getFramework(db, result.value.id);
  const original = await getFramework(db, v1.framework.id);
  expect(copy!.framework.status).toBe("draft");
  expect(await frameworkShape(result.value.id)).toEqual(await frameworkShape(v1.framework.id));
  const originalIds = new Set(original!.nodes.flatMap((n) => [n.id, n.parentAssociationId]));
  for (const n of copy!.nodes) {
    expect(originalIds.has(n.id)).toBe(false);
    expect(originalIds.has(n.parentAssociationId)).toBe(false);
    expect(isCaseUuid(n.id) && isCaseUuid(n.parentAssociationId)).toBe(true);
  }
});

test("publishing retires the previous version; applications keep the version they pinned, new ones pin the new one", async () => {
  const { user } = await staff();
  const provider = await signedIn({ name: "Pat Provider" });
  const org = await createOrganisation({ owner: provider.user });
  await createRubric();
  const v1 = await publishedFramework();
  const member = await sessionUserFor(provider.user.id); // now with the membership

  const older = await startApplication(db, member, org.id);
  if (!older.ok) throw new Error(older.message);
  const draft = await createDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const areas = (await getFramework(db, draft.value.id))!.nodes.filter((n) => n.kind === "area");
  const added = await addNode(db, user.id, draft.value.id, {
    kind: "competency",
    parentId: areas.find((a) => a.code === "OWN")!.id,
    code: "OWN.4",
    title: "Use smart pointers",
    description: "Box, Rc and RefCell, and when each fits.",
    level: "intermediate",
    core: false,
  });
  expect(added.ok).toBe(true);
  const published = await publishFramework(db, user.id, draft.value.id);
  expect(published).toEqual({ ok: true, value: { retired: v1.framework.id, remapTasks: 0 } });

  const statuses = await db.select({ version: frameworks.version, status: frameworks.status }).from(frameworks).orderBy(frameworks.version);
  expect(statuses).toEqual([
    { version: 1, status: "retired" },
    { version: 2, status: "published" },
  ]);

  const newer = await startApplication(db, member, org.id);
  if (!newer.ok) throw new Error(newer.message);
  const [oldRow] = await db.select().from(applications).where(eq(applications.id, older.value.id));
  const [newRow] = await db.select().from(applications).where(eq(applications.id, newer.value.id));
  expect(oldRow.frameworkId).toBe(v1.framework.id);
  expect(newRow.frameworkId).toBe(draft.value.id);

  // The retired version is still served read-only, so the older application's references resolve.
  const pkg = await casePackage(db, v1.framework.id);
  expect(pkg?.CFDocument.adoptionStatus).toBe("Deprecated");
  expect((await caseItem(db, v1.competencies["OWN.1"].id))?.humanCodingScheme).toBe("OWN.1");

  // Publishing an already published version is refused, not a 500.
  const again = await publishFramework(db, user.id, draft.value.id);
  expect(again).toMatchObject({ ok: false, status: 409 });
});

test("the diff between two versions lists added, removed and changed competencies", async () => {
  const { user } = await staff();
  const v1 = await publishedFramework();
  const draft = await createDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const nodes = (await getFramework(db, draft.value.id))!.nodes;
  await db.delete(competencies).where(eq(competencies.id, nodes.find((n) => n.code === "ASYNC.2")!.id));
  await db.update(competencies).set({ title: "Borrow with shared and mutable references", core: false }).where(eq(competencies.id, nodes.find((n) => n.code === "OWN.2")!.id));
  await addNode(db, user.id, draft.value.id, { kind: "competency", parentId: nodes.find((n) => n.code === "ASYNC")!.id, code: "ASYNC.3", title: "Cancel tasks safely", description: "", level: "advanced", core: false });

  const result = await diffVersions(db, v1.framework.id, draft.value.id);
  expect(result!.diff.added.map((n) => n.code)).toEqual(["ASYNC.3"]);
  expect(result!.diff.removed.map((n) => n.code)).toEqual(["ASYNC.2"]);
  expect(result!.diff.changed.map((c) => [c.code, c.changes.map((x) => x.field)])).toEqual([["OWN.2", ["title", "core"]]]);
});

test("the CASE export of a published version validates against the CASE 1.1 schema and is served with CORS", async () => {
  const v1 = await publishedFramework();
  const pkg = await casePackage(db, v1.framework.id);
  expect(validateCasePackage(pkg)).toMatchObject({ ok: true });
  expect(pkg!.CFItems).toHaveLength(7);
  expect(pkg!.CFAssociations!.every((a) => a.associationType === "isChildOf")).toBe(true);

  const response = await callLoader(packageLoader, getRequest(`/ims/case/v1p1/CFPackages/${v1.framework.id}`), { id: v1.framework.id });
  expect(statusOf(response)).toBe(200);
  const res = response as Response;
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(validateCasePackage(await res.json())).toMatchObject({ ok: true });

  // Association endpoint: origin = child, destination = parent.
  const own1 = v1.competencies["OWN.1"];
  const association = await caseAssociation(db, own1.parentAssociationId);
  expect(association).toMatchObject({ associationType: "isChildOf", originNodeURI: { identifier: own1.id }, destinationNodeURI: { identifier: v1.areas.own.id } });
  expect((await caseDocuments(db)).map((d) => d.identifier)).toEqual([v1.framework.id]);
});

test("drafts and unknown ids answer imsx_StatusInfo: 404 for a draft or unknown UUID, 404 Invalid UUID for a bad id", async () => {
  const { user } = await staff();
  await publishedFramework();
  const draft = await createDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const fw = { id: draft.value.id };
  const draftItem = (await getFramework(db, fw.id))!.nodes[0];

  const pkgRes = await callLoader(packageLoader, getRequest(`/ims/case/v1p1/CFPackages/${fw.id}`), { id: fw.id });
  expect(statusOf(pkgRes)).toBe(404);
  expect(await (pkgRes as Response).json()).toMatchObject({ imsx_codeMajor: "failure", imsx_severity: "error", imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: "unknownobject" }] } });
  const itemRes = await callLoader(itemLoader, getRequest(`/ims/case/v1p1/CFItems/${draftItem.id}`), { id: draftItem.id });
  expect(statusOf(itemRes)).toBe(404);
  const badRes = await callLoader(itemLoader, getRequest(`/ims/case/v1p1/CFItems/not-a-uuid`), { id: "not-a-uuid" });
  expect(statusOf(badRes)).toBe(404);
  expect(await (badRes as Response).json()).toMatchObject({ imsx_description: expect.stringMatching(/^Invalid UUID/), imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: "invalid_uuid" }] } });
});

test("export then import through the staff page gives a draft identical to the original (codes, titles, descriptions, levels, core, tree)", async () => {
  const { cookie } = await staff();
  const v1 = await publishedFramework();
  const pkg = await casePackage(db, v1.framework.id);
  const file = new File([JSON.stringify(pkg)], "framework-v1.json", { type: "application/json" });
  const fd = new FormData();
  fd.append("package", file);
  const response = await callAction(importAction, postRequest("/admin/framework/import", fd, cookie));
  expect(statusOf(response)).toBe(302);
  const location = (response as Response).headers.get("location")!;
  const newId = location.match(/\/admin\/framework\/([0-9a-f-]{36})/)![1];

  const [imported] = await db.select().from(frameworks).where(eq(frameworks.id, newId));
  expect(imported).toMatchObject({ status: "draft", version: 2, title: v1.framework.title, sourceUri: pkg!.CFDocument.uri, sourceIdentifier: v1.framework.id });
  expect(await frameworkShape(newId)).toEqual(await frameworkShape(v1.framework.id));
  // New identifiers for the import; the original URIs are kept as provenance.
  const importedNodes = (await getFramework(db, newId))!.nodes;
  expect(importedNodes.some((n) => n.id === v1.competencies["OWN.1"].id)).toBe(false);
  expect(importedNodes.find((n) => n.code === "OWN.1")!.sourceUri).toBe(`${caseContext().baseUrl}/ims/case/v1p1/CFItems/${v1.competencies["OWN.1"].id}`);

  // And exporting the imported draft again yields the same statements.
  const again = await exportPackage(db, newId);
  const strip = (p: typeof pkg) => p!.CFItems!.map((i) => ({ code: i.humanCodingScheme, full: i.fullStatement, short: i.abbreviatedStatement, level: i.educationLevel, concepts: i.conceptKeywords }));
  expect(strip(again)).toEqual(strip(pkg));
});

test("an invalid package is refused with each error by JSON path, and nothing is created", async () => {
  const { cookie } = await staff();
  const v1 = await publishedFramework();
  const pkg = JSON.parse(JSON.stringify(await casePackage(db, v1.framework.id)));
  pkg.CFItems[0].lastChangeDateTime = "2026-01-01T10:00:00"; // no offset: not an RFC 3339 date-time
  delete pkg.CFDocument.title;
  const fd = new FormData();
  fd.append("package", new File([JSON.stringify(pkg)], "bad.json", { type: "application/json" }));
  const response = await callAction(importAction, postRequest("/admin/framework/import", fd, cookie));
  expect(statusOf(response)).toBe(400);
  const { errors } = payloadOf<{ errors: { path: string; message: string }[] }>(response);
  expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(["/CFItems/0/lastChangeDateTime", "/CFDocument/title"]));
  expect(await db.select().from(frameworks)).toHaveLength(1);
  expect(readCasePackage("[]")).toMatchObject({ ok: false });
});

test("staff edit a draft through the page: add, a duplicate code is a field error, publish", async () => {
  const { cookie, user } = await staff();
  await publishedFramework();
  const draft = await createDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const id = draft.value.id;
  const own = (await getFramework(db, id))!.nodes.find((n) => n.code === "OWN")!;
  const fields = { intent: "add", kind: "competency", parentId: own.id, code: "OWN.4", title: "Use smart pointers", description: "", level: "intermediate", core: "on" };

  const ok = await callAction(frameworkAction, postRequest(`/admin/framework/${id}`, fields, cookie), { id });
  expect(statusOf(ok)).toBe(302);
  const duplicate = await callAction(frameworkAction, postRequest(`/admin/framework/${id}`, fields, cookie), { id });
  expect(statusOf(duplicate)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(duplicate).errors.code).toMatch(/already used/);
  const noLevel = await callAction(frameworkAction, postRequest(`/admin/framework/${id}`, { ...fields, code: "OWN.5", level: "" }, cookie), { id });
  expect(statusOf(noLevel)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(noLevel).errors.level).toBe("Choose a level");

  const publish = await callAction(frameworkAction, postRequest(`/admin/framework/${id}`, { intent: "publish" }, cookie), { id });
  expect(statusOf(publish)).toBe(302);
  const node = (await getFramework(db, id))!.nodes.find((n) => n.code === "OWN.4")!;
  expect(node).toMatchObject({ core: true, level: "intermediate", parentId: own.id });
  // A published version can no longer be edited.
  const late = await callAction(frameworkAction, postRequest(`/admin/framework/${id}`, { ...fields, code: "OWN.6" }, cookie), { id });
  expect(statusOf(late)).toBe(409);
});

test("two new drafts asked for at once are one draft (decision 057); an import waits until it is published, then gets the next number", async () => {
  const { user, cookie } = await staff();
  await publishedFramework();
  const [a, b] = await Promise.all([createDraft(db, user.id), createDraft(db, user.id)]);
  expect(a.ok && b.ok).toBe(true);
  if (!a.ok || !b.ok) return;
  expect([a.value, b.value].map((d) => d.version)).toEqual([2, 2]);
  const imported = readCasePackage(JSON.stringify(await casePackage(db, (await db.select().from(frameworks).where(eq(frameworks.status, "published")))[0].id)));
  if (!imported.ok) throw new Error("export should import");
  const written = async () => ({
    versions: (await db.select({ id: frameworks.id }).from(frameworks)).length,
    nodes: (await db.select({ id: competencies.id }).from(competencies)).length,
    imports: (await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "framework.imported"))).length,
  });
  const before = await written();
  // Fifty imports while the draft is in progress: each refused, nothing written (no version, node or audit event).
  const refusals = await Promise.all(Array.from({ length: 50 }, () => createDraftFromImport(db, user.id, imported.framework, "x.json")));
  expect(refusals.every((r) => !r.ok && r.status === 409 && /Draft version 2 is already in progress/.test(r.message))).toBe(true);
  expect(await written()).toEqual(before);
  // The import page says so before anyone uploads, with the way to the draft.
  const page = await callLoader(importLoader, getRequest("/admin/framework/import", cookie));
  expect(payloadOf<{ draft: { id: string; version: number } | null }>(page).draft).toEqual({ id: a.value.id, version: 2 });

  expect((await publishFramework(db, user.id, a.value.id)).ok).toBe(true);
  const third = await createDraftFromImport(db, user.id, imported.framework, "x.json");
  expect(third.ok && third.value.version).toBe(3);
  expect((await written()).imports).toBe(before.imports + 1);
});

test("a node moves one place among its siblings only; at either end nothing moves; a node of another version is not found", async () => {
  const { user } = await staff();
  const v1 = await publishedFramework();
  const draft = await createDraft(db, user.id);
  if (!draft.ok) throw new Error(draft.message);
  const id = draft.value.id;
  const order = async () =>
    (await frameworkShape(id)).filter((n) => n.parent === "OWN" || n.parent === null).sort((a, b) => (a.parent ?? "").localeCompare(b.parent ?? "") || a.position - b.position).map((n) => `${n.code}@${n.position}`);
  const idOf = async (code: string) => (await db.select().from(competencies).where(eq(competencies.frameworkId, id))).find((c) => c.code === code)!.id;
  const before = await order();

  expect(await moveNode(db, user.id, id, await idOf("OWN.2"), "up")).toEqual({ ok: true, value: undefined });
  expect(await order()).toEqual(before.map((n) => (n === "OWN.1@0" ? "OWN.2@0" : n === "OWN.2@1" ? "OWN.1@1" : n)));
  expect(await moveNode(db, user.id, id, await idOf("OWN.2"), "up")).toEqual({ ok: true, value: undefined });
  expect(await moveNode(db, user.id, id, await idOf("ASYNC"), "down")).toEqual({ ok: true, value: undefined });
  expect(await order()).toEqual(before.map((n) => (n === "OWN.1@0" ? "OWN.2@0" : n === "OWN.2@1" ? "OWN.1@1" : n)));

  const foreign = v1.competencies["OWN.1"];
  expect(await moveNode(db, user.id, id, foreign.id, "up")).toMatchObject({ ok: false, status: 404, message: "That item is not in this version" });
  expect(await deleteNode(db, user.id, id, foreign.id)).toMatchObject({ ok: false, status: 404 });
});
