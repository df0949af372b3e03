import { and, asc, desc, eq, sql } from "drizzle-orm";
import { applications, rubricCriteria, rubrics } from "../../db/schema";
import { nextPosition } from "../../db/schema/columns";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { attempt, CORRECT_FIELDS, ok, refuse, refused, Refusal, type Outcome, type Refused } from "~/domain/outcome";
import { discardVersionDraft, draftInProgress, editVersionDraft, lockVersionDraft, type VersionKind } from "./version-editor.server";
import { swapWithNeighbour } from "~/domain/ordering";

// Serialises version numbering and publishing of rubrics.
const RUBRIC_LOCK_KEY = 884_302;

export type CriterionInput = { code: string; title: string; guidance: string; weight: number; descriptors: string[] };

export async function listRubrics(db: Database) {
  return db
    .select({
      rubric: rubrics,
      criteria: sql<number>`(select count(*)::int from ${rubricCriteria} c where c.rubric_id = "rubrics"."id")`,
      totalWeight: sql<string>`(select coalesce(sum(c.weight), 0) from ${rubricCriteria} c where c.rubric_id = "rubrics"."id")`,
      applications: sql<number>`(select count(*)::int from ${applications} a where a.rubric_id = "rubrics"."id")`,
    })
    .from(rubrics)
    .orderBy(desc(rubrics.version));
}

export async function getRubric(db: Database, id: string) {
  const [rubric] = await db.select().from(rubrics).where(eq(rubrics.id, id));
  if (!rubric) return null;
  const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, id)).orderBy(asc(rubricCriteria.position), asc(rubricCriteria.code));
  return { rubric, criteria };
}

/** What stops a rubric from being published: at least one criterion, positive weights, five descriptors each. */
export function rubricProblems(criteria: { code: string; weight: number; descriptors: string[] }[]): string[] {
  const problems: string[] = [];
  if (criteria.length === 0) problems.push("The rubric has no criteria.");
  for (const c of criteria) {
    if (!(c.weight > 0)) problems.push(`Criterion ${c.code} needs a weight above 0.`);
    if (c.descriptors.length !== 5 || c.descriptors.some((d) => !d.trim())) problems.push(`Criterion ${c.code} needs a descriptor for every score from 0 to 4.`);
  }
  return problems;
}

