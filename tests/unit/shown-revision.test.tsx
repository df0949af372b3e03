import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { RevisionView } from "~/components/review/revision-view";
import { shownRevision, type RevisionSnapshot } from "~/domain/revision-diff";

const full: RevisionSnapshot = {
  application: { id: "a1", kind: "initial", rubricId: "r1", frameworkId: "f1" },
  organisation: { id: "o1", slug: "ferris", displayName: "Ferris Training", legalName: "Ferris GmbH", website: "https://ferris.example", country: "DE", contactEmail: "hi@ferris.example", description: "Rust", version: 3 },
  trainers: [
    { id: "t1", name: "Ada", qualifications: "MSc", yearsExperience: 5, links: ["https://ada.example"], certifications: "" },
    { id: "t2", name: "Bo" },
  ],
  courses: [
    {
      id: "c1",
      title: "Rust Fundamentals",
      level: "foundation",
      totalHours: 24,
      description: "The basics",
      deliveryModes: ["in_person", "online"],
      languages: ["en"],
      regions: ["EU"],
      position: 0,
      modules: [
        {
          id: "m1",
          title: "Ownership",
          learningOutcomes: "Explain moves",
          hours: 6,
          mappings: [
            { competencyId: "k1", mappingId: "x1", code: "OWN.1", title: "Explain ownership", depth: "introduced" },
            { competencyId: "k2", mappingId: "x2", code: "OWN.2", title: "Borrow", depth: "practised" },
          ],
        },
        { id: "m2", title: "Traits" },
      ],
    },
    { id: "c2", title: "No modules yet" },
  ],
  documents: [{ id: "d1", kind: "syllabus", filename: "syllabus.pdf", sha256: "aaa", size: 100 }],
  declarations: { accurate: true, codeOfConduct: true, dataProcessing: false, signedBy: "Ada", signedAt: "2026-01-01" },
};

test("a revision sent to the page draws exactly as the whole snapshot does, without its ids, documents and bookkeeping", () => {
  const shown = shownRevision(full);
  expect(renderToStaticMarkup(<RevisionView snapshot={shown} />)).toBe(renderToStaticMarkup(<RevisionView snapshot={full} />));
  const json = JSON.stringify(shown);
  for (const left of ["o1", "t1", "c1", "m1", "x1", "d1", "syllabus.pdf", "slug", "signedAt", "links", "frameworkId"]) expect(json).not.toContain(`"${left}"`);
});

test("a sparse snapshot stays sparse: absent sections and fields are absent, not empty", () => {
  const sparse: RevisionSnapshot = { organisation: { displayName: "Solo" }, courses: [{ title: "Only a title" }], declarations: null };
  const shown = shownRevision(sparse);
  expect(JSON.parse(JSON.stringify(shown))).toEqual({ organisation: { displayName: "Solo" }, courses: [{ title: "Only a title" }], declarations: null });
  expect(renderToStaticMarkup(<RevisionView snapshot={shown} />)).toBe(renderToStaticMarkup(<RevisionView snapshot={sparse} />));
});
