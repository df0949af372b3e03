/**
 * Appeals, staff's and the panel's side. Staff with no part in the decision constitute a panel of board
 * members with no part in it either (the server checks every name against domain/impartiality.ts); a
 * panel member records the panel's finding. Overturning acts in the same transaction: a rejection is
 * reopened for the board (workflow `reopen`), a suspension or revocation is lifted through the
 * accreditation lifecycle service (new credential, status list, public log, directory).
 */
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { appealPanelMembers, appeals, applications, boardVotes, decisions, organisations, userRoles, users } from "../../db/schema";
import { APPEAL_KIND_LABELS, OPEN_APPEAL_STATUSES, appealActions, OVERTURN_EFFECT, type AppealStatus, type ConstitutePanelInput, type DecideAppealInput } from "~/domain/appeals";
import { BAR_LABELS, barredFrom } from "~/domain/impartiality";
import { attempt, RACE_LOST, refuse, type Outcome } from "~/domain/outcome";
import { can, type SessionUser } from "~/domain/policy";
import { moveApplication } from "./transition.server";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { changeAccreditationStatus } from "./accreditations.server";
import { organisationRecipients } from "./recipients.server";
import { complaintHandlers } from "./complaints.server";
import { boardMembersFor } from "./board-members.server";
import { appealDocumentList } from "./appeal-documents.server";
import { appealFacts, appealInvolvements, appealTimeline, applyAppealMove, emailAboutAppeal, panelOf, visibleAppeal, type AppealRow, type OriginalDecision } from "./appeals.server";

// ---- staff -----------------------------------------------------------------------------------------------

/** Staff's list: open appeals by default; appeals about an organisation a member of staff is tied to are hidden from them. */
export async function listAppeals(db: Database, user: SessionUser, filter: { status?: AppealStatus | "open" | "all" | null } = {}) {
  if (!can(user, "staff:access")) return [];
  const status = filter.status ?? "open";
  const rows = await db
    .select({ a: appeals, organisationName: organisations.displayName })
    .from(appeals)
    .innerJoin(organisations, eq(organisations.id, appeals.organisationId))
    .where(status === "all" ? undefined : inArray(appeals.status, status === "open" ? [...OPEN_APPEAL_STATUSES] : [status]))
    .orderBy(desc(appeals.filedAt))
    .limit(200);
  const visible = [];
  for (const { a, organisationName } of rows) {
    const facts = await appealFacts(db, a, user);
    if (can(user, "appeal:view", { kind: "appeal", ...facts })) visible.push({ id: a.id, organisationName, kind: a.kind, status: a.status, filedAt: a.filedAt, summary: (a.original as OriginalDecision).summary });
  }
  return visible;
}

/** Board members who could sit on the panel, each with the reason they may not (if any). */
async function candidates(db: Database, appeal: AppealRow) {
  const board = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "board"), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
  const involvements = await appealInvolvements(
    db,
    appeal,
    board.map((b) => b.id),
  );
  return board.map((b) => {
    const bar = barredFrom("hear_appeal", involvements.get(b.id)!);
    return { ...b, barredBy: bar, barLabel: bar ? BAR_LABELS[bar] : null };
  });
}

/** What staff and the panel both read of an appeal: the decision appealed, documents, timeline and panel. */
async function appealRecord(db: Database, appeal: AppealRow) {
  const [[org], timeline, panel, documents] = await Promise.all([
    db.select({ name: organisations.displayName, slug: organisations.slug }).from(organisations).where(eq(organisations.id, appeal.organisationId)),
    appealTimeline(db, appeal.id),
    panelOf(db, appeal.id),
    appealDocumentList(db, appeal.id),
  ]);
  return { appeal, documents, organisation: org, original: appeal.original as OriginalDecision, timeline, panel };
}

