import { expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { applicationRevisions, applications, auditEvents, changeRequests, courseModules, courses, documents, emailOutbox, moduleMappings, organisationMembers, organisations, trainers, users } from "../../db/schema";
import { buildSnapshot, submitApplication, unverifiedSubmitter } from "~/services/application-submission.server";
import { loadApplicationData } from "~/services/applications.server";
import { addCourse, addModule, addTrainer, updateCourse, updateModule, updateTrainer } from "~/services/application-sections.server";
import { addMapping } from "~/services/application-mapping.server";
import { setClock } from "~/services/clock.server";
import { CONFLICT_MESSAGE, removeMember } from "~/services/organisations.server";
import * as overview from "~/routes/provider.applications.$id._index";
import * as organisationSection from "~/routes/provider.applications.$id.organisation";
import * as documentsSection from "~/routes/provider.applications.$id.documents";
import * as download from "~/routes/provider.applications.$id.documents.$documentId";
import * as layout from "~/routes/provider.applications.$id";
import * as trainersSection from "~/routes/provider.applications.$id.trainers";
import * as coursesSection from "~/routes/provider.applications.$id.courses";
import * as mappingSection from "~/routes/provider.applications.$id.mapping";
import * as newApplication from "~/routes/provider.applications.new";
import { createOrganisation, createUser, sessionUserFor, signedIn } from "../support/factories";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import { fillApplication, providerWorld, startDraft, tinyPdf } from "../support/factories-application";
import { verifyAuditChain } from "~/services/audit.server";
import { DOCUMENT_TOO_LARGE } from "~/domain/application-forms";

const base = (id: string) => `/provider/applications/${id}`;

test("an incomplete application is refused with exactly what is missing", async () => {
  const { owner, org } = await providerWorld();
  await db.update(organisations).set({ description: "" }).where(eq(organisations.id, org.id));
  const id = await startDraft(owner.sessionUser, org.id);
  const result = await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "" }, owner.cookie), { id });
  expect(statusOf(result)).toBe(400);
  const payload = payloadOf<{ missing: { section: string; message: string }[]; errors: Record<string, string> }>(result);
  expect(payload.errors.form).toBe("The application is not complete yet.");
  expect(payload.missing).toEqual([
    { section: "organisation", message: "Organisation profile: add the description." },
    { section: "trainers", message: "Add at least one trainer." },
    { section: "courses", message: "Add at least one course." },
    { section: "documents", message: "Upload a syllabus (PDF)." },
    { section: "declarations", message: "Tick every declaration and sign with your name." },
  ]);
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  expect(app.status).toBe("draft");
  expect(app.currentRevision).toBe(0);
});

test("a complete application submits: revision 1 with a full snapshot, audit event and both emails", async () => {
  const { owner, org, fw } = await providerWorld();
  const staff = await createUser({ roles: ["staff"], name: "Sam Staff", email: "sam@foundation.example" });
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });

  const result = await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "" }, owner.cookie), { id });
  expect(statusOf(result)).toBe(302);
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  expect(app).toMatchObject({ status: "submitted", currentRevision: 1 });
  const [revision] = await db.select().from(applicationRevisions).where(eq(applicationRevisions.applicationId, id));
  expect(revision.number).toBe(1);
  const snapshot = revision.snapshot as Awaited<ReturnType<typeof buildSnapshot>>;
  expect(snapshot.organisation.slug).toBe(org.slug);
  expect(snapshot.trainers.map((t) => t.name)).toEqual(["Tess Trainer"]);
  expect(snapshot.courses[0].modules[0].mappings.map((m) => [m.code, m.depth])).toEqual([
    ["OWN.1", "practised"],
    ["OWN.2", "assessed"],
  ]);
  expect(snapshot.documents[0]).toMatchObject({ kind: "syllabus", filename: "syllabus.pdf", size: tinyPdf().length });
  expect(snapshot.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(snapshot.declarations).toMatchObject({ accurate: true, signedBy: "Olive Owner" });

  const events = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.submitted")));
  expect(events).toHaveLength(1);
  const mail = await db.select().from(emailOutbox);
  expect(mail.filter((m) => m.template === "application-received").map((m) => m.to).sort()).toEqual([owner.user.email, org.contactEmail].sort());
  expect(mail.filter((m) => m.template === "new-submission").map((m) => m.to)).toEqual([staff.email]);

  // Frozen: editing is refused now.
  const edit = await callAction(trainersSection.action, postRequest(`${base(id)}/trainers`, { intent: "add", name: "Late Larry", qualifications: "", certifications: "", yearsExperience: "1", links: "" }, owner.cookie), { id });
  expect(statusOf(edit)).toBe(409);
});

