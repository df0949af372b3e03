/**
 * Reviewing, the shared parts: the facts the policy needs about an application and a reviewer, the reviewer's
 * own assignment (anyone else's reads as "not found"), conflicts of interest, and the read models of what is
 * under review (revisions, coverage with disputes, documents, rubric, submitted reviews), also used by the staff
 * view and the board. The queue: review-queue.server.ts; the workspace and saving: review-workspace.server.ts.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias, type SelectedFields } from "drizzle-orm/pg-core";
import {
  applicationRevisions,
  applications,
  competencies,
  conflicts,
  courseModules,
  courses,
  documents,
  mappingDisputes,
  moduleMappings,
  organisationMembers,
  organisations,
  reviewerAssignments,
  reviews,
  rubricCriteria,
  rubrics,
  users,
} from "../../db/schema";
import { type ApplicationFacts, type SessionUser } from "~/domain/policy";
import { courseCoverage, heatmapCoverage, type Depth, type HeatmapCoverage, type Level } from "~/domain/coverage";
import { disputeState, excludesMapping, type DisputeState } from "~/domain/disputes";
import { type Confidence, type ScoreSheet, type ScoringCriterion } from "~/domain/scoring";
import { diffRevisions, type DiffEntry, type RevisionSnapshot } from "~/domain/revision-diff";
import type { Database } from "./db.server";
import { isUuid } from "~/domain/forms";
import { coursesOfApplication, mappingIdsOf, mappingsOfApplication, modulesOfApplication } from "./application-rows.server";

// ---- facts for the policy ----------------------------------------------------------------------

/** What `can()` needs about an application and this user's relation to it; null when it does not exist. */
export async function applicationFacts(db: Database, applicationId: string, userId: string): Promise<ApplicationFacts | null> {
  const [app] = await db.select({ organisationId: applications.organisationId, status: applications.status }).from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const [[assignment], [conflict]] = await Promise.all([
    db
      .select({ status: reviewerAssignments.status })
      .from(reviewerAssignments)
      .where(and(eq(reviewerAssignments.applicationId, applicationId), eq(reviewerAssignments.reviewerId, userId))),
    db.select({ id: conflicts.id }).from(conflicts).where(and(eq(conflicts.userId, userId), eq(conflicts.organisationId, app.organisationId))),
  ]);
  return { organisationId: app.organisationId, status: app.status, assignmentStatus: assignment?.status ?? null, conflicted: Boolean(conflict) };
}

/** The reviewer's own assignment with the application's facts, or null (→ 404) when it is someone else's. */
export async function ownAssignment(db: Database, user: SessionUser, assignmentId: string) {
  if (!isUuid(assignmentId)) return null;
  // The declared conflict is read in the same statement: one round trip for every page and action of a reviewer.
  const [row] = await db
    .select({
      assignment: reviewerAssignments,
      app: applications,
      organisationName: organisations.displayName,
      conflicted: sql<boolean>`exists (select 1 from ${conflicts} c where c.user_id = ${reviewerAssignments.reviewerId} and c.organisation_id = ${applications.organisationId})`,
    })
    .from(reviewerAssignments)
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(reviewerAssignments.id, assignmentId), eq(reviewerAssignments.reviewerId, user.id)));
  if (!row) return null;
  const { conflicted, ...own } = row;
  const facts: ApplicationFacts = {
    organisationId: own.app.organisationId,
    status: own.app.status,
    assignmentStatus: own.assignment.status,
    conflicted,
  };
  return { ...own, facts };
}


// ---- shared read models (also used by the staff view) ------------------------------------------

export async function rubricCriteriaFor(db: Database, rubricId: string | null): Promise<(ScoringCriterion & { guidance: string; descriptors: string[] })[]> {
  let id = rubricId;
  if (!id) {
    // An application that never pinned a rubric is scored against the published one.
    const [published] = await db.select({ id: rubrics.id }).from(rubrics).where(eq(rubrics.status, "published"));
    id = published?.id ?? null;
  }
  if (!id) return [];
  const rows = await db.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, id)).orderBy(asc(rubricCriteria.position), asc(rubricCriteria.code));
  return rows.map((c) => ({ id: c.id, code: c.code, title: c.title, weight: Number(c.weight), guidance: c.guidance, descriptors: c.descriptors }));
}

export type RevisionRow = { number: number; submittedAt: Date; response: string | null; snapshot: RevisionSnapshot };

export async function revisionsOf(db: Database, applicationId: string): Promise<RevisionRow[]> {
  const rows = await db
    .select({ number: applicationRevisions.number, submittedAt: applicationRevisions.submittedAt, response: applicationRevisions.response, snapshot: applicationRevisions.snapshot })
    .from(applicationRevisions)
    .where(eq(applicationRevisions.applicationId, applicationId))
    .orderBy(asc(applicationRevisions.number));
  // The snapshot is written by the submitting service; the diff reads it structurally.
  return rows.map((r) => ({ ...r, snapshot: (r.snapshot ?? {}) as RevisionSnapshot }));
}

