/**
 * What an application still needs before it may be submitted (DESIGN.md "The application workflow").
 * Pure: the service loads the application's parts; the page lists every missing item with a link to
 * its section, and the submit action refuses with the same list.
 */
export type SectionKey = "organisation" | "trainers" | "courses" | "mapping" | "documents" | "declarations";

export const SECTIONS: { key: SectionKey; label: string; path: string }[] = [
  { key: "organisation", label: "Organisation profile", path: "organisation" },
  { key: "trainers", label: "Trainers", path: "trainers" },
  { key: "courses", label: "Courses and modules", path: "courses" },
  { key: "mapping", label: "Competency mapping", path: "mapping" },
  { key: "documents", label: "Evidence documents", path: "documents" },
  { key: "declarations", label: "Declarations", path: "declarations" },
];

export type CompletenessInput = {
  organisation: {
    displayName: string;
    legalName: string;
    country: string | null;
    description: string;
    contactEmail: string | null;
  };
  trainerCount: number;
  courses: { title: string; modules: { title: string; mappingCount: number }[] }[];
  documentKinds: string[];
  declarations: { accurate: boolean; codeOfConduct: boolean; dataProcessing: boolean; signedBy: string } | null;
  /** An extension (decision 039) or a delta review (045) changes courses of an accredited scope: the accredited trainers stand. */
  extension?: boolean;
};

export type MissingItem = { section: SectionKey; message: string };

/** Documents an application must carry; the others (trainer CVs, quality process) are welcome but optional. */
export const REQUIRED_DOCUMENT_KINDS: { kind: string; label: string }[] = [{ kind: "syllabus", label: "a syllabus (PDF)" }];

const blank = (s: string | null | undefined) => !s || s.trim() === "";

export function missingItems(input: CompletenessInput): MissingItem[] {
  const out: MissingItem[] = [];
  const org = input.organisation;
  const orgFields: [string | null, string][] = [
    [org.displayName, "display name"],
    [org.legalName, "legal name"],
    [org.country, "country"],
    [org.description, "description"],
    [org.contactEmail, "contact email"],
  ];
  for (const [value, label] of orgFields) if (blank(value)) out.push({ section: "organisation", message: `Organisation profile: add the ${label}.` });

  if (input.trainerCount === 0 && !input.extension) out.push({ section: "trainers", message: "Add at least one trainer." });

  if (input.courses.length === 0) out.push({ section: "courses", message: "Add at least one course." });
  for (const course of input.courses) {
    if (course.modules.length === 0) out.push({ section: "courses", message: `Course “${course.title}”: add at least one syllabus module.` });
    for (const m of course.modules) {
      if (m.mappingCount === 0) out.push({ section: "mapping", message: `Course “${course.title}”, module “${m.title}”: map it to at least one competency.` });
    }
  }

  for (const required of REQUIRED_DOCUMENT_KINDS) {
    if (!input.documentKinds.includes(required.kind)) out.push({ section: "documents", message: `Upload ${required.label}.` });
  }

  const d = input.declarations;
  if (!d || !d.accurate || !d.codeOfConduct || !d.dataProcessing || blank(d.signedBy)) {
    out.push({ section: "declarations", message: "Tick every declaration and sign with your name." });
  }
  return out;
}

export type SectionState = { key: SectionKey; label: string; path: string; complete: boolean };

/** Per section: complete or not, for the progress indicator. Mapping with no modules yet is not complete either. */
export function sectionProgress(input: CompletenessInput, missing: MissingItem[] = missingItems(input)): SectionState[] {
  const incomplete = new Set(missing.map((m) => m.section));
  if (!input.courses.some((c) => c.modules.length > 0)) incomplete.add("mapping");
  return SECTIONS.map((s) => ({ ...s, complete: !incomplete.has(s.key) }));
}