test("an owner whose email address is not confirmed is told to confirm it, the page says so, and nothing is submitted", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, owner.user.id));

  const page = payloadOf<{ unconfirmedEmail: string | null; actions: string[] }>(await callLoader(overview.loader, getRequest(base(id), owner.cookie), { id }));
  expect(page).toMatchObject({ unconfirmedEmail: owner.user.email, actions: ["submit", "withdraw"] });
  const refused = await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "" }, owner.cookie), { id });
  expect(statusOf(refused)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(refused).errors.form).toBe(unverifiedSubmitter(owner.user.email));
  const [still] = await db.select().from(applications).where(eq(applications.id, id));
  expect(still).toMatchObject({ status: "draft", currentRevision: 0 });
  expect(await db.select().from(emailOutbox)).toHaveLength(0);

  // Once confirmed, the same application goes through.
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, owner.user.id));
  expect(payloadOf<{ unconfirmedEmail: string | null }>(await callLoader(overview.loader, getRequest(base(id), owner.cookie), { id })).unconfirmedEmail).toBeNull();
  expect(statusOf(await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "" }, owner.cookie), { id }))).toBe(302);
});

test("the review page offers the state table's next steps for the person's part: the owner submits and withdraws, a member only submits, and once it is with the foundation a member has none", async () => {
  const { owner, org, fw } = await providerWorld();
  const member = await signedIn({ name: "Cole League" });
  await db.insert(organisationMembers).values({ organisationId: org.id, userId: member.user.id, role: "member" });
  const id = await startDraft(owner.sessionUser, org.id);
  const actionsOf = async (cookie: string) => payloadOf<{ actions: string[] }>(await callLoader(overview.loader, getRequest(base(id), cookie), { id })).actions;
  expect(await actionsOf(owner.cookie)).toEqual(["submit", "withdraw"]);
  expect(await actionsOf(member.cookie)).toEqual(["submit"]);

  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  expect(statusOf(await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "" }, owner.cookie), { id }))).toBe(302);
  expect(await actionsOf(owner.cookie)).toEqual(["withdraw"]);
  expect(await actionsOf(member.cookie)).toEqual([]);
});

test("two concurrent submits give one revision and one transition", async () => {
  const { owner, org, fw } = await providerWorld();
  const colleague = await createUser({ name: "Cole League" });
  await db.insert(organisationMembers).values({ organisationId: org.id, userId: colleague.id, role: "member" });
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });

  const results = await Promise.all([submitApplication(db, owner.sessionUser, id), submitApplication(db, await sessionUserFor(colleague.id), id)]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const refused = results.find((r) => !r.ok);
  expect(refused).toMatchObject({ ok: false, status: 409 });
  expect(await db.select().from(applicationRevisions).where(eq(applicationRevisions.applicationId, id))).toHaveLength(1);
  expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.submitted")))).toHaveLength(1);
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  expect(app.currentRevision).toBe(1);
});

test("fifty identical submits at once: one revision, one audit event, one set of emails and one first submission time; the other 49 are told it is already submitted", async () => {
  const { owner, org, fw } = await providerWorld();
  const staff = await createUser({ roles: ["staff"], name: "Sam Staff", email: "sam@foundation.example" });
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });

  const answers = await Promise.all(Array.from({ length: 50 }, () => callAction(overview.action, postRequest(base(id), { intent: "submit", response: "" }, owner.cookie), { id })));
  expect(answers.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);
  const revisions = await db.select().from(applicationRevisions).where(eq(applicationRevisions.applicationId, id));
  expect(revisions.map((r) => r.number)).toEqual([1]);
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  expect(app).toMatchObject({ status: "submitted", currentRevision: 1, submittedAt: revisions[0].submittedAt, firstSubmittedAt: revisions[0].submittedAt });
  expect((await db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).map((e) => e.action).filter((a) => a.startsWith("application.") && a !== "application.section_saved").sort()).toEqual([
    "application.created",
    "application.submitted",
  ]);
  const mail = await db.select().from(emailOutbox);
  expect(mail.filter((m) => m.template === "application-received").map((m) => m.to).sort()).toEqual([owner.user.email, org.contactEmail].sort());
  expect(mail.filter((m) => m.template === "new-submission").map((m) => m.to)).toEqual([staff.email]);
});

test("a concurrent edit of the same section is detected, reported and keeps the person's input", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const form = (displayName: string) => ({
    displayName,
    legalName: "Ferris Training GmbH",
    website: "https://ferris.example",
    country: "DE",
    description: "We teach Rust",
    contactEmail: "hi@ferris.example",
    version: "1",
  });
  const first = await callAction(organisationSection.action, postRequest(`${base(id)}/organisation`, form("Ferris One"), owner.cookie), { id });
  expect(statusOf(first)).toBe(302);
  const second = await callAction(organisationSection.action, postRequest(`${base(id)}/organisation`, form("Ferris Two"), owner.cookie), { id });
  expect(statusOf(second)).toBe(409);
  const payload = payloadOf<{ errors: Record<string, string>; values: Record<string, unknown> }>(second);
  expect(payload.errors.form).toBe(CONFLICT_MESSAGE);
  expect(payload.values.displayName).toBe("Ferris Two");
  const [saved] = await db.select().from(organisations).where(eq(organisations.id, org.id));
  expect(saved).toMatchObject({ displayName: "Ferris One", version: 2 });
});

