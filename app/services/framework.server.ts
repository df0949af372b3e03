import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { applications, competencies, frameworks, moduleMappings, organisations } from "../../db/schema";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { CORRECT_FIELDS, refused, type Outcome, type Refused } from "~/domain/outcome";
import type { FrameworkNode, FrameworkVersion, Level } from "~/domain/case";
import type { ImportedFramework, ImportedNode } from "~/domain/case-import";
import { diffFrameworks, type FrameworkDiff } from "~/domain/framework-diff";

// Serialises the allocation of version numbers and publishing, so two staff never create version N twice.
const FRAMEWORK_LOCK_KEY = 884_301;

export type FrameworkSummary = FrameworkVersion & { competencyCount: number; areaCount: number; applicationCount: number };

export async function listFrameworks(db: Database): Promise<FrameworkSummary[]> {
  const rows = await db
    .select({
      fw: frameworks,
      competencyCount: sql<number>`(select count(*)::int from ${competencies} c where c.framework_id = "frameworks"."id" and c.kind = 'competency')`,
      areaCount: sql<number>`(select count(*)::int from ${competencies} c where c.framework_id = "frameworks"."id" and c.kind = 'area')`,
      // Qualified by hand: drizzle leaves a single-table query's columns unqualified, which inside the
      // subquery would resolve to the subquery's own table.
      applicationCount: sql<number>`(select count(*)::int from ${applications} a where a.framework_id = "frameworks"."id")`,
    })
    .from(frameworks)
    .orderBy(desc(frameworks.version));
  return rows.map((r) => ({ ...toVersion(r.fw), competencyCount: r.competencyCount, areaCount: r.areaCount, applicationCount: r.applicationCount }));
}

function toVersion(fw: typeof frameworks.$inferSelect): FrameworkVersion {
  return {
    id: fw.id,
    version: fw.version,
    title: fw.title,
    description: fw.description,
    status: fw.status,
    sourceUri: fw.sourceUri,
    sourceIdentifier: fw.sourceIdentifier,
    createdAt: fw.createdAt,
    publishedAt: fw.publishedAt,
    retiredAt: fw.retiredAt,
  };
}

function toNode(c: typeof competencies.$inferSelect): FrameworkNode {
  return {
    id: c.id,
    parentId: c.parentId,
    kind: c.kind,
    code: c.code,
    title: c.title,
    description: c.description,
    level: c.level,
    core: c.core,
    position: c.position,
    sourceUri: c.sourceUri,
    sourceIdentifier: c.sourceIdentifier,
    path: c.path,
    parentAssociationId: c.parentAssociationId,
  };
}

export async function getFramework(db: Database, id: string): Promise<{ framework: FrameworkVersion; nodes: FrameworkNode[] } | null> {
  const [fw] = await db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!fw) return null;
  const rows = await db
    .select()
    .from(competencies)
    .where(eq(competencies.frameworkId, id))
    .orderBy(asc(competencies.position), asc(competencies.code));
  return { framework: toVersion(fw), nodes: rows.map(toNode) };
}

export async function publishedFramework(db: Database): Promise<FrameworkVersion | null> {
  const [fw] = await db.select().from(frameworks).where(eq(frameworks.status, "published"));
  return fw ? toVersion(fw) : null;
}