/** One appeal for staff: grounds, the decision, timeline, panel, and the eligible board. Null → 404. */
export async function appealForStaff(db: Database, user: SessionUser, id: string) {
  if (!can(user, "staff:access")) return null;
  const found = await visibleAppeal(db, user, id);
  if (!found) return null;
  const { appeal, facts } = found;
  const [record, board] = await Promise.all([appealRecord(db, appeal), candidates(db, appeal)]);
  return {
    ...record,
    candidates: board,
    // What this member of staff may do next by the state table; none for whoever recorded the decision under appeal.
    actions: can(user, "appeal:constitute", { kind: "appeal", ...facts }) ? appealActions(appeal.status, "staff") : [],
    recordedTheDecision: facts.involvement.decided,
  };
}

export async function constitutePanel(db: Database, user: SessionUser, id: string, input: ConstitutePanelInput): Promise<Outcome<{ panel: number }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const found = can(user, "staff:access") ? await visibleAppeal(tx, user, id) : null;
      if (!found) refuse(404, "No such appeal.");
      const { appeal, facts } = found;
      if (facts.involvement.decided) refuse(409, "You recorded the decision under appeal; another member of staff constitutes the panel.");
      if (!can(user, "appeal:constitute", { kind: "appeal", ...facts })) refuse(409, appeal.status === "lodged" ? RACE_LOST : "The panel has already been constituted.");
      const chosen = [...new Set(input.panel)];
      const eligible = await candidates(tx, appeal);
      for (const userId of chosen) {
        const c = eligible.find((e) => e.id === userId);
        if (!c) refuse(400, "Choose board members only.", { panel: "Choose board members only" });
        // The server, not the form, keeps anyone with a part in the decision off the panel.
        if (c.barredBy) refuse(400, `${c.name} may not hear this appeal: they ${c.barLabel}.`, { panel: `${c.name} may not hear this appeal: they ${c.barLabel}` });
      }
      const at = now();
      const moved = await applyAppealMove(tx, appeal, { action: "constitute_panel", role: "staff", actorId: user.id, set: { panelConstitutedAt: at }, data: { panel: chosen } });
      await tx.insert(appealPanelMembers).values(chosen.map((userId) => ({ appealId: appeal.id, userId, addedBy: user.id, addedAt: at })));
      const members = eligible.filter((e) => chosen.includes(e.id));
      const what = APPEAL_KIND_LABELS[appeal.kind].toLowerCase();
      await emailAboutAppeal(tx, moved, members, {
        step: "panel",
        headline: "You are asked to hear an appeal",
        message: `You sit on the panel hearing the provider's appeal against the ${what}. Read the grounds and record the panel's finding.`,
        path: `/board/appeals/${appeal.id}`,
        linkLabel: "Hear the appeal",
      });
      await emailAboutAppeal(tx, moved, await organisationRecipients(tx, appeal.organisationId), {
        step: "panel",
        headline: "A panel is hearing your appeal",
        message: `A panel of ${members.length} board member${members.length === 1 ? "" : "s"} with no part in the decision is hearing your appeal: ${members.map((m) => m.name).join(", ")}.`,
        path: `/provider/appeals/${appeal.id}`,
        linkLabel: "Follow your appeal",
      });
      return { panel: members.length };
    }),
  );
}

// ---- the panel -------------------------------------------------------------------------------------------

/** Appeals the user sits on the panel of, open ones first. */
export async function appealsForPanel(db: Database, user: SessionUser) {
  if (!can(user, "board:access")) return [];
  return db
    .select({ id: appeals.id, kind: appeals.kind, status: appeals.status, filedAt: appeals.filedAt, organisationName: organisations.displayName })
    .from(appealPanelMembers)
    .innerJoin(appeals, eq(appeals.id, appealPanelMembers.appealId))
    .innerJoin(organisations, eq(organisations.id, appeals.organisationId))
    .where(eq(appealPanelMembers.userId, user.id))
    .orderBy(desc(appeals.filedAt));
}

/** One appeal for a member of its panel. Null → 404 (for anyone else, even other board members). */
export async function appealForPanel(db: Database, user: SessionUser, id: string) {
  if (!can(user, "board:access")) return null;
  const found = await visibleAppeal(db, user, id);
  if (!found || !found.facts.onPanel) return null;
  const { appeal, facts } = found;
  return {
    ...(await appealRecord(db, appeal)),
    effect: OVERTURN_EFFECT[appeal.kind],
    // The findings the state table allows the panel now; none for a board member who may not hear it.
    actions: can(user, "appeal:hear", { kind: "appeal", ...facts }) ? appealActions(appeal.status, "panel") : [],
  };
}