test("the organisation saved unchanged answers as saved and writes nothing, fifty times at once; fifty identical changes save once and the other 49 are told it is stale", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const form = { displayName: "Ferris One", legalName: "Ferris Training GmbH", website: "https://ferris.example", country: "DE", description: "We teach Rust", contactEmail: "hi@ferris.example", version: "1" };
  const save = (values: typeof form) => callAction(organisationSection.action, postRequest(`${base(id)}/organisation`, values, owner.cookie), { id });
  const updates = async () => (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, org.id), eq(auditEvents.action, "organisation.updated")))).length;
  const stored = async () => (await db.select().from(organisations).where(eq(organisations.id, org.id)))[0];
  expect(statusOf(await save(form))).toBe(302);
  const afterFirst = await stored();
  expect(afterFirst).toMatchObject({ displayName: "Ferris One", version: 2 });
  expect(await updates()).toBe(1);

  // The same form again at the version it now has, fifty times at once (a double click, a second tab): all saved.
  const again = { ...form, version: "2" };
  const unchanged = await Promise.all(Array.from({ length: 50 }, () => save(again)));
  expect(unchanged.map(statusOf)).toEqual(Array<number>(50).fill(302));
  expect(await updates()).toBe(1);
  expect(await stored()).toEqual(afterFirst);
  // A website typed as nothing is stored as none, so a form with an empty website saved twice changes nothing either.
  expect(statusOf(await save({ ...again, website: "" }))).toBe(302);
  expect(statusOf(await save({ ...again, website: "", version: "3" }))).toBe(302);
  expect(await stored()).toMatchObject({ website: null, version: 3 });
  expect(await updates()).toBe(2);

  // Fifty identical changes at once: one saves, 49 were made on the version it replaced.
  const changed = await Promise.all(Array.from({ length: 50 }, () => save({ ...again, website: "", version: "3", displayName: "Ferris Two" })));
  expect(changed.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);
  expect(await stored()).toMatchObject({ displayName: "Ferris Two", version: 4 });
  expect(await updates()).toBe(3);
});

test("saving one trainer never touches another; a stale trainer form is refused", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  for (const name of ["Ada", "Brendan"]) {
    await callAction(trainersSection.action, postRequest(`${base(id)}/trainers`, { intent: "add", name, qualifications: "", certifications: "", yearsExperience: "3", links: "" }, owner.cookie), { id });
  }
  const [ada, brendan] = (await loadApplicationData(db, id)).trainers;
  const both = await Promise.all([
    updateTrainer(db, owner.sessionUser, id, { trainerId: ada.id, version: 1, name: "Ada L.", qualifications: "", certifications: "", yearsExperience: 4, links: [] }),
    updateTrainer(db, owner.sessionUser, id, { trainerId: ada.id, version: 1, name: "Ada Lovelace", qualifications: "", certifications: "", yearsExperience: 5, links: [] }),
    updateTrainer(db, owner.sessionUser, id, { trainerId: brendan.id, version: 1, name: "Brendan E.", qualifications: "", certifications: "", yearsExperience: 9, links: [] }),
  ]);
  expect(both.map((r) => r.ok).filter(Boolean)).toHaveLength(2);
  expect(both.filter((r) => !r.ok)).toEqual([{ ok: false, status: 409, message: CONFLICT_MESSAGE, errors: undefined }]);
  const after = (await loadApplicationData(db, id)).trainers;
  expect(after.find((t) => t.id === brendan.id)).toMatchObject({ name: "Brendan E.", version: 2 });
  expect(after.find((t) => t.id === ada.id)!.version).toBe(2);
});

test("a member of another organisation gets 404 on the application and on its document", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const [doc] = await db.select({ id: documents.id }).from(documents).where(eq(documents.applicationId, id));
  const stranger = await signedIn({ name: "Other Org" });
  await createOrganisation({ owner: stranger.user });

  expect(statusOf(await callLoader(layout.loader, getRequest(base(id), stranger.cookie), { id }))).toBe(404);
  expect(statusOf(await callLoader(overview.loader, getRequest(base(id), stranger.cookie), { id }))).toBe(404);
  expect(statusOf(await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "" }, stranger.cookie), { id }))).toBe(404);
  const path = `${base(id)}/documents/${doc.id}`;
  expect(statusOf(await callLoader(download.loader, getRequest(path, stranger.cookie), { id, documentId: doc.id }))).toBe(404);

  // The owner, staff and an accepted reviewer may download it, as an attachment that is never sniffed.
  const mine = await callLoader(download.loader, getRequest(path, owner.cookie), { id, documentId: doc.id });
  expect(mine).toBeInstanceOf(Response);
  const response = mine as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Disposition")).toContain('attachment; filename="syllabus.pdf"');
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(new Uint8Array(await response.arrayBuffer())).toEqual(tinyPdf());
  const staff = await signedIn({ roles: ["staff"] });
  expect(statusOf(await callLoader(download.loader, getRequest(path, staff.cookie), { id, documentId: doc.id }))).toBe(200);
  const reviewer = await signedIn({ roles: ["reviewer"] });
  expect(statusOf(await callLoader(download.loader, getRequest(path, reviewer.cookie), { id, documentId: doc.id }))).toBe(404);
  const { reviewerAssignments } = await import("../../db/schema");
  await db.insert(reviewerAssignments).values({ applicationId: id, reviewerId: reviewer.user.id, status: "accepted", dueAt: new Date(Date.now() + 86_400_000) });
  expect(statusOf(await callLoader(download.loader, getRequest(path, reviewer.cookie), { id, documentId: doc.id }))).toBe(200);
});

