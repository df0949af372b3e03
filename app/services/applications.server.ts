import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  accreditations,
  applicationRevisions,
  applications,
  auditEvents,
  changeRequests,
  competencies,
  courseModules,
  courses,
  documents,
  frameworks,
  mappingDisputes,
  moduleMappings,
  organisationMembers,
  organisations,
  rubrics,
  trainers,
  userRoles,
  users,
  type Declarations,
} from "../../db/schema";
import { can, membershipOf, type SessionUser } from "~/domain/policy";
import type { ApplicationStatus } from "~/domain/workflow";
import { missingItems, sectionProgress, type CompletenessInput, type MissingItem } from "~/domain/completeness";
import type { Depth, Level } from "~/domain/coverage";
import { canStartRenewal, daysUntil, effectiveStatus, isoDate } from "~/domain/accreditation";
import type {
  addCourseSchema,
  addMappingSchema,
  addModuleSchema,
  addTrainerSchema,
  declarationsSchema,
  updateCourseSchema,
  updateModuleSchema,
  updateTrainerSchema,
} from "~/domain/application-forms";
import { config } from "~/config.server";
import { db, type Database } from "./db.server";
import { notFound, requireUser } from "./request.server";
import { recordAudit } from "./audit.server";
import { moveApplication } from "./transition.server";
import { now } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { attempt, refuse, refused, Refusal, type Outcome, type Refused } from "~/domain/outcome";
import { CONFLICT_MESSAGE } from "./organisations.server";
import { excludingDisputeOf } from "./disputes.server";
import { isUuid } from "~/domain/forms";

export type ApplicationRow = typeof applications.$inferSelect;

// ---- finding an application -------------------------------------------------------------------

/** The application, only if the user is a member of its organisation (anyone else: null → 404). */
export async function findApplicationForMember(db: Database, user: SessionUser, applicationId: string) {
  const orgIds = user.memberships.map((m) => m.organisationId);
  if (orgIds.length === 0 || !isUuid(applicationId)) return null;
  const [row] = await db
    .select({ application: applications, organisation: organisations })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(applications.id, applicationId), inArray(applications.organisationId, orgIds)));
  return row ?? null;
}

export async function publishedVersions(db: Database) {
  const [framework] = await db.select().from(frameworks).where(eq(frameworks.status, "published"));
  const [rubric] = await db.select().from(rubrics).where(eq(rubrics.status, "published"));
  return { framework: framework ?? null, rubric: rubric ?? null };
}

/** A new draft, pinned to the framework and rubric published today. */
export async function startApplication(db: Database, user: SessionUser, organisationId: string): Promise<Outcome<{ id: string }>> {
  if (!membershipOf(user, organisationId)) return refused(404, "Not found");
  const { framework, rubric } = await publishedVersions(db);
  if (!framework) return refused(409, "The foundation has not published a competency framework yet, so applications cannot start. Try again later.");
  return attempt(() =>
    db.transaction(async (tx) => {
      const at = now();
      const [row] = await tx
        .insert(applications)
        .values({ organisationId, frameworkId: framework.id, rubricId: rubric?.id ?? null, createdBy: user.id, createdAt: at, updatedAt: at })
        .returning({ id: applications.id });
      await recordAudit(tx, { actorId: user.id, action: "application.created", entityType: "application", entityId: row.id, data: { organisationId, frameworkVersion: framework.version } });
      return row;
    }),
  );
}

// ---- reading everything an application holds ---------------------------------------------------

export type MappingView = {
  id: string;
  competencyId: string;
  code: string;
  title: string;
  depth: Depth;
  fromSuggestion: boolean;
  /** An open or upheld dispute keeps the mapping out of coverage. */
  disputed: boolean;
  /** Staff's reasons for upholding disputes of this mapping: what the provider should fix. */
  upheldNotes: string[];
};
export type ModuleView = typeof courseModules.$inferSelect & { mappings: MappingView[] };
export type CourseView = typeof courses.$inferSelect & { modules: ModuleView[] };
export type DocumentMeta = { id: string; kind: string; filename: string; size: number; sha256: string; createdAt: Date };

