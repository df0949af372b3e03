/**
 * Reviewer auto-assignment at batch scale, a standalone measurement (`npm run bench:assign`; `npm run bench`
 * prints the same line first): 200 submitted applications × 60 reviewers, 3 reviewers each, loads and
 * limits like a busy season, 5% of pairs conflicted. The instance comes from a fixed-seed generator, so
 * every run solves the same problem. Prints
 * `auto-assign applications=200 reviewers=60 ms=<median of 5> assigned=<pairs> shortfall=<missing> score=<total>`.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { solveAssignment, violations, type AssignmentInstance } from "../app/domain/auto-assign";

const AREAS = ["OWN", "BORROW", "TYPES", "TRAIT", "ERR", "ASYNC", "UNSAFE", "MACRO", "TEST", "PERF", "FFI", "TOOL"];

/** Mulberry32: a small deterministic generator, so the instance is the same in every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchInstance(applications = 200, reviewers = 60, needed = 3, maxLoad = 14): AssignmentInstance {
  const rand = random(16);
  const pick = (n: number) => AREAS.filter(() => rand() < n / AREAS.length);
  const appAreas = Array.from({ length: applications }, () => pick(4));
  const revAreas = Array.from({ length: reviewers }, () => pick(3));
  const loads = Array.from({ length: reviewers }, () => Math.floor(rand() * 5));
  return {
    applications: appAreas.map((_, i) => ({ id: `a${i}`, needed })),
    reviewers: loads.map((load, i) => ({ id: `r${i}`, load, capacity: Math.max(0, maxLoad - load) })),
    score: appAreas.map((areas) => revAreas.map((mine) => (rand() < 0.05 ? null : mine.filter((a) => areas.includes(a)).length))),
  };
}

export function benchAutoAssign(): string {
  const instance = benchInstance();
  const times: number[] = [];
  let plan = solveAssignment(instance);
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    plan = solveAssignment(instance);
    times.push(performance.now() - start);
  }
  const problems = violations(instance, plan.pairs);
  if (problems.length > 0) throw new Error(`auto-assign produced an infeasible plan: ${problems.slice(0, 3).join("; ")}`);
  times.sort((a, b) => a - b);
  const missing = plan.shortfall.reduce((s, x) => s + x.missing, 0);
  return `auto-assign applications=${instance.applications.length} reviewers=${instance.reviewers.length} ms=${times[2].toFixed(1)} max_ms=${times[4].toFixed(1)} assigned=${plan.pairs.length} shortfall=${missing} score=${plan.totalScore}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(benchAutoAssign());