async function nextVersion(tx: Database): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FRAMEWORK_LOCK_KEY})`);
  const [row] = await tx.select({ max: sql<number | null>`max(${frameworks.version})` }).from(frameworks);
  return (row?.max ?? 0) + 1;
}

/**
 * A new draft copied from the published version (or from `sourceId`). Every node gets a NEW identifier
 * and association identifier: ids name one version's item, and applications pinned to the source keep
 * pointing at the source's rows. The code is what carries a competency across versions.
 */
export async function createDraft(db: Database, actorId: string, sourceId?: string): Promise<Outcome<{ id: string; version: number }>> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const [source] = sourceId
      ? await tx.select().from(frameworks).where(eq(frameworks.id, sourceId))
      : await tx.select().from(frameworks).where(eq(frameworks.status, "published"));
    if (sourceId && !source) return refused(404, "That framework version does not exist");
    const [draft] = await tx
      .insert(frameworks)
      .values({
        version,
        title: source?.title ?? "Competency framework",
        description: source?.description ?? "",
        status: "draft",
        // A copy is the portal's own version: it has no source of its own, its items keep theirs.
        sourceUri: null,
        createdBy: actorId,
        createdAt: now(),
      })
      .returning();
    let copied = 0;
    if (source) {
      const nodes = await tx.select().from(competencies).where(eq(competencies.frameworkId, source.id));
      const newId = new Map(nodes.map((n) => [n.id, randomUUID()]));
      if (nodes.length > 0) {
        await tx.insert(competencies).values(
          nodes.map((n) => ({
            id: newId.get(n.id)!,
            frameworkId: draft.id,
            parentId: n.parentId ? (newId.get(n.parentId) ?? null) : null,
            kind: n.kind,
            code: n.code,
            title: n.title,
            description: n.description,
            level: n.level,
            core: n.core,
            position: n.position,
            sourceUri: n.sourceUri,
            sourceIdentifier: n.sourceIdentifier,
            path: n.path,
            parentAssociationId: randomUUID(),
          })),
        );
      }
      copied = nodes.length;
    }
    await recordAudit(tx, {
      actorId,
      action: "framework.draft_created",
      entityType: "framework",
      entityId: draft.id,
      data: { version, copiedFrom: source?.id ?? null, copiedFromVersion: source?.version ?? null, nodes: copied },
    });
    return { ok: true, value: { id: draft.id, version } };
  });
}

/** Insert an imported CASE package as a new draft version (new ids; source uris and identifiers kept as provenance). */
export async function createDraftFromImport(db: Database, actorId: string, imported: ImportedFramework, filename: string): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const [draft] = await tx
      .insert(frameworks)
      .values({
        version,
        title: imported.title,
        description: imported.description,
        status: "draft",
        sourceUri: imported.sourceUri,
        sourceIdentifier: imported.sourceIdentifier,
        createdBy: actorId,
        createdAt: now(),
      })
      .returning();
    const row = (n: ImportedNode, parentId: string | null) => ({
      id: randomUUID(),
      frameworkId: draft.id,
      parentId,
      kind: n.kind,
      code: n.code,
      title: n.title,
      description: n.description,
      level: n.level,
      core: n.core,
      position: n.position,
      sourceUri: n.sourceUri,
      sourceIdentifier: n.sourceIdentifier,
      path: n.path,
    });
    const rows: (typeof competencies.$inferInsert)[] = [];
    for (const area of imported.areas) {
      const areaRow = row(area, null);
      rows.push(areaRow, ...area.children.map((c) => row(c, areaRow.id)));
    }
    if (rows.length > 0) await tx.insert(competencies).values(rows);
    await recordAudit(tx, {
      actorId,
      action: "framework.imported",
      entityType: "framework",
      entityId: draft.id,
      data: { version, filename, sourceUri: imported.sourceUri, areas: imported.areas.length, competencies: rows.length - imported.areas.length, ...imported.summary },
    });
    return { id: draft.id, version };
  });
}

async function lockDraft(tx: Database, frameworkId: string): Promise<Refused | null> {
  const [fw] = await tx.select({ status: frameworks.status }).from(frameworks).where(eq(frameworks.id, frameworkId)).for("no key update");
  if (!fw) return refused(404, "That framework version does not exist");
  if (fw.status !== "draft") return refused(409, "Only a draft can be edited: this version is already " + fw.status);
  return null;
}

export type NodeInput = {
  kind: "area" | "competency";
  parentId: string | null;
  code: string;
  title: string;
  description: string;
  level: Level | null;
  core: boolean;
};

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
  return db.transaction(async (tx) => {
    const blocked = (await lockDraft(tx, frameworkId)) ?? (await checkNode(tx, frameworkId, input));
    if (blocked) return blocked;
    const parentId = input.kind === "area" ? null : input.parentId;
    const [pos] = await tx
      .select({ next: sql<number>`coalesce(max(${competencies.position}) + 1, 0)::int` })
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
  return db.transaction(async (tx) => {
    const blocked = await lockDraft(tx, frameworkId);
    if (blocked) return blocked;
    const [node] = await tx.select().from(competencies).where(and(eq(competencies.id, nodeId), eq(competencies.frameworkId, frameworkId)));
    if (!node) return refused(404, "That item is not in this version");
    const effective: NodeInput = { ...input, kind: node.kind };
    const invalid = await checkNode(tx, frameworkId, effective, nodeId);
    if (invalid) return invalid;
    const parentId = node.kind === "area" ? null : effective.parentId;
    const moved = parentId !== node.parentId;
    let position = node.position;
    if (moved) {
      const [pos] = await tx
        .select({ next: sql<number>`coalesce(max(${competencies.position}) + 1, 0)::int` })
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
  return db.transaction(async (tx) => {
    const blocked = await lockDraft(tx, frameworkId);
    if (blocked) return blocked;
    const [node] = await tx.select().from(competencies).where(and(eq(competencies.id, nodeId), eq(competencies.frameworkId, frameworkId)));
    if (!node) return refused(404, "That item is not in this version");
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
  return db.transaction(async (tx) => {
    const blocked = await lockDraft(tx, frameworkId);
    if (blocked) return blocked;
    const [node] = await tx.select().from(competencies).where(and(eq(competencies.id, nodeId), eq(competencies.frameworkId, frameworkId)));
    if (!node) return refused(404, "That item is not in this version");
    const siblings = await tx
      .select()
      .from(competencies)
      .where(and(eq(competencies.frameworkId, frameworkId), node.parentId ? eq(competencies.parentId, node.parentId) : sql`${competencies.parentId} is null`))
      .orderBy(asc(competencies.position), asc(competencies.code));
    const index = siblings.findIndex((s) => s.id === nodeId);
    const swapWith = direction === "up" ? index - 1 : index + 1;
    if (swapWith < 0 || swapWith >= siblings.length) return { ok: true, value: undefined };
    [siblings[index], siblings[swapWith]] = [siblings[swapWith], siblings[index]];
    // Renumber all siblings, so gaps or ties left by earlier edits disappear.
    for (const [position, s] of siblings.entries()) {
      if (s.position !== position) await tx.update(competencies).set({ position }).where(eq(competencies.id, s.id));
    }
    await recordAudit(tx, { actorId, action: "framework.node_moved", entityType: "framework", entityId: frameworkId, data: { nodeId, code: node.code, direction } });
    return { ok: true, value: undefined };
  });
}

export async function updateDetails(db: Database, actorId: string, frameworkId: string, input: { title: string; description: string }): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const blocked = await lockDraft(tx, frameworkId);
    if (blocked) return blocked;
    await tx.update(frameworks).set(input).where(eq(frameworks.id, frameworkId));
    await recordAudit(tx, { actorId, action: "framework.details_updated", entityType: "framework", entityId: frameworkId, data: input });
    return { ok: true, value: undefined };
  });
}

/** What would stop a draft from being published; empty when it can be. */
export function publishProblems(nodes: FrameworkNode[]): string[] {
  const problems: string[] = [];
  const areas = nodes.filter((n) => n.kind === "area");
  const items = nodes.filter((n) => n.kind === "competency");
  if (items.length === 0) problems.push("The framework has no competencies.");
  for (const area of areas) {
    if (!items.some((c) => c.parentId === area.id)) problems.push(`Area ${area.code} has no competencies.`);
  }
  for (const c of items) if (!c.level) problems.push(`Competency ${c.code} has no level.`);
  return problems;
}

/**
 * Publish a draft: the published version (if any) becomes retired in the same transaction, so there is
 * never more than one published version (also guaranteed by a partial unique index). Applications keep
 * the framework_id they were created with.
 */
export async function publishFramework(db: Database, actorId: string, frameworkId: string): Promise<Outcome<{ retired: string | null }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FRAMEWORK_LOCK_KEY})`);
    const blocked = await lockDraft(tx, frameworkId);
    if (blocked) return blocked;
    const nodes = (await tx.select().from(competencies).where(eq(competencies.frameworkId, frameworkId))).map(toNode);
    const problems = publishProblems(nodes);
    if (problems.length > 0) return refused(409, `This draft cannot be published yet: ${problems.join(" ")}`);
    const at = now();
    const retired = await tx
      .update(frameworks)
      .set({ status: "retired", retiredAt: at })
      .where(eq(frameworks.status, "published"))
      .returning({ id: frameworks.id, version: frameworks.version });
    const published = await tx
      .update(frameworks)
      .set({ status: "published", publishedAt: at })
      .where(and(eq(frameworks.id, frameworkId), eq(frameworks.status, "draft")))
      .returning({ version: frameworks.version });
    if (published.length === 0) return refused(409, "Someone else changed this version first: reload the page");
    await recordAudit(tx, {
      actorId,
      action: "framework.published",
      entityType: "framework",
      entityId: frameworkId,
      data: { version: published[0].version, retired: retired.map((r) => ({ id: r.id, version: r.version })) },
    });
    return { ok: true, value: { retired: retired[0]?.id ?? null } };
  });
}

