/**
 * Appeals, the shared part and the provider's side: which decisions of an organisation still stand and
 * may be appealed (a rejection, a suspension, a revocation, within APPEAL_WINDOW_DAYS), lodging one (one
 * per decision, by the unique decision key, whatever the race), following and withdrawing it. Every
 * transition goes through `applyAppealMove`: the state table, compare-and-set, an audit event, in the
 * caller's transaction. Staff's and the panel's side is appeals-panel.server.ts.
 */
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { accreditations, appealPanelMembers, appeals, applications, auditEvents, boardVotes, conflicts, decisions, organisationMembers, organisations, users } from "../../db/schema";
import { anyOfIds } from "../../db/client.server";
import {
  APPEAL_KIND_LABELS,
  appealActions,
  appealDeadline,
  appealMove,
  decisionKey,
  parseDecisionKey,
  withinAppealWindow,
  type AppealAction,
  type AppealKind,
  type AppealRole,
  type LodgeAppealInput,
} from "~/domain/appeals";
import { NO_INVOLVEMENT, type Involvement } from "~/domain/impartiality";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import { can, type AppealFacts, type SessionUser } from "~/domain/policy";
import { formatDate } from "~/domain/format";
import { isUuid } from "~/domain/forms";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { entityHistory, recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { involvementsIn } from "./impartiality.server";
import { ofMyOrganisations } from "./organisations.server";
import { organisationRecipients } from "./recipients.server";
import { complaintHandlers } from "./complaints.server";

export type AppealRow = typeof appeals.$inferSelect;

/** A decision as it stood when appealed: kept in the appeal, since a reopened rejection's rows are removed. */
export type OriginalDecision = {
  summary: string;
  reason: string;
  certificateNumber?: string;
  /** Board members who voted on a rejection: they may not hear its appeal. */
  voters?: string[];
  votes?: { userId: string; vote: string }[];
};

export type StandingDecision = {
  key: string;
  kind: AppealKind;
  organisationId: string;
  applicationId: string | null;
  accreditationId: string | null;
  decidedAt: Date;
  decidedBy: string | null;
  original: OriginalDecision;
};

// ---- decisions that may be appealed ---------------------------------------------------------------------

const LIFECYCLE_EVENT: Record<Exclude<AppealKind, "rejection">, { action: string; status: "suspended" | "revoked" }> = {
  suspension: { action: "accreditation.suspended", status: "suspended" },
  revocation: { action: "accreditation.revoked", status: "revoked" },
};

async function rejection(tx: Database, where: SQL): Promise<StandingDecision[]> {
  const rows = await tx
    .select({ d: decisions, organisationId: applications.organisationId, submittedAt: applications.submittedAt })
    .from(decisions)
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    .where(and(where, eq(decisions.outcome, "rejected"), eq(applications.status, "rejected")));
  const out: StandingDecision[] = [];
  for (const { d, organisationId, submittedAt } of rows) {
    const votes = await tx.select({ userId: boardVotes.userId, vote: boardVotes.vote }).from(boardVotes).where(eq(boardVotes.applicationId, d.applicationId));
    out.push({
      key: decisionKey("rejection", d.id),
      kind: "rejection",
      organisationId,
      applicationId: d.applicationId,
      accreditationId: null,
      decidedAt: d.createdAt,
      decidedBy: d.recordedBy,
      original: {
        summary: `Rejection of the application${submittedAt ? ` submitted on ${formatDate(submittedAt)}` : ""}, recorded on ${formatDate(d.createdAt)}`,
        reason: d.rationale,
        voters: votes.map((v) => v.userId),
        votes,
      },
    });
  }
  return out;
}

/** The suspension or revocation in force on an accreditation: its latest lifecycle audit event of that kind. */
async function lifecycleDecision(tx: Database, acc: typeof accreditations.$inferSelect): Promise<StandingDecision | null> {
  const kind: AppealKind | null = acc.status === "suspended" ? "suspension" : acc.status === "revoked" ? "revocation" : null;
  if (!kind) return null;
  const [event] = await tx
    .select({ id: auditEvents.id, actorId: auditEvents.actorId, occurredAt: auditEvents.occurredAt })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "accreditation"), eq(auditEvents.entityId, acc.id), eq(auditEvents.action, LIFECYCLE_EVENT[kind].action)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  if (!event) return null;
  return {
    key: decisionKey(kind, event.id),
    kind,
    organisationId: acc.organisationId,
    applicationId: acc.applicationId,
    accreditationId: acc.id,
    decidedAt: event.occurredAt,
    decidedBy: event.actorId,
    original: {
      summary: `${kind === "suspension" ? "Suspension" : "Revocation"} of certificate ${acc.certificateNumber} on ${formatDate(event.occurredAt)}`,
      reason: acc.statusReason ?? "",
      certificateNumber: acc.certificateNumber,
    },
  };
}

