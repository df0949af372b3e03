/**
 * What anyone fetches to check a credential: the signed BitstringStatusListCredential (signed from the
 * stored bits when they change, then served from memory), the 1EdTech revocation list, and the
 * verification of a presented credential with each check spelled out.
 */
import { createHash } from "node:crypto";
import { eq, isNotNull } from "drizzle-orm";
import { createCredential, createList, decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { credentials, credentialStatusLists } from "../../db/schema";
import { config } from "~/config.server";
import { didWebFor, revocationListUrl, STATUS_LIST_ID, STATUS_LIST_LENGTH, statusListUrl } from "~/domain/credentials";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { documentLoader, signCredential, verifySignature, verifyStatus, verifyWithLibrary, type CheckResult } from "./credential-crypto.server";
import { issuerKey } from "./issuer-key.server";
import { issuerDidDocument, registerIssuerKey } from "./issuer-keys.server";

type SignedList = { key: string; document: Record<string, unknown>; etag: string };
let cached: SignedList | undefined;

/** The status list credential as of the committed bits; re-signed only when the bits (or the key) changed. */
export async function signedStatusList(db: Database): Promise<{ document: Record<string, unknown>; etag: string }> {
  const [row] = await db.select().from(credentialStatusLists).where(eq(credentialStatusLists.id, STATUS_LIST_ID));
  const encodedList = row?.encodedList ?? (await (await createList({ length: STATUS_LIST_LENGTH })).encode());
  const updatedAt = (row?.updatedAt ?? new Date(0)).toISOString().replace(/\.\d{3}Z$/, "Z");
  const signer = await issuerKey();
  const cacheKey = `${signer.keyId}|${row?.version ?? 0}|${updatedAt}|${encodedList}`;
  if (cached?.key === cacheKey) return cached;
  const appUrl = config().appUrl;
  const unsigned = await createCredential({ id: statusListUrl(appUrl), list: await decodeList({ encodedList }), statusPurpose: "revocation" });
  await db.transaction((tx) => registerIssuerKey(tx, signer));
  const document = await signCredential({ ...unsigned, issuer: didWebFor(appUrl), validFrom: updatedAt }, signer);
  const etag = `"sl-${createHash("sha256").update(cacheKey).digest("base64url").slice(0, 24)}"`;
  cached = { key: cacheKey, document, etag };
  return cached;
}

/** The 1EdTech revocation list; its array key is `revokedCredential` (what the current 1EdTech validator reads). */
export async function revocationList(db: Database) {
  const rows = await db.select({ document: credentials.document }).from(credentials).where(isNotNull(credentials.revokedAt));
  return {
    id: revocationListUrl(config().appUrl),
    type: "1EdTechRevocationList",
    issuer: didWebFor(config().appUrl),
    revokedCredential: rows.map((r) => ({ id: (JSON.parse(r.document) as { id: string }).id, revoked: true })),
  };
}

export type VerificationCheck = { id: "format" | "issuer" | "signature" | "dates" | "status"; label: string; ok: boolean; detail: string };
export type VerificationReport = {
  verified: boolean;
  checks: VerificationCheck[];
  credential: { id: string | null; name: string | null; subject: string | null; validFrom: string | null; validUntil: string | null; certificate: string | null };
};

type Presented = {
  id?: unknown;
  type?: unknown;
  name?: unknown;
  issuer?: unknown;
  proof?: unknown;
  validFrom?: unknown;
  validUntil?: unknown;
  credentialSubject?: { id?: unknown; achievement?: { id?: unknown } };
};

const str = (v: unknown) => (typeof v === "string" ? v : null);

function summary(c: Presented): VerificationReport["credential"] {
  const achievementId = str(c.credentialSubject?.achievement?.id);
  return {
    id: str(c.id),
    name: str(c.name),
    subject: str(c.credentialSubject?.id),
    validFrom: str(c.validFrom),
    validUntil: str(c.validUntil),
    certificate: achievementId?.match(/\/verify\/([A-Z0-9-]+)$/)?.[1] ?? null,
  };
}

function datesCheck(c: Presented, at: Date): CheckResult {
  const from = str(c.validFrom);
  const until = str(c.validUntil);
  if (!from || Number.isNaN(Date.parse(from))) return { ok: false, detail: "The credential has no valid start date (validFrom)." };
  if (Date.parse(from) > at.getTime()) return { ok: false, detail: `Not valid before ${from}.` };
  if (until && Number.isNaN(Date.parse(until))) return { ok: false, detail: "The end date (validUntil) is not a date." };
  if (until && Date.parse(until) < at.getTime()) return { ok: false, detail: `Expired: valid until ${until}.` };
  return { ok: true, detail: until ? `Valid from ${from} until ${until}.` : `Valid from ${from}.` };
}

/**
 * Verify a presented credential the way a third party would: signature against the issuer's DID
 * document, dates, and the status list, each reported; the verdict is the standard library's own.
 * Only this portal's credentials are checked (its DID is resolved locally; no network is used).
 */
export async function verifyPresentedCredential(db: Database, credential: Presented, at = now()): Promise<VerificationReport> {
  const checks: VerificationCheck[] = [];
  const types = Array.isArray(credential.type) ? credential.type : [];
  const shaped = types.includes("VerifiableCredential") && types.includes("OpenBadgeCredential");
  checks.push({
    id: "format",
    label: "Open Badges 3.0 credential",
    ok: shaped,
    detail: shaped ? "An OpenBadgeCredential (Verifiable Credentials 2.0)." : "This is not an Open Badges 3.0 credential (its type lacks OpenBadgeCredential).",
  });
  const did = await issuerDidDocument(db);
  const issuerId = typeof credential.issuer === "object" && credential.issuer ? str((credential.issuer as { id?: unknown }).id) : str(credential.issuer);
  const ours = issuerId === did.id;
  checks.push({ id: "issuer", label: "Issued by this foundation", ok: ours, detail: ours ? `Issuer ${did.id}.` : `The issuer is ${issuerId ?? "missing"}, not ${did.id}.` });
  const list = await signedStatusList(db);
  const loader = documentLoader({ did, documents: new Map([[statusListUrl(config().appUrl), list.document]]) });
  const signed = typeof credential.proof === "object" && credential.proof !== null;
  const signature = !signed ? { ok: false, detail: "The credential carries no proof: it is unsigned." } : ours ? await verifySignature(credential, loader) : { ok: false, detail: "Not checked: not this foundation's credential." };
  checks.push({ id: "signature", label: "Signature", ok: signature.ok, detail: signature.ok ? "The signature matches the issuer's published key; nothing was changed." : signature.detail });
  const dates = datesCheck(credential, at);
  checks.push({ id: "dates", label: "Validity dates", ok: dates.ok, detail: dates.detail });
  const status = ours && signature.ok ? await verifyStatus(credential, loader) : { ok: false, detail: "Not checked: the signature did not verify." };
  checks.push({ id: "status", label: "Not revoked or suspended", ok: status.ok, detail: status.ok ? "The issuer's status list shows it in force." : status.detail });
  const all = checks.every((c) => c.ok);
  // The verdict comes from the standard library's own full run, so the page can never say more than it does.
  const library = all ? await verifyWithLibrary(credential, loader, at) : { ok: false, detail: "" };
  return { verified: all && library.ok, checks, credential: summary(credential) };
}