/** Discard a draft nobody has pinned. */
export async function deleteDraft(db: Database, actorId: string, frameworkId: string): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const blocked = await lockDraft(tx, frameworkId);
    if (blocked) return blocked;
    const [pinned] = await tx.select({ n: sql<number>`count(*)::int` }).from(applications).where(eq(applications.frameworkId, frameworkId));
    if (pinned.n > 0) return refused(409, "Applications use this version; it cannot be deleted");
    const [fw] = await tx.delete(frameworks).where(eq(frameworks.id, frameworkId)).returning({ version: frameworks.version });
    await recordAudit(tx, { actorId, action: "framework.draft_deleted", entityType: "framework", entityId: frameworkId, data: { version: fw.version } });
    return { ok: true, value: undefined };
  });
}

export async function diffVersions(db: Database, fromId: string, toId: string): Promise<{ from: FrameworkVersion; to: FrameworkVersion; diff: FrameworkDiff } | null> {
  const [from, to] = await Promise.all([getFramework(db, fromId), getFramework(db, toId)]);
  if (!from || !to) return null;
  return { from: from.framework, to: to.framework, diff: diffFrameworks(from.nodes, to.nodes) };
}

/** Which framework version each of these applications pinned (for pages that show it). */
export async function pinnedVersions(db: Database, applicationIds: string[]): Promise<Map<string, number>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .select({ id: applications.id, version: frameworks.version })
    .from(applications)
    .innerJoin(frameworks, eq(frameworks.id, applications.frameworkId))
    .where(inArray(applications.id, applicationIds));
  return new Map(rows.map((r) => [r.id, r.version]));
}

/** The applications written against one framework version, newest first (for the staff version page). */
export async function applicationsPinnedTo(db: Database, frameworkId: string, limit = 100) {
  return db
    .select({ id: applications.id, status: applications.status, kind: applications.kind, createdAt: applications.createdAt, organisation: organisations.displayName })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.frameworkId, frameworkId))
    .orderBy(desc(applications.createdAt))
    .limit(limit);
}
