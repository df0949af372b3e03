import { CORE_COVERAGE_TARGET, DEPTH_LABEL, type CourseCoverage } from "~/domain/coverage";

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
