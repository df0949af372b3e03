/**
 * Builders for board and accreditation tests: board members, an application awaiting decision with its
 * reviews in, votes, staff, and accreditations at a chosen point of their life.
 */
import { randomUUID } from "node:crypto";
import { db } from "~/services/db.server";
import { now } from "~/services/clock.server";
import { isoDate, validityFrom } from "~/domain/accreditation";
import type { VoteChoice } from "~/domain/tally";
import { accreditations, boardVotes, conflicts, organisationMembers } from "../../db/schema";
import { createFramework, createRubric, signedIn } from "./factories";
import { createApplicationForReview, createAssignment, createReviewer, createSubmittedReview } from "./factories-review";

type Framework = Awaited<ReturnType<typeof createFramework>>;
type Rubric = Awaited<ReturnType<typeof createRubric>>;

/** `n` signed-in board members, named Board Member 1…n. */
export async function createBoard(n = 3) {
  const members = [];
  for (let i = 1; i <= n; i += 1) members.push(await signedIn({ roles: ["board"], name: `Board Member ${i}`, email: `board${i}-${randomUUID().slice(0, 6)}@example.org` }));
  return members;
}

export function createStaff(name = "Sam Staff") {
  return signedIn({ roles: ["staff"], name });
}

/**
 * An application awaiting the board's decision: revision 1 reviewed by two reviewers (scores by criterion
 * code), forwarded with a staff recommendation. Pass framework and rubric to make several in one test.
 */
export async function createAwaitingDecision(options: { framework?: Framework; rubric?: Rubric; reviews?: Record<string, number>[] } = {}) {
  const framework = options.framework ?? (await createFramework());
  const rubric = options.rubric ?? (await createRubric());
  const built = await createApplicationForReview({ status: "awaiting_decision", framework, rubric });
  for (const scores of options.reviews ?? []) {
    const reviewer = await createReviewer();
    const assignment = await createAssignment(built.application.id, reviewer.user.id, { status: "accepted" });
    await createSubmittedReview(assignment.id, rubric, scores);
  }
  return { ...built, framework, rubric };
}

/** Record a vote directly, as if the member had used the form. */
export async function castVoteRow(applicationId: string, userId: string, vote: VoteChoice, comment = "") {
  await db.insert(boardVotes).values({ applicationId, userId, vote, comment });
}

export async function declareConflict(userId: string, organisationId: string, note = "Former employee") {
  await db.insert(conflicts).values({ userId, organisationId, note });
}

export async function joinOrganisation(userId: string, organisationId: string, role: "owner" | "member" = "member") {
  await db.insert(organisationMembers).values({ userId, organisationId, role });
}

/**
 * An accreditation of the application's organisation, by default active from today for three years.
 * Pass validUntil to place it near expiry.
 */
export async function createAccreditation(input: {
  organisationId: string;
  applicationId: string;
  validFrom?: string;
  validUntil?: string;
  status?: "active" | "suspended" | "revoked" | "superseded";
  certificateNumber?: string;
  course?: { id: string; title: string; level: string };
}) {
  const validFrom = input.validFrom ?? isoDate(now());
  const [row] = await db
    .insert(accreditations)
    .values({
      certificateNumber: input.certificateNumber ?? `ACC-1999-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      organisationId: input.organisationId,
      applicationId: input.applicationId,
      scope: input.course
        ? [{ courseId: input.course.id, courseTitle: input.course.title, level: input.course.level, language: "en", mode: "in_person" }]
        : [],
      status: input.status ?? "active",
      validFrom,
      validUntil: input.validUntil ?? validityFrom(validFrom, 3).validUntil,
    })
    .returning();
  return row;
}