export type ApplicationData = {
  application: ApplicationRow;
  organisation: typeof organisations.$inferSelect;
  trainers: (typeof trainers.$inferSelect)[];
  courses: CourseView[];
  documents: DocumentMeta[];
};

/** The application with its organisation: the one read a loader's or a transition's access check is made on. */
async function readApplication(db: Database, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  const [row] = await db
    .select({ application: applications, organisation: organisations })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.id, applicationId));
  return row;
}

/**
 * Everything an application holds. `loaded` is the application and organisation the caller already read
 * (and checked access on), so they are not read twice.
 */
export async function loadApplicationData(db: Database, applicationId: string, loaded?: Pick<ApplicationData, "application" | "organisation">): Promise<ApplicationData> {
  const row = loaded ?? (await readApplication(db, applicationId));
  if (!row) throw new Error(`Application ${applicationId} not found`);
  const [trainerRows, courseRows, moduleRows, mappingRows, documentRows, upheldRows] = await Promise.all([
    db.select().from(trainers).where(eq(trainers.applicationId, applicationId)).orderBy(asc(trainers.position), asc(trainers.name)),
    db.select().from(courses).where(eq(courses.applicationId, applicationId)).orderBy(asc(courses.position), asc(courses.title)),
    db
      .select({ module: courseModules })
      .from(courseModules)
      .innerJoin(courses, eq(courses.id, courseModules.courseId))
      .where(eq(courses.applicationId, applicationId))
      .orderBy(asc(courseModules.position), asc(courseModules.title)),
    db
      .select({
        id: moduleMappings.id,
        moduleId: moduleMappings.moduleId,
        competencyId: moduleMappings.competencyId,
        code: competencies.code,
        title: competencies.title,
        position: competencies.position,
        depth: moduleMappings.depth,
        fromSuggestion: moduleMappings.fromSuggestion,
        disputed: sql<boolean>`${excludingDisputeOf(moduleMappings.id)}`,
      })
      .from(moduleMappings)
      .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
      .innerJoin(courses, eq(courses.id, courseModules.courseId))
      .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
      .where(eq(courses.applicationId, applicationId))
      .orderBy(asc(competencies.code)),
    db
      .select({ id: documents.id, kind: documents.kind, filename: documents.filename, size: documents.size, sha256: documents.sha256, createdAt: documents.createdAt })
      .from(documents)
      .where(eq(documents.applicationId, applicationId))
      .orderBy(asc(documents.createdAt)),
    // Only staff's reasons reach the provider, never the reviewer's note or name.
    db
      .select({ mappingId: mappingDisputes.mappingId, note: mappingDisputes.resolutionNote })
      .from(mappingDisputes)
      .innerJoin(moduleMappings, eq(moduleMappings.id, mappingDisputes.mappingId))
      .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
      .innerJoin(courses, eq(courses.id, courseModules.courseId))
      .where(and(eq(courses.applicationId, applicationId), eq(mappingDisputes.resolution, "upheld")))
      .orderBy(asc(mappingDisputes.resolvedAt)),
  ]);
  const modulesByCourse = new Map<string, ModuleView[]>();
  const mappingsByModule = new Map<string, MappingView[]>();
  for (const m of mappingRows) {
    const list = mappingsByModule.get(m.moduleId) ?? [];
    const upheldNotes = upheldRows.filter((u) => u.mappingId === m.id).flatMap((u) => (u.note ? [u.note] : []));
    list.push({ id: m.id, competencyId: m.competencyId, code: m.code, title: m.title, depth: m.depth, fromSuggestion: m.fromSuggestion, disputed: Boolean(m.disputed), upheldNotes });
    mappingsByModule.set(m.moduleId, list);
  }
  for (const { module } of moduleRows) {
    const list = modulesByCourse.get(module.courseId) ?? [];
    list.push({ ...module, mappings: mappingsByModule.get(module.id) ?? [] });
    modulesByCourse.set(module.courseId, list);
  }
  return {
    application: row.application,
    organisation: row.organisation,
    trainers: trainerRows,
    courses: courseRows.map((c) => ({ ...c, modules: modulesByCourse.get(c.id) ?? [] })),
    documents: documentRows,
  };
}

