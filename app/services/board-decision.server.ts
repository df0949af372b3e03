/**
 * The board's decision, recorded by staff on its behalf: staff's view of the votes and tally, and the
 * decision itself — one transaction that moves the application with compare-and-set, stores the tally it
 * rests on, issues the accreditation and its certificate number, writes the audit trail and enqueues the
 * emails. Also the recorded decision as its provider and the board read it.
 */
import { desc, eq } from "drizzle-orm";
import { accreditations, applications, decisions, organisations, users } from "../../db/schema";
import { can, hasRole, type SessionUser } from "~/domain/policy";
import { checkDecision, type DecisionOutcome, type VoteChoice } from "~/domain/tally";
import { config } from "~/config.server";
import { isUuid } from "~/domain/forms";
import { attempt, refuse, refused, type Outcome } from "~/domain/outcome";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { isUniqueViolation } from "./db-errors.server";
import { moveApplication } from "./transition.server";
import { enqueueEmail } from "./emails.server";
import { issueAccreditation } from "./accreditations.server";
import { organisationRecipients } from "./recipients.server";
import { summarise, type BoardSummary } from "./board-summary.server";
import { currentTally, factsFor, recusalOf, tallyView, type BoardMember, type TallyView } from "./board-members.server";

export type DecisionRecord = typeof decisions.$inferSelect & { recordedByName: string | null; certificateNumber: string | null };

export async function decisionFor(tx: Database, applicationId: string): Promise<DecisionRecord | null> {
  const [row] = await tx
    .select({ d: decisions, recordedByName: users.name, certificateNumber: accreditations.certificateNumber })
    .from(decisions)
    .leftJoin(users, eq(users.id, decisions.recordedBy))
    .leftJoin(accreditations, eq(accreditations.decisionId, decisions.id))
    .where(eq(decisions.applicationId, applicationId));
  return row ? { ...row.d, recordedByName: row.recordedByName, certificateNumber: row.certificateNumber } : null;
}

export type DecisionView = {
  summary: BoardSummary;
  members: (BoardMember & { vote: VoteChoice | null; comment: string })[];
  tally: TallyView;
  decision: DecisionRecord | null;
  canDecide: boolean;
};

/**
 * An application before the board or decided there: the row, its decision (if any) and the reader's facts
 * (for recusal and policy). Null for any other application, which the board's and staff's decision pages do not show.
 */
export async function loadBoardApplication(db: Database, user: SessionUser, applicationId: string) {
  if (!isUuid(applicationId)) return null;
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return null;
  const decision = await decisionFor(db, app.id);
  if (app.status !== "awaiting_decision" && !decision) return null;
  return { app, decision, facts: await factsFor(db, user, app) };
}

/** Staff's view of the decision: every vote with its comment, the tally, quorum, majority, or the recorded decision. */
export async function decisionView(db: Database, user: SessionUser, applicationId: string): Promise<DecisionView | null> {
  if (!hasRole(user, "staff")) return null;
  const loaded = await loadBoardApplication(db, user, applicationId);
  if (!loaded || recusalOf(user, loaded.facts)) return null;
  const { app, decision, facts } = loaded;
  const { members, votes, tally } = await currentTally(db, app.organisationId, app.id);
  return {
    summary: await summarise(db, app),
    members: members.map((m) => {
      const v = votes.find((x) => x.userId === m.id);
      return { ...m, vote: v?.vote ?? null, comment: v?.comment ?? "" };
    }),
    tally: decision ? tallyView(decision.tally) : tally,
    decision,
    canDecide: can(user, "application:decide", { kind: "application", ...facts }),
  };
}

export type DecisionInput = { outcome: DecisionOutcome; conditions: string; rationale: string; meetingReference: string };

/**
 * Record the board's decision. Compare-and-set from awaiting_decision first, so of any number of
 * simultaneous requests exactly one proceeds (the others wait on the row, then find it decided); then
 * the tally is read under that lock, checked for quorum and majority, and stored with the decision.
 */
