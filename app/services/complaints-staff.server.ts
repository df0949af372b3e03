/**
 * Complaints, the foundation's and the provider's side: staff triage, investigate, ask the provider to
 * respond, record the outcome and carry out a proposed suspension (through the accreditation lifecycle,
 * so the directory and verify page follow in the same transaction); the provider reads and answers the
 * complaints put to it, never seeing who complained unless they agreed; deadline reminders.
 */
import { and, asc, desc, eq, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import { accreditations, complaintEvents, complaints, conflicts, organisations, users } from "../../db/schema";
import { COMPLAINT_DEADLINES, OPEN_STATUSES, complaintActions, visibleEvents, type ComplaintStatus, type StaffComplaintInput } from "~/domain/complaints";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import { can, type SessionUser } from "~/domain/policy";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { enqueueEmail, enqueueEmailEach } from "./emails.server";
import { changeAccreditationStatus } from "./accreditations.server";
import { organisationRecipients } from "./recipients.server";
import { isUuid } from "~/domain/forms";
import { applyComplaintMove, tellComplaintHandlers, type ComplaintRow } from "./complaints.server";
import { ofMyOrganisations } from "./organisations.server";
import { formatDate as formatDay } from "~/domain/format";

async function mayHandle(db: Database, user: SessionUser, organisationId: string): Promise<boolean> {
  const [conflict] = await db.select({ id: conflicts.id }).from(conflicts).where(and(eq(conflicts.userId, user.id), eq(conflicts.organisationId, organisationId)));
  return can(user, "complaint:handle", { kind: "complaint", organisationId, conflicted: Boolean(conflict) });
}

// ---- staff -----------------------------------------------------------------------------------------------

/** Staff's list, newest first; unconfirmed complaints are not staff's business until their sender confirms. */
export async function listComplaints(db: Database, user: SessionUser, filter: { status?: ComplaintStatus | "open" | null } = {}) {
  if (!can(user, "staff:access")) return [];
  const statuses: ComplaintStatus[] = filter.status === "open" || !filter.status ? [...OPEN_STATUSES] : [filter.status];
  const rows = await db
    .select({
      id: complaints.id,
      status: complaints.status,
      outcome: complaints.outcome,
      organisationId: complaints.organisationId,
      organisationName: organisations.displayName,
      confirmedAt: complaints.confirmedAt,
      triageDueAt: complaints.triageDueAt,
      responseDueAt: complaints.responseDueAt,
      resolutionDueAt: complaints.resolutionDueAt,
    })
    .from(complaints)
    .innerJoin(organisations, eq(organisations.id, complaints.organisationId))
    .where(inArray(complaints.status, statuses))
    .orderBy(desc(complaints.confirmedAt))
    .limit(200);
  // Staff tied to an organisation do not see complaints about it at all.
  const visible = [];
  for (const r of rows) if (await mayHandle(db, user, r.organisationId)) visible.push(r);
  return visible;
}

/** One complaint for staff, with its whole timeline and the organisation's accreditations. Null → 404. */
export async function complaintForStaff(db: Database, user: SessionUser, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(complaints).where(eq(complaints.id, id));
  if (!row || row.status === "unconfirmed" || !(await mayHandle(db, user, row.organisationId))) return null;
  const [[org], events, accs] = await Promise.all([
    db.select({ name: organisations.displayName, slug: organisations.slug }).from(organisations).where(eq(organisations.id, row.organisationId)),
    db
      .select({ id: complaintEvents.id, action: complaintEvents.action, note: complaintEvents.note, createdAt: complaintEvents.createdAt, actorName: users.name })
      .from(complaintEvents)
      .leftJoin(users, eq(users.id, complaintEvents.actorId))
      .where(eq(complaintEvents.complaintId, row.id))
      .orderBy(asc(complaintEvents.createdAt)),
    db
      .select({ id: accreditations.id, certificateNumber: accreditations.certificateNumber, status: accreditations.status })
      .from(accreditations)
      .where(eq(accreditations.organisationId, row.organisationId))
      .orderBy(desc(accreditations.validUntil)),
  ]);
  const { tokenHash: _token, submittedFrom: _from, ...complaint } = row;
  // Only staff who may handle it see it at all, so the state table's staff actions are theirs.
  return { complaint, organisation: org, events, accreditations: accs, actions: complaintActions(row.status, "staff") };
}

/** Staff's transitions, one transaction each. The suspension goes through the accreditation lifecycle service. */
export async function staffComplaintAction(db: Database, user: SessionUser, id: string, input: StaffComplaintInput): Promise<Outcome<{ status: ComplaintStatus }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      if (!isUuid(id)) refuse(404, "No such complaint.");
      const [row] = await tx.select().from(complaints).where(eq(complaints.id, id));
      if (!row || row.status === "unconfirmed" || !(await mayHandle(tx, user, row.organisationId))) refuse(404, "No such complaint.");
      const at = now();
      const base = { role: "staff" as const, actorId: user.id, note: input.note };
      switch (input.intent) {
        case "accept":
          return statusOf(await applyComplaintMove(tx, row, { ...base, action: "accept", set: { resolutionDueAt: addDays(at, COMPLAINT_DEADLINES.resolutionDays) } }));
        case "close_unfounded":
        case "close_upheld":
        case "propose_suspension":
          if (row.status === "awaiting_provider" && row.responseDueAt && row.responseDueAt > at) {
            refuse(409, `The provider's response is due on ${formatDay(row.responseDueAt)}. Record the outcome once it arrives or that day has passed.`);
          }
          return statusOf(await applyComplaintMove(tx, row, { ...base, action: input.intent, set: { responseDueAt: null } }));
        case "not_in_scope":
          return statusOf(await applyComplaintMove(tx, row, { ...base, action: "not_in_scope" }));
        case "request_response": {
          const due = addDays(at, COMPLAINT_DEADLINES.providerResponseDays);
          const moved = await applyComplaintMove(tx, row, { ...base, action: "request_response", set: { responseDueAt: due } });
          await askProvider(tx, row, input.note, due, false);
          return statusOf(moved);
        }
        case "carry_out_suspension": {
          const [acc] = await tx.select({ id: accreditations.id }).from(accreditations).where(and(eq(accreditations.id, input.accreditationId), eq(accreditations.organisationId, row.organisationId)));
          if (!acc) refuse(400, "Choose one of this provider's accreditations.", { accreditationId: "Choose one of this provider's accreditations" });
          const moved = await applyComplaintMove(tx, row, { ...base, action: "carry_out_suspension" });
          // The existing lifecycle service: its own checks, audit, emails and directory refresh, inside this transaction.
          const suspended = await changeAccreditationStatus(tx, user, acc.id, "suspend", input.note);
          if (!suspended.ok) refuse(suspended.status, suspended.message, suspended.status === 400 ? { note: suspended.message } : undefined);
          return statusOf(moved);
        }
      }
    }),
  );
}

