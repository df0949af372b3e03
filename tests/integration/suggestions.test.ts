import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { suggestForModule, suggestionsForModules } from "~/services/suggestions.server";
import { recordQueries } from "../support/query-counter";
import { seedIfEmpty } from "../../db/seed";
import { applications, competencies as competenciesTable, courseModules, courses, moduleMappings } from "../../db/schema";
import { createFramework } from "../support/factories";

test("suggestions rank the competency an outcome describes first, and skip what is already mapped", async () => {
  const { framework, competencies } = await createFramework();
  const input = { frameworkId: framework.id, title: "Lifetimes in depth", learningOutcomes: "Annotate lifetimes on functions and structs holding references." };
  const ranked = await suggestForModule(db, input);
  expect(ranked[0].code).toBe("OWN.3");
  const rest = await suggestForModule(db, { ...input, exclude: [competencies["OWN.3"].id] });
  expect(rest.map((s) => s.code)).not.toContain("OWN.3");
  // Query syntax in the text is just text, never a tsquery error.
  expect(await suggestForModule(db, { frameworkId: framework.id, title: "a & b | !c ':*", learningOutcomes: "(( ))" })).toEqual([]);
});

test("on the seeded accredited providers, a seeded mapping's competency is often among its module's top 3 suggestions", async () => {
  await seedIfEmpty(db, { today: new Date("2026-06-15T08:00:00Z") });
  const rows = await db
    .select({
      moduleId: courseModules.id,
      title: courseModules.title,
      learningOutcomes: courseModules.learningOutcomes,
      frameworkId: applications.frameworkId,
      competencyId: moduleMappings.competencyId,
    })
    .from(moduleMappings)
    .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .innerJoin(applications, eq(applications.id, courses.applicationId))
    .where(eq(applications.status, "accredited"));
  const modules = new Map<string, { title: string; learningOutcomes: string; frameworkId: string; mapped: string[] }>();
  for (const r of rows) {
    const m = modules.get(r.moduleId) ?? { title: r.title, learningOutcomes: r.learningOutcomes, frameworkId: r.frameworkId, mapped: [] };
    m.mapped.push(r.competencyId);
    modules.set(r.moduleId, m);
  }
  let hits = 0;
  let total = 0;
  let top1 = 0;
  for (const m of modules.values()) {
    // Not excluding the seeded mappings: would the suggestion have offered them?
    const top = (await suggestForModule(db, { frameworkId: m.frameworkId, title: m.title, learningOutcomes: m.learningOutcomes, limit: 3 })).map((s) => s.competencyId);
    for (const c of m.mapped) {
      total += 1;
      if (top.includes(c)) hits += 1;
      if (top[0] === c) top1 += 1;
    }
  }
  const share = hits / total;
  console.log(
    `Suggestion quality: ${hits} of ${total} seeded mappings (${(share * 100).toFixed(1)}%) have their competency in the module's top 3 suggestions; ` +
      `${top1} (${((top1 / total) * 100).toFixed(1)}%) ranked first; ${modules.size} modules of accredited providers (${new Set([...modules.values()].map((m) => m.title)).size} distinct module texts).`,
  );
  expect(total).toBeGreaterThan(50);
  expect(share).toBeGreaterThanOrEqual(0.75);
});

test("a page's modules are ranked in one statement, each as if alone, each without what it maps", async () => {
  const { framework, competencies } = await createFramework();
  const modules = [
    { id: "lifetimes", title: "Lifetimes in depth", learningOutcomes: "Annotate lifetimes on functions and structs holding references.", mappedCompetencyIds: [] },
    { id: "lifetimes-mapped", title: "Lifetimes in depth", learningOutcomes: "Annotate lifetimes on functions and structs holding references.", mappedCompetencyIds: [competencies["OWN.3"].id] },
    { id: "syntax", title: "a & b | !c ':*", learningOutcomes: "(( ))", mappedCompetencyIds: [] },
  ];
  const { result: all, queries } = await recordQueries(() => suggestionsForModules(db, framework.id, modules));
  expect(queries).toHaveLength(1);
  expect(Object.keys(all)).toEqual(["lifetimes", "lifetimes-mapped", "syntax"]);
  expect(all.lifetimes[0].code).toBe("OWN.3");
  expect(all["lifetimes-mapped"].map((s) => s.code)).toEqual(all.lifetimes.map((s) => s.code).filter((c) => c !== "OWN.3"));
  expect(all.syntax).toEqual([]);
  for (const m of modules)
    expect(await suggestForModule(db, { frameworkId: framework.id, title: m.title, learningOutcomes: m.learningOutcomes, exclude: m.mappedCompetencyIds })).toEqual(all[m.id]);
  expect(await suggestionsForModules(db, framework.id, [])).toEqual({});
});

test("a page read again ranks only the modules whose text or mappings changed; a draft version is ranked afresh every time", async () => {
  const { framework } = await createFramework();
  const modules = [
    { id: "lifetimes", title: "Lifetimes in depth", learningOutcomes: "Annotate lifetimes on functions and structs holding references.", mappedCompetencyIds: [] as string[] },
    { id: "tasks", title: "Async tasks", learningOutcomes: "Spawn tasks and await futures on an async runtime.", mappedCompetencyIds: [] as string[] },
  ];
  const rankedIn = (queries: string[]) => queries.map((q) => q.match(/::uuid\[\]\)/g)?.length ?? 0);
  const first = await recordQueries(() => suggestionsForModules(db, framework.id, modules));
  expect(rankedIn(first.queries)).toEqual([2]);
  const again = await recordQueries(() => suggestionsForModules(db, framework.id, modules));
  expect(again.queries).toEqual([]);
  expect(again.result).toEqual(first.result);
  // The provider accepts the first suggestion of one module: only that module is ranked again, without it.
  const accepted = first.result.lifetimes[0].competencyId;
  const edited = [{ ...modules[0], mappedCompetencyIds: [accepted] }, modules[1]];
  const afterEdit = await recordQueries(() => suggestionsForModules(db, framework.id, edited));
  expect(rankedIn(afterEdit.queries)).toEqual([1]);
  expect(afterEdit.result.lifetimes.map((s) => s.competencyId)).not.toContain(accepted);
  expect(afterEdit.result.tasks).toEqual(first.result.tasks);

  // A draft's competencies may still change: nothing is kept, and an edit shows at once.
  const draft = await createFramework({ status: "draft", publishedAt: null, version: 2 });
  const draftModules = [modules[0]];
  await suggestionsForModules(db, draft.framework.id, draftModules);
  const draftAgain = await recordQueries(() => suggestionsForModules(db, draft.framework.id, draftModules));
  expect(rankedIn(draftAgain.queries)).toEqual([1]);
  const top = draftAgain.result.lifetimes[0];
  await db.update(competenciesTable).set({ title: "Renamed while a draft" }).where(eq(competenciesTable.id, top.competencyId));
  const renamed = await suggestionsForModules(db, draft.framework.id, draftModules);
  expect(renamed.lifetimes.find((s) => s.competencyId === top.competencyId)?.title).toBe("Renamed while a draft");
});
