import { and, desc, eq, gte, ilike, lt, or, sql } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema";
import type { Database } from "./db.server";
import { recordAudit, verifyAuditChain, type ChainCheck } from "./audit.server";
import { likeContaining } from "../../db/client.server";

const PAGE_SIZE = 50;

export type AuditFilters = { actor?: string; entityType?: string; entityId?: string; action?: string; from?: string; to?: string; page?: number };


export async function listAuditEvents(db: Database, filters: AuditFilters) {
  const page = Math.max(1, filters.page ?? 1);
  const conditions = [];
  if (filters.actor) {
    const like = likeContaining(filters.actor);
    conditions.push(or(ilike(users.email, like), ilike(users.name, like)));
  }
  if (filters.entityType) conditions.push(eq(auditEvents.entityType, filters.entityType));
  if (filters.entityId) conditions.push(eq(auditEvents.entityId, filters.entityId));
  if (filters.action) conditions.push(ilike(auditEvents.action, likeContaining(filters.action)));
  // Dates are whole UTC days: "to" includes the whole of that day.
  if (filters.from) conditions.push(gte(auditEvents.occurredAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) conditions.push(lt(auditEvents.occurredAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [count], entityTypes] = await Promise.all([
    db
      .select({ event: auditEvents, actorName: users.name, actorEmail: users.email })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).leftJoin(users, eq(users.id, auditEvents.actorId)).where(where),
    db.selectDistinct({ entityType: auditEvents.entityType }).from(auditEvents).orderBy(auditEvents.entityType),
  ]);
  return {
    events: rows.map((r) => ({ ...r.event, actor: r.actorEmail ? { name: r.actorName ?? "", email: r.actorEmail } : null })),
    total: count.n,
    page,
    pageCount: Math.max(1, Math.ceil(count.n / PAGE_SIZE)),
    entityTypes: entityTypes.map((e) => e.entityType),
  };
}

/** Verify the whole chain; running the check is itself recorded (after the check, so it covers what was there). */
export async function checkAuditChain(db: Database, actorId: string): Promise<ChainCheck> {
  const result = await verifyAuditChain(db);
  await db.transaction((tx) =>
    recordAudit(tx, {
      actorId,
      action: "audit.chain_checked",
      entityType: "audit",
      entityId: "chain",
      data: result.ok ? { ok: true, checked: result.checked } : { ok: false, checked: result.checked, brokenAt: result.brokenAt, reason: result.reason },
    }),
  );
  return result;
}