const statusOf = (row: ComplaintRow) => ({ status: row.status });

/** Email the provider's members: a complaint needs their response (or, as a reminder, soon). */
async function askProvider(tx: Database, row: ComplaintRow, question: string, due: Date, reminder: boolean) {
  const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, row.organisationId));
  await enqueueEmailEach(tx, await organisationRecipients(tx, row.organisationId), {
    template: "complaint-response-requested",
    props: { organisationName: org.name, question, dueOn: formatDay(due), reminder, complaintsUrl: `${config().appUrl}/provider/complaints` },
    idempotencyKey: `complaint-response-${reminder ? "reminder" : "requested"}:${row.id}:${due.getTime()}`,
  });
}

// ---- the provider ----------------------------------------------------------------------------------------

/**
 * Complaints put to the user's organisations (staff asked for a response at least once), as the provider
 * may read them: the complaint's words, but the complainant's name and email only if they agreed.
 */
export async function complaintsForProvider(db: Database, user: SessionUser) {
  if (user.memberships.length === 0) return [];
  const askedForResponse = sql`exists (select 1 from ${complaintEvents} e where e.complaint_id = ${complaints.id} and e.action = 'request_response')`;
  const rows = await ofMyOrganisations(db, user, complaints, { c: complaints }, askedForResponse).orderBy(desc(complaints.createdAt));
  const ids = rows.map((r) => r.c.id);
  const events = ids.length
    ? await db
        .select({ complaintId: complaintEvents.complaintId, action: complaintEvents.action, note: complaintEvents.note, createdAt: complaintEvents.createdAt })
        .from(complaintEvents)
        .where(inArray(complaintEvents.complaintId, ids))
        .orderBy(asc(complaintEvents.createdAt))
    : [];
  return rows.map(({ c, organisationName }) => ({
    id: c.id,
    organisationName,
    status: c.status,
    outcome: c.outcome,
    details: c.details,
    receivedAt: c.confirmedAt ?? c.createdAt,
    responseDueAt: c.responseDueAt,
    // Identity only with the complainant's consent: never sent to the browser otherwise.
    complainant: c.consentToShare ? { name: c.complainantName, email: c.complainantEmail } : null,
    canRespond: c.status === "awaiting_provider",
    events: visibleEvents(
      events.filter((e) => e.complaintId === c.id),
      "provider",
    ),
  }));
}