export function completenessInput(data: ApplicationData): CompletenessInput {
  const d = data.application.declarations;
  return {
    organisation: data.organisation,
    trainerCount: data.trainers.length,
    courses: data.courses.map((c) => ({ title: c.title, modules: c.modules.map((m) => ({ title: m.title, mappingCount: m.mappings.length })) })),
    documentKinds: data.documents.map((doc) => doc.kind),
    declarations: d ? { accurate: d.accurate, codeOfConduct: d.codeOfConduct, dataProcessing: d.dataProcessing, signedBy: d.signedBy } : null,
  };
}

export async function applicationProgress(db: Database, applicationId: string): Promise<{ missing: MissingItem[]; sections: ReturnType<typeof sectionProgress> }> {
  const input = completenessInput(await loadApplicationData(db, applicationId));
  const missing = missingItems(input);
  return { missing, sections: sectionProgress(input, missing) };
}

/** The framework's competencies (not areas) in framework order, with their area's code and title. */
export async function frameworkCompetencies(db: Database, frameworkId: string) {
  const rows = await db.select().from(competencies).where(eq(competencies.frameworkId, frameworkId)).orderBy(asc(competencies.position), asc(competencies.code));
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

// ---- editing sections --------------------------------------------------------------------------

const EDITABLE: ApplicationStatus[] = ["draft", "changes_requested"];

/**
 * Inside an edit's transaction: the application must still be editable. Locking the row makes a
 * concurrent submit wait for this edit (or this edit wait for the submit, then refuse), and takes the
 * application lock before the audit chain's lock in every transaction, so edits never deadlock.
 */
export async function lockEditable(tx: Database, applicationId: string) {
  const [row] = await tx.select({ status: applications.status, frameworkId: applications.frameworkId }).from(applications).where(eq(applications.id, applicationId)).for("no key update");
  if (!row) refuse(404, "Not found");
  if (!EDITABLE.includes(row.status)) refuse(409, "This application has been submitted and can no longer be edited.");
  return row;
}

export async function sectionSaved(tx: Database, user: SessionUser, applicationId: string, section: string, data: Record<string, unknown> = {}) {
  // A separate entity type keeps edits out of the status timeline while still on the record.
  await recordAudit(tx, { actorId: user.id, action: "application.section_saved", entityType: "application_section", entityId: applicationId, data: { section, ...data } });
  await tx.update(applications).set({ updatedAt: now() }).where(eq(applications.id, applicationId));
}

const nextPosition = (column: typeof trainers.position | typeof courses.position | typeof courseModules.position) => sql<number>`coalesce(max(${column}) + 1, 0)`;

type TrainerInput = Omit<z.output<typeof addTrainerSchema>, "intent">;

export function addTrainer(db: Database, user: SessionUser, applicationId: string, input: TrainerInput): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const [{ position }] = await tx.select({ position: nextPosition(trainers.position) }).from(trainers).where(eq(trainers.applicationId, applicationId));
      const [row] = await tx.insert(trainers).values({ applicationId, ...input, position }).returning({ id: trainers.id });
      await sectionSaved(tx, user, applicationId, "trainers", { added: row.id });
      return undefined;
    }),
  );
}

export function updateTrainer(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof updateTrainerSchema>, "intent">): Promise<Outcome> {
  const { trainerId, version, ...fields } = input;
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx
        .update(trainers)
        .set({ ...fields, version: sql`${trainers.version} + 1` })
        .where(and(eq(trainers.id, trainerId), eq(trainers.applicationId, applicationId), eq(trainers.version, version)))
        .returning({ id: trainers.id });
      if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
      await sectionSaved(tx, user, applicationId, "trainers", { updated: trainerId });
      return undefined;
    }),
  );
}

export function deleteTrainer(db: Database, user: SessionUser, applicationId: string, trainerId: string, version: number): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx
        .delete(trainers)
        .where(and(eq(trainers.id, trainerId), eq(trainers.applicationId, applicationId), eq(trainers.version, version)))
        .returning({ id: trainers.id });
      if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
      await sectionSaved(tx, user, applicationId, "trainers", { removed: trainerId });
      return undefined;
    }),
  );
}

