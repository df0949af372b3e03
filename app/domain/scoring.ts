/**
 * Rubric scoring maths. Pure: services hand in the rubric's criteria and the reviews, the staff view and the
 * board show the result. A review's weighted score is Σ(weight × score) / Σ(weight × 4) as a percentage.
 */
export const SCORE_MIN = 0;
export const SCORE_MAX = 4;
export const SCORES = [0, 1, 2, 3, 4] as const;
/** A spread of this many points or more between reviewers flags a criterion for discussion. */
const SPREAD_FLAG = 2;

export type Confidence = "low" | "medium" | "high";
export type ScoringCriterion = { id: string; code: string; title: string; weight: number };
export type CriterionEntry = { score: number | null; comment: string };
export type ScoreSheet = Record<string, CriterionEntry>;

function isValidScore(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= SCORE_MIN && value <= SCORE_MAX;
}

/** Criteria the sheet leaves unscored: submitting is refused while this is not empty. */
export function missingCriteria<C extends ScoringCriterion>(criteria: C[], sheet: ScoreSheet): C[] {
  return criteria.filter((c) => !isValidScore(sheet[c.id]?.score));
}

/** Weighted score of one review as a percentage (0–100), or null while any criterion is unscored. */
export function weightedScore(criteria: ScoringCriterion[], sheet: ScoreSheet): number | null {
  if (criteria.length === 0 || missingCriteria(criteria, sheet).length > 0) return null;
  const max = criteria.reduce((sum, c) => sum + c.weight * SCORE_MAX, 0);
  if (max <= 0) return null;
  const got = criteria.reduce((sum, c) => sum + c.weight * (sheet[c.id].score as number), 0);
  return (got / max) * 100;
}

export type ReviewForAggregate = { reviewId: string; reviewerName: string; confidence: Confidence | null; scores: ScoreSheet };

export type CriterionAggregate = {
  criterion: ScoringCriterion;
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
  /** Reviewers disagree by SPREAD_FLAG points or more. */
  flagged: boolean;
  /** Each reviewer's score for this criterion, with their confidence beside it. */
  entries: { reviewId: string; reviewerName: string; score: number; comment: string; confidence: Confidence | null }[];
};

export type Aggregate = {
  reviewCount: number;
  criteria: CriterionAggregate[];
  /** Weighted total of the per-criterion means, as a percentage; null without reviews. */
  weightedTotal: number | null;
  /** Each review's own weighted percentage, in input order. */
  perReview: { reviewId: string; reviewerName: string; confidence: Confidence | null; weighted: number | null }[];
  flaggedCount: number;
  confidence: Record<Confidence, number>;
};

/** Mean, min, max and spread per criterion across submitted reviews, and the weighted total. */
export function aggregateReviews(criteria: ScoringCriterion[], reviews: ReviewForAggregate[]): Aggregate {
  const perCriterion = criteria.map<CriterionAggregate>((criterion) => {
    const entries = reviews.flatMap((r) => {
      const entry = r.scores[criterion.id];
      return isValidScore(entry?.score)
        ? [{ reviewId: r.reviewId, reviewerName: r.reviewerName, score: entry.score, comment: entry.comment ?? "", confidence: r.confidence }]
        : [];
    });
    if (entries.length === 0) return { criterion, count: 0, mean: null, min: null, max: null, spread: null, flagged: false, entries };
    const values = entries.map((e) => e.score);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return { criterion, count: values.length, mean, min, max, spread: max - min, flagged: max - min >= SPREAD_FLAG, entries };
  });

  const scored = perCriterion.filter((c) => c.mean !== null);
  const maxWeighted = scored.reduce((sum, c) => sum + c.criterion.weight * SCORE_MAX, 0);
  const weightedTotal =
    scored.length === 0 || maxWeighted <= 0 ? null : (scored.reduce((sum, c) => sum + c.criterion.weight * (c.mean as number), 0) / maxWeighted) * 100;

  const confidence: Record<Confidence, number> = { low: 0, medium: 0, high: 0 };
  for (const r of reviews) if (r.confidence) confidence[r.confidence] += 1;

  return {
    reviewCount: reviews.length,
    criteria: perCriterion,
    weightedTotal,
    perReview: reviews.map((r) => ({ reviewId: r.reviewId, reviewerName: r.reviewerName, confidence: r.confidence, weighted: weightedScore(criteria, r.scores) })),
    flaggedCount: perCriterion.filter((c) => c.flagged).length,
    confidence,
  };
}

// Percentages and scores are formatted by the one formatting module; kept importable from here.
export { formatPercent, formatScore } from "./format";

export const RECOMMENDATION_LABELS = {
  accredit: "Accredit",
  accredit_with_conditions: "Accredit with conditions",
  changes_needed: "Changes needed",
  reject: "Reject",
} as const;
export type Recommendation = keyof typeof RECOMMENDATION_LABELS;

export const CONFIDENCE_LABELS: Record<Confidence, string> = { low: "Low", medium: "Medium", high: "High" };

/** One reviewer's submitted recommendation, as the board and staff read it beside the scores. */
export type ReviewerRecommendation = {
  reviewId: string;
  reviewerName: string;
  recommendation: Recommendation | null;
  confidence: Confidence | null;
  summary: string;
  weighted: number | null;
};
