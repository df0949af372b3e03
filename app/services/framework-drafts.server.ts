import { and, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { applications, competencies, frameworks } from "../../db/schema";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { attempt, ok, refuse, refused, Refusal, type Outcome, type Refused } from "~/domain/outcome";
import type { FrameworkNode, NodeContent } from "~/domain/case";
import type { ImportedFramework, ImportedNode } from "~/domain/case-import";
import { toNode } from "./framework.server";
import { openRemapTasks } from "./remap-open.server";
import { bumpDirectoryVersion } from "../../db/directory";
import { discardVersionDraft, draftInProgress, editVersionDraft, lockVersionDraft, type VersionKind } from "./version-editor.server";

// Serialises the allocation of version numbers and publishing, so two staff never create version N twice.
const FRAMEWORK_LOCK_KEY = 884_301;

async function nextVersion(tx: Database): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FRAMEWORK_LOCK_KEY})`);
  const [row] = await tx.select({ max: sql<number | null>`max(${frameworks.version})` }).from(frameworks);
  return (row?.max ?? 0) + 1;
}

/**
 * A new draft copied from the published version (or from `sourceId`). Every node gets a NEW identifier
 * and association identifier: ids name one version's item, and applications pinned to the source keep
 * pointing at the source's rows. The code is what carries a competency across versions. There is one draft
 * at a time: while one exists, asking for a new one leads to it (`created: false`, decision 057); the version
 * lock makes requests take turns, so fifty at once make one.
 */
export async function createDraft(db: Database, actorId: string, sourceId?: string): Promise<Outcome<{ id: string; version: number; created: boolean }>> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const existing = await draftInProgress(tx, frameworks);
    if (existing) return ok({ ...existing, created: false });
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
            ...contentOf(n),
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
    return ok({ id: draft.id, version, created: true });
  });
}

/** What a node says, as stored: the same columns whether it is copied from a version or imported. */
function contentOf(n: NodeContent): NodeContent {
  return { kind: n.kind, code: n.code, title: n.title, description: n.description, level: n.level, core: n.core, position: n.position, sourceUri: n.sourceUri, sourceIdentifier: n.sourceIdentifier, path: n.path };
}

/** The framework draft being written, if any (one at a time, decision 057). */
export function frameworkDraftInProgress(db: Database): Promise<{ id: string; version: number } | undefined> {
  return draftInProgress(db, frameworks);
}

/** What stands in the way of a new draft: the draft already in progress (one at a time, decision 057). */
export function draftInProgressRefusal(draft: { version: number }): Refused {
  return refused(409, `Draft version ${draft.version} is already in progress: publish or delete it before importing another`);
}

/**
 * Insert an imported CASE package as a new draft version (new ids; source uris and identifiers kept as provenance).
 * Refused while a draft is in progress, as a new draft is: under the version lock, so fifty imports at once make one.
 */
export async function createDraftFromImport(db: Database, actorId: string, imported: ImportedFramework, filename: string): Promise<Outcome<{ id: string; version: number }>> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const existing = await draftInProgress(tx, frameworks);
    if (existing) return draftInProgressRefusal(existing);
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
      ...contentOf(n),
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
    return ok({ id: draft.id, version });
  });
}

const FRAMEWORK_VERSIONS: VersionKind = {
  table: frameworks,
  pinnedBy: applications.frameworkId,
  entityType: "framework",
  words: {
    missing: "That framework version does not exist",
    notDraft: (status) => "Only a draft can be edited: this version is already " + status,
    pinned: "Applications use this version; it cannot be deleted",
  },
};

/** Refuses unless the version exists and is still a draft; locks its row for the rest of the transaction. */
function lockDraft(tx: Database, frameworkId: string): Promise<Refused | null> {
  return lockVersionDraft(tx, FRAMEWORK_VERSIONS, frameworkId);
}

/** One edit of a draft framework version, all or nothing (its row locked, refused unless it is still a draft). */
export function editFrameworkDraft<T>(db: Database, frameworkId: string, edit: (tx: Database) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  return editVersionDraft(db, FRAMEWORK_VERSIONS, frameworkId, edit);
}

export async function updateDetails(db: Database, actorId: string, frameworkId: string, input: { title: string; description: string }): Promise<Outcome> {
  return editFrameworkDraft(db, frameworkId, async (tx) => {
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
export async function publishFramework(db: Database, actorId: string, frameworkId: string): Promise<Outcome<{ retired: string | null; remapTasks: number }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${FRAMEWORK_LOCK_KEY})`);
      const blocked = await lockDraft(tx, frameworkId);
      if (blocked) throw new Refusal(blocked);
      const nodes = (await tx.select().from(competencies).where(eq(competencies.frameworkId, frameworkId))).map(toNode);
      const problems = publishProblems(nodes);
      if (problems.length > 0) refuse(409, `This draft cannot be published yet: ${problems.join(" ")}`);
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
      // Thrown, not returned: the transaction rolls back the retirement above with it.
      if (published.length === 0) refuse(409, "Someone else changed this version first: reload the page");
      await recordAudit(tx, {
        actorId,
        action: "framework.published",
        entityType: "framework",
        entityId: frameworkId,
        data: { version: published[0].version, retired: retired.map((r) => ({ id: r.id, version: r.version })) },
      });
      // Every accreditation mapped to an older version gets its re-mapping task in this same transaction.
      const remapTasks = await openRemapTasks(tx, actorId, frameworkId);
      // The directory labels its area facets with the published version's titles: its pages (and their cache) change.
      await bumpDirectoryVersion(tx);
      return { retired: retired[0]?.id ?? null, remapTasks };
    }),
  );
}

/** Discard a draft nobody has pinned. */
export function deleteDraft(db: Database, actorId: string, frameworkId: string): Promise<Outcome> {
  return discardVersionDraft(db, actorId, FRAMEWORK_VERSIONS, frameworkId);
}

