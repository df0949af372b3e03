/** Editing a draft's sections (trainers, courses, modules, declarations): each edit locks the application, checks it is still editable and records the section saved. */
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { applications, courseModules, courses, trainers, type Declarations } from "../../db/schema";
import { nextPosition } from "../../db/schema/columns";
import type { SessionUser } from "~/domain/policy";
import type { ApplicationStatus } from "~/domain/workflow";
import type {
  addCourseSchema,
  addModuleSchema,
  addTrainerSchema,
  declarationsSchema,
  updateCourseSchema,
  updateModuleSchema,
  updateTrainerSchema,
} from "~/domain/application-forms";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { attempt, CORRECT_FIELDS, refuse, type Outcome } from "~/domain/outcome";
import { CONFLICT_MESSAGE } from "./organisations.server";
import { swapWithNeighbour } from "~/domain/ordering";
import { changesNothing } from "~/domain/forms";


// ---- editing sections --------------------------------------------------------------------------

const EDITABLE: ApplicationStatus[] = ["draft", "changes_requested"];

/**
 * Inside an edit's transaction: the application must still be editable, and its row is locked (as an update of it
 * would lock it). The lock makes a concurrent submit wait for this edit (or this edit wait for the submit, then
 * refuse), and it is taken before the audit chain's lock in every transaction, so edits never deadlock. The edit
 * marks the application edited when it changes something (`sectionSaved`). Only a refusal reads again, to tell a
 * missing application from a submitted one.
 */
async function lockEditable(tx: Database, applicationId: string) {
  const [row] = await tx
    .select({ frameworkId: applications.frameworkId })
    .from(applications)
    .where(and(eq(applications.id, applicationId), inArray(applications.status, EDITABLE)))
    .for("no key update");
  if (row) return row;
  const [exists] = await tx.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
  if (!exists) refuse(404, "Not found");
  refuse(409, "This application has been submitted and can no longer be edited.");
}

/** One edit of a draft, all or nothing: one transaction, the application locked and still editable (its row handed on). */
export function editDraft<T>(db: Database, applicationId: string, edit: (tx: Database, application: Awaited<ReturnType<typeof lockEditable>>) => Promise<T>): Promise<Outcome<T>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const application = await lockEditable(tx, applicationId);
      return edit(tx, application);
    }),
  );
}

/**
 * An edit that changed something: the application marked edited now, and the edit on the record. An edit that changes
 * nothing (the same values again) calls neither, so it leaves both as they were; a refused one rolls them back.
 */
export async function sectionSaved(tx: Database, user: SessionUser, applicationId: string, section: string, data: Record<string, unknown> = {}) {
  await tx.update(applications).set({ updatedAt: now() }).where(eq(applications.id, applicationId));
  // A separate entity type keeps edits out of the status timeline while still on the record.
  await recordAudit(tx, { actorId: user.id, action: "application.section_saved", entityType: "application_section", entityId: applicationId, data: { section, ...data } });
}

/** Trainers and courses: rows of the application's own, added last, changed or removed at the version the form read. */
type SectionTable = typeof trainers | typeof courses;
const SECTION_TABLES = { trainers, courses } satisfies Record<string, SectionTable>;
type Section = keyof typeof SECTION_TABLES;
type SectionFields<S extends Section> = Omit<(typeof SECTION_TABLES)[S]["$inferInsert"], "id" | "applicationId" | "position" | "version">;

/** A list a row is named in (a trainer by name among the application's, a module by title among its course's…) and its field. */
type NamedIn = { table: SectionTable | typeof courseModules; label: AnyPgColumn; field: "name" | "title"; parent: SQL; where?: string };

const NAMED_IN: { [S in Section]: (applicationId: string) => NamedIn } = {
  trainers: (applicationId) => ({ table: trainers, label: trainers.name, field: "name", parent: eq(trainers.applicationId, applicationId) }),
  courses: (applicationId) => ({ table: courses, label: courses.title, field: "title", parent: eq(courses.applicationId, applicationId) }),
};
const moduleNamedIn = (courseId: string): NamedIn => ({ table: courseModules, label: courseModules.title, field: "title", parent: eq(courseModules.courseId, courseId), where: " in this course" });

/**
 * A trainer, a course or a module is listed once: the same name or title again in its list, whatever its case, is
 * refused next to the field (`selfId`, the row being saved, keeps its own). Called under the application's row lock
 * (editDraft), so identical additions sent at once take turns and the later ones find the first.
 */
