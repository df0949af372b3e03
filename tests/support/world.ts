/**
 * One small world with a person for every role the authorisation matrix and the fuzzing tests ask about:
 * organisations A and B, an application of A under review (assigned, accepted reviewer; a reviewer not
 * assigned; a reviewer with a declared conflict), an application of A awaiting the board, and an active
 * accreditation of A.
 */
import { createHash, randomBytes } from "node:crypto";
import { caseDefinitions } from "~/domain/case";
import { caseContext } from "~/services/case.server";
import { db } from "~/services/db.server";
import { createSession } from "~/services/sessions.server";
import { complaintFormToken } from "~/services/complaints.server";
import {
  accreditations,
  annualReports,
  scopeChanges,
  materialChanges,
  remapTasks,
  appealDocuments,
  appealPanelMembers,
  appeals,
  decisions,
  applicationRevisions,
  assignmentProposals,
  applications,
  complaintEvents,
  complaints,
  conflicts,
  courseModules,
  courses,
  documents,
  emailOutbox,
  invitations,
  mailboxMessages,
  moduleMappings,
  reviewerAssignments,
  reviews,
  trainers,
} from "../../db/schema";
import { refreshAllDirectoryEntries } from "../../db/directory";
import { isoDate } from "~/domain/accreditation";
import { createFramework, createOrganisation, createRubric, createUser } from "./factories";

export const WORLD_ROLES = [
  "visitor",
  "providerA",
  "providerB",
  "reviewerAssigned",
  "reviewerUnassigned",
  "reviewerConflict",
  "board",
  "staff",
] as const;
export type WorldRole = (typeof WORLD_ROLES)[number];

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

