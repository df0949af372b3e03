import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { recordDecision } from "~/services/board-decision.server";
import { assignReviewer, forwardToBoard, startReview } from "~/services/staff-applications.server";
import { acceptAssignment } from "~/services/review-queue.server";
import { saveDeclarations } from "~/services/application-sections.server";
import { submitApplication } from "~/services/application-submission.server";
import { uploadDocument } from "~/services/documents.server";
import { reviewWorkspace, saveReview } from "~/services/review-workspace.server";
import type { SessionUser } from "~/domain/policy";
import { reviewerAssignments } from "../../db/schema";
import { sessionUserFor } from "./factories";
import { castVoteRow } from "./factories-board";
import { createReviewer } from "./factories-review";
import { tinyPdf } from "./factories-application";

function ok<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** The provider's last steps on a short application whose courses are done: a syllabus PDF, the declarations, submit. */
export async function uploadSignAndSubmit(owner: SessionUser, applicationId: string, syllabusTitle: string) {
  ok(await uploadDocument(db, owner, applicationId, { kind: "syllabus", filename: "syllabus.pdf", bytes: tinyPdf(syllabusTitle) }));
  ok(await saveDeclarations(db, owner, applicationId, { version: 1, accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: "Olive Owner" }));
  ok(await submitApplication(db, owner, applicationId));
}

type Workspace = NonNullable<Awaited<ReturnType<typeof reviewWorkspace>>>;

/**
 * A submitted application through the real review machinery to the board's "accredited": two reviewers assigned,
 * accepting and scoring every criterion 3 (each workspace handed to `inspect` first), forwarded, the board's
 * votes cast and the decision recorded. Extensions and delta reviews (decisions 039, 045) take this path.
 */
export async function reviewAndAccredit(input: {
  applicationId: string;
  staff: SessionUser;
  board: { user: { id: string } }[];
  rubric: { criteria: { id: string }[] };
  inspect: (ws: Workspace | null) => void;
  meetingReference: string;
}) {
  const { applicationId, staff } = input;
  const reviewers = [await createReviewer(), await createReviewer()];
  for (const r of reviewers) ok(await assignReviewer(db, staff, applicationId, { reviewerId: r.user.id, dueDate: "2026-03-20" }));
  const assignments = await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.applicationId, applicationId));
  for (const a of assignments) ok(await acceptAssignment(db, await sessionUserFor(a.reviewerId), a.id));
  ok(await startReview(db, staff, applicationId));
  for (const a of assignments) {
    const reviewer = await sessionUserFor(a.reviewerId);
    input.inspect(await reviewWorkspace(db, reviewer, a.id));
    const scores = Object.fromEntries(input.rubric.criteria.map((c) => [c.id, { score: 3, comment: "Sound" }]));
    ok(await saveReview(db, reviewer, a.id, { intent: "submit", confidence: "high", recommendation: "accredit", summary: "Sound work.", scores }));
  }
  ok(await forwardToBoard(db, staff, applicationId, { recommendation: "Accredit." }));
  for (const m of input.board) await castVoteRow(applicationId, m.user.id, "approve");
  return ok(await recordDecision(db, staff, applicationId, { outcome: "accredited", conditions: "", rationale: "Sound.", meetingReference: input.meetingReference }));
}
