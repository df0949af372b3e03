import { expect, test } from "vitest";
import { diffRevisions, groupDiff, type RevisionSnapshot } from "~/domain/revision-diff";

function snapshot(): RevisionSnapshot {
  return {
    organisation: { id: "o1", displayName: "Ferris Training", website: "https://ferris.example", country: "DE", version: 3 },
    trainers: [{ id: "t1", name: "Ada", qualifications: "MSc", yearsExperience: 5, links: ["https://ada.example"] }],
    courses: [
      {
        id: "c1",
        title: "Rust Fundamentals",
        level: "foundation",
        totalHours: 24,
        deliveryModes: ["in_person"],
        modules: [
          {
            id: "m1",
            title: "Ownership",
            learningOutcomes: "Explain moves",
            hours: 6,
            mappings: [
              { competencyId: "k1", code: "OWN.1", title: "Explain ownership", depth: "introduced" },
              { competencyId: "k2", code: "OWN.2", title: "Borrow", depth: "practised" },
            ],
          },
        ],
      },
    ],
    documents: [{ id: "d1", kind: "syllabus", filename: "syllabus.pdf", sha256: "aaa", size: 100 }],
    declarations: { accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: "Ada", signedAt: "2026-01-01" },
  };
}

test("identical revisions have no differences, whatever the bookkeeping fields say", () => {
  const after = snapshot();
  (after.organisation as Record<string, unknown>).version = 4;
  (after.declarations as Record<string, unknown>).signedAt = "2026-02-01";
  expect(diffRevisions(snapshot(), after)).toEqual([]);
});

test("changes in sections, trainers, courses, modules and mappings are each reported where they happened", () => {
  const after = snapshot();
  (after.organisation as Record<string, unknown>).website = "https://ferris.training";
  after.trainers!.push({ id: "t2", name: "Grace", qualifications: "PhD" });
  const course = after.courses![0];
  course.deliveryModes = ["in_person", "online_live"];
  const mod = course.modules![0];
  mod.learningOutcomes = "Explain moves and drops";
  mod.mappings = [
    { competencyId: "k1", code: "OWN.1", title: "Explain ownership", depth: "assessed" },
    { competencyId: "k3", code: "OWN.3", title: "Lifetimes", depth: "introduced" },
  ];
  course.modules!.push({ id: "m2", title: "Async", mappings: [] });
  after.documents = [{ id: "d1", kind: "syllabus", filename: "syllabus.pdf", sha256: "bbb", size: 120 }];

  const diff = diffRevisions(snapshot(), after);
  expect(diff).toContainEqual({ section: "organisation", kind: "changed", path: [], field: "Website", before: "https://ferris.example", after: "https://ferris.training" });
  expect(diff).toContainEqual({ section: "trainers", kind: "added", path: ["Grace"] });
  expect(diff).toContainEqual({ section: "courses", kind: "changed", path: ["Rust Fundamentals"], field: "Delivery modes", before: "in_person", after: "in_person, online_live" });
  expect(diff).toContainEqual({ section: "courses", kind: "changed", path: ["Rust Fundamentals", "Ownership"], field: "Learning outcomes", before: "Explain moves", after: "Explain moves and drops" });
  expect(diff).toContainEqual({ section: "courses", kind: "changed", path: ["Rust Fundamentals", "Ownership", "OWN.1 Explain ownership"], field: "Depth", before: "introduced", after: "assessed" });
  expect(diff).toContainEqual({ section: "courses", kind: "added", path: ["Rust Fundamentals", "Ownership", "OWN.3 Lifetimes"], after: "introduced" });
  expect(diff).toContainEqual({ section: "courses", kind: "removed", path: ["Rust Fundamentals", "Ownership", "OWN.2 Borrow"], before: "practised" });
  expect(diff).toContainEqual({ section: "courses", kind: "added", path: ["Rust Fundamentals", "Async"] });
  expect(diff).toContainEqual({ section: "documents", kind: "changed", path: ["syllabus.pdf"], field: "Checksum (SHA-256)", before: "aaa", after: "bbb" });
  expect(diff).toHaveLength(10); // the nine above and the document's size
  expect(groupDiff(diff).map((g) => g.section)).toEqual(["organisation", "trainers", "courses", "documents"]);
});

test("items are paired by id, so a renamed course is a change, not a removal and an addition", () => {
  const after = snapshot();
  after.courses![0].title = "Rust Foundations";
  const diff = diffRevisions(snapshot(), after);
  expect(diff).toEqual([{ section: "courses", kind: "changed", path: ["Rust Foundations"], field: "Title", before: "Rust Fundamentals", after: "Rust Foundations" }]);
});

test("without ids, items are paired by title and removed ones are reported", () => {
  const before = snapshot();
  const after = snapshot();
  for (const s of [before, after]) for (const c of s.courses!) delete c.id;
  after.courses = [{ title: "Advanced Rust", modules: [] }];
  const diff = diffRevisions(before, after);
  expect(diff).toEqual([
    { section: "courses", kind: "removed", path: ["Rust Fundamentals"] },
    { section: "courses", kind: "added", path: ["Advanced Rust"] },
  ]);
});
