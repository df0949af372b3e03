import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/*
 * The audit chain's hashing, as app/services/audit.server.ts defines it. db/ may not import from app/, so the
 * seed carries this copy; tests/integration/seed.test.ts checks that the app's verifyAuditChain accepts the
 * chain the seed writes, which keeps the two from drifting apart.
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

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

function hashEvent(prevHash: string, e: AuditDraft): string {
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
