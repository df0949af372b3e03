/**
 * Surveillance: annual reports of accredited providers. The scheduler opens each report 60 days before it
 * is due and sends the 60/30/7-day reminders; members file it; staff accept it, ask for a follow-up or
 * propose suspension. Every transition: the table (domain/annual-reports.ts), compare-and-set, audit and
 * emails in one transaction.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { accreditations, annualReports, auditEvents, organisations, users } from "../../db/schema";
import { anyOfIds } from "../../db/client.server";
import {
  isOverdue,
  periodsToOpen,
  reportReminderDue,
  reportTransition,
  type AnnualReportInput,
  type ReportAction,
  type ReportRole,
  type ReportStatus,
  type ReviewReportInput,
  reportActions,
} from "~/domain/annual-reports";
import { isoDate } from "~/domain/accreditation";
import { formatDate } from "~/domain/format";
import { isStaffFor, providerRoleOf, type SessionUser } from "~/domain/policy";
import { attempt, ok, refused, type Outcome } from "~/domain/outcome";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { staffRecipients, organisationRecipients } from "./recipients.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail, enqueueEmailEach } from "./emails.server";
import { casesWithAccreditation } from "./accreditation-lists.server";
import { isUuid } from "~/domain/forms";

const OPEN: ReportStatus[] = ["due", "follow_up_requested"];

// ---- scheduler ---------------------------------------------------------------------------------

export type SurveillanceRun = { opened: number; reminders: number };

/** Open the reports that should exist today and send the reminder due for each open one. Idempotent. */
export async function runSurveillance(db: Database): Promise<SurveillanceRun> {
  const today = isoDate(now());
  const run: SurveillanceRun = { opened: 0, reminders: 0 };
  const active = await db
    .select({ id: accreditations.id, organisationId: accreditations.organisationId, validFrom: accreditations.validFrom, validUntil: accreditations.validUntil })
    .from(accreditations)
    .where(eq(accreditations.status, "active"));
  for (const a of active) {
    for (const p of periodsToOpen(a.validFrom, a.validUntil, today)) {
      await db.transaction(async (tx) => {
        const opened = await tx
          .insert(annualReports)
          .values({ accreditationId: a.id, organisationId: a.organisationId, ...p, createdAt: now() })
          .onConflictDoNothing({ target: [annualReports.accreditationId, annualReports.period] })
          .returning({ id: annualReports.id });
        if (opened.length === 0) return;
        run.opened += 1;
        await recordAudit(tx, { actorId: null, action: "surveillance.report_opened", entityType: "annual_report", entityId: opened[0].id, data: { accreditationId: a.id, ...p } });
      });
    }
  }
  const open = await casesWithAccreditation(db, annualReports, { r: annualReports }).where(and(inArray(annualReports.status, OPEN), eq(accreditations.status, "active")));
  for (const { r, certificateNumber, organisationName } of open) {
    const days = reportReminderDue(r.dueOn, today);
    if (days === null) continue;
    await db.transaction(async (tx) => {
      for (const person of await organisationRecipients(tx, r.organisationId)) {
        const queued = await enqueueEmail(tx, {
          template: "annual-report-due",
          to: person.email,
          props: { name: person.name, organisationName, certificateNumber, periodStart: formatDate(r.periodStart), periodEnd: formatDate(r.periodEnd), dueOn: formatDate(r.dueOn), days, reportUrl: `${config().appUrl}/provider/reports/${r.id}` },
          idempotencyKey: `annual-report-due:${r.id}:${days}:${person.id}`,
        });
        if (queued) run.reminders += 1;
      }
    });
  }
  return run;
}

// ---- reading -----------------------------------------------------------------------------------

async function loadReport(db: Database, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await casesWithAccreditation(db, annualReports, { r: annualReports, submittedByName: users.name })
    .leftJoin(users, eq(users.id, annualReports.submittedBy))
    .where(eq(annualReports.id, id));
  return row ?? null;
}

async function timelineOf(db: Database, id: string) {
  return db
    .select({ action: auditEvents.action, at: auditEvents.occurredAt, actor: users.name, data: auditEvents.data })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, "annual_report"), eq(auditEvents.entityId, id)))
    .orderBy(asc(auditEvents.id));
}

function present(row: NonNullable<Awaited<ReturnType<typeof loadReport>>>, today: string) {
  const { r } = row;
  return {
    id: r.id,
    period: r.period,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueOn: r.dueOn,
    status: r.status,
    overdue: isOverdue(r, today),
    content: r.content,
    submittedAt: r.submittedAt,
    submittedBy: row.submittedByName,
    reviewNote: r.reviewNote,
    reviewedAt: r.reviewedAt,
    organisationId: r.organisationId,
    organisationName: row.organisationName,
    certificateNumber: row.certificateNumber,
  };
}

/** The report as its organisation's members see it, or null when the user is not one of them. */
export async function reportForMember(db: Database, user: SessionUser, id: string) {
  const row = await loadReport(db, id);
  const role = row ? providerRoleOf(user, row.r.organisationId) : null;
  if (!row || role === null) return null;
  return { ...present(row, isoDate(now())), actions: reportActions(row.r.status, role) };
}

