import { expect, test } from "vitest";
import { courseCoverage, deeper, focusCoverage, heatmapCoverage, inCoreScope, type CoverageCompetency } from "~/domain/coverage";

// A hand-made framework: four core competencies over three levels, one optional.
const comps: CoverageCompetency[] = [
  { id: "own1", code: "OWN.1", title: "Ownership", level: "foundation", core: true },
  { id: "own2", code: "OWN.2", title: "Borrowing", level: "foundation", core: true },
  { id: "own3", code: "OWN.3", title: "Lifetimes", level: "intermediate", core: true },
  { id: "asy2", code: "ASYNC.2", title: "Pin", level: "advanced", core: true },
  { id: "asy1", code: "ASYNC.1", title: "Async fns", level: "intermediate", core: false },
];
const modules = [
  { id: "m1", title: "Basics" },
  { id: "m2", title: "References" },
];

test("deeper picks the deeper depth and ignores null", () => {
  expect(deeper(null, "introduced")).toBe("introduced");
  expect(deeper("assessed", "practised")).toBe("assessed");
  expect(deeper("introduced", "practised")).toBe("practised");
  expect(deeper(null, null)).toBeNull();
});

test("core scope is core competencies at or below the course level", () => {
  expect(inCoreScope(comps[2], "foundation")).toBe(false);
  expect(inCoreScope(comps[2], "intermediate")).toBe(true);
  expect(inCoreScope(comps[3], "intermediate")).toBe(false);
  expect(inCoreScope(comps[4], "advanced")).toBe(false);
});

test("foundation course: best depth across modules decides coverage", () => {
  const result = courseCoverage({
    courseLevel: "foundation",
    competencies: comps,
    modules,
    mappings: [
      { moduleId: "m1", competencyId: "own1", depth: "introduced" },
      { moduleId: "m2", competencyId: "own1", depth: "practised" },
      { moduleId: "m2", competencyId: "own2", depth: "introduced" },
    ],
  });
  const own1 = result.rows.find((r) => r.id === "own1")!;
  expect(own1.best).toBe("practised");
  expect(own1.cells).toEqual({ m1: { depth: "introduced", disputed: false }, m2: { depth: "practised", disputed: false } });
  // In scope: OWN.1 and OWN.2 only; OWN.2 is merely introduced.
  expect(result.coreInScope).toBe(2);
  expect(result.coreCovered).toBe(1);
  expect(result.percent).toBe(50);
  expect(result.gaps.map((g) => g.code)).toEqual(["OWN.2"]);
  expect(result.meetsTarget).toBe(false);
});

test("intermediate course: three in scope, two covered → 66 %", () => {
  const result = courseCoverage({
    courseLevel: "intermediate",
    competencies: comps,
    modules,
    mappings: [
      { moduleId: "m1", competencyId: "own1", depth: "assessed" },
      { moduleId: "m2", competencyId: "own3", depth: "practised" },
      { moduleId: "m2", competencyId: "asy1", depth: "assessed" },
    ],
  });
  expect(result.coreInScope).toBe(3);
  expect(result.coreCovered).toBe(2);
  expect(result.percent).toBe(66);
  expect(result.gaps.map((g) => g.code)).toEqual(["OWN.2"]);
});

test("a disputed mapping is shown but does not count", () => {
  const result = courseCoverage({
    courseLevel: "foundation",
    competencies: comps,
    modules,
    mappings: [
      { moduleId: "m1", competencyId: "own1", depth: "assessed", disputed: true },
      { moduleId: "m2", competencyId: "own1", depth: "introduced" },
      { moduleId: "m1", competencyId: "own2", depth: "practised" },
    ],
  });
  const own1 = result.rows.find((r) => r.id === "own1")!;
  expect(own1.cells.m1).toEqual({ depth: "assessed", disputed: true });
  expect(own1.best).toBe("introduced");
  expect(own1.covered).toBe(false);
  expect(result.percent).toBe(50);
});

test("mappings of modules outside the course are ignored; full coverage meets the target", () => {
  const result = courseCoverage({
    courseLevel: "foundation",
    competencies: comps,
    modules,
    mappings: [
      { moduleId: "elsewhere", competencyId: "own2", depth: "assessed" },
      { moduleId: "m1", competencyId: "own1", depth: "practised" },
      { moduleId: "m1", competencyId: "own2", depth: "assessed" },
    ],
  });
  expect(result.percent).toBe(100);
  expect(result.gaps).toEqual([]);
  expect(result.meetsTarget).toBe(true);
  expect(result.rows.find((r) => r.id === "own2")!.cells).toEqual({ m1: { depth: "assessed", disputed: false } });
});

test("no core competency in scope reads as fully covered", () => {
  const result = courseCoverage({ courseLevel: "foundation", competencies: [comps[4]], modules, mappings: [] });
  expect(result.coreInScope).toBe(0);
  expect(result.percent).toBe(100);
});

test("a heat map shows the competencies the course maps and its core scope, not the rest of the framework", () => {
  const full = courseCoverage({
    courseLevel: "foundation",
    competencies: comps,
    modules,
    // ASYNC.1 is optional and above the course's level, but mapped: shown. OWN.3 and ASYNC.2 are neither: left out.
    mappings: [{ moduleId: "m1", competencyId: "asy1", depth: "introduced" }],
  });
  const shown = heatmapCoverage(full);
  expect(shown.rows.map((r) => r.code)).toEqual(["OWN.1", "OWN.2", "ASYNC.1"]);
  // Only the rows change: the figures are the whole course's, the gaps named by code.
  expect({ ...shown, rows: [] }).toEqual({ ...full, rows: [], gaps: full.gaps.map((g) => g.code) });
  expect(full.rows).toHaveLength(5);
});

test("one course's heat map at a time: the chosen course keeps its rows and modules, every course its summary", () => {
  const coverage = (courseLevel: "foundation" | "advanced") =>
    courseCoverage({ courseLevel, competencies: comps, modules, mappings: [{ moduleId: "m1", competencyId: "own1", depth: "practised" }] });
  const courses = [
    { courseId: "c1", title: "First", modules, coverage: coverage("foundation") },
    { courseId: "c2", title: "Second", modules, coverage: coverage("advanced") },
  ];
  const second = focusCoverage(courses, "c2");
  expect(second.focusedId).toBe("c2");
  expect(second.courses[1]).toBe(courses[1]);
  expect(second.courses[0].modules).toEqual([]);
  expect(second.courses[0].coverage.rows).toEqual([]);
  // The summary of the course not shown is whole: its percentage and its gaps.
  expect({ ...second.courses[0].coverage, rows: courses[0].coverage.rows }).toEqual(courses[0].coverage);
  expect(second.courses[0].coverage.gaps.map((g) => g.code)).toEqual(["OWN.2"]);
  // None chosen, or a course the application does not have: the first.
  expect(focusCoverage(courses, null).focusedId).toBe("c1");
  expect(focusCoverage(courses, "not-a-course").focusedId).toBe("c1");
  expect(focusCoverage([], "c1")).toEqual({ courses: [], focusedId: null });
});

test("coverage rows carry the competency's own fields, whatever else the caller's objects hold", () => {
  const withExtra = comps.map((c) => ({ ...c, description: "not part of coverage" }));
  const result = courseCoverage({ courseLevel: "advanced", competencies: withExtra, modules, mappings: [] });
  expect(result.rows[0]).toEqual({ ...comps[0], best: null, cells: {}, inScope: true, covered: false });
});
