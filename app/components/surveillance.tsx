import { Link } from "@remix-run/react";
import { REPORT_STATUS_LABELS, type ReportStatus } from "~/domain/annual-reports";
import { formatDate } from "~/domain/format";

export type ReportRow = { id: string; period: number; dueOn: string; status: ReportStatus; overdue: boolean; certificateNumber: string; organisationName: string };

export function ReportStatusBadge({ status, overdue }: { status: ReportStatus; overdue: boolean }) {
  if (overdue) return <span className="badge bad">Overdue · {REPORT_STATUS_LABELS[status]}</span>;
  const tone = status === "accepted" ? "ok" : status === "suspension_proposed" ? "bad" : "neutral";
  return <span className={`badge ${tone}`}>{REPORT_STATUS_LABELS[status]}</span>;
}

/** Annual reports as a table; `href` says where each report opens (the provider's or staff's page). */
export function ReportTable({ reports, caption, href }: { reports: ReportRow[]; caption: string; href: (id: string) => string }) {
  return (
    <div className="table-wrap cards" tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Certificate</th>
            <th scope="col">Year</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={href(r.id)}>{r.organisationName}</Link>
              </th>
              <td className="mono" data-label="Certificate">
                {r.certificateNumber}
              </td>
              <td data-label="Year">{r.period}</td>
              <td data-label="Due">{formatDate(r.dueOn)}</td>
              <td data-label="Status">
                <ReportStatusBadge status={r.status} overdue={r.overdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
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
