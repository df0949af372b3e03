import { and, eq } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import { applications } from "../../db/schema";
import { RACE_LOST, refuse } from "~/domain/outcome";
import {
  transition,
  type ApplicationStatus,
  type WorkflowAction,
  type WorkflowRole,
} from "~/domain/workflow";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";

type Move = {
  action: WorkflowAction;
  role: WorkflowRole;
  actorId: string;
  /** For record_decision: which of the table's two ends. */
  outcome?: "accredited" | "rejected";
  /** Columns that change with the status (timestamps, the staff recommendation, the revision counter). */
  set?: Partial<typeof applications.$inferInsert>;
  /** The audit event; left out only by a caller that writes a richer one later in the same transaction. */
  audit?: { action: string; data?: Record<string, unknown> | (() => Record<string, unknown>) };
  /** Plainer words than the table's for this caller's page. */
  messages?: { notAllowed?: string; raceLost?: string };
  /** The move's own preconditions, checked once the table allows it and before the compare-and-set. */
  check?: () => Promise<void> | void;
};

/**
 * The one step of every application state change, inside the caller's transaction, on the row the caller
 * read once and checked access on: ask the state table (domain/workflow.ts) whether this role may make
 * this move from the status read, update with compare-and-set on that status, and record the audit event.
 * It refuses — throwing, so the transaction rolls back — when the table says no or someone moved first.
 */
export async function moveApplication(
  tx: Database,
  app: { id: string; status: ApplicationStatus },
  move: Move,
) {
  const allowed = transition(app.status, move.action, move.role, move.outcome);
  if (!allowed.ok) refuse(409, move.messages?.notAllowed ?? allowed.message);
  await move.check?.();
  const at = now();
  const [moved] = await tx
    .update(applications)
    .set({ ...move.set, status: allowed.to, updatedAt: at })
    .where(
      and(eq(applications.id, app.id), eq(applications.status, app.status)),
    )
    .returning({ currentRevision: applications.currentRevision });
  if (!moved) refuse(409, move.messages?.raceLost ?? RACE_LOST);
  if (move.audit) {
    await recordAudit(tx, {
      actorId: move.actorId,
      action: move.audit.action,
      entityType: "application",
      entityId: app.id,
      // A function when the data is known only once the checks ran.
      data: { from: app.status, to: allowed.to, ...(typeof move.audit.data === "function" ? move.audit.data() : move.audit.data) },
    });
  }
  return { to: allowed.to, at, currentRevision: moved.currentRevision };
}

type StatusTable = PgTable & { id: PgColumn; status: PgColumn };

/**
 * The compare-and-set of every case's state change (appeals, complaints, reports, changes, tasks, proposals): update
 * the row only while it still has the status it was read with. If it no longer does, someone moved it first: 409
 * with `raceLost`, thrown so the transaction rolls back. Returns the updated row.
 */
export async function setIfStatusUnchanged<T extends StatusTable>(
  tx: Database,
  table: T,
  row: { id: string; status: string },
  set: PgUpdateSetSource<T>,
  raceLost = RACE_LOST,
): Promise<T["$inferSelect"]> {
  // drizzle cannot name the row it returns from a table that is a type parameter; it is that table's row.
  const [moved] = (await tx.update(table).set(set).where(and(eq(table.id, row.id), eq(table.status, row.status))).returning()) as T["$inferSelect"][];
  if (!moved) refuse(409, raceLost);
  return moved;
}
