/**
 * What the board reads about an application: the reviewers' scores and recommendations, the coverage of each
 * course and the scope. `summariseMany` answers any number of applications with a fixed number of queries (one
 * per table, whatever the length of the board's queue); `summarise` is the one-application case.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { applications, competencies, courseModules, courses, moduleMappings, organisations, reviewerAssignments, reviews, rubricCriteria, rubrics } from "../../db/schema";
import { scopeFromCourses, type ScopeItem } from "~/domain/accreditation";
import { courseCoverage, DEPTH_ORDER, LEVEL_ORDER, type Level } from "~/domain/coverage";
import { aggregateReviews, weightedScore, type Aggregate, type ReviewerRecommendation } from "~/domain/scoring";
import type { ApplicationStatus } from "~/domain/workflow";
import { anyOfIds, queryRows } from "../../db/client.server";
import type { Database } from "./db.server";
import { excludingDisputeOf } from "./disputes.server";
import { reviewsWithReviewer } from "./review.server";
import type { ApplicationKind } from "../../db/schema/enums";


export type CourseCoverageSummary = { courseId: string; title: string; level: Level; percent: number; coreInScope: number; coreCovered: number; gaps: string[]; meetsTarget: boolean };

export type BoardSummary = {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  organisationId: string;
  organisationName: string;
  organisationSlug: string;
  submittedAt: Date | null;
  currentRevision: number;
  staffRecommendation: string | null;
  aggregate: Aggregate;
  recommendations: ReviewerRecommendation[];
  coverage: CourseCoverageSummary[];
  scope: ScopeItem[];
};

export type ApplicationRow = typeof applications.$inferSelect;

const groupBy = <T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> => {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
};

/** Scores, recommendations, coverage and scope of one application, as the board and staff read them. */
export async function summarise(tx: Database, app: ApplicationRow): Promise<BoardSummary> {
  const [summary] = await summariseMany(tx, [app]);
  return summary;
}

type Scores = { aggregate: Aggregate; recommendations: ReviewerRecommendation[] };

/**
 * The reviewers' scores and recommendations of `apps` (their current revision's submitted reviews, scored
 * against the rubric each pinned), by application id: three queries however many there are.
 */
export async function scoresMany(tx: Database, apps: ApplicationRow[]): Promise<Map<string, Scores>> {
  if (apps.length === 0) return new Map();
  const ids = apps.map((a) => a.id);
  // Criteria of the rubric each application pinned, or of the published rubric when none was pinned.
  let published: string | null = null;
  if (apps.some((a) => !a.rubricId)) {
    const [row] = await tx.select({ id: rubrics.id }).from(rubrics).where(eq(rubrics.status, "published"));
    published = row?.id ?? null;
  }
  const rubricOf = (a: ApplicationRow) => a.rubricId ?? published;
  const rubricIds = [...new Set(apps.map(rubricOf).filter((id): id is string => id !== null))];
  const [criteriaRows, submitted] = await Promise.all([
    rubricIds.length
      ? tx
          .select({ rubricId: rubricCriteria.rubricId, id: rubricCriteria.id, code: rubricCriteria.code, title: rubricCriteria.title, weight: rubricCriteria.weight })
          .from(rubricCriteria)
          .where(inArray(rubricCriteria.rubricId, rubricIds))
          .orderBy(asc(rubricCriteria.position))
      : Promise.resolve([]),
    reviewsWithReviewer(tx, {
      applicationId: reviewerAssignments.applicationId,
      reviewId: reviews.id,
      scores: reviews.scores,
      confidence: reviews.confidence,
      recommendation: reviews.recommendation,
      summary: reviews.summary,
    })
      .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
      .where(
        and(
          anyOfIds(reviewerAssignments.applicationId, ids),
          eq(reviews.revisionNumber, applications.currentRevision),
          eq(reviews.status, "submitted"),
          inArray(reviewerAssignments.status, ["accepted", "completed"]),
        ),
      )
      .orderBy(asc(reviews.submittedAt)),
  ]);
  const criteriaByRubric = groupBy(
    criteriaRows.map((c) => ({ ...c, weight: Number(c.weight) })),
    (c) => c.rubricId,
  );
  const reviewsByApp = groupBy(submitted, (r) => r.applicationId);
  return new Map(
    apps.map((app) => {
      const rubricId = rubricOf(app);
      const criteria = (rubricId ? (criteriaByRubric.get(rubricId) ?? []) : []).map(({ id, code, title, weight }) => ({ id, code, title, weight }));
      const mine = reviewsByApp.get(app.id) ?? [];
      const aggregate = aggregateReviews(
        criteria,
        mine.map((r) => ({ reviewId: r.reviewId, reviewerName: r.reviewerName, confidence: r.confidence, scores: r.scores })),
      );
      const recommendations = mine.map((r) => ({
        reviewId: r.reviewId,
        reviewerName: r.reviewerName,
        recommendation: r.recommendation,
        confidence: r.confidence,
        summary: r.summary,
        weighted: weightedScore(criteria, r.scores),
      }));
      return [app.id, { aggregate, recommendations }];
    }),
  );
}

/**
 * Per course of `applicationIds`: its core competencies in scope and how many of them a mapping no dispute
 * excludes covers at practised or deeper — the figures `courseCoverage` counts, counted by PostgreSQL in one
 * query without reading the syllabus (for the board's queue, which shows only whether each course meets the target).
 * The covering mappings are read first (one index probe per module) and only they meet the core competencies:
 * crossing every course with every core competency first made 20 rows per course to hash and join (7 of 10 ms).
 */