/** A panel member records the panel's finding; overturning acts on the decision in the same transaction. */
export async function decideAppeal(db: Database, user: SessionUser, id: string, input: DecideAppealInput): Promise<Outcome<{ status: AppealStatus }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const found = can(user, "board:access") ? await visibleAppeal(tx, user, id) : null;
      if (!found || !found.facts.onPanel) refuse(404, "No such appeal.");
      const { appeal, facts } = found;
      if (!can(user, "appeal:hear", { kind: "appeal", ...facts })) refuse(409, appeal.status === "hearing" ? RACE_LOST : "The panel's finding has already been recorded.");
      const at = now();
      const moved = await applyAppealMove(tx, appeal, {
        action: input.finding,
        role: "panel",
        actorId: user.id,
        set: { reasons: input.reasons, concludedBy: user.id, concludedAt: at },
      });
      if (input.finding === "overturn") await overturn(tx, user, moved);
      const what = APPEAL_KIND_LABELS[appeal.kind].toLowerCase();
      const message =
        input.finding === "uphold"
          ? `The appeal panel heard your appeal against the ${what} and upheld the decision: it stands. The panel's reasons:`
          : `The appeal panel heard your appeal against the ${what} and overturned it. ${OVERTURN_EFFECT[appeal.kind]} The panel's reasons:`;
      await emailAboutAppeal(tx, moved, await organisationRecipients(tx, appeal.organisationId), {
        step: "decided",
        headline: input.finding === "uphold" ? "Your appeal was not upheld" : "Your appeal succeeded",
        message,
        reasons: input.reasons,
        path: `/provider/appeals/${appeal.id}`,
        linkLabel: "Read the finding",
      });
      await emailAboutAppeal(tx, moved, await complaintHandlers(tx, appeal.organisationId), {
        step: "decided",
        headline: input.finding === "uphold" ? "Appeal dismissed: the decision stands" : "Appeal succeeded: the decision is overturned",
        message: input.finding === "uphold" ? "The panel upheld the decision." : `The panel overturned the decision. ${OVERTURN_EFFECT[appeal.kind]}`,
        reasons: input.reasons,
        path: `/admin/appeals/${appeal.id}`,
        linkLabel: "Open the appeal",
      });
      return { status: moved.status };
    }),
  );
}

async function overturn(tx: Database, user: SessionUser, appeal: AppealRow) {
  if (appeal.kind === "rejection") {
    if (!appeal.applicationId) refuse(409, "The appealed application no longer exists.");
    const [app] = await tx.select().from(applications).where(eq(applications.id, appeal.applicationId));
    await moveApplication(tx, app, {
      action: "reopen",
      role: "appeal_panel",
      actorId: user.id,
      set: { decidedAt: null },
      audit: { action: "application.reopened", data: { appealId: appeal.id } },
    });
    // The board decides afresh: the overturned decision and its votes are kept in the appeal's record and the audit log.
    await tx.delete(decisions).where(eq(decisions.applicationId, app.id));
    await tx.delete(boardVotes).where(eq(boardVotes.applicationId, app.id));
    const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, app.organisationId));
    for (const m of await boardMembersFor(tx, app.organisationId, app.id)) {
      if (m.recused) continue;
      await enqueueEmail(tx, {
        template: "vote-requested",
        to: m.email,
        props: { name: m.name, organisationName: org.name, kind: app.kind, voteUrl: `${config().appUrl}/board/${app.id}` },
        idempotencyKey: `vote-requested:${app.id}:appeal:${appeal.id}:${m.id}`,
      });
    }
    return;
  }
  if (!appeal.accreditationId) refuse(409, "The appealed accreditation no longer exists.");
  const reinstated = await changeAccreditationStatus(tx, user, appeal.accreditationId, "reinstate", "", { appealId: appeal.id });
  if (!reinstated.ok) refuse(409, reinstated.message);
}
