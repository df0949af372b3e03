import { CORE_COVERAGE_TARGET, DEPTH_LABEL, DEPTH_LETTER, type CourseCoverage } from "~/domain/coverage";

/**
 * The heat map: competencies × modules, each cell coloured AND lettered by depth (I, P, A), so it reads
 * at a glance and without colour. A real table with headers, so a screen reader can walk it.
 */
export function CoverageMatrix({ coverage, modules, caption }: { coverage: CourseCoverage; modules: { id: string; title: string }[]; caption: string }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="heatmap">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            {modules.map((m, i) => (
              <th scope="col" key={m.id} title={m.title}>
                <abbr title={m.title}>{`M${i + 1}`}</abbr>
                <span className="visually-hidden"> {m.title}</span>
              </th>
            ))}
            <th scope="col">Best</th>
          </tr>
        </thead>
        <tbody>
          {coverage.rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <span className="mono">{row.code}</span> {row.title}
                {row.core ? <span className="badge neutral">core</span> : null}
              </th>
              {modules.map((m) => {
                const cell = row.cells[m.id];
                // One element per empty cell, as in the reviewer's matrix: a course of twenty modules has ~1,400 of them.
                if (!cell) return <td key={m.id} className="cell depth-none" aria-label="not mapped" />;
                return (
                  <td key={m.id} className={`cell ${cell.disputed ? "depth-disputed" : `depth-${cell.depth}`}`} title={`${DEPTH_LABEL[cell.depth]}${cell.disputed ? " (disputed)" : ""}`}>
                    <span aria-hidden="true">{DEPTH_LETTER[cell.depth]}{cell.disputed ? "?" : ""}</span>
                    <span className="visually-hidden">
                      {DEPTH_LABEL[cell.depth]}
                      {cell.disputed ? ", disputed by a reviewer" : ""}
                    </span>
                  </td>
                );
              })}
              <td className={`cell ${row.best ? `depth-${row.best}` : "depth-none"}`}>{row.best ? DEPTH_LABEL[row.best] : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CoverageLegend() {
  return (
    <p className="small heatmap-legend">
      Legend: <span className="legend-swatch depth-introduced">I</span> introduced · <span className="legend-swatch depth-practised">P</span> practised ·{" "}
      <span className="legend-swatch depth-assessed">A</span> assessed · <span className="legend-swatch depth-disputed">?</span> disputed (does not count)
    </p>
  );
}

/** Core coverage for the course's level, against the foundation's target, with the gap list. */
export function CoverageSummary({ coverage, level }: { coverage: CourseCoverage; level: string }) {
  return (
    <div className="coverage-summary">
      <p>
        <strong>Core coverage: {coverage.percent}%</strong> — {coverage.coreCovered} of {coverage.coreInScope} core competencies up to {level} level are practised or assessed.{" "}
        {coverage.meetsTarget ? (
          <span className="badge ok">Meets the {CORE_COVERAGE_TARGET}% target</span>
        ) : (
          <span className="badge warn">Below the {CORE_COVERAGE_TARGET}% target</span>
        )}
      </p>
      <div className="meter" role="img" aria-label={`Core coverage ${coverage.percent}%`}>
        <span style={{ width: `${coverage.percent}%` }} />
      </div>
      {coverage.gaps.length > 0 ? (
        <>
          <h4>Gaps: core competencies not yet practised</h4>
          <ul className="gap-list">
            {coverage.gaps.map((g) => (
              <li key={g.id}>
                <span className="mono">{g.code}</span> {g.title}
                {g.best ? <span className="muted small"> — only {DEPTH_LABEL[g.best].toLowerCase()}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">No gaps: every core competency in scope is practised or assessed.</p>
      )}
    </div>
  );
}
