/**
 * Surveillance (ISO/IEC 17011 7.9): every active accreditation files a report for each year of its validity
 * (except the last, which the renewal covers). A report opens 60 days before it is due, with reminders at
 * 60, 30 and 7 days; staff accept it, ask for a follow-up (the provider files again) or propose suspension
 * (staff then suspend from the accreditations page). `overdue` is never stored: it follows from the date.
 */
import { z } from "zod";
import { integer, longText } from "./forms";
import { daysUntil, isoDate, reminderDue } from "./accreditation";
import { actionsFrom } from "./state-table";

export type ReportStatus = "due" | "submitted" | "follow_up_requested" | "accepted" | "suspension_proposed";
export type ReportAction = "submit" | "accept" | "request_follow_up" | "propose_suspension";
export type ReportRole = "provider_owner" | "provider_member" | "staff" | "reviewer" | "board";

export const REPORT_STATUSES: ReportStatus[] = ["due", "submitted", "follow_up_requested", "accepted", "suspension_proposed"];
export const REPORT_ROLES: ReportRole[] = ["provider_owner", "provider_member", "staff", "reviewer", "board"];

type Rule = { from: ReportStatus[]; roles: ReportRole[]; to: ReportStatus };

export const REPORT_TRANSITIONS: Record<ReportAction, Rule> = {
  submit: { from: ["due", "follow_up_requested"], roles: ["provider_owner", "provider_member"], to: "submitted" },
  accept: { from: ["submitted"], roles: ["staff"], to: "accepted" },
  request_follow_up: { from: ["submitted"], roles: ["staff"], to: "follow_up_requested" },
  propose_suspension: { from: ["submitted"], roles: ["staff"], to: "suspension_proposed" },
};

export const REPORT_STATUS_LABELS: Record<ReportStatus | "overdue", string> = {
  due: "Due",
  submitted: "Submitted, awaiting review",
  follow_up_requested: "Follow-up requested",
  accepted: "Accepted",
  suspension_proposed: "Suspension proposed",
  overdue: "Overdue",
};

const PAST: Record<ReportAction, string> = {
  submit: "filed",
  accept: "accepted",
  request_follow_up: "sent back for a follow-up",
  propose_suspension: "marked for suspension",
};

export type ReportTransition = { ok: true; to: ReportStatus } | { ok: false; message: string };

export function reportTransition(from: ReportStatus, action: ReportAction, role: ReportRole): ReportTransition {
  const rule = REPORT_TRANSITIONS[action];
  if (!rule.roles.includes(role)) {
    return { ok: false, message: action === "submit" ? "Only members of the accredited organisation can file its report." : "Only staff can review an annual report." };
  }
  if (!rule.from.includes(from)) return { ok: false, message: `A report that is ${REPORT_STATUS_LABELS[from].toLowerCase()} cannot be ${PAST[action]}.` };
  return { ok: true, to: rule.to };
}

/** The actions `role` may take on a report in `from`, in table order (for forms; the service still asks `reportTransition`). */
export function reportActions(from: ReportStatus, role: ReportRole): ReportAction[] {
  return actionsFrom(REPORT_TRANSITIONS, from, role);
}

/** Waiting on the provider, and past its due date. */
export function isOverdue(report: { status: ReportStatus; dueOn: string }, today: string): boolean {
  return (report.status === "due" || report.status === "follow_up_requested") && today > report.dueOn;
}

const REPORT_OPENS_DAYS = 60;
const REPORT_REMINDER_DAYS = [60, 30, 7] as const;
/**
 * A report whose due date passed longer ago than this is not opened: surveillance began with this release,
 * and asking in 2027 for a 2024 report would only be noise. Within it, a late report is opened and overdue.
 */
const REPORT_LATE_OPENING_DAYS = 180;

export type ReportPeriod = { period: number; periodStart: string; periodEnd: string; dueOn: string };

function plusYears(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  return isoDate(new Date(Date.UTC(y + years, m - 1, d)));
}

/**
 * The reporting years of an accreditation: year n runs from the (n−1)th anniversary to the day before the nth,
 * and its report is due on the nth anniversary. The year ending with the validity is covered by the renewal.
 */
export function reportPeriods(validFrom: string, validUntil: string): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let n = 1; ; n++) {
    const dueOn = plusYears(validFrom, n);
    if (dueOn > validUntil) break;
    const periodEnd = isoDate(new Date(Date.parse(`${dueOn}T00:00:00Z`) - 86_400_000));
    out.push({ period: n, periodStart: plusYears(validFrom, n - 1), periodEnd, dueOn });
  }
  return out;
}

/** Periods whose report should exist today: opened 60 days before due, and not due longer ago than the late window. */
export function periodsToOpen(validFrom: string, validUntil: string, today: string): ReportPeriod[] {
  return reportPeriods(validFrom, validUntil).filter((p) => {
    const left = daysUntil(p.dueOn, today);
    return left <= REPORT_OPENS_DAYS && left >= -REPORT_LATE_OPENING_DAYS;
  });
}

/** The reminder due today, if any: the nearest threshold reached (a missed one is not sent late in a pile). */
export function reportReminderDue(dueOn: string, today: string) {
  return reminderDue(REPORT_REMINDER_DAYS, dueOn, today);
}

/** The provider's report: figures for the year and what changed. */
export const annualReportSchema = z.object({
  intent: z.literal("submit"),
  coursesDelivered: integer("the number of course runs delivered", { min: 0, max: 100_000 }),
  learners: integer("the number of learners", { min: 0, max: 1_000_000 }),
  trainerChanges: longText("trainer changes", { max: 5000 }),
  syllabusChanges: longText("syllabus changes", { max: 5000 }),
  complaintsReceived: integer("the number of complaints received", { min: 0, max: 100_000 }),
  complaintsSummary: longText("a summary of the complaints", { max: 5000 }),
});
export type AnnualReportInput = z.output<typeof annualReportSchema>;

/**
 * Staff's review of what a provider filed (an annual report, a material change): it is taken as it stands
 * (`accepting`), a follow-up is asked for or suspension proposed; the note is required unless it is taken.
 */
export function staffReviewSchema<A extends string>(accepting: A, words: { choose: string; maxNote: number }) {
  return z
    .object({
      outcome: z.enum([accepting, "request_follow_up", "propose_suspension"], { errorMap: () => ({ message: words.choose }) }),
      note: longText("a note to the provider", { max: words.maxNote }),
    })
    .superRefine((v, ctx) => {
      if (v.outcome !== accepting && v.note.length === 0) ctx.addIssue({ code: "custom", path: ["note"], message: "Say what must follow up, or why suspension is proposed" });
    });
}

export const reviewReportSchema = staffReviewSchema("accept", { choose: "Choose accept, request a follow-up or propose suspension", maxNote: 5000 });
export type ReviewReportInput = z.output<typeof reviewReportSchema>;