/** The decision behind `key` if it still stands (not reinstated, not reopened since), else null. */
export async function standingDecision(tx: Database, key: string): Promise<StandingDecision | null> {
  const parsed = parseDecisionKey(key);
  if (!parsed) return null;
  if (parsed.kind === "rejection") return (await rejection(tx, eq(decisions.id, parsed.id)))[0] ?? null;
  const [event] = await tx
    .select({ entityId: auditEvents.entityId })
    .from(auditEvents)
    .where(and(eq(auditEvents.id, Number(parsed.id)), eq(auditEvents.entityType, "accreditation"), eq(auditEvents.action, LIFECYCLE_EVENT[parsed.kind].action)));
  if (!event || !isUuid(event.entityId)) return null;
  const [acc] = await tx.select().from(accreditations).where(eq(accreditations.id, event.entityId));
  const current = acc ? await lifecycleDecision(tx, acc) : null;
  return current?.key === key ? current : null;
}

/** The organisation's decisions that still stand, newest first (appealed or not; the caller filters). */
export async function standingDecisionsOf(tx: Database, organisationId: string): Promise<StandingDecision[]> {
  const rejected = await rejection(tx, eq(applications.organisationId, organisationId));
  const accs = await tx
    .select()
    .from(accreditations)
    .where(and(eq(accreditations.organisationId, organisationId), inArray(accreditations.status, ["suspended", "revoked"])));
  const lifecycle = (await Promise.all(accs.map((a) => lifecycleDecision(tx, a)))).filter((d): d is StandingDecision => d !== null);
  return [...rejected, ...lifecycle].sort((a, b) => b.decidedAt.getTime() - a.decidedAt.getTime());
}

// ---- who took part ---------------------------------------------------------------------------------------

/**
 * The part each of `userIds` had in the decision appealed against (domain/impartiality.ts): membership
 * of or a conflict with the organisation; for a rejection also assessing the application and voting on
 * it (from the appeal's record, which outlives a reopening); and recording the decision.
 */
export async function appealInvolvements(tx: Database, appeal: AppealRow, userIds: string[]): Promise<Map<string, Involvement>> {
  const out =
    appeal.kind === "rejection" && appeal.applicationId ? await involvementsIn(tx, appeal.applicationId, userIds) : new Map(userIds.map((id) => [id, { ...NO_INVOLVEMENT }]));
  if (userIds.length === 0) return out;
  const [members, declared] = await Promise.all([
    tx.select({ userId: organisationMembers.userId }).from(organisationMembers).where(and(eq(organisationMembers.organisationId, appeal.organisationId), anyOfIds(organisationMembers.userId, userIds))),
    tx.select({ userId: conflicts.userId }).from(conflicts).where(and(eq(conflicts.organisationId, appeal.organisationId), anyOfIds(conflicts.userId, userIds))),
  ]);
  const original = appeal.original as OriginalDecision;
  for (const [id, inv] of out) {
    if (members.some((m) => m.userId === id)) inv.member = true;
    if (declared.some((c) => c.userId === id)) inv.conflicted = true;
    if (original.voters?.includes(id)) inv.voted = true;
    if (appeal.decidedBy === id) inv.decided = true;
  }
  return out;
}

export async function appealFacts(tx: Database, appeal: AppealRow, user: SessionUser): Promise<AppealFacts> {
  const [involvement, [panel]] = await Promise.all([
    appealInvolvements(tx, appeal, [user.id]),
    tx.select({ userId: appealPanelMembers.userId }).from(appealPanelMembers).where(and(eq(appealPanelMembers.appealId, appeal.id), eq(appealPanelMembers.userId, user.id))),
  ]);
  return { organisationId: appeal.organisationId, status: appeal.status, involvement: involvement.get(user.id) ?? { ...NO_INVOLVEMENT }, onPanel: Boolean(panel) };
}