function uploadForm(bytes: Uint8Array, filename: string, kind = "syllabus") {
  const fd = new FormData();
  fd.append("intent", "upload");
  fd.append("kind", kind);
  fd.append("file", new File([new Uint8Array(bytes)], filename, { type: "application/pdf" }));
  return fd;
}

test("a renamed .exe is refused as not a PDF; a real PDF is stored with its size and SHA-256", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, ...new TextEncoder().encode("This program cannot be run in DOS mode")]);
  const refused = await callAction(documentsSection.action, postRequest(`${base(id)}/documents`, uploadForm(exe, "syllabus.pdf"), owner.cookie), { id });
  expect(statusOf(refused)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(refused).errors.file).toMatch(/not a PDF/);
  expect(await db.select({ id: documents.id }).from(documents)).toHaveLength(0);

  const ok = await callAction(documentsSection.action, postRequest(`${base(id)}/documents`, uploadForm(tinyPdf(), "Syllabus 2026.pdf"), owner.cookie), { id });
  expect(statusOf(ok)).toBe(302);
  const [doc] = await db.select().from(documents);
  expect(doc).toMatchObject({ filename: "Syllabus 2026.pdf", size: tinyPdf().length, kind: "syllabus" });
  const { createHash } = await import("node:crypto");
  expect(doc.sha256).toBe(createHash("sha256").update(tinyPdf()).digest("hex"));
});

test("an 11 MB upload is refused with a clear message, not a 500", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const big = new Uint8Array(11 * 1024 * 1024);
  big.set(tinyPdf());
  const result = await callAction(documentsSection.action, postRequest(`${base(id)}/documents`, uploadForm(big, "huge.pdf"), owner.cookie), { id });
  expect(statusOf(result)).toBe(413);
  const payload = payloadOf<{ errors: Record<string, string> }>(result);
  expect(payload.errors.file).toBe(DOCUMENT_TOO_LARGE);
  expect(payload.errors.file).toMatch(/larger than 10 MB/);
  expect(await db.select({ id: documents.id }).from(documents)).toHaveLength(0);
});

test("resubmitting after a change request needs a response, stored with the revision and the request; the first submission's time stays", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const times = async () => (await db.select({ first: applications.firstSubmittedAt, latest: applications.submittedAt }).from(applications).where(eq(applications.id, id)))[0];
  expect(await times()).toEqual({ first: null, latest: null });
  const firstAt = new Date("2026-03-02T09:00:00Z");
  setClock(() => firstAt);
  try {
    expect((await submitApplication(db, owner.sessionUser, id)).ok).toBe(true);
  } finally {
    setClock(undefined);
  }
  expect(await times()).toEqual({ first: firstAt, latest: firstAt });
  // Staff's side (another area) moved it to changes_requested with a request.
  await db.update(applications).set({ status: "changes_requested" }).where(eq(applications.id, id));
  await db.insert(changeRequests).values({ applicationId: id, revisionNumber: 1, message: "Add assessment details" });

  const without = await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "  " }, owner.cookie), { id });
  expect(statusOf(without)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(without).errors.response).toMatch(/response/);

  const withResponse = await callAction(overview.action, postRequest(base(id), { intent: "submit", response: "Added the assessment rubric to module 1." }, owner.cookie), { id });
  expect(statusOf(withResponse)).toBe(302);
  const revisions = await db.select().from(applicationRevisions).where(eq(applicationRevisions.applicationId, id));
  expect(revisions.map((r) => [r.number, r.response]).sort()).toEqual([
    [1, null],
    [2, "Added the assessment rubric to module 1."],
  ]);
  const [cr] = await db.select().from(changeRequests).where(eq(changeRequests.applicationId, id));
  expect(cr.response).toBe("Added the assessment rubric to module 1.");
  expect(cr.respondedAt).not.toBeNull();
  const events = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.resubmitted")));
  expect(events).toHaveLength(1);
  // The resubmission moved the latest submission only: the days to a decision still count from the first.
  const after = await times();
  expect(after.first).toEqual(firstAt);
  expect(after.latest!.getTime()).toBeGreaterThan(firstAt.getTime());
});

