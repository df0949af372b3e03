import { expect, test } from "vitest";
import { aggregateReviews, formatPercent, missingCriteria, weightedScore, type ScoringCriterion } from "~/domain/scoring";

const criteria: ScoringCriterion[] = [
  { id: "cur", code: "CUR", title: "Curriculum", weight: 2 },
  { id: "trn", code: "TRN", title: "Trainers", weight: 1 },
  { id: "qa", code: "QA", title: "Quality assurance", weight: 1 },
];
const sheet = (cur: number | null, trn: number | null, qa: number | null) => ({
  cur: { score: cur, comment: "" },
  trn: { score: trn, comment: "" },
  qa: { score: qa, comment: "" },
});

test("weighted score is Σ(weight × score) / Σ(weight × 4) as a percentage", () => {
  // (2×4 + 1×2 + 1×0) / 16 = 10/16
  expect(weightedScore(criteria, sheet(4, 2, 0))).toBeCloseTo(62.5);
  expect(weightedScore(criteria, sheet(4, 4, 4))).toBe(100);
  expect(weightedScore(criteria, sheet(0, 0, 0))).toBe(0);
});

test("a sheet with an unscored criterion has no weighted score and names what is missing", () => {
  expect(weightedScore(criteria, sheet(4, null, 3))).toBeNull();
  expect(missingCriteria(criteria, sheet(4, null, 3)).map((c) => c.code)).toEqual(["TRN"]);
  expect(missingCriteria(criteria, { cur: { score: 5, comment: "" } }).map((c) => c.code)).toEqual(["CUR", "TRN", "QA"]);
});

test("aggregates give mean, min, max and spread per criterion and flag a spread of two or more", () => {
  const result = aggregateReviews(criteria, [
    { reviewId: "a", reviewerName: "Ana", confidence: "high", scores: sheet(4, 3, 1) },
    { reviewId: "b", reviewerName: "Ben", confidence: "low", scores: sheet(2, 3, 2) },
    { reviewId: "c", reviewerName: "Cy", confidence: "high", scores: sheet(3, 2, 2) },
  ]);
  const [cur, trn, qa] = result.criteria;
  expect(cur).toMatchObject({ count: 3, mean: 3, min: 2, max: 4, spread: 2, flagged: true });
  expect(trn.mean).toBeCloseTo(8 / 3);
  expect(trn).toMatchObject({ min: 2, max: 3, spread: 1, flagged: false });
  expect(qa.mean).toBeCloseTo(5 / 3);
  expect(qa).toMatchObject({ spread: 1, flagged: false });
  expect(result.flaggedCount).toBe(1);
  // (2×3 + 8/3 + 5/3) / 16
  expect(result.weightedTotal).toBeCloseTo(((6 + 13 / 3) / 16) * 100);
  expect(result.perReview.map((r) => r.weighted)).toEqual([75, 56.25, 62.5]);
  expect(result.confidence).toEqual({ low: 1, medium: 0, high: 2 });
  expect(cur.entries.map((e) => [e.reviewerName, e.score, e.confidence])).toEqual([
    ["Ana", 4, "high"],
    ["Ben", 2, "low"],
    ["Cy", 3, "high"],
  ]);
});

test("with no reviews every aggregate is empty rather than zero", () => {
  const result = aggregateReviews(criteria, []);
  expect(result.weightedTotal).toBeNull();
  expect(result.criteria.every((c) => c.mean === null && !c.flagged)).toBe(true);
  expect(formatPercent(result.weightedTotal)).toBe("—");
  expect(formatPercent(62.5)).toBe("63%");
});