export async function buildWorld() {
  const { framework, competencies: comp } = await createFramework();
  const { rubric, criteria } = await createRubric();
  const users = {
    providerA: await createUser({ email: "owner-a@example.org", name: "Owner A" }),
    providerB: await createUser({ email: "owner-b@example.org", name: "Owner B" }),
    reviewerAssigned: await createUser({ email: "rev-assigned@example.org", name: "Rev Assigned", roles: ["reviewer"] }),
    reviewerUnassigned: await createUser({ email: "rev-unassigned@example.org", name: "Rev Unassigned", roles: ["reviewer"] }),
    reviewerConflict: await createUser({ email: "rev-conflict@example.org", name: "Rev Conflict", roles: ["reviewer"] }),
    board: await createUser({ email: "board@example.org", name: "Board Member", roles: ["board"] }),
    staff: await createUser({ email: "staff@example.org", name: "Staff Member", roles: ["staff"] }),
  };
  const orgA = await createOrganisation({ slug: "org-a", displayName: "Org A Training", owner: users.providerA });
  const orgB = await createOrganisation({ slug: "org-b", displayName: "Org B Training", owner: users.providerB });
  await db.insert(conflicts).values({ userId: users.reviewerConflict.id, organisationId: orgA.id, note: "Former employee" });

  async function application(status: (typeof applications.$inferInsert)["status"], organisationId = orgA.id) {
    const [app] = await db
      .insert(applications)
      .values({
        organisationId,
        status,
        frameworkId: framework.id,
        rubricId: rubric.id,
        currentRevision: status === "draft" ? 0 : 1,
        declarations: { accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: "Owner A", signedAt: new Date().toISOString() },
        submittedAt: status === "draft" ? null : new Date(),
      })
      .returning();
    await db.insert(trainers).values({ applicationId: app.id, name: "Tess Trainer", qualifications: "MSc", yearsExperience: 6 });
    const [course] = await db
      .insert(courses)
      .values({ applicationId: app.id, title: "Rust Foundations", level: "foundation", description: "Ownership first.", totalHours: 16, deliveryModes: ["online_live"], languages: ["en"], regions: ["EU"] })
      .returning();
    const [mod] = await db
      .insert(courseModules)
      .values({ courseId: course.id, title: "Ownership", learningOutcomes: "Explain moves and borrowing.", hours: 4 })
      .returning();
    const [mapping] = await db.insert(moduleMappings).values({ moduleId: mod.id, competencyId: comp["OWN.1"].id, depth: "practised" }).returning();
    const [doc] = await db
      .insert(documents)
      .values({ applicationId: app.id, kind: "syllabus", filename: "syllabus.pdf", size: PDF.length, sha256: createHash("sha256").update(PDF).digest("hex"), content: PDF })
      .returning();
    if (status !== "draft") {
      await db.insert(applicationRevisions).values({ applicationId: app.id, number: 1, snapshot: { organisation: { id: organisationId }, courses: [] } });
    }
    return { app, course, module: mod, mapping, document: doc };
  }

  const underReview = await application("under_review");
  const awaiting = await application("awaiting_decision");
  // Awaiting the board, assessed by the board member (a completed review): they may not vote on it.
  const awaitingAssessed = await application("awaiting_decision");
  const draftA = await application("draft");
  const draftB = await application("draft", orgB.id);

  const due = new Date(Date.now() + 14 * 86_400_000);
  const [assignment] = await db
    .insert(reviewerAssignments)
    .values({ applicationId: underReview.app.id, reviewerId: users.reviewerAssigned.id, status: "accepted", dueAt: due, conflictDeclaration: "No conflict", respondedAt: new Date() })
    .returning();
  const [conflictAssignment] = await db
    .insert(reviewerAssignments)
    .values({ applicationId: underReview.app.id, reviewerId: users.reviewerConflict.id, status: "declined", dueAt: due, conflictDeclaration: "Former employee", respondedAt: new Date() })
    .returning();
  await db
    .insert(reviewerAssignments)
    .values({ applicationId: awaitingAssessed.app.id, reviewerId: users.board.id, status: "completed", dueAt: due, conflictDeclaration: "No conflict", respondedAt: new Date() });
  await db.insert(reviews).values({
    assignmentId: assignment.id,
    revisionNumber: 1,
    scores: Object.fromEntries(criteria.map((c) => [c.id, { score: 3, comment: "Good" }])),
    status: "draft",
  });

  // Two rejections of A under appeal, each before a panel with the board member on it: a fair one, and one the
  // board member assessed (put on its panel directly, as the service never would): the policy still keeps them out.
  async function appealBefore(app: { id: string }) {
    const [decision] = await db
      .insert(decisions)
      .values({ applicationId: app.id, outcome: "rejected", rationale: "Coverage too thin", tally: { approve: 0, approve_with_conditions: 0, reject: 3, abstain: 0, eligible: 3 } })
      .returning();
    const [row] = await db
      .insert(appeals)
      .values({
        organisationId: orgA.id,
        kind: "rejection",
        decisionKey: `rejection:${decision.id}`,
        applicationId: app.id,
        decidedAt: decision.createdAt,
        original: { summary: "Rejection of the application", reason: "Coverage too thin", voters: [] },
        grounds: "The reviewers read an outdated revision of the syllabus, which the current one replaced.",
        status: "hearing",
        filedBy: users.providerA.id,
        panelConstitutedAt: new Date(),
      })
      .returning();
    await db.insert(appealPanelMembers).values({ appealId: row.id, userId: users.board.id });
    return row;
  }
  const rejected = await application("rejected");
  const appeal = await appealBefore(rejected.app);
  const [appealDocument] = await db
    .insert(appealDocuments)
    .values({ appealId: appeal.id, filename: "revision-2.pdf", size: PDF.length, sha256: createHash("sha256").update(PDF).digest("hex"), content: PDF, uploadedBy: users.providerA.id })
    .returning();
  const rejectedAssessed = await application("rejected");
  await db
    .insert(reviewerAssignments)
    .values({ applicationId: rejectedAssessed.app.id, reviewerId: users.board.id, status: "completed", dueAt: due, conflictDeclaration: "No conflict", respondedAt: new Date() });
  const appealAssessed = await appealBefore(rejectedAssessed.app);

  const [accreditation] = await db
    .insert(accreditations)
    .values({
      certificateNumber: "ACC-2026-0001",
      organisationId: orgA.id,
      applicationId: awaiting.app.id,
      scope: [{ courseId: awaiting.course.id, courseTitle: "Rust Foundations", level: "foundation", language: "en", mode: "online_live" }],
      validFrom: "2026-01-01",
      validUntil: "2028-12-31",
    })
    .returning();

  // A complaint about A that staff put to A (the complainant did not agree to be named), and its private link.
  const complaintToken = "complaintworldtoken2345abcdefgh";
  const [complaint] = await db
    .insert(complaints)
    .values({
      organisationId: orgA.id,
      accreditationId: accreditation.id,
      complainantName: "Casey Complainant",
      complainantEmail: "casey@example.net",
      details: "The course was taught by someone who was not the listed trainer.",
      status: "awaiting_provider",
      tokenHash: createHash("sha256").update(complaintToken).digest("hex"),
      submittedFrom: "world",
      confirmedAt: new Date(),
      responseDueAt: new Date(Date.now() + 14 * 86_400_000),
    })
    .returning();
  await db.insert(complaintEvents).values({ complaintId: complaint.id, action: "request_response", fromStatus: "investigating", toStatus: "awaiting_provider", note: "Who taught it?" });

  // The complaint form's key exists before anyone posts, as it does once any page showed the form.
  await complaintFormToken(db);

  await refreshAllDirectoryEntries(db, isoDate(new Date()));

  // A's first annual report, filed and waiting for staff's review.
  const [annualReport] = await db
    .insert(annualReports)
    .values({
      accreditationId: accreditation.id,
      organisationId: orgA.id,
      period: 1,
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      dueOn: "2027-01-01",
      status: "submitted",
      content: { coursesDelivered: 4, learners: 40, trainerChanges: "", syllabusChanges: "", complaintsReceived: 0, complaintsSummary: "" },
      submittedBy: users.providerA.id,
      submittedAt: new Date(),
    })
    .returning();

  // A's request to teach its course in German too, waiting for staff's decision.
  const [scopeChange] = await db
    .insert(scopeChanges)
    .values({
      accreditationId: accreditation.id,
      organisationId: orgA.id,
      kind: "extension",
      entries: [{ courseId: awaiting.course.id, courseTitle: "Rust Foundations", level: "foundation", language: "German", mode: "online_live" }],
      reason: "A German-speaking trainer joined.",
      requestedBy: users.providerA.id,
    })
    .returning();

  // A's report that a trainer left, waiting for staff's review.
  const [materialChange] = await db
    .insert(materialChanges)
    .values({
      id: "5c6b1a0e-3f1d-4e8a-9b7c-2d4e6f8a0b1c",
      accreditationId: accreditation.id,
      organisationId: orgA.id,
      kind: "trainer_left",
      description: "Our second trainer left.",
      effectiveOn: "2026-02-01",
      reportedBy: users.providerA.id,
    })
    .returning();

  // A's re-mapping task (pointing at the world's one version: only who may see it matters here).
  const [remapTask] = await db
    .insert(remapTasks)
    .values({ accreditationId: accreditation.id, organisationId: orgA.id, applicationId: awaiting.app.id, fromFrameworkId: framework.id, toFrameworkId: framework.id, dueOn: "2026-12-31" })
    .returning();

  // A batch proposal awaiting staff's approval (reviewerUnassigned for A's application under review).
  const [proposal] = await db
    .insert(assignmentProposals)
    .values({
      applicationIds: [underReview.app.id],
      reviewersPerApplication: 2,
      maxLoad: 6,
      dueAt: due,
      pairs: [{ applicationId: underReview.app.id, reviewerId: users.reviewerUnassigned.id, score: 1, matches: ["OWN"] }],
      shortfall: [],
      totalScore: 1,
      createdBy: users.staff.id,
    })
    .returning();

  const rawToken = randomBytes(16).toString("hex");
  const [invitation] = await db
    .insert(invitations)
    .values({ email: "invitee@example.org", kind: "role", role: "reviewer", tokenHash: createHash("sha256").update(rawToken).digest("hex"), invitedBy: users.staff.id, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  const [outbox] = await db
    .insert(emailOutbox)
    .values({ template: "verify-email", to: "someone@example.org", subject: "Confirm", props: { name: "X", verifyUrl: "http://localhost/x" }, idempotencyKey: "world:1" })
    .returning();
  const [mail] = await db.insert(mailboxMessages).values({ to: "someone@example.org", subject: "Confirm", html: "<p>x</p>", text: "x" }).returning();

  const cookies: Record<WorldRole, string | undefined> = { visitor: undefined } as Record<WorldRole, string | undefined>;
  for (const role of WORLD_ROLES) {
    if (role === "visitor") continue;
    const { token } = await createSession(db, users[role].id);
    cookies[role] = `session=${token}`;
  }

  const definitions = caseDefinitions(caseContext());
  return {
    caseDefinitions: {
      itemType: definitions.itemTypes.competency.identifier,
      concept: definitions.concepts.core.identifier,
      subject: definitions.subject.identifier,
      grouping: definitions.groupings.versions.identifier,
    },
    framework,
    rubric,
    criteria,
    competencies: comp,
    ownOne: comp["OWN.1"],
    users,
    orgA,
    orgB,
    underReview,
    awaiting,
    awaitingAssessed,
    draftA,
    draftB,
    assignment,
    conflictAssignment,
    accreditation,
    appeal,
    appealDocument,
    appealAssessed,
    complaint: { ...complaint, rawToken: complaintToken },
    proposal,
    annualReport,
    scopeChange,
    materialChange,
    remapTask,
    invitation: { ...invitation, rawToken },
    outbox,
    mail,
    cookies,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
