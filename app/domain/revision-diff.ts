/**
 * What changed between two frozen revisions of an application: sections, trainers, courses, modules and
 * mappings. Pure. The snapshot types are structural (the submitting service owns the exact shape), so the
 * diff compares whatever scalar fields a snapshot carries and only relies on the nesting
 * courses → modules → mappings and on names/titles (or ids when both sides have them) to pair items.
 */
export type SnapshotMapping = { competencyId: string; code: string; title?: string; depth: string; [key: string]: unknown };
export type SnapshotModule = { id?: string; title: string; mappings?: SnapshotMapping[]; [key: string]: unknown };
export type SnapshotCourse = { id?: string; title: string; modules?: SnapshotModule[]; [key: string]: unknown };
export type SnapshotTrainer = { id?: string; name: string; [key: string]: unknown };
export type SnapshotDocument = { id?: string; filename: string; kind?: string; sha256?: string; [key: string]: unknown };
export type RevisionSnapshot = {
  organisation?: Record<string, unknown> | null;
  trainers?: SnapshotTrainer[];
  courses?: SnapshotCourse[];
  documents?: SnapshotDocument[];
  declarations?: Record<string, unknown> | null;
  [key: string]: unknown;
};

export type DiffSection = "organisation" | "trainers" | "courses" | "documents" | "declarations";
export type DiffEntry = {
  section: DiffSection;
  kind: "added" | "removed" | "changed";
  /** Where: e.g. ["Rust Fundamentals", "Ownership", "OWN.2"]. Empty for a section-level field. */
  path: string[];
  /** The changed field, for kind "changed". */
  field?: string;
  before?: string;
  after?: string;
};

const SECTION_TITLES: Record<DiffSection, string> = {
  organisation: "Organisation",
  trainers: "Trainers",
  courses: "Courses, modules and mappings",
  documents: "Documents",
  declarations: "Declarations",
};

// Bookkeeping that changes without the content changing; never worth showing a reviewer.
const IGNORED = new Set([
  "id",
  "version",
  "position",
  "applicationId",
  "organisationId",
  "courseId",
  "moduleId",
  "mappingId",
  "competencyId",
  "frameworkId",
  "rubricId",
  "createdAt",
  "updatedAt",
  "uploadedBy",
  "uploadedAt",
  "signedAt",
  "modules",
  "mappings",
  "fromSuggestion",
]);

const FIELD_LABELS: Record<string, string> = { sha256: "Checksum (SHA-256)", totalHours: "Total hours" };

export function humanise(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const words = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function display(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(display).join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function fieldChanges(section: DiffSection, path: string[], before: Record<string, unknown>, after: Record<string, unknown>): DiffEntry[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !IGNORED.has(k));
  const out: DiffEntry[] = [];
  for (const key of keys) {
    const b = display(before[key]);
    const a = display(after[key]);
    if (b !== a) out.push({ section, kind: "changed", path, field: humanise(key), before: b, after: a });
  }
  return out;
}

/** Pair items of two lists: by id when both carry one, otherwise by their label (case-insensitive). */
function pair<T extends { id?: string }>(before: T[], after: T[], label: (t: T) => string) {
  const used = new Set<number>();
  const pairs: { before?: T; after?: T }[] = [];
  for (const b of before) {
    let index = b.id ? after.findIndex((a, i) => !used.has(i) && a.id === b.id) : -1;
    if (index < 0) index = after.findIndex((a, i) => !used.has(i) && label(a).trim().toLowerCase() === label(b).trim().toLowerCase());
    if (index >= 0) {
      used.add(index);
      pairs.push({ before: b, after: after[index] });
    } else pairs.push({ before: b });
  }
  after.forEach((a, i) => {
    if (!used.has(i)) pairs.push({ after: a });
  });
  return pairs;
}

function listDiff<T extends { id?: string }>(
  section: DiffSection,
  parent: string[],
  before: T[],
  after: T[],
  label: (t: T) => string,
  nested?: (b: T, a: T, path: string[]) => DiffEntry[],
): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const p of pair(before, after, label)) {
    if (p.before && p.after) {
      const path = [...parent, label(p.after)];
      out.push(...fieldChanges(section, path, p.before, p.after));
      if (nested) out.push(...nested(p.before, p.after, path));
    } else if (p.after) out.push({ section, kind: "added", path: [...parent, label(p.after)] });
    else if (p.before) out.push({ section, kind: "removed", path: [...parent, label(p.before)] });
  }
  return out;
}

