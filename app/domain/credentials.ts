/**
 * Pure shapes of the portal's Open Badges 3.0 credentials: the issuer's did:web and DID document, the
 * unsigned OpenBadgeCredential of an accreditation, and the links built around it. Signing and
 * verifying live in app/services/credential-crypto.server.ts (the libraries are ESM-only, server-only).
 */
import { modeLabel } from "./format";

export const CREDENTIAL_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  // Needed whenever 1EdTech extension types appear; harmless otherwise and keeps every credential alike.
  "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
] as const;

const ISSUER_NAME = "Rust Training Foundation";
/** One list is enough for 131,072 credentials (the spec's minimum size, 16 KB uncompressed). */
export const STATUS_LIST_LENGTH = 131_072;
export const STATUS_LIST_ID = 1;

/** did:web of the portal's origin: the port's colon is percent-encoded, a path becomes colon-separated. */
export function didWebFor(appUrl: string): string {
  const url = new URL(appUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split("/").filter(Boolean).map(encodeURIComponent);
  return ["did:web", host, ...path].join(":");
}

export function verificationMethodId(did: string, publicKeyMultibase: string): string {
  return `${did}#${publicKeyMultibase}`;
}

export type DidDocument = {
  "@context": string[];
  id: string;
  verificationMethod: { id: string; type: "Multikey"; controller: string; publicKeyMultibase: string }[];
  assertionMethod: string[];
};

/** Every key ever used stays listed (and may assert): credentials signed before a rotation still verify. */
export function didDocument(did: string, publicKeys: string[]): DidDocument {
  const methods = publicKeys.map((k) => ({ id: verificationMethodId(did, k), type: "Multikey" as const, controller: did, publicKeyMultibase: k }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

export function statusListUrl(appUrl: string): string {
  return `${appUrl}/credentials/status/${STATUS_LIST_ID}`;
}

export function revocationListUrl(appUrl: string): string {
  return `${appUrl}/credentials/revocations`;
}

export type CredentialScopeEntry = { courseTitle: string; level: string; language: string; mode: string };
export type CredentialCompetency = { code: string; title: string; uri: string };

export type AccreditationCredentialInput = {
  appUrl: string;
  credentialId: string;
  certificateNumber: string;
  organisation: { slug: string; name: string };
  validFrom: string;
  validUntil: string;
  scope: CredentialScopeEntry[];
  conditions: string;
  framework: { title: string; uri: string } | null;
  competencies: CredentialCompetency[];
  statusListIndex: number;
};

function scopeLine(s: CredentialScopeEntry): string {
  return `${s.courseTitle} (${s.level}, ${s.language}, ${modeLabel(s.mode)})`;
}

/**
 * The unsigned OpenBadgeCredential of an accreditation. The scope has no property of its own in
 * Open Badges 3.0 (and unknown terms fail JSON-LD safe mode), so each course × level × language ×
 * mode is a tag and a line of the criteria narrative; the competencies are CASE alignments.
 */
export function accreditationCredential(input: AccreditationCredentialInput) {
  const did = didWebFor(input.appUrl);
  const verifyUrl = `${input.appUrl}/verify/${input.certificateNumber}`;
  const statusList = statusListUrl(input.appUrl);
  const narrative = [
    `Accredited by the board of the ${ISSUER_NAME} after application, independent review against the published rubric, and a board vote.`,
    input.framework ? `Syllabi were mapped against ${input.framework.title}.` : "",
    "",
    "Scope (course, level, language, delivery mode):",
    ...input.scope.map((s) => `- ${scopeLine(s)}`),
    input.conditions ? `\nConditions: ${input.conditions}` : "",
  ]
    .filter((line, i, all) => line !== "" || (i > 0 && all[i - 1] !== ""))
    .join("\n");
  return {
    "@context": [...CREDENTIAL_CONTEXTS],
    id: `urn:uuid:${input.credentialId}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `Accredited Rust training provider: ${input.organisation.name}`,
    issuer: { id: did, type: ["Profile"], name: ISSUER_NAME, url: input.appUrl },
    validFrom: `${input.validFrom}T00:00:00Z`,
    validUntil: `${input.validUntil}T23:59:59Z`,
    credentialSubject: {
      id: `${input.appUrl}/providers/${input.organisation.slug}`,
      type: ["AchievementSubject"],
      achievement: {
        id: verifyUrl,
        type: ["Achievement"],
        achievementType: "ext:Accreditation",
        name: `Accredited Rust training provider (certificate ${input.certificateNumber})`,
        description: `${input.organisation.name} is accredited by the ${ISSUER_NAME} to deliver ${input.scope.length} course offering${input.scope.length === 1 ? "" : "s"} from ${input.validFrom} until ${input.validUntil}.`,
        criteria: { id: `${input.appUrl}/transparency`, narrative },
        tag: input.scope.map(scopeLine),
        alignment: input.competencies.map((c) => ({
          type: ["Alignment"],
          targetType: "CFItem",
          targetName: `${c.code} ${c.title}`,
          targetCode: c.code,
          targetUrl: c.uri,
          ...(input.framework ? { targetFramework: input.framework.title } : {}),
        })),
      },
    },
    credentialStatus: {
      id: `${statusList}#${input.statusListIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(input.statusListIndex),
      statusListCredential: statusList,
    },
  };
}

/** LinkedIn's "Add to profile" link for a certification (its public add-to-profile URL format). */
export function linkedInAddUrl(input: { name: string; organizationName: string; validFrom: string; validUntil: string; certUrl: string; certId: string }): string {
  const [fromYear, fromMonth] = input.validFrom.split("-").map(Number);
  const [untilYear, untilMonth] = input.validUntil.split("-").map(Number);
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: input.name,
    organizationName: input.organizationName,
    issueYear: String(fromYear),
    issueMonth: String(fromMonth),
    expirationYear: String(untilYear),
    expirationMonth: String(untilMonth),
    certUrl: input.certUrl,
    certId: input.certId,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
