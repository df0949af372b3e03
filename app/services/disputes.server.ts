/**
 * Staff's ruling on a reviewer's mapping dispute: uphold it (the mapping is wrong and stays out of coverage)
 * or dismiss it (the mapping stands and counts again), with a reason. Raising a dispute is the reviewer's
 * side, in review.server.ts; every coverage query asks `excludingDisputeOf` which mappings do not count.
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { applications, competencies, courseModules, courses, mappingDisputes, moduleMappings, organisations, reviewerAssignments, users } from "../../db/schema";
import { can, isConflicted, type SessionUser } from "~/domain/policy";
import { DISPUTE_STATE_LABELS, type DisputeResolution } from "~/domain/disputes";
import { statusLabel } from "~/domain/workflow";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail } from "./emails.server";
import { ok, refused, type Outcome } from "~/domain/outcome";
import { applicationFacts, disputesWithResolver } from "./review.server";
import { formatDate } from "~/domain/format";
import { isUuid } from "~/domain/forms";

/**
 * SQL: the mapping has a dispute that keeps it out of coverage, open or upheld (the same rule as
 * `excludesMapping` in the domain, for queries that compute coverage in the database).
 */
export function excludingDisputeOf(mappingId: AnyPgColumn | SQL): SQL {
  return sql`exists (select 1 from ${mappingDisputes} d where d.mapping_id = ${mappingId} and (d.resolved_at is null or d.resolution = 'upheld'))`;
}

const NOTE_MAX = 2000;

export type ResolveDisputeInput = { applicationId: string; disputeId: string; resolution: DisputeResolution; note: string };

export async function resolveDispute(db: Database, user: SessionUser, input: ResolveDisputeInput): Promise<Outcome<{ resolution: DisputeResolution }>> {
  if (!isUuid(input.applicationId) || !isUuid(input.disputeId)) return refused(404, "Dispute not found.");
  const facts = await applicationFacts(db, input.applicationId, user.id);
  // As for staff's other moves: a private draft, or an application of one's own organisation, is not found.
  if (!facts || facts.status === "draft" || !can(user, "staff:access") || isConflicted(user, facts)) return refused(404, "Application not found.");

  // The dispute must be one of this application's; anything else does not exist here.
  const [dispute] = await disputesWithResolver(db, {
    id: mappingDisputes.id,
    resolution: mappingDisputes.resolution,
    resolvedAt: mappingDisputes.resolvedAt,
    raisedBy: mappingDisputes.raisedBy,
    mappingId: moduleMappings.id,
    depth: moduleMappings.depth,
    code: competencies.code,
    competencyTitle: competencies.title,
    moduleTitle: courseModules.title,
    organisationName: organisations.displayName,
  })
    .innerJoin(moduleMappings, eq(moduleMappings.id, mappingDisputes.mappingId))
    .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
    .innerJoin(applications, eq(applications.id, courses.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(mappingDisputes.id, input.disputeId), eq(courses.applicationId, input.applicationId)));
  if (!dispute) return refused(404, "Dispute not found.");

  if (dispute.resolution) {
    const by = dispute.resolvedByName ? ` by ${dispute.resolvedByName}` : "";
    const when = dispute.resolvedAt ? ` on ${formatDate(dispute.resolvedAt)}` : "";
    return refused(409, `This dispute was already ${DISPUTE_STATE_LABELS[dispute.resolution].toLowerCase()}${by}${when}. A ruling is final.`);
  }
  const note = input.note.replace(/\r\n/g, "\n").trim();
  if (note.length === 0) return refused(400, "Give the reason for your decision.", { note: "Enter the reason for your decision" });
  if (note.length > NOTE_MAX) return refused(400, `The reason must be at most ${NOTE_MAX} characters.`, { note: `The reason must be at most ${NOTE_MAX} characters` });

  return db.transaction(async (tx) => {
    // Hold the application's status still while the ruling is written: a forward to the board waits for it.
    const [app] = await tx.select({ status: applications.status }).from(applications).where(eq(applications.id, input.applicationId)).for("update");
    if (!can(user, "dispute:resolve", { kind: "application", ...facts, status: app.status })) {
      return refused(409, `Disputes can be resolved only while the application is submitted or under review; it is ${statusLabel(app.status).toLowerCase()}.`);
    }
    const resolved = await tx
      .update(mappingDisputes)
      .set({ resolution: input.resolution, resolutionNote: note, resolvedAt: now(), resolvedBy: user.id })
      .where(and(eq(mappingDisputes.id, dispute.id), isNull(mappingDisputes.resolvedAt)))
      .returning({ id: mappingDisputes.id });
    if (resolved.length === 0) return refused(409, "Someone else resolved this dispute a moment ago. Reload the page to see their decision.");

    await recordAudit(tx, {
      actorId: user.id,
      action: "review.dispute_resolved",
      entityType: "application",
      entityId: input.applicationId,
      data: { disputeId: dispute.id, mappingId: dispute.mappingId, competency: dispute.code, module: dispute.moduleTitle, resolution: input.resolution, note, raisedBy: dispute.raisedBy },
    });

    // The reviewer who raised it hears the ruling (unless their account has since been disabled).
    const [[raiser], [assignment]] = await Promise.all([
      tx.select({ name: users.name, email: users.email }).from(users).where(and(eq(users.id, dispute.raisedBy), isNull(users.disabledAt))),
      tx
        .select({ id: reviewerAssignments.id })
        .from(reviewerAssignments)
        .where(and(eq(reviewerAssignments.applicationId, input.applicationId), eq(reviewerAssignments.reviewerId, dispute.raisedBy))),
    ]);
    if (raiser) {
      await enqueueEmail(tx, {
        template: "dispute-resolved",
        to: raiser.email,
        props: {
          name: raiser.name,
          organisationName: dispute.organisationName,
          competency: `${dispute.code} ${dispute.competencyTitle}`,
          moduleTitle: dispute.moduleTitle,
          depth: dispute.depth,
          resolution: input.resolution,
          note,
          reviewUrl: assignment ? `${config().appUrl}/review/${assignment.id}#disputes` : `${config().appUrl}/review`,
        },
        idempotencyKey: `dispute-resolved:${dispute.id}`,
      });
    }
    return ok({ resolution: input.resolution });
  });
}
