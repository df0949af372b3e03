/** Builders for the staff-administration tests (framework versions, outbox rows, audit events). */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { recordAudit } from "~/services/audit.server";
import { competencies, emailOutbox } from "../../db/schema";
import { createFramework } from "./factories";

/** The factory framework, with the tree as a comparable shape (codes, texts, levels, core, parents, order). */
export async function frameworkShape(frameworkId: string) {
  const rows = await db.select().from(competencies).where(eq(competencies.frameworkId, frameworkId));
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  return rows
    .map((r) => ({
      kind: r.kind,
      code: r.code,
      title: r.title,
      description: r.description,
      level: r.level,
      core: r.core,
      position: r.position,
      parent: r.parentId ? (codeOf.get(r.parentId) ?? "?") : null,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export async function publishedFramework(version = 1) {
  return createFramework({ version, status: "published", publishedAt: new Date() });
}

export async function createOutboxEmail(overrides: Partial<typeof emailOutbox.$inferInsert> = {}) {
  const [row] = await db
    .insert(emailOutbox)
    .values({
      template: "verify-email",
      to: `someone-${randomUUID().slice(0, 6)}@example.org`,
      subject: "Confirm your email address",
      props: { name: "Ada", verifyUrl: "http://localhost/verify-email?token=x" },
      idempotencyKey: `test:${randomUUID()}`,
      ...overrides,
    })
    .returning();
  return row;
}

/** Append `count` audit events through the real chain writer. */
export async function createAuditEvents(count: number, overrides: { actorId?: string | null; action?: string; entityType?: string } = {}) {
  for (let i = 0; i < count; i++) {
    await db.transaction((tx) =>
      recordAudit(tx, {
        actorId: overrides.actorId ?? null,
        action: overrides.action ?? "test.event",
        entityType: overrides.entityType ?? "test",
        entityId: `entity-${i}`,
        data: { n: i, note: `event ${i}` },
      }),
    );
  }
}
