import { CoverageHeatmap, CoverageLegend } from "~/components/coverage-heatmap";
import type { CourseCoverage } from "~/domain/coverage";

export type CoverageCourse = { courseId: string; title: string; level: string; modules: { id: string; title: string }[]; coverage: CourseCoverage };

/** Per course: core coverage, its heat map (`CoverageHeatmap`) and the gap list, for reviewers and staff. */
export function CoverageMatrix({
  courses,
  disputeHref,
}: {
  courses: CoverageCourse[];
  /** A reviewer may dispute: the address of the dispute form pre-filled for a mapping (module, competency), if any. */
  disputeHref?: (moduleId: string, competencyId: string) => string | null;
}) {
  if (courses.length === 0) return <p className="empty-state">This application has no courses.</p>;
  return (
    <div className="stack">
      {courses.map((course) => {
        return (
          <section key={course.courseId} aria-labelledby={`coverage-${course.courseId}`}>
            <h3 id={`coverage-${course.courseId}`}>
              {course.title} <span className="muted small">({course.level})</span>
            </h3>
            <p>
              Core coverage: <strong>{course.coverage.percent}%</strong> ({course.coverage.coreCovered} of {course.coverage.coreInScope} core competencies at
              practised or deeper)
            </p>
            <div className="meter" aria-hidden="true">
              <span style={{ width: `${course.coverage.percent}%` }} />
            </div>
            <CoverageHeatmap
              coverage={course.coverage}
              modules={course.modules}
              caption={`Coverage of ${course.title}: competencies by module`}
              disputeHref={disputeHref}
            />
            {course.coverage.gaps.length > 0 ? (
              <p className="small">
                Gaps (core, not yet practised): {course.coverage.gaps.map((g) => g.code).join(", ")}
              </p>
            ) : (
              <p className="small">No core gaps.</p>
            )}
          </section>
        );
      })}
      <CoverageLegend disputable={Boolean(disputeHref)} />
    </div>
  );
}