type CourseInput = Omit<z.output<typeof addCourseSchema>, "intent">;

export function addCourse(db: Database, user: SessionUser, applicationId: string, input: CourseInput): Promise<Outcome<{ id: string }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const [{ position }] = await tx.select({ position: nextPosition(courses.position) }).from(courses).where(eq(courses.applicationId, applicationId));
      const [row] = await tx.insert(courses).values({ applicationId, ...input, position }).returning({ id: courses.id });
      await sectionSaved(tx, user, applicationId, "courses", { added: row.id });
      return row;
    }),
  );
}

export function updateCourse(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof updateCourseSchema>, "intent">): Promise<Outcome> {
  const { courseId, version, ...fields } = input;
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx
        .update(courses)
        .set({ ...fields, version: sql`${courses.version} + 1` })
        .where(and(eq(courses.id, courseId), eq(courses.applicationId, applicationId), eq(courses.version, version)))
        .returning({ id: courses.id });
      if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
      await sectionSaved(tx, user, applicationId, "courses", { updated: courseId });
      return undefined;
    }),
  );
}

export function deleteCourse(db: Database, user: SessionUser, applicationId: string, courseId: string, version: number): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx
        .delete(courses)
        .where(and(eq(courses.id, courseId), eq(courses.applicationId, applicationId), eq(courses.version, version)))
        .returning({ id: courses.id });
      if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
      await sectionSaved(tx, user, applicationId, "courses", { removed: courseId });
      return undefined;
    }),
  );
}

/** Modules are reached only through a course of this application. */
const moduleOfApplication = (applicationId: string) =>
  inArray(courseModules.courseId, sql`(select ${courses.id} from ${courses} where ${courses.applicationId} = ${applicationId})`);

export function addModule(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof addModuleSchema>, "intent">): Promise<Outcome> {
  const { courseId, ...fields } = input;
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const [course] = await tx.select({ id: courses.id }).from(courses).where(and(eq(courses.id, courseId), eq(courses.applicationId, applicationId))).for("update");
      if (!course) refuse(409, "That course no longer exists — reload to see the current courses.");
      const [{ position }] = await tx.select({ position: nextPosition(courseModules.position) }).from(courseModules).where(eq(courseModules.courseId, courseId));
      const [row] = await tx.insert(courseModules).values({ courseId, ...fields, position }).returning({ id: courseModules.id });
      await sectionSaved(tx, user, applicationId, "courses", { moduleAdded: row.id });
      return undefined;
    }),
  );
}

export function updateModule(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof updateModuleSchema>, "intent">): Promise<Outcome> {
  const { moduleId, version, ...fields } = input;
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx
        .update(courseModules)
        .set({ ...fields, version: sql`${courseModules.version} + 1` })
        .where(and(eq(courseModules.id, moduleId), eq(courseModules.version, version), moduleOfApplication(applicationId)))
        .returning({ id: courseModules.id });
      if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
      await sectionSaved(tx, user, applicationId, "courses", { moduleUpdated: moduleId });
      return undefined;
    }),
  );
}

export function deleteModule(db: Database, user: SessionUser, applicationId: string, moduleId: string, version: number): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx
        .delete(courseModules)
        .where(and(eq(courseModules.id, moduleId), eq(courseModules.version, version), moduleOfApplication(applicationId)))
        .returning({ id: courseModules.id });
      if (rows.length === 0) refuse(409, CONFLICT_MESSAGE);
      await sectionSaved(tx, user, applicationId, "courses", { moduleRemoved: moduleId });
      return undefined;
    }),
  );
}

