import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accreditations } from "./accreditations";
import { hashChainColumns, ownerRef, rowVersion, ts, updatedAt } from "./columns";

/**
 * Every public key the issuer has signed with. A key is added the first time it signs and is never
 * removed, so the DID document keeps listing old keys and credentials they signed still verify after
 * a rotation (decision 018).
 */
export const issuerKeys = pgTable("issuer_keys", {
  /** The verification method's fragment: the public key itself, so a key id can never be reused. */
  publicKeyMultibase: text("public_key_multibase").primaryKey(),
  firstUsedAt: ts("first_used_at").notNull().defaultNow(),
});

/**
 * One signed Open Badges 3.0 credential per issue of an accreditation. The document is stored as the
 * exact text that was signed and never changed: a changed accreditation gets a new row, and the old
 * one is revoked (its bit set in the status list).
 */
export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey(),
    accreditationId: ownerRef("accreditation_id", () => accreditations.id),
    statusListIndex: integer("status_list_index").notNull(),
    keyId: text("key_id").notNull(),
    document: text("document").notNull(),
    issuedAt: ts("issued_at").notNull(),
    /** Why it was issued: granted, renewed, reinstated, scope changed, backfilled. */
    reason: text("reason").notNull(),
    revokedAt: ts("revoked_at"),
    revocationReason: text("revocation_reason"),
  },
  (t) => [uniqueIndex("credentials_status_index_idx").on(t.statusListIndex), index("credentials_accreditation_idx").on(t.accreditationId)],
);

/**
 * The revocation status list (W3C Bitstring Status List). The bits are the truth and change in the
 * same transaction as the accreditation; the signed list credential is derived from them when served.
 */
export const credentialStatusLists = pgTable("credential_status_lists", {
  id: integer("id").primaryKey(),
  encodedList: text("encoded_list").notNull(),
  /** How many indexes have been handed out. The indexes themselves are drawn at random (decision 019). */
  nextIndex: integer("next_index").notNull().default(0),
  version: rowVersion(),
  updatedAt: updatedAt(),
});

/** The public accreditation log: hash-chained, no personal data (decision 020). */
export const publicLogEntries = pgTable(
  "public_log_entries",
  {
    seq: integer("seq").primaryKey(),
    occurredAt: text("occurred_at").notNull(),
    event: text("event").notNull(),
    certificateNumber: text("certificate_number").notNull(),
    ...hashChainColumns(),
  },
  (t) => [index("public_log_certificate_idx").on(t.certificateNumber, t.event)],
);

/** A signed statement "the log had `size` entries ending in `headHash`" by the issuer key. */
export const publicLogCheckpoints = pgTable("public_log_checkpoints", {
  size: integer("size").primaryKey(),
  headHash: text("head_hash").notNull(),
  signedAt: text("signed_at").notNull(),
  verificationMethod: text("verification_method").notNull(),
  signature: text("signature").notNull(),
});