async function refuseIfListed(tx: Database, list: NamedIn, value: string, selfId?: string) {
  const [clash] = await tx
    .select({ id: list.table.id })
    .from(list.table)
    .where(and(list.parent, sql`lower(${list.label}) = lower(${value})`, selfId ? ne(list.table.id, selfId) : undefined))
    .limit(1);
  if (clash) refuse(409, CORRECT_FIELDS, { [list.field]: `${value} is already listed${list.where ?? ""}` });
}

/** `label`: the name or title the row is listed by. */
function addSectionRow<S extends Section>(db: Database, user: SessionUser, applicationId: string, section: S, input: SectionFields<S>, label: string): Promise<Outcome<{ id: string }>> {
  const table: SectionTable = SECTION_TABLES[section];
  return editDraft(db, applicationId, async (tx) => {
    await refuseIfListed(tx, NAMED_IN[section](applicationId), label);
    const [{ position }] = await tx.select({ position: nextPosition(table.position) }).from(table).where(eq(table.applicationId, applicationId));
    const [row] = await tx.insert(table).values({ applicationId, ...input, position }).returning({ id: table.id });
    await sectionSaved(tx, user, applicationId, section, { added: row.id });
    return row;
  });
}

/** The row as the form read it: its id, its application and the version it was at. */
const rowAtVersion = (table: SectionTable, applicationId: string, id: string, version: number) =>
  and(eq(table.id, id), eq(table.applicationId, applicationId), eq(table.version, version));

function updateSectionRow<S extends Section>(db: Database, user: SessionUser, applicationId: string, section: S, id: string, version: number, fields: SectionFields<S>, label: string): Promise<Outcome> {
  const table: SectionTable = SECTION_TABLES[section];
  return editDraft(db, applicationId, async (tx) => {
    // Read under the application's row lock (editDraft); the update below still compares the version.
    const [stored] = await tx.select().from(table).where(rowAtVersion(table, applicationId, id, version));
    if (!stored) refuse(409, CONFLICT_MESSAGE);
    if (changesNothing(stored, fields)) return undefined;
    await refuseIfListed(tx, NAMED_IN[section](applicationId), label, id);
    const rows = await tx
      .update(table)
      .set({ ...fields, version: sql`${table.version} + 1` })
      .where(rowAtVersion(table, applicationId, id, version))
      .returning({ id: table.id });
    if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
    await sectionSaved(tx, user, applicationId, section, { updated: id });
    return undefined;
  });
}

function deleteSectionRow(db: Database, user: SessionUser, applicationId: string, section: Section, id: string, version: number): Promise<Outcome> {
  const table: SectionTable = SECTION_TABLES[section];
  return editDraft(db, applicationId, async (tx) => {
    const rows = await tx.delete(table).where(rowAtVersion(table, applicationId, id, version)).returning({ id: table.id });
    if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
    await sectionSaved(tx, user, applicationId, section, { removed: id });
    return undefined;
  });
}

export function addTrainer(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof addTrainerSchema>, "intent">): Promise<Outcome<{ id: string }>> {
  return addSectionRow(db, user, applicationId, "trainers", input, input.name);
}

export function updateTrainer(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof updateTrainerSchema>, "intent">): Promise<Outcome> {
  const { trainerId, version, ...fields } = input;
  return updateSectionRow(db, user, applicationId, "trainers", trainerId, version, fields, fields.name);
}

export function deleteTrainer(db: Database, user: SessionUser, applicationId: string, trainerId: string, version: number): Promise<Outcome> {
  return deleteSectionRow(db, user, applicationId, "trainers", trainerId, version);
}

export function addCourse(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof addCourseSchema>, "intent">): Promise<Outcome<{ id: string }>> {
  return addSectionRow(db, user, applicationId, "courses", input, input.title);
}

export function updateCourse(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof updateCourseSchema>, "intent">): Promise<Outcome> {
  const { courseId, version, ...fields } = input;
  return updateSectionRow(db, user, applicationId, "courses", courseId, version, fields, fields.title);
}

export function deleteCourse(db: Database, user: SessionUser, applicationId: string, courseId: string, version: number): Promise<Outcome> {
  return deleteSectionRow(db, user, applicationId, "courses", courseId, version);
}

/** Modules are reached only through a course of this application. */
export const moduleOfApplication = (applicationId: string) =>
  inArray(courseModules.courseId, sql`(select ${courses.id} from ${courses} where ${courses.applicationId} = ${applicationId})`);

