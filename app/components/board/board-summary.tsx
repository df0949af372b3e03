import { AggregateTable } from "~/components/review/aggregate-table";
import type { ScopeItem } from "~/domain/accreditation";
import { formatPercent as percent, languageLabel, levelLabel, modeLabel, plural } from "~/domain/format";
import { CORE_COVERAGE_TARGET } from "~/domain/coverage";
import { ScoreSpreadChart } from "./score-spread-chart";
import { CONFIDENCE_LABELS, RECOMMENDATION_LABELS, formatPercent, type Aggregate, type ReviewerRecommendation } from "~/domain/scoring";
import { DataTable } from "~/components/ui/list-table";

export type SummaryProps = {
  id: string;
  staffRecommendation: string | null;
  aggregate: Aggregate;
  recommendations: ReviewerRecommendation[];
  coverage: {
    courseId: string;
    title: string;
    level: string;
    percent: number;
    coreInScope: number;
    coreCovered: number;
    gaps: string[];
    meetsTarget: boolean;
  }[];
  scope: ScopeItem[];
};

/** What the board weighs: staff's recommendation, scores and their spread, reviewers' recommendations, coverage, scope asked for. */
export function BoardSummary({ summary }: { summary: SummaryProps }) {
  return (
    <div className="stack">
      <section className="card" aria-labelledby={`recommendation-${summary.id}`}>
        <h2 id={`recommendation-${summary.id}`}>Staff recommendation</h2>
        {summary.staffRecommendation ? (
          <p style={{ whiteSpace: "pre-wrap" }}>{summary.staffRecommendation}</p>
        ) : (
          <p className="muted">Staff wrote no recommendation.</p>
        )}
      </section>
      <section className="card" aria-labelledby={`scores-${summary.id}`}>
        <h2 id={`scores-${summary.id}`}>Scores</h2>
        <ScoreSpreadChart aggregate={summary.aggregate} />
        <AggregateTable aggregate={summary.aggregate} caption="Scores per criterion and reviewer" />
      </section>
      <section className="card" aria-labelledby={`reviewers-${summary.id}`}>
        <h2 id={`reviewers-${summary.id}`}>Reviewers&apos; recommendations</h2>
        <ReviewerRecommendations items={summary.recommendations} />
        <CoverageNote courses={summary.coverage} />
      </section>
      <section className="card" aria-labelledby={`coverage-${summary.id}`}>
        <h2 id={`coverage-${summary.id}`}>Coverage</h2>
        <CoverageSummary courses={summary.coverage} />
      </section>
      <section className="card" aria-labelledby={`scope-${summary.id}`}>
        <h2 id={`scope-${summary.id}`}>Scope asked for</h2>
        <ScopeTable scope={summary.scope} caption="Course, language and delivery mode combinations asked for" />
      </section>
    </div>
  );
}

function ReviewerRecommendations({ items }: { items: SummaryProps["recommendations"] }) {
  if (items.length === 0) return <p className="empty-state">No submitted reviews.</p>;
  return (
    <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
      {items.map((r) => (
        <li key={r.reviewId}>
          <strong>{r.reviewerName}</strong>: {r.recommendation ? RECOMMENDATION_LABELS[r.recommendation] : "no recommendation"} · weighted{" "}
          {formatPercent(r.weighted)} · confidence {r.confidence ? CONFIDENCE_LABELS[r.confidence].toLowerCase() : "—"}
          {r.summary ? (
            <p className="small muted" style={{ margin: "0.25rem 0 0", whiteSpace: "pre-wrap" }}>
              {r.summary}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Next to the recommendations: a reviewer may recommend accreditation of an application whose syllabus maps few core
 * competencies (they judge the whole application), so the board is told when that is the case and what it means.
 */
function CoverageNote({ courses }: { courses: SummaryProps["coverage"] }) {
  const below = courses.filter((c) => !c.meetsTarget);
  if (below.length === 0) return null;
  return (
    <p className="alert warn">
      {plural(below.length, "course")} of {courses.length} {below.length === 1 ? "is" : "are"} below the core-coverage target of{" "}
      {percent(CORE_COVERAGE_TARGET)} ({below.map((c) => `${c.title}: ${percent(c.percent)}`).join("; ")}). Core coverage is the share of core
      competencies at or below the course&apos;s level that its syllabus maps at “practised” or deeper, not counting disputed mappings. The
      reviewers&apos; recommendations weigh the whole application; coverage is shown under Coverage below.
    </p>
  );
}

export function CoverageSummary({ courses }: { courses: SummaryProps["coverage"] }) {
  if (courses.length === 0) return <p className="empty-state">The application lists no courses.</p>;
  return (
    <DataTable caption="Core competency coverage per course" headings={["Course", "Level", "Core coverage", "Gaps"]}>
      {courses.map((c) => (
        <tr key={c.courseId}>
          <th scope="row">{c.title}</th>
          <td>{levelLabel(c.level)}</td>
          <td>
            {percent(c.percent)} ({c.coreCovered} of {c.coreInScope}) {c.meetsTarget ? null : <span className="badge warn">below target</span>}
          </td>
          <td>{c.gaps.length === 0 ? "None" : c.gaps.join(", ")}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function ScopeTable({ scope, caption }: { scope: ScopeItem[]; caption: string }) {
  if (scope.length === 0) return <p className="empty-state">No course, language and delivery mode combination.</p>;
  return (
    <DataTable caption={caption} headings={["Course", "Level", "Language", "Delivery"]}>
      {scope.map((s) => (
        <tr key={`${s.courseId}-${s.language}-${s.mode}`}>
          <th scope="row">{s.courseTitle}</th>
          <td>{levelLabel(s.level)}</td>
          <td>{languageLabel(s.language)}</td>
          <td>{modeLabel(s.mode)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