/** Swap a module with its neighbour; the course row is locked so two reorders cannot interleave. */
export function moveModule(db: Database, user: SessionUser, applicationId: string, moduleId: string, direction: "up" | "down"): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const [mod] = await tx.select({ courseId: courseModules.courseId }).from(courseModules).where(and(eq(courseModules.id, moduleId), moduleOfApplication(applicationId)));
      if (!mod) refuse(409, "That module no longer exists — reload to see the current syllabus.");
      await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, mod.courseId)).for("update");
      const siblings = await tx.select({ id: courseModules.id }).from(courseModules).where(eq(courseModules.courseId, mod.courseId)).orderBy(asc(courseModules.position), asc(courseModules.title));
      const index = siblings.findIndex((s) => s.id === moduleId);
      const swapWith = direction === "up" ? index - 1 : index + 1;
      if (swapWith < 0 || swapWith >= siblings.length) return undefined;
      [siblings[index], siblings[swapWith]] = [siblings[swapWith], siblings[index]];
      for (const [position, s] of siblings.entries()) await tx.update(courseModules).set({ position }).where(eq(courseModules.id, s.id));
      await sectionSaved(tx, user, applicationId, "courses", { moduleMoved: moduleId, direction });
      return undefined;
    }),
  );
}

export function addMapping(db: Database, user: SessionUser, applicationId: string, input: Omit<z.output<typeof addMappingSchema>, "intent">): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const app = await lockEditable(tx, applicationId);
      const [mod] = await tx.select({ id: courseModules.id }).from(courseModules).where(and(eq(courseModules.id, input.moduleId), moduleOfApplication(applicationId)));
      if (!mod) refuse(409, "That module no longer exists — reload to see the current syllabus.");
      const [competency] = await tx
        .select({ id: competencies.id, code: competencies.code })
        .from(competencies)
        .where(and(eq(competencies.id, input.competencyId), eq(competencies.frameworkId, app.frameworkId), eq(competencies.kind, "competency")));
      if (!competency) refuse(400, "Choose a competency of the framework this application uses.", { competencyId: "Choose a competency from the list" });
      const rows = await tx
        .insert(moduleMappings)
        .values({ moduleId: input.moduleId, competencyId: input.competencyId, depth: input.depth, fromSuggestion: input.fromSuggestion, createdAt: now() })
        .onConflictDoNothing()
        .returning({ id: moduleMappings.id });
      if (rows.length === 0) refuse(409, `${competency.code} is already mapped to this module — change its depth instead.`);
      await sectionSaved(tx, user, applicationId, "mapping", { moduleId: input.moduleId, competency: competency.code, depth: input.depth, fromSuggestion: input.fromSuggestion });
      return undefined;
    }),
  );
}

const mappingOfApplication = (applicationId: string) =>
  inArray(
    moduleMappings.moduleId,
    sql`(select ${courseModules.id} from ${courseModules} join ${courses} on ${courses.id} = ${courseModules.courseId} where ${courses.applicationId} = ${applicationId})`,
  );

export function setMappingDepth(db: Database, user: SessionUser, applicationId: string, mappingId: string, depth: Depth): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx.update(moduleMappings).set({ depth }).where(and(eq(moduleMappings.id, mappingId), mappingOfApplication(applicationId))).returning({ id: moduleMappings.id });
      if (rows.length === 0) refuse(409, "That mapping was removed by someone else — reload to see the current mapping.");
      await sectionSaved(tx, user, applicationId, "mapping", { mappingId, depth });
      return undefined;
    }),
  );
}

export function deleteMapping(db: Database, user: SessionUser, applicationId: string, mappingId: string): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
      const rows = await tx.delete(moduleMappings).where(and(eq(moduleMappings.id, mappingId), mappingOfApplication(applicationId))).returning({ id: moduleMappings.id });
      if (rows.length === 0) refuse(409, "That mapping was already removed — reload to see the current mapping.");
      await sectionSaved(tx, user, applicationId, "mapping", { removed: mappingId });
      return undefined;
    }),
  );
}

export function saveDeclarations(db: Database, user: SessionUser, applicationId: string, input: z.output<typeof declarationsSchema>): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      await lockEditable(tx, applicationId);
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
    }),
  );
}

// ---- revisions ---------------------------------------------------------------------------------

