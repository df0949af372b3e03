import { expect, test } from "vitest";
import { missingItems, sectionProgress, type CompletenessInput } from "~/domain/completeness";

const complete = (): CompletenessInput => ({
  organisation: { displayName: "Ferris Training", legalName: "Ferris Training GmbH", country: "DE", description: "Rust courses", contactEmail: "hi@ferris.example" },
  trainerCount: 1,
  courses: [{ title: "Rust Foundations", modules: [{ title: "Ownership", mappingCount: 2 }] }],
  documentKinds: ["syllabus", "trainer_cv"],
  declarations: { accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: "Ada" },
});

test("a complete application misses nothing and every section is complete", () => {
  expect(missingItems(complete())).toEqual([]);
  expect(sectionProgress(complete()).every((s) => s.complete)).toBe(true);
});

test("an empty draft lists exactly what is missing, in section order", () => {
  const input: CompletenessInput = {
    organisation: { displayName: "Ferris", legalName: "", country: null, description: " ", contactEmail: "a@b.example" },
    trainerCount: 0,
    courses: [],
    documentKinds: ["trainer_cv"],
    declarations: null,
  };
  expect(missingItems(input)).toEqual([
    { section: "organisation", message: "Organisation profile: add the legal name." },
    { section: "organisation", message: "Organisation profile: add the country." },
    { section: "organisation", message: "Organisation profile: add the description." },
    { section: "trainers", message: "Add at least one trainer." },
    { section: "courses", message: "Add at least one course." },
    { section: "documents", message: "Upload a syllabus (PDF)." },
    { section: "declarations", message: "Tick every declaration and sign with your name." },
  ]);
  const progress = Object.fromEntries(sectionProgress(input).map((s) => [s.key, s.complete]));
  // No modules yet: mapping cannot be complete either.
  expect(progress).toEqual({ organisation: false, trainers: false, courses: false, mapping: false, documents: false, declarations: false });
});

test("courses without modules and modules without mappings are named", () => {
  const input = complete();
  input.courses = [
    { title: "Rust Foundations", modules: [] },
    { title: "Async Rust", modules: [{ title: "Futures", mappingCount: 0 }, { title: "Tokio", mappingCount: 1 }] },
  ];
  expect(missingItems(input)).toEqual([
    { section: "courses", message: "Course “Rust Foundations”: add at least one syllabus module." },
    { section: "mapping", message: "Course “Async Rust”, module “Futures”: map it to at least one competency." },
  ]);
});

test("one unticked declaration or a missing signature is incomplete", () => {
  const input = complete();
  input.declarations = { accurate: true, codeOfConduct: false, dataProcessing: true, signedBy: "Ada" };
  expect(missingItems(input).map((m) => m.section)).toEqual(["declarations"]);
  input.declarations = { accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: "" };
  expect(missingItems(input).map((m) => m.section)).toEqual(["declarations"]);
});

test("an extension (decision 039) needs its new courses, mapping, syllabus and declarations, but no trainers: the accredited ones stand", () => {
  const extension = { ...complete(), trainerCount: 0, extension: true };
  expect(missingItems(extension)).toEqual([]);
  expect(sectionProgress(extension).every((s) => s.complete)).toBe(true);
  expect(missingItems({ ...extension, courses: [] })).toEqual([{ section: "courses", message: "Add at least one course." }]);
  expect(missingItems({ ...extension, extension: false })).toEqual([{ section: "trainers", message: "Add at least one trainer." }]);
});
