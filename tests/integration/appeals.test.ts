import { expect, test } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { db } from "~/services/db.server";
import { createSession } from "~/services/sessions.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { changeAccreditationStatus } from "~/services/accreditations.server";
import { appealForProvider, appealsForProvider, lodgeAppeal, withdrawAppeal } from "~/services/appeals.server";
import { appealForPanel, appealForStaff, constitutePanel, decideAppeal, listAppeals } from "~/services/appeals-panel.server";
import { complaintAndAppealCounts } from "~/services/complaints.server";
import { addAppealDocument, appealDocumentForDownload, appealDocumentList } from "~/services/appeal-documents.server";
import { findCertificate } from "~/services/directory.server";
import { accreditations, organisationMembers, appealPanelMembers, appeals, applications, auditEvents, boardVotes, credentials, decisions, emailOutbox, publicLogEntries } from "../../db/schema";
import { createOrganisation, sessionUserFor, signedIn } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff, declareConflict } from "../support/factories-board";
import { createAssignment } from "../support/factories-review";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import * as lodgeRoute from "~/routes/provider.appeals._index";
import * as staffRoute from "~/routes/admin.appeals.$id";
import * as panelRoute from "~/routes/board.appeals.$id";
import * as providerRoute from "~/routes/provider.appeals.$id";

const at = (iso: string) => setClock(() => new Date(iso));
const GROUNDS = "The suspension relied on a complaint about a course we do not run under this certificate.";
const REASONS = "The complaint concerned a course outside the accredited scope.";

const audits = async (action: string) => (await db.select().from(auditEvents).where(eq(auditEvents.action, action))).length;
const mails = async (prefix: string) => (await db.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `${prefix}%`))).length;
const many = <T,>(n: number, run: () => Promise<T>) => Promise.all(Array.from({ length: n }, run));