/** The frozen content of one submission. Reviewers read it; revision diffs compare two of them. */
export type ApplicationSnapshot = {
  application: { id: string; kind: "initial" | "renewal"; frameworkId: string; rubricId: string | null };
  organisation: { id: string; slug: string; displayName: string; legalName: string; website: string | null; country: string | null; description: string; contactEmail: string | null };
  trainers: { id: string; name: string; qualifications: string; certifications: string; yearsExperience: number; links: string[] }[];
  courses: {
    id: string;
    title: string;
    level: Level;
    description: string;
    totalHours: number;
    deliveryModes: string[];
    languages: string[];
    regions: string[];
    modules: {
      id: string;
      title: string;
      learningOutcomes: string;
      hours: number;
      mappings: { mappingId: string; competencyId: string; code: string; title: string; depth: Depth }[];
    }[];
  }[];
  documents: { id: string; kind: string; filename: string; size: number; sha256: string }[];
  declarations: Declarations | null;
};

export async function buildSnapshot(db: Database, applicationId: string): Promise<ApplicationSnapshot> {
  return snapshotOf(await loadApplicationData(db, applicationId));
}

function snapshotOf(data: ApplicationData): ApplicationSnapshot {
  const { application: a, organisation: o } = data;
  return {
    application: { id: a.id, kind: a.kind, frameworkId: a.frameworkId, rubricId: a.rubricId },
    organisation: { id: o.id, slug: o.slug, displayName: o.displayName, legalName: o.legalName, website: o.website, country: o.country, description: o.description, contactEmail: o.contactEmail },
    trainers: data.trainers.map((t) => ({ id: t.id, name: t.name, qualifications: t.qualifications, certifications: t.certifications, yearsExperience: t.yearsExperience, links: t.links })),
    courses: data.courses.map((c) => ({
      id: c.id,
      title: c.title,
      level: c.level,
      description: c.description,
      totalHours: c.totalHours,
      deliveryModes: c.deliveryModes,
      languages: c.languages,
      regions: c.regions,
      modules: c.modules.map((m) => ({
        id: m.id,
        title: m.title,
        learningOutcomes: m.learningOutcomes,
        hours: m.hours,
        mappings: m.mappings.map((mp) => ({ mappingId: mp.id, competencyId: mp.competencyId, code: mp.code, title: mp.title, depth: mp.depth })),
      })),
    })),
    documents: data.documents.map((d) => ({ id: d.id, kind: d.kind, filename: d.filename, size: d.size, sha256: d.sha256 })),
    declarations: a.declarations,
  };
}

// ---- transitions -------------------------------------------------------------------------------

/** Why an account whose email address is not confirmed cannot submit, and what to do. */
export const unverifiedSubmitter = (email: string) =>
  `Confirm your email address before you submit: open the link we sent to ${email}, or ask for a new one on the email confirmation page.`;

export const ALREADY_SUBMITTED = "This application was already submitted — someone else submitted it first. Reload to see its status.";

/**
 * Submit (from draft) or resubmit (from changes requested, with a written response): one transaction
 * that checks completeness, moves the status with compare-and-set, freezes revision N, records the audit
 * event and enqueues the emails.
 */