/** The appeal if `user` may read it, else null (→ 404). */
export async function visibleAppeal(tx: Database, user: SessionUser, id: string): Promise<{ appeal: AppealRow; facts: AppealFacts } | null> {
  if (!isUuid(id)) return null;
  const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, id));
  if (!appeal) return null;
  const facts = await appealFacts(tx, appeal, user);
  return can(user, "appeal:view", { kind: "appeal", ...facts }) ? { appeal, facts } : null;
}

// ---- transitions -----------------------------------------------------------------------------------------

/** Move an appeal: ask the table, compare-and-set on the status, audit. Refuses (rolls back) on a lost race. */
export async function applyAppealMove(
  tx: Database,
  appeal: AppealRow,
  step: { action: AppealAction; role: AppealRole; actorId: string; set?: Partial<typeof appeals.$inferInsert>; data?: Record<string, unknown> },
): Promise<AppealRow> {
  const allowed = appealMove(appeal.status, step.action, step.role);
  if (!allowed.ok) refuse(409, allowed.message);
  const at = now();
  const updated = await setIfStatusUnchanged(tx, appeals, appeal, { status: allowed.to, updatedAt: at, ...step.set });
  await recordAudit(tx, { actorId: step.actorId, action: `appeal.${step.action}`, entityType: "appeal", entityId: appeal.id, data: { from: appeal.status, to: allowed.to, ...step.data } });
  return updated;
}

/** Email everyone in `to` about the appeal, once per step and person. */
export async function emailAboutAppeal(
  tx: Database,
  appeal: AppealRow,
  to: { id: string; name: string; email: string }[],
  message: { step: string; headline: string; message: string; reasons?: string; path: string; linkLabel: string },
) {
  const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, appeal.organisationId));
  for (const r of to) {
    await enqueueEmail(tx, {
      template: "appeal-update",
      to: r.email,
      props: { name: r.name, organisationName: org.name, headline: message.headline, message: message.message, reasons: message.reasons ?? "", url: `${config().appUrl}${message.path}`, linkLabel: message.linkLabel },
      idempotencyKey: `appeal:${appeal.id}:${message.step}:${r.id}`,
    });
  }
}

// ---- the provider ----------------------------------------------------------------------------------------

