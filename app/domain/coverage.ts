/**
 * Coverage of a course against the competency framework (DESIGN.md "Scoring and coverage"). Pure: the
 * caller loads the competencies, modules, mappings and disputes. A disputed mapping stays visible in the
 * matrix but does not count toward coverage while a dispute is open or once staff uphold one
 * (`excludesMapping` in disputes.ts); a dismissed dispute lets it count again.
 */
export type Level = "foundation" | "intermediate" | "advanced";
export type Depth = "introduced" | "practised" | "assessed";

export const LEVEL_ORDER: Level[] = ["foundation", "intermediate", "advanced"];
export const DEPTH_ORDER: Depth[] = ["introduced", "practised", "assessed"];
export const DEPTH_LETTER: Record<Depth, string> = { introduced: "I", practised: "P", assessed: "A" };
export const DEPTH_LABEL: Record<Depth, string> = { introduced: "Introduced", practised: "Practised", assessed: "Assessed" };

/** Core coverage the foundation expects of a course before it reads as well covered (guidance, not a submit gate). */
export const CORE_COVERAGE_TARGET = 80;

export type CoverageCompetency = { id: string; code: string; title: string; level: Level | null; core: boolean };
export type CoverageModule = { id: string; title: string };
export type CoverageMapping = { moduleId: string; competencyId: string; depth: Depth; disputed?: boolean };

export type CoverageCell = { depth: Depth; disputed: boolean };

export type CompetencyCoverage = CoverageCompetency & {
  /** Deepest non-disputed depth across the course's modules, or null. */
  best: Depth | null;
  /** moduleId → cell, for the matrix. */
  cells: Record<string, CoverageCell>;
  /** Core and at or below the course's level: counts toward core coverage. */
  inScope: boolean;
  covered: boolean;
};

export type CourseCoverage = {
  rows: CompetencyCoverage[];
  coreInScope: number;
  coreCovered: number;
  /** Whole-number percentage of in-scope core competencies covered at practised or deeper (100 when none are in scope). */
  percent: number;
  /** In-scope core competencies not yet covered at practised or deeper, in framework order. */
  gaps: CompetencyCoverage[];
  meetsTarget: boolean;
};

const levelRank = (level: Level) => LEVEL_ORDER.indexOf(level);
const depthRank = (depth: Depth) => DEPTH_ORDER.indexOf(depth);

export function deeper(a: Depth | null, b: Depth | null): Depth | null {
  if (a === null) return b;
  if (b === null) return a;
  return depthRank(a) >= depthRank(b) ? a : b;
}

/** A competency belongs to a course's core scope when it is core and its level is at or below the course's level. */
export function inCoreScope(competency: { level: Level | null; core: boolean }, courseLevel: Level): boolean {
  if (!competency.core) return false;
  // A core competency without a level is expected of every course.
  return competency.level === null || levelRank(competency.level) <= levelRank(courseLevel);
}

/** Whole-number percentage of in-scope core competencies covered (100 when none are in scope). */
export function corePercent(coreInScope: number, coreCovered: number): number {
  return coreInScope === 0 ? 100 : Math.floor((coreCovered / coreInScope) * 100);
}

export function courseCoverage(input: {
  courseLevel: Level;
  competencies: CoverageCompetency[];
  modules: CoverageModule[];
  mappings: CoverageMapping[];
}): CourseCoverage {
  const moduleIds = new Set(input.modules.map((m) => m.id));
  const byCompetency = new Map<string, CoverageMapping[]>();
  for (const m of input.mappings) {
    if (!moduleIds.has(m.moduleId)) continue;
    const list = byCompetency.get(m.competencyId) ?? [];
    list.push(m);
    byCompetency.set(m.competencyId, list);
  }
  const rows = input.competencies.map((c): CompetencyCoverage => {
    const cells: Record<string, CoverageCell> = {};
    let best: Depth | null = null;
    for (const m of byCompetency.get(c.id) ?? []) {
      const disputed = m.disputed === true;
      const existing = cells[m.moduleId];
      // One mapping per module and competency in the database; keep the deeper if given two.
      if (!existing || depthRank(m.depth) > depthRank(existing.depth)) cells[m.moduleId] = { depth: m.depth, disputed };
      if (!disputed) best = deeper(best, m.depth);
    }
    const inScope = inCoreScope(c, input.courseLevel);
    const covered = best !== null && depthRank(best) >= depthRank("practised");
    // Spelled out, not `{ ...c, best, … }`: on this Node (V8 11.3) a spread followed by more properties costs
    // ~2 µs an object, and this runs for every competency of every course on the reviewer's and staff's pages.
    return { id: c.id, code: c.code, title: c.title, level: c.level, core: c.core, best, cells, inScope, covered };
  });
  const scoped = rows.filter((r) => r.inScope);
  const coreCovered = scoped.filter((r) => r.covered).length;
  const percent = corePercent(scoped.length, coreCovered);
  return {
    rows,
    coreInScope: scoped.length,
    coreCovered,
    percent,
    gaps: scoped.filter((r) => !r.covered),
    meetsTarget: percent >= CORE_COVERAGE_TARGET,
  };
}

/** A row a heat map shows: a competency the course maps, or one in the course's core scope (mapped or not). */
export const shownInHeatmap = (row: CompetencyCoverage) => row.inScope || Object.keys(row.cells).length > 0;

/** A course's coverage as the reviewer's and staff's pages show it: the heat map's rows, the figures, and the gaps by code. */
export type HeatmapCoverage = Omit<CourseCoverage, "gaps"> & { gaps: string[] };

/**
 * Coverage with only the rows a heat map shows, for a loader to send (a framework has far more competencies). The
 * gaps go as codes, all the coverage table names: as whole rows they were a third of the page's loader data.
 */
export function heatmapCoverage(coverage: CourseCoverage): HeatmapCoverage {
  return { ...coverage, rows: coverage.rows.filter(shownInHeatmap), gaps: coverage.gaps.map((g) => g.code) };
}

/**
 * Reviewers and staff see every course's core coverage, but one course's heat map at a time (decision 048): the
 * chosen course (the first when none, or one the application does not have, is chosen) keeps its heat-map rows and
 * modules, the others only their summary. A ten-course application's page no longer draws and sends ten heat maps.
 */
export function focusCoverage<C extends { courseId: string; modules: unknown[]; coverage: { rows: CompetencyCoverage[] } }>(
  courses: C[],
  chosen: string | null,
): { courses: C[]; focusedId: string | null } {
  const focusedId = (courses.find((c) => c.courseId === chosen) ?? courses[0])?.courseId ?? null;
  return {
    focusedId,
    courses: courses.map((c) => (c.courseId === focusedId ? c : { ...c, modules: [], coverage: { ...c.coverage, rows: [] } })),
  };
}
