import { formatDate, formatNumber } from "~/domain/format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusChart, statusLabel } from "~/components/admin/status-chart";
import { ReportTable } from "~/components/surveillance";
import { loadDashboard } from "~/services/admin-dashboard.server";
import { db } from "~/services/db.server";
import { countPendingProfileChanges } from "~/services/profile-changes.server";
import { requireStaff } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Dashboard · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [dashboard, pendingProfileChanges] = await Promise.all([loadDashboard(), countPendingProfileChanges(db)]);
  return { ...dashboard, pendingProfileChanges };
}

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

      <section className="card" aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">Pipeline</h2>
        <StatusChart counts={d.statusCounts} caption="Applications per status; each links to its list" href={(status) => `/admin/applications?status=${status}`} />
      </section>

      <section className="card" aria-labelledby="overdue-heading">
        <h2 id="overdue-heading">Reviews overdue</h2>
        {d.overdueReviews.length === 0 ? (
          <p className="empty-state">
            <strong>No overdue reviews</strong>Every reviewer assignment is within its due date.
          </p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Reviewer</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Due</th>
                  <th scope="col">Days overdue</th>
                </tr>
              </thead>
              <tbody>
                {d.overdueReviews.map((o) => (
                  <tr key={o.assignmentId}>
                    <td>{o.reviewer}</td>
                    <td>
                      <Link to={`/admin/applications/${o.applicationId}`}>{o.organisation}</Link>
                    </td>
                    <td>{formatDate(o.dueAt)}</td>
                    <td>{o.daysOverdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Applications waiting longest</h2>
        {d.waitingLongest.length === 0 ? (
          <p className="empty-state">
            <strong>Nothing is waiting</strong>No submitted application is waiting on the foundation.
          </p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col">Status</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Days waiting</th>
                </tr>
              </thead>
              <tbody>
                {d.waitingLongest.map((w) => (
                  <tr key={w.applicationId}>
                    <td>
                      <Link to={`/admin/applications/${w.applicationId}`}>{w.organisation}</Link>
                    </td>
                    <td>
                      <span className={`badge ${w.status}`}>{statusLabel(w.status)}</span>
                    </td>
                    <td>{formatDate(w.submittedAt)}</td>
                    <td>{w.daysWaiting}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="late-reports-heading">
        <h2 id="late-reports-heading">Annual reports overdue</h2>
        <ReportTable
          reports={d.overdueReports}
          caption="Overdue annual reports"
          href={(id) => `/admin/reports/${id}`}
          empty={
            <>
              <strong>None overdue</strong>Every accredited provider has filed the annual reports that are due.
            </>
          }
        />
      </section>

      <section className="card" aria-labelledby="expiring-heading">
        <h2 id="expiring-heading">Accreditations expiring in the next 90 days</h2>
        {d.expiring.length === 0 ? (
          <p className="empty-state">
            <strong>None expiring soon</strong>No active accreditation ends within 90 days.
          </p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Certificate</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Valid until</th>
                  <th scope="col">Days left</th>
                </tr>
              </thead>
              <tbody>
                {d.expiring.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link to={`/admin/accreditations?q=${encodeURIComponent(e.certificateNumber)}`}>{e.certificateNumber}</Link>
                    </td>
                    <td>{e.organisation}</td>
                    <td>{formatDate(e.validUntil)}</td>
                    <td>{formatNumber(e.daysLeft)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
