import fc from "fast-check";
import { expect, test } from "vitest";
import { expertiseScore, solveAssignment, summarise, violations, type AssignmentInstance, type ProposedPair } from "~/domain/auto-assign";

/** Every feasible set of pairs, best by (count, score, −load cost): the optimum the solver must reach. */
function bruteForce(instance: AssignmentInstance) {
  const allowed: ProposedPair[] = [];
  instance.score.forEach((row, a) => row.forEach((s, r) => s !== null && allowed.push({ application: a, reviewer: r, score: s })));
  let best: { count: number; score: number; load: number } | null = null;
  for (let mask = 0; mask < 1 << allowed.length; mask++) {
    const pairs = allowed.filter((_, i) => mask & (1 << i));
    if (violations(instance, pairs).length > 0) continue;
    const plan = summarise(instance, pairs);
    const candidate = { count: pairs.length, score: plan.totalScore, load: plan.loadCost };
    if (
      !best ||
      candidate.count > best.count ||
      (candidate.count === best.count && (candidate.score > best.score || (candidate.score === best.score && candidate.load < best.load)))
    ) {
      best = candidate;
    }
  }
  return best!;
}

const smallInstance = fc
  .record({ apps: fc.integer({ min: 1, max: 3 }), reviewers: fc.integer({ min: 1, max: 4 }) })
  .chain(({ apps, reviewers }) =>
    fc.record({
      applications: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: apps, maxLength: apps }),
      reviewers: fc.array(fc.record({ load: fc.integer({ min: 0, max: 3 }), capacity: fc.integer({ min: 0, max: 3 }) }), { minLength: reviewers, maxLength: reviewers }),
      // null is a conflict (or an existing assignment): the pair may not be proposed.
      score: fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { freq: 4 }), { minLength: reviewers, maxLength: reviewers }), { minLength: apps, maxLength: apps }),
    }),
  )
  .map<AssignmentInstance>((raw) => ({
    applications: raw.applications.map((needed, i) => ({ id: `a${i}`, needed })),
    reviewers: raw.reviewers.map((r, i) => ({ id: `r${i}`, ...r })),
    score: raw.score,
  }));

test("on small instances the plan is as good as the best of every feasible assignment (brute force)", () => {
  fc.assert(
    fc.property(smallInstance, (instance) => {
      const plan = solveAssignment(instance);
      expect(violations(instance, plan.pairs)).toEqual([]);
      const best = bruteForce(instance);
      expect({ count: plan.pairs.length, score: plan.totalScore, load: plan.loadCost }).toEqual(best);
    }),
    { numRuns: 400 },
  );
});

test("expertise beats load: the expert is chosen even when busier, and a greedy first pick would be wrong", () => {
  // Greedy by best score takes r0 for a0 (score 3) and leaves a1 with nobody (r0 is a1's only reviewer);
  // the optimum gives a0 to r1 (score 2) and a1 to r0 (score 3): 5 in total and both covered.
  const instance: AssignmentInstance = {
    applications: [
      { id: "a0", needed: 1 },
      { id: "a1", needed: 1 },
    ],
    reviewers: [
      { id: "r0", load: 4, capacity: 1 },
      { id: "r1", load: 0, capacity: 1 },
    ],
    score: [
      [3, 2],
      [3, null],
    ],
  };
  const plan = solveAssignment(instance);
  expect(plan.pairs.map((p) => [p.application, p.reviewer]).sort()).toEqual([
    [0, 1],
    [1, 0],
  ]);
  expect(plan.totalScore).toBe(5);
  expect(plan.shortfall).toEqual([]);
});

test("when expertise ties, the lighter-loaded reviewer gets the work", () => {
  const instance: AssignmentInstance = {
    applications: [{ id: "a0", needed: 1 }],
    reviewers: [
      { id: "busy", load: 5, capacity: 3 },
      { id: "free", load: 1, capacity: 3 },
    ],
    score: [[1, 1]],
  };
  expect(solveAssignment(instance).pairs).toEqual([{ application: 0, reviewer: 1, score: 1 }]);
});

test("load limits and conflicts leave a shortfall rather than a forbidden pair", () => {
  const instance: AssignmentInstance = {
    applications: [
      { id: "a0", needed: 2 },
      { id: "a1", needed: 2 },
    ],
    reviewers: [
      { id: "r0", load: 0, capacity: 1 },
      { id: "r1", load: 0, capacity: 2 },
    ],
    score: [
      [1, null],
      [0, 2],
    ],
  };
  const plan = solveAssignment(instance);
  expect(violations(instance, plan.pairs)).toEqual([]);
  expect(plan.pairs).toHaveLength(2);
  expect(plan.shortfall).toEqual([
    { application: 0, missing: 1 },
    { application: 1, missing: 1 },
  ]);
});

test("expertise score counts the distinct areas both sides share, whatever the case", () => {
  expect(expertiseScore(["own", "ASYNC", "TRAIT"], ["OWN", "ASYNC", "ERR"])).toBe(2);
  expect(expertiseScore(["OWN", "own"], ["OWN"])).toBe(1);
  expect(expertiseScore([], ["OWN"])).toBe(0);
});