/** A provider owner lodges an appeal. The unique decision key makes a second appeal (or a double click) a 409. */
export async function lodgeAppeal(db: Database, user: SessionUser, input: LodgeAppealInput): Promise<Outcome<{ id: string }>> {
  const notAppealable = { decision: "Choose one of your organisation's decisions that can be appealed" };
  return attempt(() =>
    db.transaction(async (tx) => {
      const decision = await standingDecision(tx, input.decision);
      if (!decision || !can(user, "appeal:lodge", { kind: "appeal", organisationId: decision.organisationId, status: "lodged", involvement: NO_INVOLVEMENT, onPanel: false })) {
        refuse(400, "That decision cannot be appealed.", notAppealable);
      }
      const at = now();
      const windowDays = config().APPEAL_WINDOW_DAYS;
      if (!withinAppealWindow(decision.decidedAt, at, windowDays)) {
        const closed = `The appeal window closed on ${formatDate(appealDeadline(decision.decidedAt, windowDays))}`;
        refuse(409, `${closed}.`, { decision: closed });
      }
      const [created] = await tx
        .insert(appeals)
        .values({
          organisationId: decision.organisationId,
          kind: decision.kind,
          decisionKey: decision.key,
          applicationId: decision.applicationId,
          accreditationId: decision.accreditationId,
          decidedAt: decision.decidedAt,
          decidedBy: decision.decidedBy,
          original: decision.original,
          grounds: input.grounds,
          filedBy: user.id,
          filedAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing({ target: appeals.decisionKey })
        .returning();
      if (!created) refuse(409, "This decision has already been appealed: one appeal per decision.", { decision: "This decision has already been appealed" });
      await recordAudit(tx, { actorId: user.id, action: "appeal.lodged", entityType: "appeal", entityId: created.id, data: { kind: created.kind, decision: created.decisionKey } });
      const what = APPEAL_KIND_LABELS[created.kind].toLowerCase();
      await emailAboutAppeal(tx, created, await complaintHandlers(tx, created.organisationId), {
        step: "lodged",
        headline: "New appeal: constitute a panel",
        message: `The provider appealed against the ${what}. Constitute a panel of board members who took no part in the decision.`,
        reasons: created.grounds,
        path: `/admin/appeals/${created.id}`,
        linkLabel: "Open the appeal",
      });
      await emailAboutAppeal(tx, created, await organisationRecipients(tx, created.organisationId), {
        step: "lodged",
        headline: "We received your appeal",
        message: `Your appeal against the ${what} was received. A panel of board members with no part in the decision will hear it; we will email you at each step.`,
        path: `/provider/appeals/${created.id}`,
        linkLabel: "Follow your appeal",
      });
      return { id: created.id };
    }),
  );
}

/** The user's organisations' appeals, and the decisions an owner may still appeal. */
export async function appealsForProvider(db: Database, user: SessionUser) {
  if (user.memberships.length === 0) return { appeals: [], appealable: [] };
  const rows = await ofMyOrganisations(db, user, appeals, { a: appeals }).orderBy(desc(appeals.filedAt));
  const at = now();
  const windowDays = config().APPEAL_WINDOW_DAYS;
  const appealable = [];
  for (const m of user.memberships) {
    if (m.role !== "owner") continue;
    for (const d of await standingDecisionsOf(db, m.organisationId)) {
      if (rows.some((r) => r.a.decisionKey === d.key) || !withinAppealWindow(d.decidedAt, at, windowDays)) continue;
      appealable.push({ key: d.key, kind: d.kind, summary: d.original.summary, reason: d.original.reason, deadline: appealDeadline(d.decidedAt, windowDays), applicationId: d.applicationId, accreditationId: d.accreditationId });
    }
  }
  return {
    appeals: rows.map(({ a, organisationName }) => ({ id: a.id, organisationName, kind: a.kind, status: a.status, filedAt: a.filedAt, summary: (a.original as OriginalDecision).summary })),
    appealable,
  };
}

/** One appeal for a member of the appealing organisation, with its timeline and panel. Null → 404. */
export async function appealForProvider(db: Database, user: SessionUser, id: string) {
  if (!isUuid(id)) return null;
  const [appeal] = await db.select().from(appeals).where(eq(appeals.id, id));
  if (!appeal || !user.memberships.some((m) => m.organisationId === appeal.organisationId)) return null;
  const [timeline, panel] = await Promise.all([appealTimeline(db, appeal.id), panelOf(db, appeal.id)]);
  return { appeal, original: appeal.original as OriginalDecision, timeline, panel, actions: can(user, "appeal:lodge", { kind: "appeal", organisationId: appeal.organisationId, status: appeal.status, involvement: NO_INVOLVEMENT, onPanel: false }) ? appealActions(appeal.status, "provider") : [] };
}

export async function withdrawAppeal(db: Database, user: SessionUser, id: string): Promise<Outcome<{ status: string }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      if (!isUuid(id)) refuse(404, "No such appeal.");
      const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, id));
      if (!appeal || !user.memberships.some((m) => m.organisationId === appeal.organisationId)) refuse(404, "No such appeal.");
      if (!can(user, "appeal:lodge", { kind: "appeal", organisationId: appeal.organisationId, status: appeal.status, involvement: NO_INVOLVEMENT, onPanel: false })) refuse(409, "Only an owner of the organisation can withdraw its appeal.");
      const moved = await applyAppealMove(tx, appeal, { action: "withdraw", role: "provider", actorId: user.id });
      const panel = await panelOf(tx, appeal.id);
      await emailAboutAppeal(tx, moved, [...(await complaintHandlers(tx, appeal.organisationId)), ...panel], {
        step: "withdrawn",
        headline: "Appeal withdrawn",
        message: "The provider withdrew its appeal. Nothing more is needed.",
        path: `/admin/appeals/${appeal.id}`,
        linkLabel: "Open the appeal",
      });
      return { status: moved.status };
    }),
  );
}

// ---- reading -------------------------------------------------------------------------------------------

export async function panelOf(db: Database, appealId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(appealPanelMembers)
    .innerJoin(users, eq(users.id, appealPanelMembers.userId))
    .where(eq(appealPanelMembers.appealId, appealId))
    .orderBy(asc(users.name));
}

/** The appeal's timeline from the audit log (each step is an audit event). */
export async function appealTimeline(db: Database, appealId: string) {
  return entityHistory(db, "appeal", appealId, "appeal.");
}
