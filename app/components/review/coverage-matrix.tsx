import { Link, useSearchParams } from "@remix-run/react";
import { CoverageHeatmap, CoverageLegend } from "~/components/coverage-heatmap";
import type { HeatmapCoverage } from "~/domain/coverage";
import { levelLabel } from "~/domain/format";
import { DataTable } from "~/components/ui/list-table";

export type CoverageCourse = { courseId: string; title: string; level: string; modules: { id: string; title: string }[]; coverage: HeatmapCoverage };

/**
 * Every course's core coverage in one table, and the heat map (`CoverageHeatmap`) of one course at a time: the one
 * `focusCoverage` chose, whose rows the loader sent (decision 048). A course's name links to its heat map; the link
 * keeps the page's other parameters, and with JavaScript it swaps the heat map without moving the page.
 */
export function CoverageMatrix({
  courses,
  focusedId,
  disputeHref,
}: {
  courses: CoverageCourse[];
  focusedId: string | null;
  /** A reviewer may dispute: the address of the dispute form pre-filled for a mapping (module, competency), if any. */
  disputeHref?: (moduleId: string, competencyId: string) => string | null;
}) {
  const [params] = useSearchParams();
  if (courses.length === 0) return <p className="empty-state">This application has no courses.</p>;
  const focused = courses.find((c) => c.courseId === focusedId) ?? courses[0];
  const hrefOf = (courseId: string) => {
    const next = new URLSearchParams(params);
    next.delete("dispute");
    next.set("course", courseId);
    return `?${next.toString()}#coverage-${courseId}`;
  };
  return (
    <div className="stack">
      {courses.length > 1 ? (
        <DataTable wrapClassName="cards" region="Core coverage by course" caption="Core coverage by course" showCaption headings={["Course", "Level", "Core coverage", "Gaps (core, not yet practised)"]}>
          {courses.map((course) => (
            <tr key={course.courseId}>
              <th scope="row">
                {course.courseId === focused.courseId ? (
                  <span aria-current="true">{course.title} (heat map below)</span>
                ) : (
                  <Link to={hrefOf(course.courseId)} preventScrollReset aria-label={`${course.title}: show its heat map`}>
                    {course.title}
                  </Link>
                )}
              </th>
              <td data-label="Level">{levelLabel(course.level)}</td>
              <td data-label="Core coverage">
                {course.coverage.percent}% ({course.coverage.coreCovered} of {course.coverage.coreInScope})
              </td>
              <td data-label="Gaps">{course.coverage.gaps.length > 0 ? course.coverage.gaps.join(", ") : "None"}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <section aria-labelledby={`coverage-${focused.courseId}`}>
        <h3 id={`coverage-${focused.courseId}`}>
          {focused.title} <span className="muted small">({focused.level})</span>
        </h3>
        <p>
          Core coverage: <strong>{focused.coverage.percent}%</strong> ({focused.coverage.coreCovered} of {focused.coverage.coreInScope} core competencies at
          practised or deeper)
        </p>
        <div className="meter" aria-hidden="true">
          <span style={{ width: `${focused.coverage.percent}%` }} />
        </div>
        <CoverageHeatmap coverage={focused.coverage} modules={focused.modules} caption={`Coverage of ${focused.title}: competencies by module`} disputeHref={disputeHref} />
        {focused.coverage.gaps.length > 0 ? (
          <p className="small">Gaps (core, not yet practised): {focused.coverage.gaps.join(", ")}</p>
        ) : (
          <p className="small">No core gaps.</p>
        )}
      </section>
      <CoverageLegend disputable={Boolean(disputeHref)} />
    </div>
  );
}
