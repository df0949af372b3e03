/**
 * An application: finding it for a member, starting a draft, and reading everything it holds (the one read
 * a loader's or a transition's access check is made on). Editing sections: application-sections.server.ts;
 * mapping: application-mapping.server.ts; submission and snapshot: application-submission.server.ts;
 * the provider's dashboard: provider-dashboard.server.ts.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { preparedPerDatabase } from "../../db/client.server";
import {
  applications,
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
} from "../../db/schema";
import { can, membershipOf, type SessionUser } from "~/domain/policy";
import type { ApplicationStatus } from "~/domain/workflow";
import { missingItems, sectionProgress, type CompletenessInput, type MissingItem } from "~/domain/completeness";
import type { Depth } from "~/domain/coverage";
import { db, type Database } from "./db.server";
import { notFound, requireUser } from "./request.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { attempt, refused, type Outcome } from "~/domain/outcome";
import { excludingDisputeOf } from "./disputes.server";
import { isUuid } from "~/domain/forms";
import { coursesOfApplication, mappingsOfApplication, modulesOfApplication } from "./application-rows.server";
import { perRequest } from "./request-scope.server";

export type ApplicationRow = typeof applications.$inferSelect;

// ---- finding an application -------------------------------------------------------------------

/** The application, only if the user is a member of its organisation (anyone else: null → 404). */
async function findApplicationForMember(db: Database, user: SessionUser, applicationId: string) {
  if (user.memberships.length === 0) return null;
  const row = await readApplication(db, applicationId);
  return row && membershipOf(user, row.application.organisationId) ? row : null;
}

export async function publishedVersions(db: Database) {
  const [framework] = await db.select().from(frameworks).where(eq(frameworks.status, "published"));
  const [rubric] = await db.select().from(rubrics).where(eq(rubrics.status, "published"));
  return { framework: framework ?? null, rubric: rubric ?? null };
}

/**
 * A new draft, pinned to the framework and rubric published today. An organisation writes one initial application
 * against a framework version at a time: while its draft against today's version is still a draft, starting again
 * leads to that draft (`created: false`) instead of a second one (decision 057). The organisation's row lock makes
 * starts of one organisation take turns, so fifty identical starts at once find the first one's draft.
 */
export async function startApplication(db: Database, user: SessionUser, organisationId: string): Promise<Outcome<{ id: string; created: boolean }>> {
  if (!membershipOf(user, organisationId)) return refused(404, "Not found");
  const { framework, rubric } = await publishedVersions(db);
  if (!framework) return refused(409, "The foundation has not published a competency framework yet, so applications cannot start. Try again later.");
  return attempt(() =>
    db.transaction(async (tx) => {
      await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for("no key update");
      const [draft] = await tx
        .select({ id: applications.id })
        .from(applications)
        .where(and(eq(applications.organisationId, organisationId), eq(applications.kind, "initial"), eq(applications.status, "draft"), eq(applications.frameworkId, framework.id)))
        .orderBy(asc(applications.createdAt))
        .limit(1);
      if (draft) return { id: draft.id, created: false };
      const at = now();
      const [row] = await tx
        .insert(applications)
        .values({ organisationId, frameworkId: framework.id, rubricId: rubric?.id ?? null, createdBy: user.id, createdAt: at, updatedAt: at })
        .returning({ id: applications.id });
      await recordAudit(tx, { actorId: user.id, action: "application.created", entityType: "application", entityId: row.id, data: { organisationId, frameworkVersion: framework.version } });
      return { id: row.id, created: true };
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

/** Built once per database handle: every page of an application reads it, and its two whole rows are long to build. */
const applicationWithOrganisation = preparedPerDatabase((db) =>
  db
    .select({ application: applications, organisation: organisations })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.id, sql.placeholder("id")))
    .prepare("application_with_organisation"),
);

/** The application with its organisation: the one read a loader's or a transition's access check is made on. */
export async function readApplication(db: Database, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  const [row] = await applicationWithOrganisation(db).execute({ id: applicationId });
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
    coursesOfApplication(db, applicationId),
    modulesOfApplication(db, applicationId, { module: courseModules }),
    mappingsOfApplication(db, applicationId, {
      id: moduleMappings.id,
      moduleId: moduleMappings.moduleId,
      competencyId: moduleMappings.competencyId,
      code: competencies.code,
      title: competencies.title,
      position: competencies.position,
      depth: moduleMappings.depth,
      fromSuggestion: moduleMappings.fromSuggestion,
      disputed: sql<boolean>`${excludingDisputeOf(moduleMappings.id)}`,
    }),
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
    extension: data.application.kind === "extension" || data.application.kind === "delta",
  };
}

export function applicationProgress(data: ApplicationData): { missing: MissingItem[]; sections: ReturnType<typeof sectionProgress> } {
  const input = completenessInput(data);
  const missing = missingItems(input);
  return { missing, sections: sectionProgress(input, missing) };
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
export function requireMemberApplication(request: Request, applicationId: string | undefined) {
  // A page of the application runs the layout's loader and the section's side by side, within one request: they share
  // one read (a GET's loaders change nothing; an action reads afresh).
  if (request.method !== "GET" && request.method !== "HEAD") return readMemberApplication(request, applicationId);
  return perRequest(request, `member-application:${applicationId ?? ""}`, () => readMemberApplication(request, applicationId));
}

/**
 * The application's sections (trainers, courses, modules, mappings, documents), read once per page: the layout's
 * progress and the section's own form use the same read. Only for a loader's GET, after `requireMemberApplication`.
 */
export function memberApplicationData(request: Request, loaded: Pick<ApplicationData, "application" | "organisation">): Promise<ApplicationData> {
  const read = () => loadApplicationData(db, loaded.application.id, loaded);
  if (request.method !== "GET") return read();
  return perRequest(request, `member-application-data:${loaded.application.id}`, read);
}

async function readMemberApplication(request: Request, applicationId: string | undefined) {
  const user = await requireUser(request);
  const found = applicationId ? await findApplicationForMember(db, user, applicationId) : null;
  const facts: ApplicationFactsFor | null = found ? { kind: "application", organisationId: found.application.organisationId, status: found.application.status } : null;
  if (!found || !facts || !can(user, "application:view", facts)) notFound();
  return { user, application: found.application, organisation: found.organisation, facts };
}