/** An accreditation granted through the real decision, three board members who voted, and four who did not. */
async function accredited() {
  at("2026-03-02T09:00:00Z");
  const app = await createAwaitingDecision();
  const voters = await createBoard(3);
  const bench = await createBoard(4);
  const recorder = await createStaff("Rita Recorder");
  const clerk = await createStaff("Cleo Clerk");
  for (const m of voters) await castVoteRow(app.application.id, m.user.id, "approve");
  const decided = await recordDecision(db, recorder.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" });
  if (!decided.ok) throw new Error(decided.message);
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  return { ...app, voters, bench, recorder, clerk, accreditation, owner: { ...app.owner, sessionUser: await sessionUserFor(app.owner.user.id) } };
}

test("a suspension appealed, heard by an impartial panel and overturned: reinstated with a new credential, verify follows, each effect once under 50 concurrent requests", async () => {
  const w = await accredited();
  // A conflicted board member cannot sit on the panel; the staff member who suspended cannot constitute it.
  await declareConflict(w.bench[3].user.id, w.organisation.id);
  at("2026-04-01T09:00:00Z");
  const suspended = await changeAccreditationStatus(db, w.recorder.sessionUser, w.accreditation.id, "suspend", "Upheld complaint about trainer substitution");
  expect(suspended.ok).toBe(true);

  at("2026-04-10T09:00:00Z");
  const { appealable } = await appealsForProvider(db, w.owner.sessionUser);
  expect(appealable).toHaveLength(1);
  expect(appealable[0]).toMatchObject({ kind: "suspension", reason: "Upheld complaint about trainer substitution" });
  const key = appealable[0].key;

  const lodged = await many(50, () => lodgeAppeal(db, w.owner.sessionUser, { decision: key, grounds: GROUNDS }));
  expect(lodged.filter((r) => r.ok)).toHaveLength(1);
  expect(lodged.filter((r) => !r.ok && r.status === 409)).toHaveLength(49);
  expect(await db.select().from(appeals)).toHaveLength(1);
  expect(await audits("appeal.lodged")).toBe(1);
  const id = (await db.select().from(appeals))[0].id;
  expect(await mails(`appeal:${id}:lodged:`)).toBe(3); // two staff, one provider owner
  expect((await appealsForProvider(db, w.owner.sessionUser)).appealable).toEqual([]);

  // The recorder sees the appeal but may not choose its panel.
  const forRecorder = await appealForStaff(db, w.recorder.sessionUser, id);
  expect(forRecorder).toMatchObject({ actions: [], recordedTheDecision: true });
  expect(await constitutePanel(db, w.recorder.sessionUser, id, { panel: [w.bench[0].user.id] })).toMatchObject({ ok: false, status: 409 });

  const view = await appealForStaff(db, w.clerk.sessionUser, id);
  expect(view?.actions).toEqual(["constitute_panel"]);
  expect(view?.candidates.find((c) => c.id === w.bench[3].user.id)?.barredBy).toBe("conflicted");
  expect(await constitutePanel(db, w.clerk.sessionUser, id, { panel: [w.bench[0].user.id, w.bench[3].user.id] })).toMatchObject({ ok: false, status: 400, errors: { panel: expect.stringMatching(/declared a conflict/) } });
  expect(await constitutePanel(db, w.clerk.sessionUser, id, { panel: [w.clerk.user.id] })).toMatchObject({ ok: false, status: 400 });

  const panel = [w.bench[0].user.id, w.bench[1].user.id];
  const constituted = await many(50, () => constitutePanel(db, w.clerk.sessionUser, id, { panel }));
  expect(constituted.filter((r) => r.ok)).toHaveLength(1);
  expect(await db.select().from(appealPanelMembers)).toHaveLength(2);
  expect(await audits("appeal.constitute_panel")).toBe(1);
  expect(await mails(`appeal:${id}:panel:`)).toBe(3); // two panel members, the owner

  // Board members off the panel get nothing; a panel member reads it and may decide.
  expect(await appealForPanel(db, w.bench[2].sessionUser, id)).toBeNull();
  expect(await decideAppeal(db, w.bench[2].sessionUser, id, { finding: "overturn", reasons: REASONS })).toMatchObject({ ok: false, status: 404 });
  expect((await appealForPanel(db, w.bench[0].sessionUser, id))?.actions).toEqual(["uphold", "overturn"]);

  const credentialsBefore = (await db.select().from(credentials).where(eq(credentials.accreditationId, w.accreditation.id))).length;
  at("2026-04-20T09:00:00Z");
  const decided = await many(50, () => decideAppeal(db, w.bench[0].sessionUser, id, { finding: "overturn", reasons: REASONS }));
  expect(decided.filter((r) => r.ok)).toHaveLength(1);
  expect(decided.filter((r) => !r.ok && r.status === 409)).toHaveLength(49);
  const [acc] = await db.select().from(accreditations).where(eq(accreditations.id, w.accreditation.id));
  expect(acc.status).toBe("active");
  expect(await audits("appeal.overturn")).toBe(1);
  expect(await audits("accreditation.reinstated")).toBe(1);
  expect((await db.select().from(credentials).where(eq(credentials.accreditationId, w.accreditation.id))).length).toBe(credentialsBefore + 1);
  expect(await db.select().from(publicLogEntries).where(and(eq(publicLogEntries.certificateNumber, acc.certificateNumber), eq(publicLogEntries.event, "reinstated")))).toHaveLength(1);
  expect((await db.select().from(emailOutbox).where(eq(emailOutbox.template, "accreditation-reinstated"))).length).toBe(1);
  expect(await mails(`appeal:${id}:decided:`)).toBe(3);
  // Decided: the panel has nothing left to record, and the clerk nothing left to constitute.
  expect((await appealForPanel(db, w.bench[0].sessionUser, id))?.actions).toEqual([]);
  expect((await appealForStaff(db, w.clerk.sessionUser, id))?.actions).toEqual([]);
  expect((await findCertificate(acc.certificateNumber, "2026-04-20", db))?.status).toBe("active");

  const followed = await appealForProvider(db, w.owner.sessionUser, id);
  expect(followed?.appeal).toMatchObject({ status: "overturned", reasons: REASONS });
  expect(followed?.timeline.map((e) => e.action)).toEqual(["appeal.lodged", "appeal.constitute_panel", "appeal.overturn"]);
  expect(await complaintAndAppealCounts(db)).toMatchObject({ appeals: { lodged: 1, open: 0, upheld: 0, overturned: 1, withdrawn: 0 } });
});

test("a rejection appealed: reviewers, voters and the recorder are barred; overturned, the application goes back to the board with fresh votes", async () => {
  at("2026-05-04T09:00:00Z");
  const app = await createAwaitingDecision();
  const board = await createBoard(5);
  const recorder = await createStaff("Rita Recorder");
  const clerk = await createStaff("Cleo Clerk");
  // board[3] also reviewed the application: a reviewer never hears its appeal.
  await createAssignment(app.application.id, board[3].user.id, { status: "completed" });
  for (const m of board.slice(0, 3)) await castVoteRow(app.application.id, m.user.id, "reject");
  const rejected = await recordDecision(db, recorder.sessionUser, app.application.id, { outcome: "rejected", conditions: "", rationale: "Core coverage too thin.", meetingReference: "BM-2" });
  expect(rejected.ok).toBe(true);
  const owner = await sessionUserFor(app.owner.user.id);

  const { appealable } = await appealsForProvider(db, owner);
  expect(appealable.map((d) => d.kind)).toEqual(["rejection"]);
  const lodged = await lodgeAppeal(db, owner, { decision: appealable[0].key, grounds: "The reviewers read an old revision of the syllabus, not the one we submitted." });
  if (!lodged.ok) throw new Error(lodged.message);
  const id = lodged.value.id;

  const view = await appealForStaff(db, clerk.sessionUser, id);
  const bars = Object.fromEntries(view!.candidates.map((c) => [c.id, c.barredBy]));
  expect(bars).toEqual({ [board[0].user.id]: "voted", [board[1].user.id]: "voted", [board[2].user.id]: "voted", [board[3].user.id]: "assessed", [board[4].user.id]: null });
  expect(await constitutePanel(db, clerk.sessionUser, id, { panel: [board[3].user.id] })).toMatchObject({ ok: false, status: 400 });
  expect(await appealForPanel(db, board[3].sessionUser, id)).toBeNull();
  expect(await constitutePanel(db, clerk.sessionUser, id, { panel: [board[4].user.id] })).toMatchObject({ ok: true });

  const results = await many(50, () => decideAppeal(db, board[4].sessionUser, id, { finding: "overturn", reasons: "The reviewers assessed revision 1; revision 2 addressed the gaps." }));
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const [reopened] = await db.select().from(applications).where(eq(applications.id, app.application.id));
  expect(reopened).toMatchObject({ status: "awaiting_decision", decidedAt: null });
  expect(await db.select().from(decisions).where(eq(decisions.applicationId, app.application.id))).toEqual([]);
  expect(await db.select().from(boardVotes).where(eq(boardVotes.applicationId, app.application.id))).toEqual([]);
  expect(await audits("application.reopened")).toBe(1);
  // Everyone eligible to vote is asked again (board[3] assessed it, so is not).
  expect(await mails(`vote-requested:${app.application.id}:appeal:${id}:`)).toBe(4);
  // The record of the overturned decision stays with the appeal: its voters stay barred from the appeal.
  expect((await appealForStaff(db, clerk.sessionUser, id))?.candidates.find((c) => c.id === board[0].user.id)?.barredBy).toBe("voted");
});

test("a revocation overturned on appeal is reinstated; withdrawal; an upheld appeal changes nothing; the window and one appeal per decision", async () => {
  const w = await accredited();
  at("2026-04-01T09:00:00Z");
  expect((await changeAccreditationStatus(db, w.recorder.sessionUser, w.accreditation.id, "revoke", "Fraudulent certificates")).ok).toBe(true);
  const [{ key }] = (await appealsForProvider(db, w.owner.sessionUser)).appealable;
  expect(key).toMatch(/^revocation:\d+$/);

  // A member who is not an owner may not lodge; nor may another organisation's owner.
  const outsider = await signedIn({ name: "Other Owner" });
  await createOrganisation({ owner: outsider.user, slug: "other-org", displayName: "Other Org" });
  expect(await lodgeAppeal(db, await sessionUserFor(outsider.user.id), { decision: key, grounds: GROUNDS })).toMatchObject({ ok: false, status: 400, errors: { decision: expect.any(String) } });
  expect(await lodgeAppeal(db, w.owner.sessionUser, { decision: "revocation:999999", grounds: GROUNDS })).toMatchObject({ ok: false, status: 400 });

  // After the window (30 days by default) it is refused with the closing date.
  at("2026-05-01T09:00:01Z");
  expect(await lodgeAppeal(db, w.owner.sessionUser, { decision: key, grounds: GROUNDS })).toMatchObject({ ok: false, status: 409, errors: { decision: "The appeal window closed on 1 May 2026" } });
  at("2026-05-01T09:00:00Z");
  const lodged = await lodgeAppeal(db, w.owner.sessionUser, { decision: key, grounds: GROUNDS });
  if (!lodged.ok) throw new Error(lodged.message);
  expect(await lodgeAppeal(db, w.owner.sessionUser, { decision: key, grounds: GROUNDS })).toMatchObject({ ok: false, status: 409 });
  expect((await constitutePanel(db, w.clerk.sessionUser, lodged.value.id, { panel: [w.bench[0].user.id] })).ok).toBe(true);
  expect((await decideAppeal(db, w.bench[0].sessionUser, lodged.value.id, { finding: "overturn", reasons: REASONS })).ok).toBe(true);
  const [acc] = await db.select().from(accreditations).where(eq(accreditations.id, w.accreditation.id));
  expect(acc.status).toBe("active");
  // A new suspension, appealed and withdrawn: a panel member can no longer decide it.
  expect((await changeAccreditationStatus(db, w.recorder.sessionUser, w.accreditation.id, "suspend", "Second complaint")).ok).toBe(true);
  const [second] = (await appealsForProvider(db, w.owner.sessionUser)).appealable;
  const again = await lodgeAppeal(db, w.owner.sessionUser, { decision: second.key, grounds: GROUNDS });
  if (!again.ok) throw new Error(again.message);
  expect((await constitutePanel(db, w.clerk.sessionUser, again.value.id, { panel: [w.bench[0].user.id] })).ok).toBe(true);
  const withdrawn = await many(50, () => withdrawAppeal(db, w.owner.sessionUser, again.value.id));
  expect(withdrawn.filter((r) => r.ok)).toHaveLength(1);
  expect(await audits("appeal.withdraw")).toBe(1);
  expect(await decideAppeal(db, w.bench[0].sessionUser, again.value.id, { finding: "overturn", reasons: REASONS })).toMatchObject({ ok: false, status: 409 });
  // One appeal per decision: the withdrawn appeal's decision is not offered again.
  expect((await appealsForProvider(db, w.owner.sessionUser)).appealable).toEqual([]);
  // Then revoked, appealed and upheld: the revocation stands.
  expect((await changeAccreditationStatus(db, w.recorder.sessionUser, w.accreditation.id, "revoke", "Third complaint")).ok).toBe(true);
  const [third] = (await appealsForProvider(db, w.owner.sessionUser)).appealable;
  const last = await lodgeAppeal(db, w.owner.sessionUser, { decision: third.key, grounds: GROUNDS });
  if (!last.ok) throw new Error(last.message);
  expect((await constitutePanel(db, w.clerk.sessionUser, last.value.id, { panel: [w.bench[1].user.id] })).ok).toBe(true);
  expect((await decideAppeal(db, w.bench[1].sessionUser, last.value.id, { finding: "uphold", reasons: "The certificates were issued outside the accredited scope." })).ok).toBe(true);
  expect((await db.select().from(accreditations).where(eq(accreditations.id, w.accreditation.id)))[0].status).toBe("revoked");
  expect(await listAppeals(db, w.clerk.sessionUser, { status: "all" })).toHaveLength(3);
  expect(await listAppeals(db, w.owner.sessionUser)).toEqual([]);
  expect(await complaintAndAppealCounts(db)).toMatchObject({ appeals: { lodged: 3, open: 0, upheld: 1, overturned: 1, withdrawn: 1 } });
});

/** A provider whose accreditation was suspended on 1 April 2026, with an appeal lodged against it: the world and the appeal's id. */
async function lodgedAppeal() {
  const w = await accredited();
  at("2026-04-01T09:00:00Z");
  expect((await changeAccreditationStatus(db, w.recorder.sessionUser, w.accreditation.id, "suspend", "Trainer left")).ok).toBe(true);
  const [{ key }] = (await appealsForProvider(db, w.owner.sessionUser)).appealable;
  const lodged = await lodgeAppeal(db, w.owner.sessionUser, { decision: key, grounds: GROUNDS });
  if (!lodged.ok) throw new Error(lodged.message);
  const id = lodged.value.id;
  return { w, id };
}

test("supporting documents: PDFs only, added by the provider while the appeal is open, read by whoever may read the appeal", async () => {
  const { w, id } = await lodgedAppeal();
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

  expect(await addAppealDocument(db, w.owner.sessionUser, id, { filename: "notes.txt", bytes: new TextEncoder().encode("not a pdf") })).toMatchObject({ ok: false, status: 400, errors: { file: expect.any(String) } });
  expect(await addAppealDocument(db, w.bench[0].sessionUser, id, { filename: "x.pdf", bytes: pdf })).toMatchObject({ ok: false, status: 404 });
  const added = await addAppealDocument(db, w.owner.sessionUser, id, { filename: "../trainer contract.pdf", bytes: pdf });
  if (!added.ok) throw new Error(added.message);
  expect(await appealDocumentList(db, id)).toHaveLength(1);
  expect(await audits("appeal.document_added")).toBe(1);

  expect(await constitutePanel(db, w.clerk.sessionUser, id, { panel: [w.bench[0].user.id] })).toMatchObject({ ok: true });
  for (const reader of [w.owner.sessionUser, w.clerk.sessionUser, w.bench[0].sessionUser]) expect(await appealDocumentForDownload(db, reader, id, added.value.id)).not.toBeNull();
  for (const outsider of [w.bench[1].sessionUser, w.voters[0].sessionUser]) expect(await appealDocumentForDownload(db, outsider, id, added.value.id)).toBeNull();

  expect((await decideAppeal(db, w.bench[0].sessionUser, id, { finding: "uphold", reasons: "The trainer had indeed left and no replacement was reviewed." })).ok).toBe(true);
  expect(await addAppealDocument(db, w.owner.sessionUser, id, { filename: "late.pdf", bytes: pdf })).toMatchObject({ ok: false, status: 409 });
});

test("routes: bad input is a 400 with the message next to the field and the typed text kept; a barred panel member is refused by the server", async () => {
  const w = await accredited();
  await declareConflict(w.bench[2].user.id, w.organisation.id);
  at("2026-04-01T09:00:00Z");
  expect((await changeAccreditationStatus(db, w.recorder.sessionUser, w.accreditation.id, "suspend", "Trainer left")).ok).toBe(true);
  const [{ key }] = (await appealsForProvider(db, w.owner.sessionUser)).appealable;
  // Sessions made at the moved clock (they lapse after ten idle days).
  const cookie = async (u: { user: { id: string } }) => `session=${(await createSession(db, u.user.id)).token}`;
  const [owner, clerk, panelist, offPanel, voter] = await Promise.all([w.owner, w.clerk, w.bench[0], w.bench[1], w.voters[0]].map(cookie));

  const short = await callAction(lodgeRoute.action, postRequest("/provider/appeals", { decision: key, grounds: "Too short." }, owner));
  expect(statusOf(short)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string>; values: Record<string, unknown> }>(short)).toMatchObject({ errors: { grounds: expect.stringMatching(/50/) }, values: { grounds: "Too short.", decision: key } });
  const lodged = await callAction(lodgeRoute.action, postRequest("/provider/appeals", { decision: key, grounds: GROUNDS }, owner));
  expect(statusOf(lodged)).toBe(303);
  const id = (lodged as Response).headers.get("Location")!.split("/").pop()!.split("?")[0];
  const twice = await callAction(lodgeRoute.action, postRequest("/provider/appeals", { decision: key, grounds: GROUNDS }, owner));
  expect(statusOf(twice)).toBe(409);
  expect(payloadOf<{ errors: Record<string, string> }>(twice).errors.decision).toBe("This decision has already been appealed");

  const barred = await callAction(staffRoute.action, postRequest(`/admin/appeals/${id}`, { panel: [w.bench[0].user.id, w.bench[2].user.id] }, clerk), { id });
  expect(statusOf(barred)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(barred).errors.panel).toMatch(/may not hear this appeal: they declared a conflict of interest/);
  expect(statusOf(await callAction(staffRoute.action, postRequest(`/admin/appeals/${id}`, { panel: w.bench[0].user.id }, clerk), { id }))).toBe(303);

  const noFinding = await callAction(panelRoute.action, postRequest(`/board/appeals/${id}`, { reasons: "Reasons typed before choosing." }, panelist), { id });
  expect(statusOf(noFinding)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string>; values: Record<string, unknown> }>(noFinding)).toMatchObject({ errors: { finding: "Choose upheld or overturned" }, values: { reasons: "Reasons typed before choosing." } });
  expect(statusOf(await callAction(panelRoute.action, postRequest(`/board/appeals/${id}`, { finding: "overturn", reasons: REASONS }, offPanel), { id }))).toBe(404);
  expect(statusOf(await callLoader(panelRoute.loader, getRequest(`/board/appeals/${id}`, voter), { id }))).toBe(404);
  expect(statusOf(await callLoader(panelRoute.loader, getRequest(`/board/appeals/${id}`, panelist), { id }))).toBe(200);
});