function mappingDiff(before: SnapshotMapping[], after: SnapshotMapping[], path: string[]): DiffEntry[] {
  const out: DiffEntry[] = [];
  const byId = (list: SnapshotMapping[]) => new Map(list.map((m) => [m.competencyId, m]));
  const b = byId(before);
  const a = byId(after);
  const label = (m: SnapshotMapping) => (m.title ? `${m.code} ${m.title}` : m.code);
  for (const [id, m] of a) {
    const old = b.get(id);
    if (!old) out.push({ section: "courses", kind: "added", path: [...path, label(m)], after: m.depth });
    else if (old.depth !== m.depth) out.push({ section: "courses", kind: "changed", path: [...path, label(m)], field: "Depth", before: old.depth, after: m.depth });
  }
  for (const [id, m] of b) if (!a.has(id)) out.push({ section: "courses", kind: "removed", path: [...path, label(m)], before: m.depth });
  return out;
}

/** Every difference from `before` to `after`, section by section. */
export function diffRevisions(before: RevisionSnapshot, after: RevisionSnapshot): DiffEntry[] {
  const changes: DiffEntry[] = [];
  changes.push(...fieldChanges("organisation", [], before.organisation ?? {}, after.organisation ?? {}));
  changes.push(...listDiff("trainers", [], before.trainers ?? [], after.trainers ?? [], (t) => t.name));
  changes.push(
    ...listDiff("courses", [], before.courses ?? [], after.courses ?? [], (c) => c.title, (bc, ac, coursePath) =>
      listDiff("courses", coursePath, bc.modules ?? [], ac.modules ?? [], (m) => m.title, (bm, am, modulePath) =>
        mappingDiff(bm.mappings ?? [], am.mappings ?? [], modulePath),
      ),
    ),
  );
  // A file replaced under the same name shows up as a changed checksum.
  changes.push(...listDiff("documents", [], before.documents ?? [], after.documents ?? [], (d) => d.filename));
  changes.push(...fieldChanges("declarations", [], before.declarations ?? {}, after.declarations ?? {}));
  return changes;
}

/** Changes grouped by section, in a fixed order, omitting sections with no change. */
export function groupDiff(entries: DiffEntry[]): { section: DiffSection; title: string; entries: DiffEntry[] }[] {
  return (Object.keys(SECTION_TITLES) as DiffSection[])
    .map((section) => ({ section, title: SECTION_TITLES[section], entries: entries.filter((e) => e.section === section) }))
    .filter((g) => g.entries.length > 0);
}

/** The organisation's fields a revision shows, in order. */
export const ORGANISATION_SHOWN = ["displayName", "legalName", "website", "country", "contactEmail", "description"] as const;

/**
 * The parts of a frozen revision that the page draws (`RevisionView`), for a loader to send: the snapshot also
 * carries every id, the documents and bookkeeping the reader never sees. Absent fields stay absent.
 */
export function shownRevision(snapshot: RevisionSnapshot): RevisionSnapshot {
  const pick = <K extends string>(from: Record<string, unknown>, keys: readonly K[]) => Object.fromEntries(keys.filter((k) => k in from).map((k) => [k, from[k]]));
  return {
    organisation: snapshot.organisation ? pick(snapshot.organisation, ORGANISATION_SHOWN) : snapshot.organisation,
    trainers: snapshot.trainers?.map((t) => ({ name: t.name, ...pick(t, ["qualifications", "yearsExperience"]) })),
    courses: snapshot.courses?.map((c) => ({
      title: c.title,
      ...pick(c, ["level", "totalHours", "description", "deliveryModes", "languages", "regions"]),
      modules: c.modules?.map((m) => ({
        title: m.title,
        ...pick(m, ["hours", "learningOutcomes"]),
        mappings: m.mappings?.map((mp) => ({ competencyId: mp.competencyId, code: mp.code, title: mp.title, depth: mp.depth })),
      })),
    })),
    declarations: snapshot.declarations ? pick(snapshot.declarations, ["accurate", "codeOfConduct", "dataProcessing", "signedBy"]) : snapshot.declarations,
  };
}
