/**
 * Signing and verifying with the standard libraries (@digitalbazaar/vc, Data Integrity eddsa-rdfc-2022)
 * and nothing from the network: contexts come bundled with @digitalcredentials/security-document-loader
 * (fetchRemoteContexts: false), and the issuer's DID document and status list are handed in by the
 * caller (read from the database). ESM-only libraries, so this module is server-only.
 */
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import type { DidDocument } from "~/domain/credentials";
import type { IssuerKey } from "./issuer-key.server";

type LoadedDocument = { contextUrl?: string | null; documentUrl?: string; document: unknown };
export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

const bundled = securityLoader({ fetchRemoteContexts: false }).build();

/** Local documents first (the issuer's DID document and its keys, the status list), then bundled contexts. */
export function documentLoader(local: { did?: DidDocument; documents?: Map<string, unknown> } = {}): DocumentLoader {
  return async (url: string) => {
    const did = local.did;
    if (did && (url === did.id || url.startsWith(`${did.id}#`))) {
      if (url === did.id) return { contextUrl: null, documentUrl: url, document: did };
      const method = did.verificationMethod.find((m) => m.id === url);
      if (!method) throw new Error(`The issuer's DID document has no key ${url}`);
      return { contextUrl: null, documentUrl: url, document: { "@context": did["@context"], ...method } };
    }
    const found = local.documents?.get(url);
    if (found) return { contextUrl: null, documentUrl: url, document: found };
    if (url.startsWith("did:")) throw new Error(`Unknown issuer ${url}: only this portal's own DID is resolved here`);
    if (/^https?:/.test(url) && !bundledContext(url)) throw new Error(`Not loaded (no network at verification): ${url}`);
    return bundled(url);
  };
}

function bundledContext(url: string): boolean {
  return url.startsWith("https://www.w3.org/") || url.startsWith("https://w3id.org/") || url.startsWith("https://purl.imsglobal.org/") || url.startsWith("https://w3c-ccg.github.io/");
}

export async function signCredential<T extends object>(credential: T, key: IssuerKey, loader = documentLoader()): Promise<T & { proof: Record<string, unknown> }> {
  const suite = new DataIntegrityProof({ signer: key.keyPair.signer(), cryptosuite });
  // The library returns the same credential with a proof added.
  return (await vc.issue({ credential: structuredClone(credential), suite, documentLoader: loader })) as T & { proof: Record<string, unknown> };
}

/**
 * The Bitstring Status List check, made strict: the library answers verified: true with status: true
 * for a credential whose bit is set, and @digitalbazaar/vc reads only `verified` (STANDARDS pitfall).
 */
async function strictCheckStatus(options: object) {
  const result = await checkStatus(options);
  if (!result.verified) return result;
  if ((result.results ?? []).some((r) => r.status === true)) {
    return { ...result, verified: false, error: { name: "StatusError", message: "The issuer has revoked this credential (its bit is set in the status list)." } };
  }
  return result;
}

function verifier() {
  return new DataIntegrityProof({ cryptosuite });
}

function firstError(result: vc.VerifyResult): string {
  return result.error?.errors?.[0]?.message ?? result.error?.message ?? result.results?.find((r) => !r.verified)?.error?.message ?? result.statusResult?.error?.message ?? "not verified";
}

export type CheckResult = { ok: boolean; detail: string };

/** The whole verification exactly as a third party runs it with the standard library. */
export async function verifyWithLibrary(credential: object, loader: DocumentLoader, now?: Date): Promise<CheckResult> {
  const result = await vc.verifyCredential({ credential, suite: verifier(), documentLoader: loader, checkStatus: strictCheckStatus, ...(now ? { now } : {}) });
  return result.verified ? { ok: true, detail: "verified" } : { ok: false, detail: firstError(result) };
}

/** The proof alone: dates pinned inside the validity period and the status check set aside. */
export async function verifySignature(credential: { validFrom?: unknown }, loader: DocumentLoader): Promise<CheckResult> {
  const at = typeof credential.validFrom === "string" && !Number.isNaN(Date.parse(credential.validFrom)) ? new Date(credential.validFrom) : undefined;
  try {
    const result = await vc.verifyCredential({
      credential,
      suite: verifier(),
      documentLoader: loader,
      checkStatus: async () => ({ verified: true }),
      ...(at ? { now: at } : {}),
    });
    return result.verified ? { ok: true, detail: "verified" } : { ok: false, detail: firstError(result) };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export async function verifyStatus(credential: object, loader: DocumentLoader): Promise<CheckResult> {
  const result = await strictCheckStatus({ credential, documentLoader: loader, suite: verifier(), verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true });
  if (result.verified) return { ok: true, detail: "not revoked" };
  const error = result.error as { message?: string } | undefined;
  return { ok: false, detail: error?.message ?? "status could not be checked" };
}