export async function coreCoverageCounts(tx: Database, applicationIds: string[]): Promise<Map<string, { courseId: string; coreInScope: number; coreCovered: number }[]>> {
  if (applicationIds.length === 0) return new Map();
  const rankOf = (level: SQL) => sql`array_position(array[${sql.join(LEVEL_ORDER.map((l) => sql`${l}`), sql`, `)}]::text[], ${level})`;
  const coveringDepths = DEPTH_ORDER.slice(DEPTH_ORDER.indexOf("practised"));
  const rows = await queryRows<{ application_id: string; course_id: string; scoped: number; covered: number }>(
    tx,
    sql`with course as (
          select c.id, c.application_id, a.framework_id, ${rankOf(sql`c.level`)} as rank
          from applications a join courses c on c.application_id = a.id
          where ${anyOfIds(sql`a.id`, applicationIds)}),
        core as (
          select k.id, k.framework_id, ${rankOf(sql`k.level`)} as rank from competencies k where k.kind = 'competency' and k.core),
        covering as materialized (
          select c.id as course_id, c.framework_id, c.rank, mm.competency_id
          from course c
          join course_modules m on m.course_id = c.id
          join module_mappings mm on mm.module_id = m.id
          where mm.depth in (${sql.join(coveringDepths.map((d) => sql`${d}`), sql`, `)})
            and not ${excludingDisputeOf(sql`mm.id`)}),
        covered as (
          select v.course_id, count(distinct v.competency_id) as n
          from covering v join core k on k.id = v.competency_id and k.framework_id = v.framework_id and (k.rank is null or k.rank <= v.rank)
          group by v.course_id)
        select c.application_id, c.id as course_id,
          (select count(*) from core k where k.framework_id = c.framework_id and (k.rank is null or k.rank <= c.rank))::int as scoped,
          coalesce(v.n, 0)::int as covered
        from course c left join covered v on v.course_id = c.id`,
  );
  return groupBy(
    rows.map((r) => ({ applicationId: r.application_id, courseId: r.course_id, coreInScope: Number(r.scoped), coreCovered: Number(r.covered) })),
    (r) => r.applicationId,
  );
}

/** The summaries of `apps`, in their order, in eight queries however many there are. */
async function summariseMany(tx: Database, apps: ApplicationRow[]): Promise<BoardSummary[]> {
  if (apps.length === 0) return [];
  const ids = apps.map((a) => a.id);
  const organisationIds = [...new Set(apps.map((a) => a.organisationId))];
  const frameworkIds = [...new Set(apps.map((a) => a.frameworkId))];

  const [scores, orgs, appCourses, framework] = await Promise.all([
    scoresMany(tx, apps),
    tx.select({ id: organisations.id, name: organisations.displayName, slug: organisations.slug }).from(organisations).where(inArray(organisations.id, organisationIds)),
    tx.select().from(courses).where(inArray(courses.applicationId, ids)).orderBy(asc(courses.position), asc(courses.title)),
    tx
      .select({ frameworkId: competencies.frameworkId, id: competencies.id, code: competencies.code, title: competencies.title, level: competencies.level, core: competencies.core })
      .from(competencies)
      .where(and(inArray(competencies.frameworkId, frameworkIds), eq(competencies.kind, "competency")))
      .orderBy(asc(competencies.code)),
  ]);
  const courseIds = appCourses.map((c) => c.id);
  const modules = courseIds.length
    ? await tx.select({ id: courseModules.id, courseId: courseModules.courseId, title: courseModules.title }).from(courseModules).where(inArray(courseModules.courseId, courseIds))
    : [];
  const moduleIds = modules.map((m) => m.id);
  const mappings = moduleIds.length
    ? await tx
        .select({
          moduleId: moduleMappings.moduleId,
          competencyId: moduleMappings.competencyId,
          depth: moduleMappings.depth,
          disputed: sql<boolean>`${excludingDisputeOf(moduleMappings.id)}`,
        })
        .from(moduleMappings)
        .where(inArray(moduleMappings.moduleId, moduleIds))
    : [];

  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const coursesByApp = groupBy(appCourses, (c) => c.applicationId);
  const modulesByCourse = groupBy(modules, (m) => m.courseId);
  const mappingsByModule = groupBy(mappings, (m) => m.moduleId);
  const frameworkById = groupBy(framework, (c) => c.frameworkId);

  return apps.map((app) => {
    const org = orgById.get(app.organisationId)!;
    const { aggregate, recommendations } = scores.get(app.id)!;
    const ownCourses = coursesByApp.get(app.id) ?? [];
    const ownModules = ownCourses.flatMap((c) => modulesByCourse.get(c.id) ?? []);
    const ownMappings = ownModules.flatMap((m) => mappingsByModule.get(m.id) ?? []).map((m) => ({ ...m, disputed: Boolean(m.disputed) }));
    const competencyList = (frameworkById.get(app.frameworkId) ?? []).map(({ id, code, title, level, core }) => ({ id, code, title, level, core }));
    const coverage = ownCourses.map((c) => {
      const cov = courseCoverage({ courseLevel: c.level, competencies: competencyList, modules: modulesByCourse.get(c.id) ?? [], mappings: ownMappings });
      return {
        courseId: c.id,
        title: c.title,
        level: c.level,
        percent: cov.percent,
        coreInScope: cov.coreInScope,
        coreCovered: cov.coreCovered,
        gaps: cov.gaps.map((g) => `${g.code} ${g.title}`),
        meetsTarget: cov.meetsTarget,
      };
    });
    return {
      id: app.id,
      kind: app.kind,
      status: app.status,
      organisationId: app.organisationId,
      organisationName: org.name,
      organisationSlug: org.slug,
      submittedAt: app.submittedAt,
      currentRevision: app.currentRevision,
      staffRecommendation: app.staffRecommendation,
      aggregate,
      recommendations,
      coverage,
      scope: scopeFromCourses(ownCourses),
    };
  });
}
