import { CONFIDENCE_LABELS, RECOMMENDATION_LABELS, type Confidence, type Recommendation } from "~/domain/scoring";

export type Verdict = { recommendation: Recommendation | null; confidence: Confidence | null; summary: string };

/**
 * A submitted review's verdict as staff and reviewers read it: recommendation and confidence ("—" until given), then
 * the summary as written. `named` starts the line with "Recommendation:" where nothing else says what it is.
 */
export function ReviewVerdict({ review, named = false }: { review: Verdict; named?: boolean }) {
  return (
    <>
      <p>
        {named ? "Recommendation: " : null}
        <strong>{review.recommendation ? RECOMMENDATION_LABELS[review.recommendation] : "—"}</strong> · confidence{" "}
        {review.confidence ? CONFIDENCE_LABELS[review.confidence].toLowerCase() : "—"}
      </p>
      <p style={{ whiteSpace: "pre-wrap" }}>{review.summary}</p>
    </>
  );
}
