/** The syllabus mapping: the framework's competencies to choose from, and each module's mapped competencies with their depth. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { competencies, courseModules, courses, moduleMappings } from "../../db/schema";
import type { SessionUser } from "~/domain/policy";
import type { Depth, Level } from "~/domain/coverage";
import type { addMappingSchema } from "~/domain/application-forms";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { refuse, type Outcome } from "~/domain/outcome";
import { editDraft, moduleOfApplication, sectionSaved } from "./application-sections.server";


/** The framework's competencies (not areas) in framework order, with their area's code and title. */
export async function frameworkCompetencies(db: Database, frameworkId: string) {
  // Only what the page shows: not the search vector, the CASE identifiers or the path, which a framework has per row.
  const rows = await db
    .select({
      id: competencies.id,
      kind: competencies.kind,
      parentId: competencies.parentId,
      code: competencies.code,
      title: competencies.title,
      description: competencies.description,
      level: competencies.level,
      core: competencies.core,
      position: competencies.position,
    })
    .from(competencies)
    .where(eq(competencies.frameworkId, frameworkId))
    .orderBy(asc(competencies.position), asc(competencies.code));
  const areas = new Map(rows.filter((r) => r.kind === "area").map((a) => [a.id, a]));
  const areaOrder = (id: string | null) => (id && areas.get(id) ? areas.get(id)!.position : Number.MAX_SAFE_INTEGER);
  return rows
    .filter((r) => r.kind === "competency")
    .sort((a, b) => areaOrder(a.parentId) - areaOrder(b.parentId) || a.position - b.position || a.code.localeCompare(b.code))
    .map((c) => ({
      id: c.id,
      code: c.code,
      title: c.title,
      description: c.description,
      level: c.level as Level | null,
      core: c.core,
      area: c.parentId && areas.get(c.parentId) ? { code: areas.get(c.parentId)!.code, title: areas.get(c.parentId)!.title } : null,
    }));
}

export function addMapping(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof addMappingSchema>, "intent">): Promise<Outcome> {
  return editDraft(db, applicationId, async (tx, app) => {
    // Both checks at once: on one connection, postgres.js sends the second without waiting for the first's answer.
    const [[mod], [competency]] = await Promise.all([
      tx.select({ id: courseModules.id }).from(courseModules).where(and(eq(courseModules.id, input.moduleId), moduleOfApplication(applicationId))),
      tx
        .select({ id: competencies.id, code: competencies.code })
        .from(competencies)
        .where(and(eq(competencies.id, input.competencyId), eq(competencies.frameworkId, app.frameworkId), eq(competencies.kind, "competency"))),
    ]);
    if (!mod) refuse(409, "That module no longer exists — reload to see the current syllabus.");
    if (!competency) refuse(400, "Choose a competency of the framework this application uses.", { competencyId: "Choose a competency from the list" });
    const rows = await tx
      .insert(moduleMappings)
      .values({ moduleId: input.moduleId, competencyId: input.competencyId, depth: input.depth, fromSuggestion: input.fromSuggestion, createdAt: now() })
      .onConflictDoNothing()
      .returning({ id: moduleMappings.id });
    if (rows.length === 0) refuse(409, `${competency.code} is already mapped to this module — change its depth instead.`);
    await sectionSaved(tx, user, applicationId, "mapping", { moduleId: input.moduleId, competency: competency.code, depth: input.depth, fromSuggestion: input.fromSuggestion });
    return undefined;
  });
}

const mappingOfApplication = (applicationId: string) =>
  inArray(
    moduleMappings.moduleId,
    sql`(select ${courseModules.id} from ${courseModules} join ${courses} on ${courses.id} = ${courseModules.courseId} where ${courses.applicationId} = ${applicationId})`,
  );

export function setMappingDepth(db: Database, user: SessionUser, applicationId: string, mappingId: string, depth: Depth): Promise<Outcome> {
  return editDraft(db, applicationId, async (tx) => {
    const [mapping] = await tx.select({ depth: moduleMappings.depth }).from(moduleMappings).where(and(eq(moduleMappings.id, mappingId), mappingOfApplication(applicationId)));
    if (!mapping) refuse(409, "That mapping was removed by someone else — reload to see the current mapping.");
    // The same depth again (a double click; fifty identical requests take turns on the application's row lock) answers
    // as saved and is not recorded again (decision 057).
    if (mapping.depth === depth) return undefined;
    await tx.update(moduleMappings).set({ depth }).where(eq(moduleMappings.id, mappingId));
    await sectionSaved(tx, user, applicationId, "mapping", { mappingId, depth });
    return undefined;
  });
}

export function deleteMapping(db: Database, user: SessionUser, applicationId: string, mappingId: string): Promise<Outcome> {
  return editDraft(db, applicationId, async (tx) => {
    const rows = await tx.delete(moduleMappings).where(and(eq(moduleMappings.id, mappingId), mappingOfApplication(applicationId))).returning({ id: moduleMappings.id });
    if (rows.length === 0) refuse(409, "That mapping was already removed — reload to see the current mapping.");
    await sectionSaved(tx, user, applicationId, "mapping", { removed: mappingId });
    return undefined;
  });
}
