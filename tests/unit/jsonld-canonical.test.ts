/**
 * Decision 035: jsonld 9.0.0 is patched (patches/jsonld+9.0.0.patch) so that an active context is copied
 * shallowly instead of deep-cloned on every node of a type-scoped region. The patch must not change a single
 * canonical byte, or every credential this portal signs would fail verification elsewhere. The expected digest
 * below was computed with the unpatched jsonld 9.0.0; the document exercises what the patch touches: nested
 * type-scoped contexts (Profile, AchievementSubject, Achievement, Criteria, Alignment), a reverted context
 * on every node, and enough nodes that a shared context would show any mutation.
 */
import { createHash } from "node:crypto";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { CREDENTIAL_CONTEXTS } from "~/domain/credentials";
import { documentLoader } from "~/services/credential-crypto.server";

function document() {
  return {
    "@context": [...CREDENTIAL_CONTEXTS],
    id: "urn:uuid:6f1c1d39-7a4c-4bd4-9a55-0c2f0f2a7b11",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Canonical form check",
    issuer: { id: "did:web:example.org", type: ["Profile"], name: "Example Foundation", url: "https://example.org" },
    validFrom: "2026-01-01T00:00:00Z",
    validUntil: "2029-01-01T23:59:59Z",
    credentialSubject: {
      id: "https://example.org/providers/example",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://example.org/verify/ACC-2026-00001",
        type: ["Achievement"],
        name: "Accredited provider",
        description: "Über \"quoted\" & <escaped>\nsecond line",
        criteria: { narrative: "Reviewed against the rubric." },
        alignment: Array.from({ length: 12 }, (_, i) => ({
          type: ["Alignment"],
          targetName: `Competency ${i}`,
          targetCode: `C${i}`,
          targetUrl: `https://example.org/ims/case/v1p1/CFItems/${i}`,
          targetFramework: "Example framework (version 1)",
          targetType: "CFItem",
        })),
      },
    },
    credentialStatus: { id: "https://example.org/status/1#7", type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListIndex: "7", statusListCredential: "https://example.org/status/1" },
  };
}

describe("JSON-LD canonical form (patched jsonld)", () => {
  it("is byte for byte what the unpatched library produces", async () => {
    const nquads: string = await jsonld.canonize(document(), { algorithm: "RDFC-1.0", format: "application/n-quads", documentLoader: documentLoader(), safe: true });
    expect(nquads.split("\n").filter(Boolean)).toHaveLength(EXPECTED_LINES);
    expect(createHash("sha256").update(nquads).digest("hex")).toBe(EXPECTED_SHA256);
  });

  it("leaves a context it shares between documents untouched: a second run gives the same bytes", async () => {
    const options = { algorithm: "RDFC-1.0", format: "application/n-quads", documentLoader: documentLoader(), safe: true } as const;
    const first: string = await jsonld.canonize(document(), options);
    const other = document();
    other.credentialSubject.achievement.alignment.reverse();
    await jsonld.canonize(other, options);
    expect(await jsonld.canonize(document(), options)).toBe(first);
  });
});

const EXPECTED_LINES = 106;
const EXPECTED_SHA256 = "f01ce2d821f06f10184e277f3e717421deec5a541f7c780a9a502504097c4b69";