/** The report as staff see it, with its history and the reviews the state table allows now; null when not staff or a report of their own organisation. */
export async function reportForStaff(db: Database, user: SessionUser, id: string) {
  const row = await loadReport(db, id);
  if (!row || !isStaffFor(user, row.r.organisationId)) return null;
  return { ...present(row, isoDate(now())), actions: reportActions(row.r.status, "staff"), timeline: await timelineOf(db, id) };
}

/** Reports of the user's organisations, newest period first (the provider dashboard). */
export async function reportsForMember(db: Database, user: SessionUser) {
  const orgIds = user.memberships.map((m) => m.organisationId);
  if (orgIds.length === 0) return [];
  const today = isoDate(now());
  const rows = await casesWithAccreditation(db, annualReports, { id: annualReports.id, period: annualReports.period, dueOn: annualReports.dueOn, status: annualReports.status })
    .where(anyOfIds(annualReports.organisationId, orgIds))
    .orderBy(desc(annualReports.dueOn));
  return rows.map((r) => ({ ...r, overdue: isOverdue(r, today) }));
}

/** Every report for staff: overdue first, then those awaiting review, then the rest by due date. */
export async function reportsForStaff(db: Database) {
  const today = isoDate(now());
  const rows = await casesWithAccreditation(db, annualReports, { id: annualReports.id, period: annualReports.period, dueOn: annualReports.dueOn, status: annualReports.status, submittedAt: annualReports.submittedAt })
    .orderBy(asc(annualReports.dueOn), asc(organisations.displayName))
    .limit(500);
  const listed = rows.map((r) => ({ ...r, overdue: isOverdue(r, today) }));
  const rank = (r: (typeof listed)[number]) => (r.overdue ? 0 : r.status === "submitted" ? 1 : 2);
  return listed.sort((a, b) => rank(a) - rank(b));
}

// ---- transitions -------------------------------------------------------------------------------

export async function submitAnnualReport(db: Database, user: SessionUser, id: string, input: AnnualReportInput): Promise<Outcome> {
  const row = await loadReport(db, id);
  const role = row ? providerRoleOf(user, row.r.organisationId) : null;
  if (!row || role === null) return refused(404, "Report not found.");
  return transition(db, user, row, "submit", role, {
    set: {
      content: {
        coursesDelivered: input.coursesDelivered,
        learners: input.learners,
        trainerChanges: input.trainerChanges,
        syllabusChanges: input.syllabusChanges,
        complaintsReceived: input.complaintsReceived,
        complaintsSummary: input.complaintsSummary,
      },
      submittedBy: user.id,
      submittedAt: now(),
    },
    notify: async (tx) => {
      const staff = await staffRecipients(tx);
      for (const s of staff) {
        await enqueueEmail(tx, {
          template: "annual-report-submitted",
          to: s.email,
          props: { name: s.name, organisationName: row.organisationName, certificateNumber: row.certificateNumber, period: row.r.period, reviewUrl: `${config().appUrl}/admin/reports/${id}` },
          // A report filed again after a follow-up is a new event: the key carries the filing time.
          idempotencyKey: `annual-report-submitted:${id}:${now().getTime()}:${s.id}`,
        });
      }
    },
  });
}

export async function reviewAnnualReport(db: Database, user: SessionUser, id: string, input: ReviewReportInput): Promise<Outcome> {
  const row = await loadReport(db, id);
  // Staff never review a report of an organisation they belong to: for them it does not exist.
  if (!row || !isStaffFor(user, row.r.organisationId)) return refused(404, "Report not found.");
  const outcome = input.outcome;
  return transition(db, user, row, outcome, "staff", {
    set: { reviewNote: input.note, reviewedBy: user.id, reviewedAt: now() },
    auditData: { note: input.note },
    notify: async (tx, to) => {
      await enqueueEmailEach(tx, await organisationRecipients(tx, row.r.organisationId), {
        template: "annual-report-reviewed",
        props: {
          organisationName: row.organisationName,
          certificateNumber: row.certificateNumber,
          period: row.r.period,
          outcome: to === "accepted" || to === "follow_up_requested" || to === "suspension_proposed" ? to : "accepted",
          note: input.note,
          reportUrl: `${config().appUrl}/provider/reports/${id}`,
        },
        idempotencyKey: `annual-report-reviewed:${id}:${now().getTime()}`,
      });
    },
  });
}

async function transition(
  db: Database,
  user: SessionUser,
  row: NonNullable<Awaited<ReturnType<typeof loadReport>>>,
  action: ReportAction,
  role: ReportRole,
  effect: { set: Partial<typeof annualReports.$inferInsert>; auditData?: Record<string, unknown>; notify: (tx: Database, to: ReportStatus) => Promise<void> },
): Promise<Outcome> {
  const t = reportTransition(row.r.status, action, role);
  if (!t.ok) return refused(409, t.message);
  return attempt(async () =>
    db.transaction(async (tx) => {
      await setIfStatusUnchanged(tx, annualReports, row.r, { ...effect.set, status: t.to });
      await recordAudit(tx, {
        actorId: user.id,
        action: `surveillance.report_${action === "submit" ? "submitted" : action}`,
        entityType: "annual_report",
        entityId: row.r.id,
        data: { from: row.r.status, to: t.to, period: row.r.period, accreditationId: row.r.accreditationId, ...effect.auditData },
      });
      await effect.notify(tx, t.to);
      return undefined;
    }),
  ).then((r) => (r.ok ? ok() : r));
}
