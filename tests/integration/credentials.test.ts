import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { config } from "~/config.server";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { changeAccreditationStatus } from "~/services/accreditations.server";
import { credentialsOf, currentCredential, issueCredential } from "~/services/credentials.server";
import { generateSecretKey, issuerKey, useIssuerSecret } from "~/services/issuer-key.server";
import { revocationList, verifyPresentedCredential } from "~/services/credential-status.server";
import { accreditations, publicLogEntries } from "../../db/schema";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";
import { verifyAsThirdParty } from "../support/third-party-verifier";
import { blockedAttempts, blockNetwork } from "../support/no-network";

blockNetwork();

const ACCREDIT = { outcome: "accredited" as const, conditions: "Annual trainer review", rationale: "", meetingReference: "Board 2026-03" };

async function accredit(options: Parameters<typeof createAwaitingDecision>[0] = {}) {
  const app = await createAwaitingDecision(options);
  for (const m of await createBoard(3)) await castVoteRow(app.application.id, m.user.id, "approve");
  const staff = await createStaff();
  const decided = await recordDecision(db, staff.sessionUser, app.application.id, ACCREDIT);
  if (!decided.ok) throw new Error(decided.message);
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  return { ...app, staff, accreditation };
}

async function documentOf(accreditationId: string) {
  const current = await currentCredential(db, accreditationId);
  if (!current) throw new Error("no live credential");
  return JSON.parse(current.document) as Record<string, unknown> & { credentialSubject: { id: string; achievement: Record<string, unknown> } };
}

test("a decision issues a signed Open Badges 3.0 credential in its transaction, and anyone verifies it with the standard library, offline", async () => {
  setClock(() => new Date("2026-03-10T10:00:00Z"));
  const { accreditation, organisation } = await accredit();
  const credential = await documentOf(accreditation.id);
  expect(credential).toMatchObject({
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: `did:web:${encodeURIComponent(new URL(config().appUrl).host)}`, type: ["Profile"] },
    validFrom: "2026-03-10T00:00:00Z",
    validUntil: "2029-03-09T23:59:59Z",
    credentialSubject: { id: `${config().appUrl}/providers/${organisation.slug}`, type: ["AchievementSubject"] },
    credentialStatus: { type: "BitstringStatusListEntry", statusPurpose: "revocation" },
    proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" },
  });
  const achievement = credential.credentialSubject.achievement as { criteria: { narrative: string }; alignment: { targetType: string; targetUrl: string }[]; tag: string[] };
  expect(achievement.criteria.narrative).toContain("Conditions: Annual trainer review");
  expect(achievement.tag).toEqual(["Rust Fundamentals (foundation, en, In person)"]);
  expect(achievement.alignment.length).toBeGreaterThan(0);
  expect(achievement.alignment.every((a) => a.targetType === "CFItem" && a.targetUrl.includes("/ims/case/v1p1/CFItems/"))).toBe(true);

  expect((await verifyAsThirdParty(credential)).verified).toBe(true);
  const tampered = structuredClone(credential);
  tampered.validUntil = "2035-03-09T23:59:59Z";
  expect((await verifyAsThirdParty(tampered)).verified).toBe(false);
  const report = await verifyPresentedCredential(db, tampered);
  expect(report.checks.find((c) => c.id === "signature")).toMatchObject({ ok: false });
  expect(report.verified).toBe(false);

  const [granted] = await db.select().from(publicLogEntries);
  expect(granted).toMatchObject({ seq: 1, event: "granted", certificateNumber: accreditation.certificateNumber });
  expect(blockedAttempts).toEqual([]);
});

