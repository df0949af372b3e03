import { Link } from "@remix-run/react";
import { DEPTH_LABEL, DEPTH_LETTER, type CourseCoverage } from "~/domain/coverage";

export type CoverageCourse = { courseId: string; title: string; level: string; modules: { id: string; title: string }[]; coverage: CourseCoverage };

/**
 * Competency × module heat map per course, with core coverage and the gap list. Competencies neither mapped
 * nor in the course's core scope are left out, so the table stays readable.
 */
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
        const rows = course.coverage.rows.filter((r) => r.inScope || Object.keys(r.cells).length > 0);
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
            <div className="table-wrap" tabIndex={0}>
              <table className="heatmap">
                <caption className="visually-hidden">Coverage of {course.title}: competencies by module</caption>
                <thead>
                  <tr>
                    <th scope="col">Competency</th>
                    {course.modules.map((m) => (
                      <th scope="col" key={m.id}>
                        {m.title}
                      </th>
                    ))}
                    <th scope="col">Deepest</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <code>{row.code}</code> {row.title}
                        {row.core ? <span className="badge neutral"> core</span> : null}
                      </th>
                      {course.modules.map((m) => {
                        const cell = row.cells[m.id];
                        if (!cell) return <td key={m.id} className="cell depth-none" aria-label="not mapped" />;
                        const label = `${DEPTH_LABEL[cell.depth]}${cell.disputed ? " (disputed, not counted)" : ""}`;
                        const dispute = cell.disputed ? null : (disputeHref?.(m.id, row.id) ?? null);
                        return (
                          <td key={m.id} className={`cell ${cell.disputed ? "depth-disputed" : `depth-${cell.depth}`}`} title={label}>
                            {dispute ? (
                              <Link to={dispute} className="cell-link">
                                <span aria-hidden="true">{DEPTH_LETTER[cell.depth]}</span>
                                <span className="visually-hidden">
                                  {label}: dispute {row.code} in {m.title}
                                </span>
                              </Link>
                            ) : (
                              <>
                                <span aria-hidden="true">{DEPTH_LETTER[cell.depth]}</span>
                                <span className="visually-hidden">{label}</span>
                              </>
                            )}
                          </td>
                        );
                      })}
                      <td>{row.best ? DEPTH_LABEL[row.best] : <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
      <p className="small muted">I = introduced, P = practised, A = assessed. Hatched cells are disputed and do not count toward coverage.
        {disputeHref ? " Choose a mapped cell to dispute that mapping." : null}</p>
    </div>
  );
}