test("the provider's appeal page offers the state table's moves: the owner may withdraw an open appeal, a member may not, and a closed one offers nothing", async () => {
  const w = await accredited();
  at("2026-04-01T09:00:00Z");
  expect((await changeAccreditationStatus(db, w.recorder.sessionUser, w.accreditation.id, "suspend", "Upheld complaint")).ok).toBe(true);
  const [{ key }] = (await appealsForProvider(db, w.owner.sessionUser)).appealable;
  const lodged = await lodgeAppeal(db, w.owner.sessionUser, { decision: key, grounds: GROUNDS });
  if (!lodged.ok) throw new Error(lodged.message);
  const id = lodged.value.id;
  const member = await signedIn({ name: "Mia Member" });
  await db.insert(organisationMembers).values({ organisationId: w.organisation.id, userId: member.user.id, role: "member" });
  const owner = (await createSession(db, w.owner.user.id)).token;
  const actionsOf = async (cookie: string) => payloadOf<{ actions: string[] }>(await callLoader(providerRoute.loader, getRequest(`/provider/appeals/${id}`, cookie), { id })).actions;

  expect(await actionsOf(`session=${owner}`)).toEqual(["withdraw"]);
  expect(await actionsOf(member.cookie)).toEqual([]);
  expect((await constitutePanel(db, w.clerk.sessionUser, id, { panel: [w.bench[0].user.id] })).ok).toBe(true);
  expect(await actionsOf(`session=${owner}`)).toEqual(["withdraw"]);
  expect(await withdrawAppeal(db, w.owner.sessionUser, id)).toMatchObject({ ok: true });
  expect(await actionsOf(`session=${owner}`)).toEqual([]);
});

test("fifty identical supporting documents sent at once add one document and one audit event; the others are told it is there", async () => {
  const { w, id } = await lodgedAppeal();
  const { token } = await createSession(db, w.owner.user.id);
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  const upload = () => {
    const form = new FormData();
    form.append("file", new File([pdf], "trainer contract.pdf", { type: "application/pdf" }));
    return callAction(providerRoute.action, postRequest(`/provider/appeals/${id}`, form, `session=${token}`), { id });
  };
  const answers = await many(50, upload);
  expect(await appealDocumentList(db, id)).toHaveLength(1);
  expect(await audits("appeal.document_added")).toBe(1);
  expect(answers.map(statusOf).sort()).toEqual([303, ...Array<number>(49).fill(409)]);
  expect(payloadOf<{ errors: Record<string, string> }>(answers.find((a) => statusOf(a) === 409)).errors.file).toBe("This file is already added as trainer contract.pdf");
});