/** Changes from the previous revision to `number` (empty for the first). */
export function changesSincePrevious(revisions: RevisionRow[], number: number): DiffEntry[] | null {
  const current = revisions.find((r) => r.number === number);
  const previous = revisions.find((r) => r.number === number - 1);
  if (!current || !previous) return null;
  return diffRevisions(previous.snapshot, current.snapshot);
}

export type MappingRow = {
  mappingId: string;
  courseId: string;
  courseTitle: string;
  moduleId: string;
  moduleTitle: string;
  competencyId: string;
  code: string;
  title: string;
  depth: Depth;
  /** Every dispute of the mapping, oldest first, open or resolved. */
  disputes: DisputeRow[];
  /** An open or upheld dispute keeps the mapping out of coverage. */
  excluded: boolean;
};

export type DisputeRow = {
  id: string;
  note: string;
  raisedBy: string;
  raisedByName: string;
  createdAt: Date;
  state: DisputeState;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
};

export type CoverageView = { courseId: string; title: string; level: Level; modules: { id: string; title: string }[]; coverage: HeatmapCoverage };

/** What a mapping row shows of the mapping and the competency it maps to. */
const MAPPING_COLUMNS = {
  mappingId: moduleMappings.id,
  moduleId: moduleMappings.moduleId,
  competencyId: moduleMappings.competencyId,
  depth: moduleMappings.depth,
  code: competencies.code,
  title: competencies.title,
};

/**
 * The application's courses with their coverage (open and upheld disputes stop counting) and every mapping
 * with its disputes. Read from the live rows: they are frozen while the application is out of the provider's hands,
 * and disputes point at them.
 */
export async function coverageOf(db: Database, applicationId: string, frameworkId: string): Promise<{ courses: CoverageView[]; mappings: MappingRow[] }> {
  const [courseRows, moduleRows, mappingRows, competencyRows, disputes] = await Promise.all([
    coursesOfApplication(db, applicationId),
    modulesOfApplication(db, applicationId, { id: courseModules.id, courseId: courseModules.courseId, title: courseModules.title }),
    mappingsOfApplication(db, applicationId, MAPPING_COLUMNS),
    db
      .select({ id: competencies.id, code: competencies.code, title: competencies.title, level: competencies.level, core: competencies.core })
      .from(competencies)
      .where(and(eq(competencies.frameworkId, frameworkId), eq(competencies.kind, "competency")))
      .orderBy(asc(competencies.code)),
    disputesOfApplication(db, applicationId),
  ]);
  const moduleById = new Map(moduleRows.map((m) => [m.id, m]));
  const courseById = new Map(courseRows.map((c) => [c.id, c]));
  const mappings: MappingRow[] = mappingRows.map((m) => {
    const mod = moduleById.get(m.moduleId)!;
    const course = courseById.get(mod.courseId)!;
    return mappingRow(m, { courseId: course.id, courseTitle: course.title, moduleTitle: mod.title }, disputes.get(m.mappingId) ?? []);
  });
  const coverageCourses = courseRows.map((c) => {
    const modules = moduleRows.filter((m) => m.courseId === c.id).map((m) => ({ id: m.id, title: m.title }));
    return {
      courseId: c.id,
      title: c.title,
      level: c.level,
      modules,
      coverage: heatmapCoverage(
        courseCoverage({
          courseLevel: c.level,
          competencies: competencyRows,
          modules,
          mappings: mappings.filter((m) => m.courseId === c.id).map((m) => ({ moduleId: m.moduleId, competencyId: m.competencyId, depth: m.depth, disputed: m.excluded })),
        }),
      ),
    };
  });
  return { courses: coverageCourses, mappings };
}

/**
 * The application's disputed mappings with their disputes, by competency code: what the board reads beside the
 * summary. Two queries and no coverage drawn (`coverageOf` reads five tables and draws every course).
 */
export async function disputedMappingsOf(db: Database, applicationId: string): Promise<MappingRow[]> {
  const [rows, disputes] = await Promise.all([
    mappingsOfApplication(
      db,
      applicationId,
      { ...MAPPING_COLUMNS, courseId: courses.id, courseTitle: courses.title, moduleTitle: courseModules.title },
      sql`exists (select 1 from ${mappingDisputes} d where d.mapping_id = ${moduleMappings.id})`,
    ),
    disputesOfApplication(db, applicationId),
  ]);
  return rows.map((m) => mappingRow(m, m, disputes.get(m.mappingId) ?? []));
}

const resolver = alias(users, "resolver");

/** Mapping disputes with `resolvedByName`, who ruled on each (null while open), and the `fields` asked for; the caller goes on with the query. */
export function disputesWithResolver<F extends SelectedFields>(db: Database, fields: F) {
  return db
    .select({ ...fields, resolvedByName: resolver.name })
    .from(mappingDisputes)
    .leftJoin(resolver, eq(resolver.id, mappingDisputes.resolvedBy))
    .$dynamic();
}

