import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import { parseForm } from "~/domain/forms";
import {
  REPORT_ROLES,
  REPORT_STATUSES,
  REPORT_TRANSITIONS,
  reportActions,
  annualReportSchema,
  isOverdue,
  periodsToOpen,
  reportPeriods,
  reportReminderDue,
  reportTransition,
  reviewReportSchema,
  type ReportAction,
  type ReportStatus,
} from "~/domain/annual-reports";

const ACTIONS = Object.keys(REPORT_TRANSITIONS) as ReportAction[];
// The whole table by hand: members file (again after a follow-up), staff review a filed report.
const EXPECTED = new Map<string, ReportStatus>([
  ["due|submit|provider_owner", "submitted"],
  ["due|submit|provider_member", "submitted"],
  ["follow_up_requested|submit|provider_owner", "submitted"],
  ["follow_up_requested|submit|provider_member", "submitted"],
  ["submitted|accept|staff", "accepted"],
  ["submitted|request_follow_up|staff", "follow_up_requested"],
  ["submitted|propose_suspension|staff", "suspension_proposed"],
]);

test("every status × action × role gives exactly the expected transition", () => {
  expectWholeTable({ statuses: REPORT_STATUSES, actions: ACTIONS, roles: REPORT_ROLES }, reportTransition, EXPECTED);
});

test("refusals say why in words", () => {
  expect(reportTransition("accepted", "submit", "provider_owner")).toEqual({ ok: false, message: "A report that is accepted cannot be filed." });
  expect(reportTransition("submitted", "accept", "provider_owner")).toEqual({ ok: false, message: "Only staff can review an annual report." });
  expect(reportTransition("due", "submit", "staff")).toEqual({ ok: false, message: "Only members of the accredited organisation can file its report." });
});

test("a three-year accreditation reports after its first and second years; the third is the renewal's", () => {
  expect(reportPeriods("2026-03-10", "2029-03-09")).toEqual([
    { period: 1, periodStart: "2026-03-10", periodEnd: "2027-03-09", dueOn: "2027-03-10" },
    { period: 2, periodStart: "2027-03-10", periodEnd: "2028-03-09", dueOn: "2028-03-10" },
  ]);
  // 29 February rolls to 1 March in a common year, as validity does.
  expect(reportPeriods("2028-02-29", "2031-02-28")[0]).toMatchObject({ dueOn: "2029-03-01", periodEnd: "2029-02-28" });
});

test("a report opens 60 days before due and not for a year that ended long before surveillance began", () => {
  expect(periodsToOpen("2026-03-10", "2029-03-09", "2027-01-08")).toEqual([]);
  expect(periodsToOpen("2026-03-10", "2029-03-09", "2027-01-09").map((p) => p.period)).toEqual([1]);
  expect(periodsToOpen("2026-03-10", "2029-03-09", "2027-09-06").map((p) => p.period)).toEqual([1]);
  expect(periodsToOpen("2026-03-10", "2029-03-09", "2027-09-07").map((p) => p.period)).toEqual([]);
});

test("reminders at 60, 30 and 7 days: the nearest threshold reached, none once due has passed", () => {
  expect(reportReminderDue("2027-03-10", "2027-01-08")).toBeNull();
  expect(reportReminderDue("2027-03-10", "2027-01-09")).toBe(60);
  expect(reportReminderDue("2027-03-10", "2027-02-08")).toBe(30);
  expect(reportReminderDue("2027-03-10", "2027-03-03")).toBe(7);
  expect(reportReminderDue("2027-03-10", "2027-03-10")).toBe(7);
  expect(reportReminderDue("2027-03-10", "2027-03-11")).toBeNull();
});

test("overdue: waiting on the provider after the due date, never once filed", () => {
  expect(isOverdue({ status: "due", dueOn: "2027-03-10" }, "2027-03-10")).toBe(false);
  expect(isOverdue({ status: "due", dueOn: "2027-03-10" }, "2027-03-11")).toBe(true);
  expect(isOverdue({ status: "follow_up_requested", dueOn: "2027-03-10" }, "2027-04-01")).toBe(true);
  expect(isOverdue({ status: "submitted", dueOn: "2027-03-10" }, "2027-04-01")).toBe(false);
});

test("the forms: whole non-negative numbers, bounded text; a follow-up or suspension needs a note", () => {
  const report = (fields: Record<string, string>) => parseForm(new URLSearchParams({ intent: "submit", ...fields }), annualReportSchema);
  expect(report({ coursesDelivered: "12", learners: "140", complaintsReceived: "1", complaintsSummary: " Late certificate. " })).toEqual({
    success: true,
    data: { intent: "submit", coursesDelivered: 12, learners: 140, trainerChanges: "", syllabusChanges: "", complaintsReceived: 1, complaintsSummary: "Late certificate." },
  });
  expect(report({ coursesDelivered: "-1", learners: "many", complaintsReceived: "" })).toMatchObject({
    success: false,
    errors: { coursesDelivered: "Number of course runs delivered must be at least 0", learners: "Number of learners must be a number", complaintsReceived: "Enter the number of complaints received" },
  });
  const review = (fields: Record<string, string>) => parseForm(new URLSearchParams(fields), reviewReportSchema);
  expect(review({ outcome: "accept" })).toEqual({ success: true, data: { outcome: "accept", note: "" } });
  expect(review({ outcome: "request_follow_up", note: " " })).toMatchObject({ success: false, errors: { note: "Say what must follow up, or why suspension is proposed" } });
  expect(review({ note: "x" })).toMatchObject({ success: false, errors: { outcome: "Choose accept, request a follow-up or propose suspension" } });
});

test("the forms a report offers are the table's moves: staff review a submitted report, members file a due one, nobody else acts", () => {
  expect(reportActions("submitted", "staff")).toEqual(["accept", "request_follow_up", "propose_suspension"]);
  expect(reportActions("due", "provider_member")).toEqual(["submit"]);
  expect(reportActions("follow_up_requested", "provider_owner")).toEqual(["submit"]);
  expect(reportActions("accepted", "provider_owner")).toEqual([]);
  expect(reportActions("submitted", "provider_owner")).toEqual([]);
  expect(reportActions("accepted", "staff")).toEqual([]);
  expect(reportActions("submitted", "board")).toEqual([]);
});