export async function recordDecision(
  db: Database,
  user: SessionUser,
  applicationId: string,
  input: DecisionInput,
): Promise<Outcome<{ decisionId: string; outcome: DecisionOutcome; certificateNumber: string | null }>> {
  try {
    return await attempt(() =>
      db.transaction(async (tx) => {
        if (!isUuid(applicationId)) refuse(404, "No such application.");
        const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId));
        if (!app || !hasRole(user, "staff")) refuse(404, "No such application.");
        const facts = await factsFor(tx, user, app);
        if (recusalOf(user, facts)) refuse(409, "You are recused from this application (a member of the organisation, a declared conflict, or you reviewed it), so you cannot record its decision.");
        // Compare-and-set first: of simultaneous requests one moves on, and reads the tally under that lock.
        // Audited below, with the decision it recorded.
        const move = await moveApplication(tx, app, {
          action: "record_decision",
          role: "staff",
          actorId: user.id,
          outcome: input.outcome,
          set: { decidedAt: now() },
          messages: {
            notAllowed: app.status === "accredited" || app.status === "rejected" ? "The decision on this application has already been recorded." : undefined,
            raceLost: "Someone else recorded the decision on this application a moment ago. Reload to see it.",
          },
        });
        const at = move.at;

        const { tally } = await currentTally(tx, app.organisationId, app.id);
        const check = checkDecision(tally.counts, config().BOARD_QUORUM, input);
        if (!check.ok) refuse(400, check.message, { [check.field]: check.message });

        const [decision] = await tx
          .insert(decisions)
          .values({
            applicationId: app.id,
            outcome: input.outcome,
            conditions: input.outcome === "accredited" ? input.conditions : "",
            rationale: input.rationale,
            meetingReference: input.meetingReference,
            tally: tally.counts,
            recordedBy: user.id,
            createdAt: at,
          })
          .returning();
        await recordAudit(tx, {
          actorId: user.id,
          action: "application.decided",
          entityType: "application",
          entityId: app.id,
          data: {
            from: app.status,
            to: move.to,
            decisionId: decision.id,
            outcome: input.outcome,
            tally: tally.counts,
            againstMajority: check.againstMajority,
            meetingReference: input.meetingReference,
          },
        });

        const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, app.organisationId));
        const recipients = await organisationRecipients(tx, app.organisationId);
        const dashboardUrl = `${config().appUrl}/provider`;
        if (input.outcome === "accredited") {
          const accreditation = await issueAccreditation(tx, {
            application: app,
            decisionId: decision.id,
            conditions: decision.conditions,
            actorId: user.id,
          });
          for (const r of recipients) {
            await enqueueEmail(tx, {
              template: "decision-accredited",
              to: r.email,
              props: {
                name: r.name,
                organisationName: org.name,
                certificateNumber: accreditation.certificateNumber,
                validFrom: accreditation.validFrom,
                validUntil: accreditation.validUntil,
                conditions: accreditation.conditions,
                verifyUrl: `${config().appUrl}/verify/${accreditation.certificateNumber}`,
                certificateUrl: `${config().appUrl}/provider/accreditations/${accreditation.id}/certificate`,
              },
              idempotencyKey: `decision:${decision.id}:${r.id}`,
            });
          }
          return { decisionId: decision.id, outcome: input.outcome, certificateNumber: accreditation.certificateNumber };
        }
        for (const r of recipients) {
          await enqueueEmail(tx, {
            template: "decision-rejected",
            to: r.email,
            props: { name: r.name, organisationName: org.name, rationale: decision.rationale, dashboardUrl },
            idempotencyKey: `decision:${decision.id}:${r.id}`,
          });
        }
        return { decisionId: decision.id, outcome: input.outcome, certificateNumber: null };
      }),
    );
  } catch (error) {
    // The compare-and-set already serialises decisions; the unique index is the last line of defence.
    if (isUniqueViolation(error)) return refused(409, "The decision on this application has already been recorded.");
    throw error;
  }
}

/** The recorded decision of an application of the user's organisation (the provider sees the rationale). */
export async function decisionForMember(db: Database, user: SessionUser, applicationId: string) {
  if (!isUuid(applicationId)) return null;
  const [app] = await db.select({ organisationId: applications.organisationId }).from(applications).where(eq(applications.id, applicationId));
  if (!app || !user.memberships.some((m) => m.organisationId === app.organisationId)) return null;
  const d = await decisionFor(db, applicationId);
  if (!d) return null;
  return { outcome: d.outcome, conditions: d.conditions, rationale: d.rationale, decidedAt: d.createdAt, certificateNumber: d.certificateNumber };
}

/** Recently decided applications, for the board's record. */
export async function recentDecisions(db: Database, user: SessionUser, limit = 10) {
  if (!hasRole(user, "board")) return [];
  return db
    .select({
      applicationId: decisions.applicationId,
      outcome: decisions.outcome,
      decidedAt: decisions.createdAt,
      organisationName: organisations.displayName,
      certificateNumber: accreditations.certificateNumber,
    })
    .from(decisions)
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .leftJoin(accreditations, eq(accreditations.decisionId, decisions.id))
    .orderBy(desc(decisions.createdAt))
    .limit(limit);
}
