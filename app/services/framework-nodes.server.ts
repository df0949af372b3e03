import { and, asc, eq, sql } from "drizzle-orm";
import { competencies, moduleMappings } from "../../db/schema";
import { nextPosition } from "../../db/schema/columns";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { CORRECT_FIELDS, refused, type Outcome, type Refused } from "~/domain/outcome";
import type { Level } from "~/domain/case";
import { editFrameworkDraft } from "./framework-drafts.server";
import { swapWithNeighbour } from "~/domain/ordering";

// Editing the areas and competencies of a draft framework version.

export type NodeInput = {
  kind: "area" | "competency";
  parentId: string | null;
  code: string;
  title: string;
  description: string;
  level: Level | null;
  core: boolean;
};

const NOT_IN_VERSION = "That item is not in this version";

/** A node of this framework version, or null. */
async function nodeOf(tx: Database, frameworkId: string, nodeId: string) {
  const [node] = await tx.select().from(competencies).where(and(eq(competencies.id, nodeId), eq(competencies.frameworkId, frameworkId)));
  return node ?? null;
}

async function checkNode(tx: Database, frameworkId: string, input: NodeInput, selfId?: string): Promise<Refused | null> {
  const [clash] = await tx
    .select({ id: competencies.id })
    .from(competencies)
    .where(and(eq(competencies.frameworkId, frameworkId), sql`lower(${competencies.code}) = lower(${input.code})`));
  if (clash && clash.id !== selfId) return refused(400, CORRECT_FIELDS, { code: `Code ${input.code} is already used in this version` });
  if (input.kind === "competency") {
    if (!input.parentId) return refused(400, CORRECT_FIELDS, { parentId: "Choose the area this competency belongs to" });
    const [parent] = await tx
      .select({ kind: competencies.kind })
      .from(competencies)
      .where(and(eq(competencies.id, input.parentId), eq(competencies.frameworkId, frameworkId)));
    if (!parent || parent.kind !== "area") return refused(400, CORRECT_FIELDS, { parentId: "Choose an area of this version" });
    if (!input.level) return refused(400, CORRECT_FIELDS, { level: "Choose a level" });
  }
  return null;
}

export async function addNode(db: Database, actorId: string, frameworkId: string, input: NodeInput): Promise<Outcome<{ id: string }>> {
  return editFrameworkDraft(db, frameworkId, async (tx) => {
    const invalid = await checkNode(tx, frameworkId, input);
    if (invalid) return invalid;
    const parentId = input.kind === "area" ? null : input.parentId;
    const [pos] = await tx
      .select({ next: nextPosition(competencies.position) })
      .from(competencies)
      .where(and(eq(competencies.frameworkId, frameworkId), parentId ? eq(competencies.parentId, parentId) : sql`${competencies.parentId} is null`));
    const [row] = await tx
      .insert(competencies)
      .values({
        frameworkId,
        parentId,
        kind: input.kind,
        code: input.code,
        title: input.title,
        description: input.description,
        level: input.kind === "area" ? null : input.level,
        core: input.kind === "area" ? false : input.core,
        position: pos.next,
      })
      .returning({ id: competencies.id });
    await recordAudit(tx, { actorId, action: "framework.node_added", entityType: "framework", entityId: frameworkId, data: { nodeId: row.id, ...input } });
    return { ok: true, value: { id: row.id } };
  });
}

export async function updateNode(db: Database, actorId: string, frameworkId: string, nodeId: string, input: NodeInput): Promise<Outcome> {
  return editFrameworkDraft(db, frameworkId, async (tx) => {
    const node = await nodeOf(tx, frameworkId, nodeId);
    if (!node) return refused(404, NOT_IN_VERSION);
    const effective: NodeInput = { ...input, kind: node.kind };
    const invalid = await checkNode(tx, frameworkId, effective, nodeId);
    if (invalid) return invalid;
    const parentId = node.kind === "area" ? null : effective.parentId;
    const moved = parentId !== node.parentId;
    let position = node.position;
    if (moved) {
      const [pos] = await tx
        .select({ next: nextPosition(competencies.position) })
        .from(competencies)
        .where(and(eq(competencies.frameworkId, frameworkId), eq(competencies.parentId, parentId!)));
      position = pos.next;
    }
    await tx
      .update(competencies)
      .set({
        code: input.code,
        title: input.title,
        description: input.description,
        parentId,
        position,
        level: node.kind === "area" ? null : input.level,
        core: node.kind === "area" ? false : input.core,
        // An imported item whose statement is rewritten no longer matches its source exactly (CASE exactMatchOf).
        ...(input.title !== node.title || input.description !== node.description ? { sourceUri: null, sourceIdentifier: null } : {}),
      })
      .where(eq(competencies.id, nodeId));
    await recordAudit(tx, {
      actorId,
      action: "framework.node_updated",
      entityType: "framework",
      entityId: frameworkId,
      data: { nodeId, before: { code: node.code, title: node.title, description: node.description, level: node.level, core: node.core, parentId: node.parentId }, after: { ...effective, parentId } },
    });
    return { ok: true, value: undefined };
  });
}

export async function deleteNode(db: Database, actorId: string, frameworkId: string, nodeId: string): Promise<Outcome> {
  return editFrameworkDraft(db, frameworkId, async (tx) => {
    const node = await nodeOf(tx, frameworkId, nodeId);
    if (!node) return refused(404, NOT_IN_VERSION);
    const [children] = await tx.select({ n: sql<number>`count(*)::int` }).from(competencies).where(eq(competencies.parentId, nodeId));
    if (children.n > 0) return refused(409, `Area ${node.code} still has ${children.n} competencies: move or delete them first`);
    const [mapped] = await tx.select({ n: sql<number>`count(*)::int` }).from(moduleMappings).where(eq(moduleMappings.competencyId, nodeId));
    if (mapped.n > 0) return refused(409, `${node.code} is mapped by ${mapped.n} course modules and cannot be deleted`);
    await tx.delete(competencies).where(eq(competencies.id, nodeId));
    await recordAudit(tx, { actorId, action: "framework.node_deleted", entityType: "framework", entityId: frameworkId, data: { nodeId, code: node.code, title: node.title } });
    return { ok: true, value: undefined };
  });
}

/** Swap a node with its previous or next sibling. */
export async function moveNode(db: Database, actorId: string, frameworkId: string, nodeId: string, direction: "up" | "down"): Promise<Outcome> {
  return editFrameworkDraft(db, frameworkId, async (tx) => {
    const node = await nodeOf(tx, frameworkId, nodeId);
    if (!node) return refused(404, NOT_IN_VERSION);
    const siblings = await tx
      .select()
      .from(competencies)
      .where(and(eq(competencies.frameworkId, frameworkId), node.parentId ? eq(competencies.parentId, node.parentId) : sql`${competencies.parentId} is null`))
      .orderBy(asc(competencies.position), asc(competencies.code));
    const moved = swapWithNeighbour(siblings, nodeId, direction);
    if (!moved) return { ok: true, value: undefined };
    for (const [position, s] of moved.entries()) {
      if (s.position !== position) await tx.update(competencies).set({ position }).where(eq(competencies.id, s.id));
    }
    await recordAudit(tx, { actorId, action: "framework.node_moved", entityType: "framework", entityId: frameworkId, data: { nodeId, code: node.code, direction } });
    return { ok: true, value: undefined };
  });
}