export function addModule(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof addModuleSchema>, "intent">): Promise<Outcome> {
  const { courseId, ...fields } = input;
  return editDraft(db, applicationId, async (tx) => {
    const [course] = await tx.select({ id: courses.id }).from(courses).where(and(eq(courses.id, courseId), eq(courses.applicationId, applicationId))).for("update");
    if (!course) refuse(409, "That course no longer exists — reload to see the current courses.");
    await refuseIfListed(tx, moduleNamedIn(courseId), fields.title);
    const [{ position }] = await tx.select({ position: nextPosition(courseModules.position) }).from(courseModules).where(eq(courseModules.courseId, courseId));
    const [row] = await tx.insert(courseModules).values({ courseId, ...fields, position }).returning({ id: courseModules.id });
    await sectionSaved(tx, user, applicationId, "courses", { moduleAdded: row.id });
    return undefined;
  });
}

export function updateModule(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof updateModuleSchema>, "intent">): Promise<Outcome> {
  const { moduleId, version, ...fields } = input;
  return editDraft(db, applicationId, async (tx) => {
    const atVersion = and(eq(courseModules.id, moduleId), eq(courseModules.version, version), moduleOfApplication(applicationId));
    const [stored] = await tx.select().from(courseModules).where(atVersion);
    if (!stored) refuse(409, CONFLICT_MESSAGE);
    if (changesNothing(stored, fields)) return undefined;
    await refuseIfListed(tx, moduleNamedIn(stored.courseId), fields.title, moduleId);
    const rows = await tx
      .update(courseModules)
      .set({ ...fields, version: sql`${courseModules.version} + 1` })
      .where(atVersion)
      .returning({ id: courseModules.id });
    if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
    await sectionSaved(tx, user, applicationId, "courses", { moduleUpdated: moduleId });
    return undefined;
  });
}

export function deleteModule(db: Database, user: SessionUser, applicationId: string, moduleId: string, version: number): Promise<Outcome> {
  return editDraft(db, applicationId, async (tx) => {
    const rows = await tx
      .delete(courseModules)
      .where(and(eq(courseModules.id, moduleId), eq(courseModules.version, version), moduleOfApplication(applicationId)))
      .returning({ id: courseModules.id });
    if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
    await sectionSaved(tx, user, applicationId, "courses", { moduleRemoved: moduleId });
    return undefined;
  });
}

/** Swap a module with its neighbour; the course row is locked so two reorders cannot interleave. */
export function moveModule(db: Database, user: SessionUser, applicationId: string, moduleId: string, direction: "up" | "down"): Promise<Outcome> {
  return editDraft(db, applicationId, async (tx) => {
    const [mod] = await tx.select({ courseId: courseModules.courseId }).from(courseModules).where(and(eq(courseModules.id, moduleId), moduleOfApplication(applicationId)));
    if (!mod) refuse(409, "That module no longer exists — reload to see the current syllabus.");
    await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, mod.courseId)).for("update");
    const siblings = await tx.select({ id: courseModules.id }).from(courseModules).where(eq(courseModules.courseId, mod.courseId)).orderBy(asc(courseModules.position), asc(courseModules.title));
    const moved = swapWithNeighbour(siblings, moduleId, direction);
    if (!moved) return undefined;
    for (const [position, s] of moved.entries()) await tx.update(courseModules).set({ position }).where(eq(courseModules.id, s.id));
    await sectionSaved(tx, user, applicationId, "courses", { moduleMoved: moduleId, direction });
    return undefined;
  });
}
export function saveDeclarations(db: Database, user: SessionUser, applicationId: string, input: z.output<typeof declarationsSchema>): Promise<Outcome> {
  return editDraft(db, applicationId, async (tx) => {
    const declarations: Declarations = {
      accurate: input.accurate,
      codeOfConduct: input.codeOfConduct,
      dataProcessing: input.dataProcessing,
      signedBy: input.signedBy,
      signedAt: now().toISOString(),
    };
    const rows = await tx
      .update(applications)
      .set({ declarations, declarationsVersion: sql`${applications.declarationsVersion} + 1` })
      .where(and(eq(applications.id, applicationId), eq(applications.declarationsVersion, input.version)))
      .returning({ id: applications.id });
    if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
    await sectionSaved(tx, user, applicationId, "declarations", { signedBy: input.signedBy });
    return undefined;
  });
}

// ---- revisions ---------------------------------------------------------------------------------
