import { and, asc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { accreditations, annualReports, applications, materialChanges, organisations, reviewerAssignments, scopeChanges, users } from "../../db/schema";
import { db as defaultDb, type Database } from "./db.server";
import { addDays, now } from "./clock.server";
import { casesWithAccreditation } from "./accreditation-lists.server";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/workflow";



const WAITING_ON_FOUNDATION = ["submitted", "under_review", "awaiting_decision"] as const;
const DAY_MS = 86_400_000;

export type Dashboard = {
  statusCounts: { status: ApplicationStatus; count: number }[];
  overdueReviews: { assignmentId: string; applicationId: string; reviewer: string; organisation: string; dueAt: string; daysOverdue: number }[];
  waitingLongest: { applicationId: string; organisation: string; status: ApplicationStatus; submittedAt: string; daysWaiting: number }[];
  expiring: { id: string; certificateNumber: string; organisation: string; validUntil: string; daysLeft: number }[];
  /** Annual reports past their due date and still waiting on the provider (domain/annual-reports isOverdue). */
  overdueReports: { id: string; period: number; dueOn: string; status: "due" | "follow_up_requested"; overdue: true; certificateNumber: string; organisationName: string }[];
  medianDaysToDecision: number | null;
  decidedCount: number;
  /** Between grant and renewal: scope changes awaiting a decision, material changes awaiting review. */
  awaitingStaff: { scopeChanges: number; materialChanges: number };
};

export async function loadDashboard(db: Database = defaultDb): Promise<Dashboard> {
  const at = now();
  const today = at.toISOString().slice(0, 10);
  const in90 = addDays(at, 90).toISOString().slice(0, 10);

  // Both lists pick their few rows first and only then join the names in: joining first made PostgreSQL hash every
  // organisation (10,000) for five rows (4 → 1.5 ms each on the benchmark's data).
  const overdueFirst = db
    .select({
      id: reviewerAssignments.id,
      applicationId: reviewerAssignments.applicationId,
      reviewerId: reviewerAssignments.reviewerId,
      dueAt: reviewerAssignments.dueAt,
      organisationId: applications.organisationId,
    })
    .from(reviewerAssignments)
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .where(and(inArray(reviewerAssignments.status, ["pending", "accepted"]), lt(reviewerAssignments.dueAt, at), inArray(applications.status, ["submitted", "under_review"])))
    .orderBy(asc(reviewerAssignments.dueAt))
    .limit(20)
    .as("overdue_first");
  const longestWaiting = db
    .select({ id: applications.id, organisationId: applications.organisationId, status: applications.status, submittedAt: applications.submittedAt })
    .from(applications)
    .where(and(inArray(applications.status, [...WAITING_ON_FOUNDATION]), sql`${applications.submittedAt} is not null`))
    .orderBy(asc(applications.submittedAt))
    .limit(5)
    .as("longest_waiting");
  const [counts, overdue, waiting, expiring, median, lateReports, scopeWaiting, materialWaiting] = await Promise.all([
    db.select({ status: applications.status, count: sql<number>`count(*)::int` }).from(applications).groupBy(applications.status),
    db
      .select({ id: overdueFirst.id, applicationId: overdueFirst.applicationId, reviewer: users.name, organisation: organisations.displayName, dueAt: overdueFirst.dueAt })
      .from(overdueFirst)
      .innerJoin(users, eq(users.id, overdueFirst.reviewerId))
      .innerJoin(organisations, eq(organisations.id, overdueFirst.organisationId))
      .orderBy(asc(overdueFirst.dueAt)),
    db
      .select({ id: longestWaiting.id, organisation: organisations.displayName, status: longestWaiting.status, submittedAt: longestWaiting.submittedAt })
      .from(longestWaiting)
      .innerJoin(organisations, eq(organisations.id, longestWaiting.organisationId))
      .orderBy(asc(longestWaiting.submittedAt)),
    db
      .select({ id: accreditations.id, certificateNumber: accreditations.certificateNumber, organisation: organisations.displayName, validUntil: accreditations.validUntil })
      .from(accreditations)
      .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
      .where(and(eq(accreditations.status, "active"), gte(accreditations.validUntil, today), lte(accreditations.validUntil, in90)))
      .orderBy(asc(accreditations.validUntil))
      .limit(50),
    // From the first submission to the decision, over every decided application, read from the applications alone
    // (decision 061: grouping every revision for its first time and joining it in was 6 of 8 ms at 10,000 decided).
    // An application with no first submission recorded (one written without the submission service, as the bench's
    // generated ones) counts from its submission, as one without revisions did before.
    // Seconds as float8 (`date_part`), divided into days once: `extract` answers numeric, and numeric arithmetic on
    // every row cost more than the sort (6 → 3.5 ms CPU). The median of x / 86400 is the median of x, / 86400.
    db
      .select({
        median: sql<string | null>`percentile_cont(0.5) within group (order by date_part('epoch', ${applications.decidedAt} - coalesce(${applications.firstSubmittedAt}, ${applications.submittedAt}))) / 86400`,
        decided: sql<number>`count(*)::int`,
      })
      .from(applications)
      .where(and(sql`${applications.decidedAt} is not null`, sql`${applications.submittedAt} is not null`)),
    casesWithAccreditation(db, annualReports, { id: annualReports.id, period: annualReports.period, dueOn: annualReports.dueOn, status: annualReports.status })
      .where(and(inArray(annualReports.status, ["due", "follow_up_requested"]), lt(annualReports.dueOn, today)))
      .orderBy(asc(annualReports.dueOn))
      .limit(50),
    db.select({ n: sql<number>`count(*)::int` }).from(scopeChanges).where(eq(scopeChanges.status, "requested")),
    db.select({ n: sql<number>`count(*)::int` }).from(materialChanges).where(eq(materialChanges.status, "reported")),
  ]);

  const byStatus = new Map(counts.map((c) => [c.status, c.count]));
  const medianValue = median[0]?.median;
  return {
    awaitingStaff: { scopeChanges: scopeWaiting[0]?.n ?? 0, materialChanges: materialWaiting[0]?.n ?? 0 },
    statusCounts: APPLICATION_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    overdueReviews: overdue.map((o) => ({
      assignmentId: o.id,
      applicationId: o.applicationId,
      reviewer: o.reviewer,
      organisation: o.organisation,
      dueAt: o.dueAt.toISOString(),
      daysOverdue: Math.floor((at.getTime() - o.dueAt.getTime()) / DAY_MS),
    })),
    waitingLongest: waiting.map((w) => ({
      applicationId: w.id,
      organisation: w.organisation,
      status: w.status,
      submittedAt: w.submittedAt!.toISOString(),
      daysWaiting: Math.floor((at.getTime() - w.submittedAt!.getTime()) / DAY_MS),
    })),
    expiring: expiring.map((e) => ({
      ...e,
      daysLeft: Math.round((Date.parse(`${e.validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS),
    })),
    overdueReports: lateReports.flatMap((r) => (r.status === "due" || r.status === "follow_up_requested" ? [{ ...r, status: r.status, overdue: true as const }] : [])),
    medianDaysToDecision: medianValue === null || medianValue === undefined ? null : Math.round(Number(medianValue) * 10) / 10,
    decidedCount: median[0]?.decided ?? 0,
  };
}