export function submitApplication(
  db: Database,
  user: SessionUser,
  applicationId: string,
  input: { response?: string } = {},
): Promise<Outcome<{ revision: number }> | Incomplete> {
  return attempt(() =>
    db.transaction(async (tx) => {
      // The one read of the application: access, the state table and the snapshot all use it.
      const row = await readApplication(tx, applicationId);
      const orgRole = row ? membershipOf(user, row.application.organisationId) : null;
      if (!row || !orgRole) refuse(404, "Not found");
      const app = row.application;
      const action = app.status === "changes_requested" ? "resubmit" : "submit";
      const response = input.response?.trim() ?? "";
      // The compare-and-set on the status makes this the only move from it, so the revision is the next one.
      const revision = app.currentRevision + 1;
      let data: ApplicationData | undefined;
      const { at } = await moveApplication(tx, app, {
        action,
        role: orgRole === "owner" ? "provider_owner" : "provider_member",
        actorId: user.id,
        set: { currentRevision: revision, submittedAt: now() },
        audit: { action: action === "resubmit" ? "application.resubmitted" : "application.submitted", data: { revision } },
        messages: { notAllowed: app.status === "submitted" ? ALREADY_SUBMITTED : undefined, raceLost: ALREADY_SUBMITTED },
        check: async () => {
          // The foundation writes to the submitter about the application: their address must be known to work.
          if (!user.emailVerified) refuse(409, unverifiedSubmitter(user.email));
          if (action === "resubmit" && response === "") {
            refuse(400, "Write a response to the change request before resubmitting.", { response: "Write what you changed in response to the change request" });
          }
          data = await loadApplicationData(tx, applicationId, row);
          const missing = missingItems(completenessInput(data));
          if (missing.length > 0) {
            const incomplete: Incomplete = { ...refused(400, "The application is not complete yet."), missing };
            throw new Refusal(incomplete);
          }
        },
      });
      if (!data) throw new Error("The submission's checks did not load the application");

      await tx.insert(applicationRevisions).values({
        applicationId,
        number: revision,
        snapshot: snapshotOf(data),
        response: action === "resubmit" ? response : null,
        submittedBy: user.id,
        submittedAt: at,
      });
      if (action === "resubmit") {
        await tx
          .update(changeRequests)
          .set({ response, respondedAt: at })
          .where(and(eq(changeRequests.applicationId, applicationId), isNull(changeRequests.respondedAt)));
      }

      const appUrl = config().appUrl;
      const common = { organisationName: data.organisation.displayName, revision, resubmission: action === "resubmit" };
      const providerTo = new Set([user.email.toLowerCase()]);
      if (data.organisation.contactEmail) providerTo.add(data.organisation.contactEmail.toLowerCase());
      for (const to of providerTo) {
        await enqueueEmail(tx, {
          template: "application-received",
          to,
          props: { ...common, name: to === user.email.toLowerCase() ? user.name : data.organisation.displayName, applicationUrl: `${appUrl}/provider/applications/${applicationId}` },
          idempotencyKey: `application-received:${applicationId}:${revision}:${to}`,
        });
      }
      const staff = await tx
        .select({ email: users.email, name: users.name })
        .from(users)
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .where(and(eq(userRoles.role, "staff"), isNull(users.disabledAt)));
      for (const s of staff) {
        await enqueueEmail(tx, {
          template: "new-submission",
          to: s.email,
          props: { ...common, name: s.name, applicationUrl: `${appUrl}/admin/applications/${applicationId}` },
          idempotencyKey: `new-submission:${applicationId}:${revision}:${s.email.toLowerCase()}`,
        });
      }
      return { revision };
    }),
  );
}

/** An incomplete submission's refusal also lists what is missing, for the checklist beside the form. */
type Incomplete = Refused & { missing: MissingItem[] };

/** The owner withdraws the application, from any state before a decision. */
export function withdrawApplication(db: Database, user: SessionUser, applicationId: string): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const row = await readApplication(tx, applicationId);
      const orgRole = row ? membershipOf(user, row.application.organisationId) : null;
      if (!row || !orgRole) refuse(404, "Not found");
      await moveApplication(tx, row.application, {
        action: "withdraw",
        role: orgRole === "owner" ? "provider_owner" : "provider_member",
        actorId: user.id,
        audit: { action: "application.withdrawn" },
        messages: {
          notAllowed: orgRole === "owner" ? undefined : "Only an owner of the organisation can withdraw an application.",
          raceLost: "The application's status changed while you were deciding — reload and try again.",
        },
      });
      return undefined;
    }),
  );
}

// ---- dashboard ---------------------------------------------------------------------------------

export async function openChangeRequest(db: Database, applicationId: string) {
  const [row] = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.applicationId, applicationId), isNull(changeRequests.respondedAt)))
    .orderBy(desc(changeRequests.createdAt))
    .limit(1);
  return row ?? null;
}

export async function listRevisions(db: Database, applicationId: string) {
  return db
    .select({ number: applicationRevisions.number, submittedAt: applicationRevisions.submittedAt, response: applicationRevisions.response })
    .from(applicationRevisions)
    .where(eq(applicationRevisions.applicationId, applicationId))
    .orderBy(desc(applicationRevisions.number));
}

/**
 * The part of an application's audit trail a provider may see: the workflow steps only. Reviewer
 * assignments, reviews and votes stay internal, and foundation people are not named.
 */