/** A new draft copied from the published rubric; one draft at a time, as for the framework (`createDraft`, decision 057). */
export async function createRubricDraft(db: Database, actorId: string): Promise<Outcome<{ id: string; version: number; created: boolean }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RUBRIC_LOCK_KEY})`);
    const existing = await draftInProgress(tx, rubrics);
    if (existing) return ok({ ...existing, created: false });
    const [max] = await tx.select({ v: sql<number | null>`max(${rubrics.version})` }).from(rubrics);
    const version = (max?.v ?? 0) + 1;
    const [source] = await tx.select().from(rubrics).where(eq(rubrics.status, "published"));
    const [draft] = await tx
      .insert(rubrics)
      .values({ version, title: source?.title ?? "Accreditation rubric", status: "draft", createdBy: actorId, createdAt: now() })
      .returning();
    const criteria = source ? await tx.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, source.id)) : [];
    if (criteria.length > 0) {
      await tx.insert(rubricCriteria).values(
        criteria.map((c) => ({ rubricId: draft.id, code: c.code, title: c.title, guidance: c.guidance, weight: c.weight, descriptors: c.descriptors, position: c.position })),
      );
    }
    await recordAudit(tx, { actorId, action: "rubric.draft_created", entityType: "rubric", entityId: draft.id, data: { version, copiedFromVersion: source?.version ?? null, criteria: criteria.length } });
    return ok({ id: draft.id, version, created: true });
  });
}

const RUBRIC_VERSIONS: VersionKind = {
  table: rubrics,
  pinnedBy: applications.rubricId,
  entityType: "rubric",
  words: {
    missing: "That rubric version does not exist",
    notDraft: (status) => `Only a draft can be edited: this version is ${status}`,
    pinned: "Applications use this rubric; it cannot be deleted",
  },
};

function lockDraft(tx: Database, rubricId: string): Promise<Refused | null> {
  return lockVersionDraft(tx, RUBRIC_VERSIONS, rubricId);
}

/** One edit of a draft rubric, all or nothing (its row locked, refused unless it is still a draft). */
function editRubricDraft<T>(db: Database, rubricId: string, edit: (tx: Database) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  return editVersionDraft(db, RUBRIC_VERSIONS, rubricId, edit);
}

async function codeTaken(tx: Database, rubricId: string, code: string, selfId?: string) {
  const [clash] = await tx
    .select({ id: rubricCriteria.id })
    .from(rubricCriteria)
    .where(and(eq(rubricCriteria.rubricId, rubricId), sql`lower(${rubricCriteria.code}) = lower(${code})`));
  return clash && clash.id !== selfId;
}

export async function addCriterion(db: Database, actorId: string, rubricId: string, input: CriterionInput): Promise<Outcome<{ id: string }>> {
  return editRubricDraft(db, rubricId, async (tx) => {
    if (await codeTaken(tx, rubricId, input.code)) return refused(400, CORRECT_FIELDS, { code: `Code ${input.code} is already used in this rubric` });
    const [pos] = await tx.select({ next: nextPosition(rubricCriteria.position) }).from(rubricCriteria).where(eq(rubricCriteria.rubricId, rubricId));
    const [row] = await tx.insert(rubricCriteria).values({ rubricId, ...input, position: pos.next }).returning({ id: rubricCriteria.id });
    await recordAudit(tx, { actorId, action: "rubric.criterion_added", entityType: "rubric", entityId: rubricId, data: { criterionId: row.id, ...input } });
    return { ok: true, value: { id: row.id } };
  });
}

export async function updateCriterion(db: Database, actorId: string, rubricId: string, criterionId: string, input: CriterionInput): Promise<Outcome> {
  return editRubricDraft(db, rubricId, async (tx) => {
    const [before] = await tx.select().from(rubricCriteria).where(and(eq(rubricCriteria.id, criterionId), eq(rubricCriteria.rubricId, rubricId)));
    if (!before) return refused(404, "That criterion is not in this rubric");
    if (await codeTaken(tx, rubricId, input.code, criterionId)) return refused(400, CORRECT_FIELDS, { code: `Code ${input.code} is already used in this rubric` });
    await tx.update(rubricCriteria).set(input).where(eq(rubricCriteria.id, criterionId));
    await recordAudit(tx, {
      actorId,
      action: "rubric.criterion_updated",
      entityType: "rubric",
      entityId: rubricId,
      data: { criterionId, before: { code: before.code, title: before.title, guidance: before.guidance, weight: before.weight, descriptors: before.descriptors }, after: input },
    });
    return { ok: true, value: undefined };
  });
}

export async function deleteCriterion(db: Database, actorId: string, rubricId: string, criterionId: string): Promise<Outcome> {
  return editRubricDraft(db, rubricId, async (tx) => {
    const [gone] = await tx.delete(rubricCriteria).where(and(eq(rubricCriteria.id, criterionId), eq(rubricCriteria.rubricId, rubricId))).returning();
    if (!gone) return refused(404, "That criterion is not in this rubric");
    await recordAudit(tx, { actorId, action: "rubric.criterion_deleted", entityType: "rubric", entityId: rubricId, data: { criterionId, code: gone.code } });
    return { ok: true, value: undefined };
  });
}

export async function moveCriterion(db: Database, actorId: string, rubricId: string, criterionId: string, direction: "up" | "down"): Promise<Outcome> {
  return editRubricDraft(db, rubricId, async (tx) => {
    const list = await tx.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, rubricId)).orderBy(asc(rubricCriteria.position), asc(rubricCriteria.code));
    if (!list.some((c) => c.id === criterionId)) return refused(404, "That criterion is not in this rubric");
    const moved = swapWithNeighbour(list, criterionId, direction);
    if (!moved) return { ok: true, value: undefined };
    for (const [position, c] of moved.entries()) if (c.position !== position) await tx.update(rubricCriteria).set({ position }).where(eq(rubricCriteria.id, c.id));
    await recordAudit(tx, { actorId, action: "rubric.criterion_moved", entityType: "rubric", entityId: rubricId, data: { criterionId, direction } });
    return { ok: true, value: undefined };
  });
}

export async function updateRubricTitle(db: Database, actorId: string, rubricId: string, title: string): Promise<Outcome> {
  return editRubricDraft(db, rubricId, async (tx) => {
    await tx.update(rubrics).set({ title }).where(eq(rubrics.id, rubricId));
    await recordAudit(tx, { actorId, action: "rubric.details_updated", entityType: "rubric", entityId: rubricId, data: { title } });
    return { ok: true, value: undefined };
  });
}

/** Publish a draft rubric; the published one is retired in the same transaction. Applications keep theirs. */
export async function publishRubric(db: Database, actorId: string, rubricId: string): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RUBRIC_LOCK_KEY})`);
      const blocked = await lockDraft(tx, rubricId);
      if (blocked) throw new Refusal(blocked);
      const criteria = await tx.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, rubricId));
      const problems = rubricProblems(criteria);
      if (problems.length > 0) refuse(409, `This rubric cannot be published yet: ${problems.join(" ")}`);
      const retired = await tx.update(rubrics).set({ status: "retired" }).where(eq(rubrics.status, "published")).returning({ id: rubrics.id, version: rubrics.version });
      const published = await tx
        .update(rubrics)
        .set({ status: "published", publishedAt: now() })
        .where(and(eq(rubrics.id, rubricId), eq(rubrics.status, "draft")))
        .returning({ version: rubrics.version });
      // Thrown, not returned: the transaction rolls back the retirement above with it.
      if (published.length === 0) refuse(409, "Someone else changed this rubric first: reload the page");
      await recordAudit(tx, { actorId, action: "rubric.published", entityType: "rubric", entityId: rubricId, data: { version: published[0].version, retired } });
      return undefined;
    }),
  );
}

export function deleteRubricDraft(db: Database, actorId: string, rubricId: string): Promise<Outcome> {
  return discardVersionDraft(db, actorId, RUBRIC_VERSIONS, rubricId);
}
