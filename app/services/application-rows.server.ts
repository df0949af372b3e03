/**
 * The rows an application holds, read the same way wherever they are shown (the provider's application, the
 * reviewer's and staff's coverage): its courses in order, their modules, and each module's mappings with the
 * competency mapped to. The caller picks the columns; every join is inner, so each column reads as its own type.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { competencies, courseModules, courses, moduleMappings } from "../../db/schema";
import { innerJoinedRows } from "../../db/client.server";
import type { Database } from "./db.server";

/** The application's courses, in the provider's order. */
export function coursesOfApplication(db: Database, applicationId: string) {
  return db.select().from(courses).where(eq(courses.applicationId, applicationId)).orderBy(asc(courses.position), asc(courses.title));
}

/** The modules of the application's courses, in the provider's order. */
export async function modulesOfApplication<T extends SelectedFields>(db: Database, applicationId: string, fields: T) {
  const rows = await db
    .select(fields as SelectedFields)
    .from(courseModules)
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .where(eq(courses.applicationId, applicationId))
    .orderBy(asc(courseModules.position), asc(courseModules.title));
  return innerJoinedRows<T>(rows);
}

/** Every mapping of the application's modules (or those `which` keeps), with the competency it maps to, by competency code. */
export async function mappingsOfApplication<T extends SelectedFields>(db: Database, applicationId: string, fields: T, which?: SQL) {
  const rows = await db
    .select(fields as SelectedFields)
    .from(moduleMappings)
    .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
    .where(and(eq(courses.applicationId, applicationId), which))
    .orderBy(asc(competencies.code));
  return innerJoinedRows<T>(rows);
}

/** The ids of the application's mappings, as a subquery (`inArray(x.mappingId, mappingIdsOf(id))`): one statement however many. */
export function mappingIdsOf(applicationId: string): SQL {
  return sql`(select mm.id from ${moduleMappings} mm join ${courseModules} m on m.id = mm.module_id join ${courses} c on c.id = m.course_id where c.application_id = ${applicationId})`;
}

/** Each application's competency areas (the parents of the competencies its modules map to), once each: what reviewers' expertise is matched against. */
export function competencyAreasOf(db: Database, applicationIds: string[]) {
  return db
    .selectDistinct({ applicationId: courses.applicationId, code: sql<string>`area.code` })
    .from(moduleMappings)
    .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
    .innerJoin(sql`competencies as area`, sql`area.id = ${competencies.parentId}`)
    .where(inArray(courses.applicationId, applicationIds));
}
