import { plural } from "~/domain/format";
import { CONFIDENCE_LABELS, formatPercent, formatScore, type Aggregate } from "~/domain/scoring";
import { DataTable } from "~/components/ui/list-table";
import { CodeTitle } from "~/components/ui/code-title";

/** Per criterion: mean, min, max, spread (flagged at ≥ 2), each reviewer's score with their confidence. */
export function AggregateTable({ aggregate, caption }: { aggregate: Aggregate; caption: string }) {
  if (aggregate.reviewCount === 0) return <p className="empty-state">No submitted reviews yet.</p>;
  const reviewers = aggregate.perReview;
  return (
    <div className="stack">
      <p>
        Weighted total: <strong>{formatPercent(aggregate.weightedTotal)}</strong> across {plural(aggregate.reviewCount, "review")}
        {aggregate.flaggedCount > 0 ? (
          <>
            {" "}
            · <span className="badge warn">{aggregate.flaggedCount} flagged for discussion</span>
          </>
        ) : null}
      </p>
      <DataTable
        caption={caption}
        headings={[
          "Criterion",
          "Weight",
          ...reviewers.map((r) => (
            <>
              {r.reviewerName}
              <br />
              <span className="small">confidence {r.confidence ? CONFIDENCE_LABELS[r.confidence].toLowerCase() : "—"}</span>
            </>
          )),
          "Mean",
          "Min",
          "Max",
          "Spread",
        ]}
      >
        {aggregate.criteria.map((c) => (
          <tr key={c.criterion.id}>
            <th scope="row">
              <CodeTitle item={c.criterion} />
            </th>
            <td>{c.criterion.weight}</td>
            {reviewers.map((r) => {
              const entry = c.entries.find((e) => e.reviewId === r.reviewId);
              return (
                <td key={r.reviewId} title={entry?.comment || undefined}>
                  {entry ? entry.score : "—"}
                </td>
              );
            })}
            <td>{formatScore(c.mean)}</td>
            <td>{formatScore(c.min)}</td>
            <td>{formatScore(c.max)}</td>
            <td>
              {formatScore(c.spread)} {c.flagged ? <span className="badge warn">discuss</span> : null}
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row">Weighted score</th>
          <td />
          {reviewers.map((r) => (
            <td key={r.reviewId}>{formatPercent(r.weighted)}</td>
          ))}
          <td colSpan={4}>{formatPercent(aggregate.weightedTotal)}</td>
        </tr>
      </DataTable>
    </div>
  );
}