export async function respondToComplaint(db: Database, user: SessionUser, input: { complaintId: string; response: string }): Promise<Outcome<{ status: ComplaintStatus }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      if (!isUuid(input.complaintId)) refuse(404, "No such complaint.");
      const [row] = await tx.select().from(complaints).where(eq(complaints.id, input.complaintId));
      if (!row || !can(user, "complaint:respond", { kind: "complaint", organisationId: row.organisationId })) refuse(404, "No such complaint.");
      const [asked] = await tx.select({ id: complaintEvents.id }).from(complaintEvents).where(and(eq(complaintEvents.complaintId, row.id), eq(complaintEvents.action, "request_response")));
      if (!asked) refuse(404, "No such complaint.");
      const moved = await applyComplaintMove(tx, row, { action: "respond", role: "provider", actorId: user.id, note: input.response, set: { responseDueAt: null } });
      await tellComplaintHandlers(tx, row, {
        headline: "The provider responded",
        detail: (name) => `${name} responded to the complaint. Read the response and record the outcome.`,
        key: `complaint-responded:${row.id}:${moved.updatedAt.getTime()}`,
      });
      return { status: moved.status };
    }),
  );
}

// ---- deadlines -------------------------------------------------------------------------------------------

export type ComplaintReminderRun = { providerReminders: number; staffNotices: number };

/**
 * Deadline reminders, safe from any number of workers at once (idempotency keys carry the deadline): the
 * provider before their response is due; staff when triage, the provider's response or the outcome is late.
 */
export async function sendComplaintReminders(db: Database): Promise<ComplaintReminderRun> {
  const at = now();
  const run: ComplaintReminderRun = { providerReminders: 0, staffNotices: 0 };
  const soon = addDays(at, COMPLAINT_DEADLINES.remindBeforeDays);
  const dueSoon = await db.select().from(complaints).where(and(eq(complaints.status, "awaiting_provider"), isNotNull(complaints.responseDueAt), lte(complaints.responseDueAt, soon)));
  for (const row of dueSoon) {
    if (!row.responseDueAt || row.responseDueAt < at) continue;
    const due = row.responseDueAt;
    await db.transaction(async (tx) => {
      const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, row.organisationId));
      const [question] = await tx
        .select({ note: complaintEvents.note })
        .from(complaintEvents)
        .where(and(eq(complaintEvents.complaintId, row.id), eq(complaintEvents.action, "request_response")))
        .orderBy(desc(complaintEvents.createdAt))
        .limit(1);
      for (const r of await organisationRecipients(tx, row.organisationId)) {
        const queued = await enqueueEmail(tx, {
          template: "complaint-response-requested",
          to: r.email,
          props: { name: r.name, organisationName: org.name, question: question?.note ?? "", dueOn: formatDay(due), reminder: true, complaintsUrl: `${config().appUrl}/provider/complaints` },
          idempotencyKey: `complaint-response-reminder:${row.id}:${due.getTime()}:${r.id}`,
        });
        if (queued) run.providerReminders += 1;
      }
    });
  }
  const late = await db
    .select()
    .from(complaints)
    // Column operators, not raw SQL, so the date is bound with the column's type on both drivers.
    .where(
      or(
        and(eq(complaints.status, "received"), lt(complaints.triageDueAt, at)),
        and(eq(complaints.status, "awaiting_provider"), lt(complaints.responseDueAt, at)),
        and(inArray(complaints.status, ["investigating", "awaiting_provider"]), lt(complaints.resolutionDueAt, at)),
      ),
    );
  for (const row of late) {
    const which =
      row.status === "received" ? { kind: "triage", due: row.triageDueAt, headline: "Triage is overdue" }
      : row.status === "awaiting_provider" && row.responseDueAt && row.responseDueAt < at ? { kind: "response", due: row.responseDueAt, headline: "The provider's response is overdue" }
      : { kind: "outcome", due: row.resolutionDueAt, headline: "The outcome is overdue" };
    await db.transaction(async (tx) => {
      run.staffNotices += await tellComplaintHandlers(tx, row, {
        headline: which.headline,
        detail: (name) => `The deadline of ${which.due ? formatDay(which.due) : "—"} has passed for the complaint about ${name}.`,
        key: `complaint-overdue:${row.id}:${which.kind}:${which.due?.getTime() ?? 0}`,
      });
    });
  }
  return run;
}