test("only an owner withdraws, after confirming", async () => {
  const { owner, org } = await providerWorld();
  const member = await signedIn({ name: "Mem Ber" });
  const { organisationMembers } = await import("../../db/schema");
  await db.insert(organisationMembers).values({ organisationId: org.id, userId: member.user.id, role: "member" });
  const id = await startDraft(owner.sessionUser, org.id);
  expect(statusOf(await callAction(overview.action, postRequest(base(id), { intent: "withdraw", confirm: "on" }, member.cookie), { id }))).toBe(409);
  const unconfirmed = await callAction(overview.action, postRequest(base(id), { intent: "withdraw" }, owner.cookie), { id });
  expect(statusOf(unconfirmed)).toBe(400);
  expect(statusOf(await callAction(overview.action, postRequest(base(id), { intent: "withdraw", confirm: "on" }, owner.cookie), { id }))).toBe(302);
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  expect(app.status).toBe("withdrawn");
});

test("the last owner cannot be removed", async () => {
  const { owner, org } = await providerWorld();
  const result = await removeMember(db, owner.sessionUser, org.id, owner.user.id);
  expect(result).toMatchObject({ ok: false, status: 409 });
});

test("an edit marks the draft edited in its own transaction; a refused edit leaves the draft, its time and the record as they were", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const edited = async () => (await db.select({ at: applications.updatedAt }).from(applications).where(eq(applications.id, id)))[0].at.toISOString();
  const saved = async () => (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.section_saved")))).length;
  try {
    setClock(() => new Date("2026-05-01T09:00:00Z"));
    expect(await addTrainer(db, owner.sessionUser, id, { name: "Tess Trainer", qualifications: "MSc", certifications: "", yearsExperience: 6, links: [] })).toMatchObject({ ok: true });
    expect(await edited()).toBe("2026-05-01T09:00:00.000Z");
    expect(await saved()).toBe(1);

    // Refused inside the edit (no such module): nothing of it stays, not even the mark.
    setClock(() => new Date("2026-05-02T09:00:00Z"));
    const refused = await addMapping(db, owner.sessionUser, id, { moduleId: crypto.randomUUID(), competencyId: fw.competencies["OWN.1"].id, depth: "practised", fromSuggestion: false });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(await edited()).toBe("2026-05-01T09:00:00.000Z");
    expect(await saved()).toBe(1);

    // An application that does not exist is 404; a submitted one is 409 and keeps its time.
    expect(await addMapping(db, owner.sessionUser, crypto.randomUUID(), { moduleId: crypto.randomUUID(), competencyId: fw.competencies["OWN.1"].id, depth: "practised", fromSuggestion: false })).toMatchObject({ ok: false, status: 404 });
    await db.update(applications).set({ status: "submitted" }).where(eq(applications.id, id));
    expect(await addTrainer(db, owner.sessionUser, id, { name: "Late Larry", qualifications: "", certifications: "", yearsExperience: 1, links: [] })).toMatchObject({
      ok: false,
      status: 409,
      message: "This application has been submitted and can no longer be edited.",
    });
    expect(await edited()).toBe("2026-05-01T09:00:00.000Z");
    expect(await saved()).toBe(1);
  } finally {
    setClock(undefined);
  }
});

