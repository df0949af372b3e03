/**
 * Builders for the public directory: an organisation with an accredited application, its courses,
 * modules mapped to competencies, an accreditation whose scope covers those courses, and its directory entry.
 */
import { db } from "~/services/db.server";
import { refreshDirectoryEntry } from "../../db/directory";
import {
  accreditations,
  applications,
  courseModules,
  courses,
  moduleMappings,
  type ScopeEntry,
} from "../../db/schema";
import { createFramework, createOrganisation } from "./factories";

type Framework = Awaited<ReturnType<typeof createFramework>>;

export type CourseSpec = {
  title: string;
  level?: "foundation" | "intermediate" | "advanced";
  description?: string;
  modes?: string[];
  languages?: string[];
  hours?: number;
  modules?: { title: string; outcomes: string; codes: string[]; depth?: "introduced" | "practised" | "assessed" }[];
};

export type ProviderSpec = {
  framework: Framework;
  slug: string;
  name?: string;
  country?: string;
  description?: string;
  courses?: CourseSpec[];
  status?: "active" | "suspended" | "revoked" | "superseded";
  certificate?: string;
  validFrom?: string;
  validUntil?: string;
  /** Date the directory entry is refreshed for. */
  today?: string;
};

let certificateCounter = 0;

/** An accredited provider, listed (or not) according to its accreditation's status and dates. */
export async function createAccreditedProvider(spec: ProviderSpec) {
  const org = await createOrganisation({
    slug: spec.slug,
    displayName: spec.name ?? spec.slug,
    country: spec.country ?? "DE",
    description: spec.description ?? "Rust training for teams.",
  });
  const [application] = await db
    .insert(applications)
    .values({ organisationId: org.id, frameworkId: spec.framework.framework.id, status: "accredited", currentRevision: 1 })
    .returning();
  const specs = spec.courses ?? [
    { title: "Rust fundamentals", modules: [{ title: "Ownership", outcomes: "Explain moves and borrowing.", codes: ["OWN.1"] }] },
  ];
  const scope: ScopeEntry[] = [];
  const made = [];
  for (const [i, c] of specs.entries()) {
    const level = c.level ?? "foundation";
    const modes = c.modes ?? ["online_live"];
    const languages = c.languages ?? ["en"];
    const [course] = await db
      .insert(courses)
      .values({
        applicationId: application.id,
        title: c.title,
        level,
        description: c.description ?? `${c.title}, a course for working engineers.`,
        totalHours: c.hours ?? 16,
        deliveryModes: modes,
        languages,
        regions: ["EU"],
        position: i,
      })
      .returning();
    made.push(course);
    for (const [j, m] of (c.modules ?? []).entries()) {
      const [mod] = await db
        .insert(courseModules)
        .values({ courseId: course.id, title: m.title, learningOutcomes: m.outcomes, hours: 4, position: j })
        .returning();
      for (const code of m.codes) {
        const competency = spec.framework.competencies[code];
        if (!competency) throw new Error(`unknown competency ${code}`);
        await db.insert(moduleMappings).values({ moduleId: mod.id, competencyId: competency.id, depth: m.depth ?? "practised" });
      }
    }
    for (const language of languages)
      for (const mode of modes) scope.push({ courseId: course.id, courseTitle: course.title, level, language, mode });
  }
  certificateCounter += 1;
  const [accreditation] = await db
    .insert(accreditations)
    .values({
      certificateNumber: spec.certificate ?? `ACC-2026-${String(9000 + certificateCounter).padStart(4, "0")}`,
      organisationId: org.id,
      applicationId: application.id,
      scope,
      status: spec.status ?? "active",
      validFrom: spec.validFrom ?? "2026-01-15",
      validUntil: spec.validUntil ?? "2029-01-14",
    })
    .returning();
  await refreshDirectoryEntry(db, org.id, spec.today ?? "2026-06-01");
  return { organisation: org, application, courses: made, accreditation };
}
