/**
 * Copying accredited courses into a new application, with their modules and mappings: a renewal copies the
 * whole current scope (decision 040), a delta review the courses a material change touches (decision 045).
 */
import { asc, eq, inArray } from "drizzle-orm";
import { courseModules, courses, moduleMappings } from "../../db/schema";
import type { ScopeCombination } from "~/domain/scope-changes";
import type { Database } from "./db.server";

/**
 * The languages and delivery modes each course of the scope holds today: an approved scope change or
 * extension is in the scope, not in the application first accredited, and a course reduced away is gone.
 */
function scopeByCourse(scope: ScopeCombination[]) {
  const out = new Map<string, { languages: string[]; modes: string[] }>();
  for (const e of scope) {
    const held = out.get(e.courseId) ?? { languages: [], modes: [] };
    if (!held.languages.includes(e.language)) held.languages.push(e.language);
    if (!held.modes.includes(e.mode)) held.modes.push(e.mode);
    out.set(e.courseId, held);
  }
  return out;
}

/**
 * Copy the courses of `scope` (in scope order, each with the languages and modes the scope holds for it)
 * into application `toId`. Mappings follow `competencyIdFor`; one it maps to null is dropped. `revises`
 * marks each copy with the accredited course it revises (a delta review replaces that course's scope).
 */
export async function copyScopeCourses(
  tx: Database,
  scope: ScopeCombination[],
  toId: string,
  options: { competencyIdFor?: (id: string) => string | null; revises?: boolean } = {},
) {
  const competencyIdFor = options.competencyIdFor ?? ((id: string) => id);
  const held = scopeByCourse(scope);
  const scopeOrder = [...held.keys()];
  const oldCourses = scopeOrder.length === 0 ? [] : (await tx.select().from(courses).where(inArray(courses.id, scopeOrder))).sort((a, b) => scopeOrder.indexOf(a.id) - scopeOrder.indexOf(b.id));
  let moduleCount = 0;
  let mappingCount = 0;
  let droppedMappings = 0;
  for (const [position, { id: oldCourseId, applicationId: _a, version: _v, revisesCourseId: _r, ...course }] of oldCourses.entries()) {
    const { languages, modes } = held.get(oldCourseId)!;
    const [newCourse] = await tx
      .insert(courses)
      .values({ ...course, languages, deliveryModes: modes, position, applicationId: toId, revisesCourseId: options.revises ? oldCourseId : null })
      .returning({ id: courses.id });
    const oldModules = await tx.select().from(courseModules).where(eq(courseModules.courseId, oldCourseId)).orderBy(asc(courseModules.position));
    for (const { id: oldModuleId, courseId: _c, version: _mv, ...module } of oldModules) {
      const [newModule] = await tx.insert(courseModules).values({ ...module, courseId: newCourse.id }).returning({ id: courseModules.id });
      moduleCount += 1;
      const oldMappings = await tx.select().from(moduleMappings).where(eq(moduleMappings.moduleId, oldModuleId));
      const kept = oldMappings.flatMap((m) => {
        const competencyId = competencyIdFor(m.competencyId);
        if (!competencyId) {
          droppedMappings += 1;
          return [];
        }
        return [{ moduleId: newModule.id, competencyId, depth: m.depth, fromSuggestion: m.fromSuggestion }];
      });
      if (kept.length) await tx.insert(moduleMappings).values(kept).onConflictDoNothing();
      mappingCount += kept.length;
    }
  }
  return { courses: oldCourses.length, modules: moduleCount, mappings: mappingCount, droppedMappings };
}
