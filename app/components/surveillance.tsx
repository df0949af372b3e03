import { REPORT_STATUS_LABELS, type ReportStatus } from "~/domain/annual-reports";
import { formatDate } from "~/domain/format";
import { ListTable, providerColumn, certificateColumn, type ListColumn } from "~/components/ui/list-table";
import type { ReactNode } from "react";

export type ReportRow = { id: string; period: number; dueOn: string; status: ReportStatus; overdue: boolean; certificateNumber: string; organisationName: string };

export function ReportStatusBadge({ status, overdue }: { status: ReportStatus; overdue: boolean }) {
  if (overdue) return <span className="badge bad">Overdue · {REPORT_STATUS_LABELS[status]}</span>;
  const tone = status === "accepted" ? "ok" : status === "suspension_proposed" ? "bad" : "neutral";
  return <span className={`badge ${tone}`}>{REPORT_STATUS_LABELS[status]}</span>;
}

/** What a list of annual reports shows of each, after its provider. */
export const REPORT_COLUMNS: ListColumn<ReportRow>[] = [
  certificateColumn(),
  { header: "Year", cell: (r) => r.period },
  { header: "Due", cell: (r) => formatDate(r.dueOn) },
  { header: "Status", cell: (r) => <ReportStatusBadge status={r.status} overdue={r.overdue} /> },
];

/** Annual reports as a list; each report opens at `${base}/${id}` (the provider's or staff's page). */
export function ReportTable({ reports, caption, base, empty }: { reports: ReportRow[]; caption: string; base: string; empty: ReactNode }) {
  return <ListTable caption={caption} rows={reports} empty={empty} columns={[providerColumn(base), ...REPORT_COLUMNS]} />;
}

type Content = { coursesDelivered: number; learners: number; trainerChanges: string; syllabusChanges: string; complaintsReceived: number; complaintsSummary: string };

/** What the provider reported, read-only. */
export function ReportContent({ content }: { content: Content }) {
  return (
    <dl className="facts">
      <dt>Course runs delivered</dt>
      <dd>{content.coursesDelivered}</dd>
      <dt>Learners</dt>
      <dd>{content.learners}</dd>
      <dt>Trainer changes</dt>
      <dd className="prewrap">{content.trainerChanges || "None"}</dd>
      <dt>Syllabus changes</dt>
      <dd className="prewrap">{content.syllabusChanges || "None"}</dd>
      <dt>Complaints received</dt>
      <dd>{content.complaintsReceived}</dd>
      <dt>About the complaints</dt>
      <dd className="prewrap">{content.complaintsSummary || "—"}</dd>
    </dl>
  );
}