test("suspend fails the status check, reinstatement issues a credential that passes, revocation fails for good", async () => {
  const { accreditation, staff } = await accredit();
  const first = await documentOf(accreditation.id);
  expect((await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "suspend", "Complaint under investigation")).ok).toBe(true);
  const suspended = await verifyPresentedCredential(db, first);
  expect(suspended.checks.find((c) => c.id === "status")).toMatchObject({ ok: false });
  expect(suspended.checks.find((c) => c.id === "signature")).toMatchObject({ ok: true });
  expect((await verifyAsThirdParty(first)).verified).toBe(false);
  expect(await currentCredential(db, accreditation.id)).toBeNull();

  expect((await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "reinstate", "")).ok).toBe(true);
  const second = await documentOf(accreditation.id);
  expect(second.id).not.toBe(first.id);
  expect((await verifyAsThirdParty(second)).verified).toBe(true);
  expect((await verifyPresentedCredential(db, second)).verified).toBe(true);
  // The copy handed out before the suspension stays revoked: revocation bits are never cleared.
  expect((await verifyAsThirdParty(first)).verified).toBe(false);

  expect((await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "revoke", "Misused the mark")).ok).toBe(true);
  expect((await verifyAsThirdParty(second)).verified).toBe(false);
  expect(await changeAccreditationStatus(db, staff.sessionUser, accreditation.id, "reinstate", "")).toMatchObject({ ok: false, status: 409 });
  expect((await verifyAsThirdParty(second)).verified).toBe(false);
  expect(await credentialsOf(db, accreditation.id)).toHaveLength(2);
  const revoked = await revocationList(db);
  expect(revoked.revokedCredential.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());

  const events = await db.select({ event: publicLogEntries.event }).from(publicLogEntries).orderBy(publicLogEntries.seq);
  expect(events.map((e) => e.event)).toEqual(["granted", "suspended", "reinstated", "revoked"]);
});

test("an expired credential fails on its dates", async () => {
  setClock(() => new Date("2026-03-10T10:00:00Z"));
  const { accreditation } = await accredit();
  const credential = await documentOf(accreditation.id);
  const after = new Date("2029-03-10T12:00:00Z");
  const result = await verifyAsThirdParty(credential, after);
  expect(result.verified).toBe(false);
  const messages = [result.error?.message, ...(result.error?.errors ?? []).map((e) => e.message), ...(result.results ?? []).map((r) => r.error?.message)];
  expect(messages.join(" ")).toContain("validUntil");
  const report = await verifyPresentedCredential(db, credential, after);
  expect(report.checks.find((c) => c.id === "dates")).toMatchObject({ ok: false, detail: expect.stringContaining("Expired") });
  expect(report.checks.find((c) => c.id === "signature")).toMatchObject({ ok: true });
});

test("after a key rotation the DID document lists both keys: a credential signed with the old key still verifies", async () => {
  const oldKey = await issuerKey();
  const before = await accredit();
  const oldCredential = await documentOf(before.accreditation.id);
  useIssuerSecret(await generateSecretKey());
  try {
    const newKey = await issuerKey();
    expect(newKey.keyId).not.toBe(oldKey.keyId);
    const after = await accredit({ framework: before.framework, rubric: before.rubric });
    const newCredential = await documentOf(after.accreditation.id);
    expect((newCredential.proof as { verificationMethod: string }).verificationMethod).toBe(newKey.keyId);
    expect((oldCredential.proof as { verificationMethod: string }).verificationMethod).toBe(oldKey.keyId);
    expect((await verifyAsThirdParty(oldCredential)).verified).toBe(true);
    expect((await verifyAsThirdParty(newCredential)).verified).toBe(true);
  } finally {
    useIssuerSecret(undefined);
  }
});

test("a credential that is not this foundation's, or unsigned, is reported as such", async () => {
  const { accreditation } = await accredit();
  const credential = await documentOf(accreditation.id);
  const unsigned = structuredClone(credential);
  delete unsigned.proof;
  const report = await verifyPresentedCredential(db, unsigned);
  expect(report.verified).toBe(false);
  expect(report.checks.find((c) => c.id === "signature")?.detail).toMatch(/unsigned/);
  const foreign = { ...structuredClone(credential), issuer: { id: "did:web:elsewhere.example", type: ["Profile"], name: "Other" } };
  const foreignReport = await verifyPresentedCredential(db, foreign);
  expect(foreignReport.checks.find((c) => c.id === "issuer")).toMatchObject({ ok: false });
  expect(foreignReport.verified).toBe(false);
});

test("status-list indexes are drawn at random, so an index does not tell when a credential was issued", async () => {
  const { accreditation } = await accredit();
  // Five more credentials of the same accreditation, each issued in its own transaction, as a change would.
  for (let i = 0; i < 5; i++) await db.transaction((tx) => issueCredential(tx, accreditation.id, "reinstated"));
  const indexes = (await credentialsOf(db, accreditation.id)).sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime()).map((c) => c.statusListIndex);
  expect(new Set(indexes).size).toBe(6);
  // Handed out in order they would be 0, 1, 2 … ; drawn at random from 131,072 they are neither consecutive nor small.
  expect(indexes.every((n, i) => i === 0 || n === indexes[i - 1] + 1)).toBe(false);
  expect(Math.max(...indexes)).toBeGreaterThan(1000);
});
