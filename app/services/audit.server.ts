import { and, asc, desc, eq, like, sql } from "drizzle-orm";
import { canonicalJson, GENESIS_HASH, hashEvent } from "../../db/audit-chain";
import { auditEvents, users } from "../../db/schema";
import type { Database } from "./db.server";
import { now } from "./clock.server";

export { canonicalJson, GENESIS_HASH, hashEvent };

// Any constant works; it serialises writers of the chain so two transactions never share a predecessor.
const AUDIT_LOCK_KEY = 884_211;

export type AuditInput = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
};

/** Append an audit event. Call inside the transaction that made the change. */
export async function recordAudit(tx: Database, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Round-trip through JSON so the hashed data is exactly what jsonb will hand back.
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>;
  const event = { occurredAt: now(), actorId: input.actorId, action: input.action, entityType: input.entityType, entityId: input.entityId, data };
  await tx.insert(auditEvents).values({ ...event, prevHash, hash: hashEvent(prevHash, event) });
}

export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walk the chain from the start and report the first broken link. */
export async function verifyAuditChain(db: Database): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.id} > ${afterId}`)
      .orderBy(asc(auditEvents.id))
      .limit(1000);
    if (batch.length === 0) return { ok: true, checked };
    for (const e of batch) {
      if (e.prevHash !== prevHash) return { ok: false, checked, brokenAt: e.id, reason: "previous hash does not match" };
      if (hashEvent(prevHash, e) !== e.hash) return { ok: false, checked, brokenAt: e.id, reason: "content does not match its hash" };
      prevHash = e.hash;
      checked += 1;
      afterId = e.id;
    }
  }
}

/**
 * One record's history from the audit log, oldest first, with who took each step. Only the action, the time and
 * the actor's name: event data stays out, since a provider may read the history. `actionPrefix` keeps only the
 * record's own steps (e.g. "appeal." when other events name the same record).
 */
export function entityHistory(db: Database, entityType: string, entityId: string, actionPrefix?: string) {
  return db
    .select({ action: auditEvents.action, at: auditEvents.occurredAt, actor: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId), actionPrefix ? like(auditEvents.action, `${actionPrefix}%`) : undefined))
    .orderBy(asc(auditEvents.id));
}
