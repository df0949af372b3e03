import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/*
 * The audit chain's hashing, in one place: app/services/audit.server.ts writes and verifies the chain with it,
 * and the seed links its demo history with it (db/ may not import from app/, so it lives here).
 * hash = SHA-256 of the canonical JSON of the event and the previous hash.
 */

export const GENESIS_HASH = "0".repeat(64);

export type AuditDraft = {
  occurredAt: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
};

/** JSON with object keys sorted, so the hash does not depend on how jsonb reorders keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function hashEvent(prevHash: string, e: AuditDraft): string {
  const payload = canonicalJson({
    prevHash,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
  });
  return encodeHexLowerCase(sha256(new TextEncoder().encode(payload)));
}

/** Link events after `prevHash`, in the given order (insert them in that order so ids follow the chain). */
export function chainEvents(prevHash: string, events: AuditDraft[]): (AuditDraft & { prevHash: string; hash: string })[] {
  let prev = prevHash;
  return events.map((e) => {
    // Round-trip through JSON so the hashed data is exactly what jsonb hands back.
    const event = { ...e, data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown> };
    const hash = hashEvent(prev, event);
    const linked = { ...event, prevHash: prev, hash };
    prev = hash;
    return linked;
  });
}