test("50 identical mapping edits at once: one mapping, one audit event, one edited time; the other 49 are told it is already mapped", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const { moduleId } = await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const savedBefore = (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.section_saved")))).length;
  const mailBefore = (await db.select().from(emailOutbox)).length;
  try {
    setClock(() => new Date("2026-06-01T10:00:00Z"));
    const input = { moduleId, competencyId: fw.competencies["ASYNC.1"].id, depth: "practised" as const, fromSuggestion: true };
    const results = await Promise.all(Array.from({ length: 50 }, () => addMapping(db, owner.sessionUser, id, input)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refusals = results.filter((r) => !r.ok);
    expect(refusals).toHaveLength(49);
    for (const r of refusals) expect(r).toMatchObject({ status: 409, message: "ASYNC.1 is already mapped to this module — change its depth instead." });
  } finally {
    setClock(undefined);
  }
  const rows = await db.select().from(moduleMappings).where(and(eq(moduleMappings.moduleId, moduleId), eq(moduleMappings.competencyId, fw.competencies["ASYNC.1"].id)));
  expect(rows).toHaveLength(1);
  const saved = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.section_saved")));
  expect(saved.length - savedBefore).toBe(1);
  const [app] = await db.select({ at: applications.updatedAt }).from(applications).where(eq(applications.id, id));
  expect(app.at.toISOString()).toBe("2026-06-01T10:00:00.000Z");
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  expect(await db.select().from(emailOutbox)).toHaveLength(mailBefore);
});

test("fifty identical uploads at once keep one document and one edit on the record; fifty identical removals remove it once", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const edits = async (key: string) =>
    (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.section_saved")))).filter((e) => key in (e.data as Record<string, unknown>));
  const uploads = await Promise.all(
    Array.from({ length: 50 }, () => callAction(documentsSection.action, postRequest(`${base(id)}/documents`, uploadForm(tinyPdf(), "Syllabus 2026.pdf"), owner.cookie), { id })),
  );
  const stored = await db.select({ id: documents.id }).from(documents).where(eq(documents.applicationId, id));
  expect(stored).toHaveLength(1);
  expect(await edits("uploaded")).toHaveLength(1);
  expect(uploads.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);
  expect(payloadOf<{ errors: Record<string, string> }>(uploads.find((a) => statusOf(a) === 409)).errors.file).toBe("This file is already uploaded as Syllabus 2026.pdf");

  const removals = await Promise.all(
    Array.from({ length: 50 }, () =>
      callAction(documentsSection.action, postRequest(`${base(id)}/documents`, { intent: "delete", documentId: stored[0].id }, owner.cookie), { id }),
    ),
  );
  expect(removals.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);
  expect(await db.select({ id: documents.id }).from(documents).where(eq(documents.applicationId, id))).toHaveLength(0);
  expect(await edits("removed")).toHaveLength(1);
});

/** The section edits on the application's record that carry `key` in their data (`added`, `moduleAdded`, `mappingId`…). */
const sectionEdits = async (id: string, key: string) =>
  (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.section_saved")))).filter((e) => key in (e.data as Record<string, unknown>));

test("fifty identical additions at once of a trainer, a course and a module list each once; the others answer 409 next to the name or title", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const fifty = (section: string, action: typeof trainersSection.action, fields: Record<string, string | string[]>) =>
    Promise.all(Array.from({ length: 50 }, () => callAction(action, postRequest(`${base(id)}/${section}`, fields, owner.cookie), { id })));
  const refusalOf = (answers: unknown[]) => payloadOf<{ formId: string; errors: Record<string, string> }>(answers.find((a) => statusOf(a) === 409));
  const statuses = [302, ...Array<number>(49).fill(409)];

  const trainer = { intent: "add", name: "Tess Trainer", qualifications: "MSc", certifications: "", yearsExperience: "6", links: "" };
  const trainerAnswers = await fifty("trainers", trainersSection.action, trainer);
  expect(trainerAnswers.map(statusOf).sort()).toEqual(statuses);
  expect(await db.select().from(trainers).where(eq(trainers.applicationId, id))).toHaveLength(1);
  expect(refusalOf(trainerAnswers)).toMatchObject({ formId: "add", errors: { name: "Tess Trainer is already listed" } });
  // The same name written differently is the same person.
  const shouted = await callAction(trainersSection.action, postRequest(`${base(id)}/trainers`, { ...trainer, name: "TESS TRAINER" }, owner.cookie), { id });
  expect(statusOf(shouted)).toBe(409);

  const course = { intent: "add-course", title: "Rust Foundations", level: "foundation", description: "", totalHours: "21", deliveryModes: ["in_person"], languages: "English", regions: "DE" };
  const courseAnswers = await fifty("courses", coursesSection.action, course);
  expect(courseAnswers.map(statusOf).sort()).toEqual(statuses);
  const listed = await db.select().from(courses).where(eq(courses.applicationId, id));
  expect(listed).toHaveLength(1);
  expect(refusalOf(courseAnswers)).toMatchObject({ formId: "add-course", errors: { title: "Rust Foundations is already listed" } });
  expect(await sectionEdits(id, "added")).toHaveLength(2);

  const module = { intent: "add-module", courseId: listed[0].id, title: "Ownership", learningOutcomes: "Explain moves", hours: "3" };
  const moduleAnswers = await fifty("courses", coursesSection.action, module);
  expect(moduleAnswers.map(statusOf).sort()).toEqual(statuses);
  expect(await db.select().from(courseModules).where(eq(courseModules.courseId, listed[0].id))).toHaveLength(1);
  expect(refusalOf(moduleAnswers)).toMatchObject({ formId: `add-module:${listed[0].id}`, errors: { title: "Ownership is already listed in this course" } });
  expect(await sectionEdits(id, "moduleAdded")).toHaveLength(1);

  // Another course may have a module of the same title.
  const other = await callAction(coursesSection.action, postRequest(`${base(id)}/courses`, { ...course, title: "Rust in Depth" }, owner.cookie), { id });
  expect(statusOf(other)).toBe(302);
  const [second] = await db.select().from(courses).where(and(eq(courses.applicationId, id), eq(courses.title, "Rust in Depth")));
  expect(statusOf(await callAction(coursesSection.action, postRequest(`${base(id)}/courses`, { ...module, courseId: second.id }, owner.cookie), { id }))).toBe(302);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
});

test("renaming a trainer, a course or a module to one already listed is refused next to the field, and nothing changes", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const fields = { qualifications: "MSc", certifications: "", yearsExperience: 6, links: [] };
  await addTrainer(db, owner.sessionUser, id, { name: "Tess Trainer", ...fields });
  const other = await addTrainer(db, owner.sessionUser, id, { name: "Theo Trainer", ...fields });
  if (!other.ok) throw new Error(other.message);
  const renamed = await updateTrainer(db, owner.sessionUser, id, { trainerId: other.value.id, version: 1, name: "tess trainer", ...fields });
  expect(renamed).toMatchObject({ ok: false, status: 409, errors: { name: "tess trainer is already listed" } });
  // Saving a trainer under its own name is not a clash.
  expect(await updateTrainer(db, owner.sessionUser, id, { trainerId: other.value.id, version: 1, name: "Theo Trainer", ...fields, yearsExperience: 7 })).toMatchObject({ ok: true });
  expect((await db.select({ name: trainers.name }).from(trainers).where(eq(trainers.applicationId, id))).map((t) => t.name).sort()).toEqual(["Tess Trainer", "Theo Trainer"]);

  const course = { level: "foundation" as const, description: "", totalHours: 21, deliveryModes: ["in_person" as const], languages: ["English"], regions: [] };
  const first = await addCourse(db, owner.sessionUser, id, { title: "Rust Foundations", ...course });
  const second = await addCourse(db, owner.sessionUser, id, { title: "Rust in Depth", ...course });
  if (!first.ok || !second.ok) throw new Error("both courses should be added");
  expect(await updateCourse(db, owner.sessionUser, id, { courseId: second.value.id, version: 1, title: "Rust Foundations", ...course })).toMatchObject({
    ok: false,
    status: 409,
    errors: { title: "Rust Foundations is already listed" },
  });
  const module = { courseId: first.value.id, learningOutcomes: "Explain moves", hours: 3 };
  await addModule(db, owner.sessionUser, id, { title: "Ownership", ...module });
  await addModule(db, owner.sessionUser, id, { title: "Borrowing", ...module });
  const [borrowing] = await db.select().from(courseModules).where(and(eq(courseModules.courseId, first.value.id), eq(courseModules.title, "Borrowing")));
  expect(await updateModule(db, owner.sessionUser, id, { moduleId: borrowing.id, version: 1, title: "ownership", learningOutcomes: "Explain moves", hours: 3 })).toMatchObject({
    ok: false,
    status: 409,
    errors: { title: "ownership is already listed in this course" },
  });
});

test("a trainer, a course or a module saved unchanged answers as saved, keeps its version, the draft's edited time and the record; a second tab's change at that version then saves", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const { courseId, moduleId } = await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const [trainer] = await db.select().from(trainers).where(eq(trainers.applicationId, id));
  const edits = async () => (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.section_saved")))).length;
  const before = await edits();
  const trainerForm = { trainerId: trainer.id, version: 1, name: "Tess Trainer", qualifications: "MSc", certifications: "", yearsExperience: 6, links: [] };
  const courseForm = { courseId, version: 1, title: "Rust Foundations", level: "foundation" as const, description: "Three days of Rust", totalHours: 21, deliveryModes: ["in_person" as const], languages: ["English"], regions: ["DE"] };
  const moduleForm = { moduleId, version: 1, title: "Ownership", learningOutcomes: "Explain moves and drops", hours: 3 };

  const edited = async () => (await db.select({ at: applications.updatedAt }).from(applications).where(eq(applications.id, id)))[0].at.toISOString();
  const lastEdit = await edited();
  try {
    // The first tab saves each form as it was loaded, a day later.
    setClock(() => new Date(Date.parse(lastEdit) + 86_400_000));
    expect(await updateTrainer(db, owner.sessionUser, id, trainerForm)).toEqual({ ok: true, value: undefined });
    expect(await updateCourse(db, owner.sessionUser, id, courseForm)).toEqual({ ok: true, value: undefined });
    expect(await updateModule(db, owner.sessionUser, id, moduleForm)).toEqual({ ok: true, value: undefined });
    expect(await edits()).toBe(before);
    expect(await edited()).toBe(lastEdit);
    expect((await db.select({ version: trainers.version }).from(trainers).where(eq(trainers.id, trainer.id)))[0].version).toBe(1);

    // The second tab, loaded at the same versions, changes one field of each: saved, one version on, one edit each.
    expect(await updateTrainer(db, owner.sessionUser, id, { ...trainerForm, yearsExperience: 7 })).toMatchObject({ ok: true });
    expect(await updateCourse(db, owner.sessionUser, id, { ...courseForm, languages: ["English", "German"] })).toMatchObject({ ok: true });
    expect(await updateModule(db, owner.sessionUser, id, { ...moduleForm, hours: 4 })).toMatchObject({ ok: true });
    expect(await edits()).toBe(before + 3);
    expect(await edited()).toBe(new Date(Date.parse(lastEdit) + 86_400_000).toISOString());
  } finally {
    setClock(undefined);
  }
  const [savedCourse] = await db.select().from(courses).where(eq(courses.id, courseId));
  expect(savedCourse).toMatchObject({ version: 2, languages: ["English", "German"] });
  const [savedModule] = await db.select().from(courseModules).where(eq(courseModules.id, moduleId));
  expect(savedModule).toMatchObject({ version: 2, hours: 4 });
  // A form still at the old version that changes something is refused as before.
  expect(await updateModule(db, owner.sessionUser, id, { ...moduleForm, hours: 5 })).toMatchObject({ ok: false, status: 409, message: CONFLICT_MESSAGE });
});

test("fifty identical saves of a course at once: one changes it, with one version, one edit and one edited time, the other 49 are refused as stale; fifty identical unchanged saves all answer as saved and record nothing", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const { courseId } = await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const courseEdits = async () =>
    (await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.section_saved")))).filter(
      (e) => (e.data as { updated?: string }).updated === courseId,
    ).length;
  const edited = async () => (await db.select({ at: applications.updatedAt }).from(applications).where(eq(applications.id, id)))[0].at.toISOString();
  const form = { courseId, version: 1, title: "Rust Foundations", level: "foundation" as const, description: "Three days of Rust", totalHours: 21, deliveryModes: ["in_person" as const], languages: ["English"], regions: ["DE"] };
  try {
    const before = await edited();
    setClock(() => new Date(Date.parse(before) + 86_400_000));
    const unchanged = await Promise.all(Array.from({ length: 50 }, () => updateCourse(db, owner.sessionUser, id, form)));
    expect(unchanged.every((r) => r.ok)).toBe(true);
    expect(await courseEdits()).toBe(0);
    expect(await edited()).toBe(before);

    const changed = await Promise.all(Array.from({ length: 50 }, () => updateCourse(db, owner.sessionUser, id, { ...form, totalHours: 24 })));
    expect(changed.filter((r) => r.ok)).toHaveLength(1);
    expect(changed.filter((r) => !r.ok)).toEqual(Array(49).fill({ ok: false, status: 409, message: CONFLICT_MESSAGE, errors: undefined }));
    const [saved] = await db.select().from(courses).where(eq(courses.id, courseId));
    expect(saved).toMatchObject({ version: 2, totalHours: 24 });
    expect(await courseEdits()).toBe(1);
    expect(await edited()).toBe(new Date(Date.parse(before) + 86_400_000).toISOString());
  } finally {
    setClock(undefined);
  }
});

