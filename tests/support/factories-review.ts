/**
 * Builders for review tests: a complete application (organisation, trainer, a course with mapped modules, a
 * syllabus, declarations) frozen as revision 1 in the status a test needs, plus reviewers and assignments.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { buildSnapshot } from "~/services/application-submission.server";
import { addDays, now } from "~/services/clock.server";
import type { ApplicationStatus } from "~/domain/workflow";
import {
  applicationRevisions,
  applications,
  courseModules,
  courses,
  documents,
  moduleMappings,
  reviewerAssignments,
  reviews,
  trainers,
} from "../../db/schema";
import { createFramework, createOrganisation, createRubric, sessionUserFor, signedIn } from "./factories";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

type Framework = Awaited<ReturnType<typeof createFramework>>;
type Rubric = Awaited<ReturnType<typeof createRubric>>;

/**
 * An application of a new organisation (with a signed-in owner) in `status`, frozen as revision 1 unless
 * still a draft. Pass the framework and rubric to make several applications in one test.
 */
export async function createApplicationForReview(options: { status?: ApplicationStatus; framework?: Framework; rubric?: Rubric } = {}) {
  const status = options.status ?? "submitted";
  const framework = options.framework ?? (await createFramework());
  const rubric = options.rubric ?? (await createRubric());
  const signedInOwner = await signedIn({ name: "Olive Owner" });
  const organisation = await createOrganisation({ owner: signedInOwner.user, displayName: "Ferris Training" });
  // Memberships are part of the SessionUser: reload it now that the owner belongs to the organisation.
  const owner = { ...signedInOwner, sessionUser: await sessionUserFor(signedInOwner.user.id) };
  const submitted = status !== "draft";
  const [application] = await db
    .insert(applications)
    .values({
      organisationId: organisation.id,
      frameworkId: framework.framework.id,
      rubricId: rubric.rubric.id,
      status,
      currentRevision: submitted ? 1 : 0,
      submittedAt: submitted ? now() : null,
      declarations: { accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: "Olive Owner", signedAt: now().toISOString() },
      createdBy: owner.user.id,
    })
    .returning();
  await db.insert(trainers).values({ applicationId: application.id, name: "Ada Trainer", qualifications: "MSc Computer Science", yearsExperience: 8 });
  const [course] = await db
    .insert(courses)
    .values({ applicationId: application.id, title: "Rust Fundamentals", level: "foundation", description: "Three days of Rust", totalHours: 21, deliveryModes: ["in_person"], languages: ["en"], regions: ["DE"] })
    .returning();
  const [ownership, asyncModule] = await db
    .insert(courseModules)
    .values([
      { courseId: course.id, title: "Ownership", learningOutcomes: "Explain moves and borrows", hours: 7, position: 0 },
      { courseId: course.id, title: "Async basics", learningOutcomes: "Write async functions", hours: 7, position: 1 },
    ])
    .returning();
  const c = framework.competencies;
  const mappings = await db
    .insert(moduleMappings)
    .values([
      { moduleId: ownership.id, competencyId: c["OWN.1"].id, depth: "practised" },
      { moduleId: ownership.id, competencyId: c["OWN.2"].id, depth: "practised" },
      { moduleId: asyncModule.id, competencyId: c["ASYNC.1"].id, depth: "introduced" },
    ])
    .returning();
  const [document] = await db
    .insert(documents)
    .values({
      applicationId: application.id,
      kind: "syllabus",
      filename: "syllabus.pdf",
      size: PDF.byteLength,
      sha256: createHash("sha256").update(PDF).digest("hex"),
      content: PDF,
      uploadedBy: owner.user.id,
    })
    .returning({ id: documents.id });
  if (submitted) {
    await db.insert(applicationRevisions).values({ applicationId: application.id, number: 1, snapshot: await buildSnapshot(db, application.id), submittedBy: owner.user.id });
  }
  return { application, organisation, owner, framework, rubric, course, modules: { ownership, asyncModule }, mappings, document };
}

/** A signed-in reviewer, optionally with declared expertise areas. */
export function createReviewer(overrides: { name?: string; expertise?: string[] } = {}) {
  return signedIn({ roles: ["reviewer"], name: overrides.name ?? "Rita Reviewer", expertise: overrides.expertise ?? [] });
}

export async function createAssignment(applicationId: string, reviewerId: string, options: { status?: "pending" | "accepted" | "declined" | "completed"; dueAt?: Date } = {}) {
  const [assignment] = await db
    .insert(reviewerAssignments)
    .values({ applicationId, reviewerId, status: options.status ?? "pending", dueAt: options.dueAt ?? addDays(now(), 28) })
    .returning();
  return assignment;
}

/** A submitted review of `revisionNumber` with the given score for every criterion (by code). */
export async function createSubmittedReview(
  assignmentId: string,
  rubric: Rubric,
  scoresByCode: Record<string, number>,
  options: { revisionNumber?: number; confidence?: "low" | "medium" | "high" } = {},
) {
  const scores = Object.fromEntries(rubric.criteria.map((c) => [c.id, { score: scoresByCode[c.code] ?? null, comment: `${c.code} comment` }]));
  const [review] = await db
    .insert(reviews)
    .values({
      assignmentId,
      revisionNumber: options.revisionNumber ?? 1,
      scores,
      confidence: options.confidence ?? "medium",
      recommendation: "accredit",
      summary: "Solid programme.",
      status: "submitted",
      submittedAt: now(),
    })
    .returning();
  await db.update(reviewerAssignments).set({ status: "completed" }).where(eq(reviewerAssignments.id, assignmentId));
  return review;
}
