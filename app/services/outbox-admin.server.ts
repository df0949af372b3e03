import { and, desc, eq, ilike, sql } from "drizzle-orm";
import { emailOutbox } from "../../db/schema";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { emailTemplates, renderEmail } from "./emails.server";
import { retryEmail } from "./mailer.server";
import { refused, type Outcome } from "~/domain/outcome";
import { likeContaining } from "../../db/client.server";

const PAGE_SIZE = 50;
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export function templateNames(): string[] {
  return Object.keys(emailTemplates).sort();
}

export async function listOutbox(db: Database, filters: { status?: OutboxStatus | ""; template?: string; to?: string; page?: number }) {
  const page = Math.max(1, filters.page ?? 1);
  const conditions = [];
  if (filters.status) conditions.push(eq(emailOutbox.status, filters.status));
  if (filters.template) conditions.push(eq(emailOutbox.template, filters.template));
  if (filters.to) conditions.push(ilike(emailOutbox.to, likeContaining(filters.to)));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [count], byStatus] = await Promise.all([
    db
      .select({
        id: emailOutbox.id,
        template: emailOutbox.template,
        to: emailOutbox.to,
        subject: emailOutbox.subject,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
        nextAttemptAt: emailOutbox.nextAttemptAt,
      })
      .from(emailOutbox)
      .where(where)
      .orderBy(desc(emailOutbox.createdAt))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox).where(where),
    db.select({ status: emailOutbox.status, n: sql<number>`count(*)::int` }).from(emailOutbox).groupBy(emailOutbox.status),
  ]);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, byStatus.find((b) => b.status === s)?.n ?? 0])) as Record<OutboxStatus, number>;
  return { emails: rows, total: count.n, page, pageCount: Math.max(1, Math.ceil(count.n / PAGE_SIZE)), counts };
}

/** One outbox row rendered as it was (or will be) sent: same template, same stored props. */
export async function renderOutboxEmail(db: Database, id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!row) return null;
  try {
    const rendered = await renderEmail(row.template, row.props);
    return { row, html: rendered.html, text: rendered.text, renderError: null };
  } catch (error) {
    return { row, html: null, text: null, renderError: error instanceof Error ? error.message : String(error) };
  }
}

/** Put a failed email back in the queue; audited in the same transaction. */
export async function retryFailedEmail(db: Database, actorId: string, id: string): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ to: emailOutbox.to, template: emailOutbox.template, status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, id)).for("update");
    if (!row) return refused(404, "That email does not exist");
    const retried = await retryEmail(tx, id);
    if (!retried) return refused(409, `Only a failed email can be retried; this one is ${row.status}`);
    await recordAudit(tx, { actorId, action: "email.retried", entityType: "email", entityId: id, data: { to: row.to, template: row.template } });
    return { ok: true, value: undefined };
  });
}
