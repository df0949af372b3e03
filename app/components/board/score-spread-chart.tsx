import { formatScore } from "~/domain/format";
import { SCORE_MAX, SCORE_MIN, type Aggregate } from "~/domain/scoring";

const ROW = 34;
const LABEL = 120;
const WIDTH = 520;
const PAD = 16;

/**
 * The spread of scores per criterion as a dot plot: one row per criterion, the range from the lowest to the highest
 * score as a bar, each reviewer's score as a dot. A flagged criterion (spread ≥ 2) is drawn in the warning colour
 * and marked "discuss" in words, so the flag never rests on colour alone. The numbers are in the table beside it;
 * the SVG carries a text summary for screen readers.
 */
export function ScoreSpreadChart({ aggregate }: { aggregate: Aggregate }) {
  if (aggregate.reviewCount === 0) return null;
  const plot = WIDTH - LABEL - PAD * 2;
  const x = (score: number) => LABEL + PAD + ((score - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * plot;
  const height = aggregate.criteria.length * ROW + 28;
  const summary = aggregate.criteria
    .map(
      (c) =>
        `${c.criterion.code}: ${c.entries.map((e) => e.score).join(", ") || "no scores"}, spread ${formatScore(c.spread)}${c.flagged ? ", flagged for discussion" : ""}`,
    )
    .join("; ");
  const ticks = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);
  return (
    <figure className="spread-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="spread-chart-title spread-chart-desc" preserveAspectRatio="xMinYMin meet">
        <title id="spread-chart-title">Score spread per criterion</title>
        <desc id="spread-chart-desc">{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={4} y2={height - 22} className="grid" />
            <text x={x(t)} y={height - 6} textAnchor="middle" className="tick">
              {t}
            </text>
          </g>
        ))}
        {aggregate.criteria.map((c, i) => {
          const y = 4 + i * ROW + ROW / 2;
          const scores = c.entries.map((e) => e.score);
          return (
            <g key={c.criterion.id} className={c.flagged ? "flagged" : undefined}>
              <text x={0} y={y + 4} className="label">
                {c.criterion.code}
                {c.flagged ? " · discuss" : ""}
              </text>
              {c.min !== null && c.max !== null ? <line x1={x(c.min)} x2={x(c.max)} y1={y} y2={y} className="range" /> : null}
              {scores.map((s, j) => (
                <circle key={j} cx={x(s)} cy={y + (j - (scores.length - 1) / 2) * 3} r={6} className="dot" />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="small muted">Each dot is one reviewer&apos;s score (0–4); the bar runs from the lowest to the highest.</figcaption>
    </figure>
  );
}
