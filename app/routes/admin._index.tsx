import { formatDate, formatNumber } from "~/domain/format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusChart } from "~/components/admin/status-chart";
import { StatusBadge } from "~/components/provider/status";
import { ReportTable } from "~/components/surveillance";
import { loadDashboard } from "~/services/admin-dashboard.server";
import { db } from "~/services/db.server";
import { countPendingProfileChanges } from "~/services/profile-changes.server";
import { requireStaff } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { CardSection } from "~/components/ui/card-section";
import { ListTable, type ListColumn } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "Dashboard · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [dashboard, pendingProfileChanges] = await Promise.all([loadDashboard(), countPendingProfileChanges(db)]);
  return { ...dashboard, pendingProfileChanges };
}

/** A row about an application: its provider, linking to the application's staff page. */
const applicationColumn: ListColumn<{ applicationId: string; organisation: string }> = {
  header: "Provider",
  cell: (r) => <Link to={`/admin/applications/${r.applicationId}`}>{r.organisation}</Link>,
};

export default function AdminDashboard() {
  const d = useLoaderData<typeof loader>();
  const total = d.statusCounts.reduce((sum, c) => sum + c.count, 0);
  return (
    <>
      <h1>Programme dashboard</h1>
      <div className="stats">
        <div className="stat">
          <strong>{total}</strong> applications
        </div>
        <div className="stat">
          <strong>{d.overdueReviews.length}</strong> <Link to="/admin/applications?overdue=1">reviews overdue</Link>
        </div>
        <div className="stat">
          <strong>{d.expiring.length}</strong> accreditations expiring within 90 days
        </div>
        <div className="stat">
          <strong>{d.overdueReports.length}</strong> annual reports overdue
        </div>
        <div className="stat">
          <strong>{d.pendingProfileChanges}</strong> <Link to="/admin/profile-changes">public profile changes to review</Link>
        </div>
        <div className="stat">
          <strong>{d.awaitingStaff.scopeChanges}</strong> <Link to="/admin/scope-changes">scope changes</Link> awaiting a decision
        </div>
        <div className="stat">
          <strong>{d.awaitingStaff.materialChanges}</strong> <Link to="/admin/material-changes">material changes</Link> awaiting review
        </div>
        <div className="stat">
          <strong>{d.medianDaysToDecision === null ? "—" : d.medianDaysToDecision}</strong> median days from submission to decision
          <span className="small muted"> ({d.decidedCount} decided)</span>
        </div>
      </div>

      <CardSection headingId="pipeline-heading" heading="Pipeline">
        <StatusChart counts={d.statusCounts} caption="Applications per status; each links to its list" href={(status) => `/admin/applications?status=${status}`} />
      </CardSection>

      <CardSection headingId="overdue-heading" heading="Reviews overdue">
        <ListTable
          caption="Overdue reviews"
          rows={d.overdueReviews}
          rowKey={(o) => o.assignmentId}
          empty={
            <>
              <strong>No overdue reviews</strong>Every reviewer assignment is within its due date.
            </>
          }
          columns={[
            { header: "Reviewer", cell: (o) => o.reviewer },
            applicationColumn,
            { header: "Due", cell: (o) => formatDate(o.dueAt) },
            { header: "Days overdue", cell: (o) => o.daysOverdue },
          ]}
        />
      </CardSection>

      <CardSection headingId="waiting-heading" heading="Applications waiting longest">
        <ListTable
          caption="Applications waiting longest"
          rows={d.waitingLongest}
          rowKey={(w) => w.applicationId}
          empty={
            <>
              <strong>Nothing is waiting</strong>No submitted application is waiting on the foundation.
            </>
          }
          columns={[
            applicationColumn,
            { header: "Status", cell: (w) => <StatusBadge status={w.status} /> },
            { header: "Submitted", cell: (w) => formatDate(w.submittedAt) },
            { header: "Days waiting", cell: (w) => w.daysWaiting },
          ]}
        />
      </CardSection>

      <CardSection headingId="late-reports-heading" heading="Annual reports overdue">
        <ReportTable
          reports={d.overdueReports}
          caption="Overdue annual reports"
          base="/admin/reports"
          empty={
            <>
              <strong>None overdue</strong>Every accredited provider has filed the annual reports that are due.
            </>
          }
        />
      </CardSection>

      <CardSection headingId="expiring-heading" heading="Accreditations expiring in the next 90 days">
        <ListTable
          caption="Accreditations expiring in the next 90 days"
          rows={d.expiring}
          empty={
            <>
              <strong>None expiring soon</strong>No active accreditation ends within 90 days.
            </>
          }
          columns={[
            { header: "Certificate", cell: (e) => <Link to={`/admin/accreditations?q=${encodeURIComponent(e.certificateNumber)}`}>{e.certificateNumber}</Link> },
            { header: "Provider", cell: (e) => e.organisation },
            { header: "Valid until", cell: (e) => formatDate(e.validUntil) },
            { header: "Days left", cell: (e) => formatNumber(e.daysLeft) },
          ]}
        />
      </CardSection>
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