const PROVIDER_TIMELINE: Record<string, "provider" | "foundation"> = {
  "application.created": "provider",
  "application.submitted": "provider",
  "application.resubmitted": "provider",
  "application.withdrawn": "provider",
  "application.renewal_started": "provider",
  "application.review_started": "foundation",
  "application.changes_requested": "foundation",
  "application.forwarded_to_board": "foundation",
  "application.decided": "foundation",
};

function providerTimeline(events: { action: string; occurredAt: Date; actorName: string | null; data: Record<string, unknown> }[]) {
  return events
    .filter((e) => e.action in PROVIDER_TIMELINE)
    .map((e) => ({
      action: e.action,
      at: e.occurredAt,
      by: PROVIDER_TIMELINE[e.action] === "provider" ? e.actorName : "The foundation",
      data: PROVIDER_TIMELINE[e.action] === "provider" ? e.data : {},
    }));
}

/** Everything the provider dashboard shows: applications with their status timeline, open change requests, accreditations. */
export async function providerDashboard(db: Database, user: SessionUser) {
  const orgIds = user.memberships.map((m) => m.organisationId);
  if (orgIds.length === 0) return { applications: [], accreditations: [] };
  const apps = await db
    .select({ application: applications, organisationName: organisations.displayName })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(inArray(applications.organisationId, orgIds))
    .orderBy(desc(applications.updatedAt));
  const appIds = apps.map((a) => a.application.id);
  const [events, requests, accs] = await Promise.all([
    appIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ entityId: auditEvents.entityId, action: auditEvents.action, occurredAt: auditEvents.occurredAt, data: auditEvents.data, actorName: users.name })
          .from(auditEvents)
          .leftJoin(users, eq(users.id, auditEvents.actorId))
          .where(and(eq(auditEvents.entityType, "application"), inArray(auditEvents.entityId, appIds)))
          .orderBy(asc(auditEvents.id)),
    appIds.length === 0
      ? Promise.resolve([])
      : db
          .select()
          .from(changeRequests)
          .where(and(inArray(changeRequests.applicationId, appIds), isNull(changeRequests.respondedAt)))
          .orderBy(desc(changeRequests.createdAt)),
    db
      .select({ accreditation: accreditations, organisationName: organisations.displayName })
      .from(accreditations)
      .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
      .where(inArray(accreditations.organisationId, orgIds))
      .orderBy(desc(accreditations.validUntil)),
  ]);
  const today = isoDate(now());
  return {
    applications: apps.map(({ application: a, organisationName }) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      organisationName,
      currentRevision: a.currentRevision,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      timeline: providerTimeline(events.filter((e) => e.entityId === a.id)),
      changeRequest: a.status === "changes_requested" ? (requests.find((r) => r.applicationId === a.id) ?? null) : null,
      renewsAccreditationId: a.renewsAccreditationId,
    })),
    accreditations: accs.map(({ accreditation: x, organisationName }) => ({
      id: x.id,
      certificateNumber: x.certificateNumber,
      organisationName,
      scope: x.scope,
      conditions: x.conditions,
      validFrom: x.validFrom,
      validUntil: x.validUntil,
      status: effectiveStatus(x, today),
      canRenew: canStartRenewal(x, today) && membershipOf(user, x.organisationId) === "owner",
      daysLeft: daysUntil(x.validUntil, today),
    })),
  };
}

/** Is the user an owner of the organisation (for the members page and withdraw buttons)? */
export async function isOwner(db: Database, userId: string, organisationId: string) {
  const [row] = await db
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return row?.role === "owner";
}

// ---- for route loaders and actions ---------------------------------------------------------------

export type ApplicationFactsFor = { kind: "application"; organisationId: string; status: ApplicationStatus };

/**
 * Every provider application loader and action starts here: the signed-in user, and the application
 * only if it belongs to one of their organisations and they may view it — anyone else gets 404.
 */
export async function requireMemberApplication(request: Request, applicationId: string | undefined) {
  const user = await requireUser(request);
  const found = applicationId ? await findApplicationForMember(db, user, applicationId) : null;
  const facts: ApplicationFactsFor | null = found ? { kind: "application", organisationId: found.application.organisationId, status: found.application.status } : null;
  if (!found || !facts || !can(user, "application:view", facts)) notFound();
  return { user, application: found.application, organisation: found.organisation, facts };
}
