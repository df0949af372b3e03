import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { coreCoverageCounts, summarise } from "~/services/board-summary.server";
import { coverageOf, disputedMappingsOf } from "~/services/review.server";
import { applications, competencies, courseModules, courses, mappingDisputes, moduleMappings } from "../../db/schema";
import { LEVEL_ORDER, DEPTH_ORDER } from "~/domain/coverage";
import { createFramework, createRubric, createUser } from "../support/factories";
import { createAwaitingDecision } from "../support/factories-board";

/** Three applications awaiting decision, each with a course per level of three modules mapped at random depths, some mappings disputed (open, upheld, dismissed). */
async function variedApplications() {
  const framework = await createFramework();
  const rubric = await createRubric();
  const other = await createFramework({ version: 2, status: "draft", publishedAt: null });
  // A core competency without a level is in every course's scope; one of the other framework never counts.
  const [anyLevel] = await db
    .insert(competencies)
    .values({ frameworkId: framework.framework.id, parentId: framework.areas.own.id, kind: "competency", code: "OWN.0", title: "Read compiler errors", level: null, core: true, position: 3 })
    .returning();
  const ownCompetencies = [...Object.values(framework.competencies), anyLevel];
  const candidates = [...ownCompetencies, other.competencies["OWN.3"]];
  const raiser = await createUser({ name: "Rae Reviewer" });
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };

  const apps = [];
  for (let a = 0; a < 3; a += 1) {
    const built = await createAwaitingDecision({ framework, rubric });
    for (const level of LEVEL_ORDER) {
      const [course] = await db.insert(courses).values({ applicationId: built.application.id, title: `Rust ${level} ${a}`, level, position: 1 }).returning();
      for (let m = 0; m < 3; m += 1) {
        const [module] = await db.insert(courseModules).values({ courseId: course.id, title: `Module ${m}`, position: m }).returning();
        for (const competency of candidates) {
          const pick = next(DEPTH_ORDER.length + 2);
          if (pick >= DEPTH_ORDER.length) continue;
          const [mapping] = await db.insert(moduleMappings).values({ moduleId: module.id, competencyId: competency.id, depth: DEPTH_ORDER[pick] }).returning();
          const dispute = next(5);
          if (dispute === 0) await db.insert(mappingDisputes).values({ mappingId: mapping.id, raisedBy: raiser.id, note: "Not covered" });
          if (dispute === 1 || dispute === 2) {
            const resolution = dispute === 1 ? "upheld" : "dismissed";
            await db.insert(mappingDisputes).values({ mappingId: mapping.id, raisedBy: raiser.id, note: "Not covered", resolvedAt: new Date(), resolvedBy: raiser.id, resolution, resolutionNote: "Ruled" });
          }
        }
      }
    }
    apps.push(built.application.id);
  }
  return { apps, frameworkId: framework.framework.id };
}

test("the board queue's coverage counts in SQL equal the summary's, course by course, on varied syllabi and disputes", async () => {
  const { apps } = await variedApplications();
  const counts = await coreCoverageCounts(db, apps);
  for (const id of apps) {
    const [row] = await db.select().from(applications).where(eq(applications.id, id));
    const summary = await summarise(db, row);
    const expected = summary.coverage.map((c) => ({ applicationId: id, courseId: c.courseId, coreInScope: c.coreInScope, coreCovered: c.coreCovered }));
    const byCourse = (x: { courseId: string }, y: { courseId: string }) => x.courseId.localeCompare(y.courseId);
    expect([...(counts.get(id) ?? [])].sort(byCourse)).toEqual(expected.sort(byCourse));
  }
  // The data is varied enough to mean something: some courses fall short, some meet the target, scopes differ by level.
  const all = [...counts.values()].flat();
  expect(new Set(all.map((c) => c.coreInScope)).size).toBeGreaterThan(1);
  expect(all.some((c) => c.coreCovered < c.coreInScope)).toBe(true);
  expect(all.some((c) => c.coreCovered > 0)).toBe(true);
});

test("the vote page's disputed mappings, read alone, are the disputed mappings of the whole coverage", async () => {
  const { apps, frameworkId } = await variedApplications();
  const byMapping = (x: { mappingId: string }, y: { mappingId: string }) => x.mappingId.localeCompare(y.mappingId);
  let disputed = 0;
  for (const id of apps) {
    const expected = (await coverageOf(db, id, frameworkId)).mappings.filter((m) => m.disputes.length > 0);
    const read = await disputedMappingsOf(db, id);
    expect([...read].sort(byMapping)).toEqual([...expected].sort(byMapping));
    expect(read.map((m) => m.code)).toEqual(expected.map((m) => m.code));
    disputed += read.length;
  }
  expect(disputed).toBeGreaterThan(3);
});