/**
 * Every dispute of the application's mappings, oldest first, by mapping id. Found through the application, not a
 * list of mapping ids: read beside the mappings rather than after them, in one statement text whatever the count.
 */
async function disputesOfApplication(db: Database, applicationId: string): Promise<Map<string, DisputeRow[]>> {
  const rows = await disputesWithResolver(db, {
    id: mappingDisputes.id,
    mappingId: mappingDisputes.mappingId,
    note: mappingDisputes.note,
    raisedBy: mappingDisputes.raisedBy,
    raisedByName: users.name,
    createdAt: mappingDisputes.createdAt,
    resolution: mappingDisputes.resolution,
    resolvedAt: mappingDisputes.resolvedAt,
    resolutionNote: mappingDisputes.resolutionNote,
  })
    .innerJoin(users, eq(users.id, mappingDisputes.raisedBy))
    .where(inArray(mappingDisputes.mappingId, mappingIdsOf(applicationId)))
    .orderBy(asc(mappingDisputes.createdAt), asc(mappingDisputes.id));
  const byMapping = new Map<string, DisputeRow[]>();
  for (const { mappingId, resolution, ...d } of rows) {
    byMapping.set(mappingId, [...(byMapping.get(mappingId) ?? []), { ...d, state: disputeState(resolution) }]);
  }
  return byMapping;
}

function mappingRow(
  m: Pick<MappingRow, "mappingId" | "moduleId" | "competencyId" | "code" | "title" | "depth">,
  place: Pick<MappingRow, "courseId" | "courseTitle" | "moduleTitle">,
  disputes: DisputeRow[],
): MappingRow {
  return {
    mappingId: m.mappingId,
    courseId: place.courseId,
    courseTitle: place.courseTitle,
    moduleId: m.moduleId,
    moduleTitle: place.moduleTitle,
    competencyId: m.competencyId,
    code: m.code,
    title: m.title,
    depth: m.depth,
    disputes,
    excluded: disputes.some((d) => excludesMapping(d.state)),
  };
}

export async function documentsOf(db: Database, applicationId: string) {
  return db
    .select({ id: documents.id, kind: documents.kind, filename: documents.filename, size: documents.size, createdAt: documents.createdAt })
    .from(documents)
    .where(eq(documents.applicationId, applicationId))
    .orderBy(asc(documents.kind), asc(documents.filename));
}

export type SubmittedReview = {
  id: string;
  assignmentId: string;
  reviewerId: string;
  reviewerName: string;
  revisionNumber: number;
  scores: ScoreSheet;
  confidence: Confidence | null;
  recommendation: "accredit" | "accredit_with_conditions" | "changes_needed" | "reject" | null;
  summary: string;
  submittedAt: Date | null;
};

/**
 * Reviews with `reviewerName` (a review names its assignment, the assignment its reviewer) and the `fields` asked
 * for; the caller goes on with the query.
 */
export function reviewsWithReviewer<F extends SelectedFields>(db: Database, fields: F) {
  return db
    .select({ ...fields, reviewerName: users.name })
    .from(reviews)
    .innerJoin(reviewerAssignments, eq(reviewerAssignments.id, reviews.assignmentId))
    .innerJoin(users, eq(users.id, reviewerAssignments.reviewerId))
    .$dynamic();
}

export async function submittedReviewsOf(db: Database, applicationId: string, revisionNumber?: number): Promise<SubmittedReview[]> {
  const rows = await reviewsWithReviewer(db, {
    id: reviews.id,
    assignmentId: reviews.assignmentId,
    reviewerId: users.id,
    revisionNumber: reviews.revisionNumber,
    scores: reviews.scores,
    confidence: reviews.confidence,
    recommendation: reviews.recommendation,
    summary: reviews.summary,
    submittedAt: reviews.submittedAt,
  })
    .where(
      and(
        eq(reviewerAssignments.applicationId, applicationId),
        eq(reviews.status, "submitted"),
        revisionNumber === undefined ? undefined : eq(reviews.revisionNumber, revisionNumber),
      ),
    )
    .orderBy(asc(reviews.revisionNumber), asc(reviews.submittedAt));
  return rows;
}

// ---- the workspace -----------------------------------------------------------------------------

// ---- membership check shared with assignment ---------------------------------------------------

/** Why a user may not review an organisation's application, or null when they may. */
export async function conflictReason(db: Database, userId: string, organisationId: string): Promise<string | null> {
  const [[member], [declared]] = await Promise.all([
    db.select({ role: organisationMembers.role }).from(organisationMembers).where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId))),
    db.select({ note: conflicts.note }).from(conflicts).where(and(eq(conflicts.userId, userId), eq(conflicts.organisationId, organisationId))),
  ]);
  if (member) return "Member of the applying organisation";
  if (declared) return declared.note ? `Declared a conflict: ${declared.note}` : "Declared a conflict of interest";
  return null;
}