test("fifty identical starts of an application at once make one draft and one audit event, and every start leads to it", async () => {
  const { owner, org } = await providerWorld();
  const start = () => callAction(newApplication.action, postRequest("/provider/applications/new", { organisationId: org.id }, owner.cookie));
  const answers = await Promise.all(Array.from({ length: 50 }, start));
  const drafts = await db.select().from(applications).where(eq(applications.organisationId, org.id));
  expect(drafts).toHaveLength(1);
  expect(answers.map(statusOf)).toEqual(Array<number>(50).fill(302));
  expect(new Set(answers.map((a) => (a as Response).headers.get("Location")))).toEqual(new Set([`${base(drafts[0].id)}/organisation`]));
  expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "application.created"))).toHaveLength(1);
  // Once it is submitted, the organisation may start another.
  await db.update(applications).set({ status: "submitted" }).where(eq(applications.id, drafts[0].id));
  expect(statusOf(await start())).toBe(302);
  expect(await db.select().from(applications).where(eq(applications.organisationId, org.id))).toHaveLength(2);
});

test("fifty identical depth changes at once change the depth once with one edit on the record; an edit that changes nothing writes nothing and succeeds", async () => {
  const { owner, org, fw } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const { moduleId } = await fillApplication(owner.sessionUser, id, { own1: fw.competencies["OWN.1"].id, own2: fw.competencies["OWN.2"].id });
  const [mapping] = await db
    .select()
    .from(moduleMappings)
    .where(and(eq(moduleMappings.moduleId, moduleId), eq(moduleMappings.competencyId, fw.competencies["OWN.1"].id)));
  expect(mapping.depth).toBe("practised");
  const edits = async () => (await sectionEdits(id, "mappingId")).filter((e) => (e.data as { mappingId: string }).mappingId === mapping.id);
  const answers = await Promise.all(
    Array.from({ length: 50 }, () =>
      callAction(mappingSection.action, postRequest(`${base(id)}/mapping`, { intent: "set-depth", mappingId: mapping.id, depth: "assessed" }, owner.cookie), { id }),
    ),
  );
  expect(answers.map(statusOf)).toEqual(Array<number>(50).fill(302));
  const [after] = await db.select().from(moduleMappings).where(eq(moduleMappings.id, mapping.id));
  expect(after.depth).toBe("assessed");
  expect(await edits()).toHaveLength(1);
});
