import { Fragment, type ReactNode } from "react";
import { formatDate, languageLabel, modeLabel, applicationKindLabel } from "~/domain/format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge, StatusTimeline } from "~/components/provider/status";
import { db } from "~/services/db.server";
import { providerDashboard } from "~/services/provider-dashboard.server";
import { listMyOrganisations } from "~/services/organisations.server";
import { requireUser } from "~/services/request.server";
import { reportsForMember } from "~/services/surveillance.server";
import { openRemapTasksFor } from "~/services/remap.server";
import { ReportTable } from "~/components/surveillance";
import { RenewalBanner } from "~/components/provider/renewal-banner";
import { renewalDue, type AccreditationAction } from "~/domain/accreditation";
import { AccreditationStatusBadge } from "~/components/board/accreditation-status";
import { sectionErrorBoundary } from "~/components/route-error";
import { ListTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "My organisation — Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [organisations, dashboard, reports] = await Promise.all([listMyOrganisations(db, user), providerDashboard(db, user), reportsForMember(db, user)]);
  const remapTasks = await openRemapTasksFor(db, organisations.map((o) => o.id));
  return { organisations: organisations.map((o) => ({ id: o.id, displayName: o.displayName, slug: o.slug, role: o.role })), ...dashboard, reports, remapTasks };
}

export default function ProviderDashboard() {
  const { organisations, applications, accreditations, reports, remapTasks } = useLoaderData<typeof loader>();
  if (organisations.length === 0) {
    return (
      <>
        <h1>Welcome</h1>
        <div className="empty-state">
          <strong>You are not part of a training organisation yet</strong>
          <p>Create your organisation to start an accreditation application, or ask a colleague who owns one to invite you.</p>
          <Link to="/provider/organisations/new" className="button">
            Create an organisation
          </Link>
        </div>
      </>
    );
  }
  const changeRequests = applications.filter((a) => a.changeRequest);
  const due = renewalDue(accreditations, applications);
  return (
    <>
      <h1>My organisation</h1>
      <p className="lede">
        {organisations.map((o, i) => (
          <span key={o.id}>
            {i > 0 ? ", " : ""}
            <strong>{o.displayName}</strong> <span className="muted">({o.role})</span> ·{" "}
            <Link to={`/provider/organisations/${o.id}/profile`}>public profile</Link>
          </span>
        ))}
      </p>

      <RenewalBanner due={due} />

      {remapTasks.map((t) => (
        <p key={t.id} className="alert warn">
          Framework version {t.toVersion} is published: <Link to={`/provider/remap/${t.id}`}>re-map certificate {t.certificateNumber}</Link> by {formatDate(t.dueOn)}.
        </p>
      ))}

      {changeRequests.map((a) => (
        <section key={a.id} className="alert warn" aria-labelledby={`cr-${a.id}`}>
          <h2 id={`cr-${a.id}`} style={{ marginTop: 0 }}>
            Changes requested for {a.organisationName}&apos;s application
          </h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{a.changeRequest!.message}</p>
          {a.changeRequest!.items.length > 0 ? (
            <ul>
              {a.changeRequest!.items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          ) : null}
          {a.changeRequest!.dueAt ? <p>Please respond by {formatDate(a.changeRequest!.dueAt)}.</p> : null}
          <Link to={`/provider/applications/${a.id}`} className="button small">
            Edit and respond
          </Link>
        </section>
      ))}

      <h2>Applications</h2>
      {applications.length === 0 ? (
        <div className="empty-state">
          <strong>No applications yet</strong>
          <p>Start one: you can fill it in section by section and submit when everything is there.</p>
          <Link to="/provider/applications/new" className="button">
            Start an application
          </Link>
        </div>
      ) : (
        <div className="grid">
          {applications.map((a) => (
            <article key={a.id} className="card">
              <h3>
                <Link to={`/provider/applications/${a.id}`}>
                  {a.organisationName} — {applicationKindLabel(a.kind).toLowerCase()} application
                </Link>
              </h3>
              <p>
                <StatusBadge status={a.status} />
                {a.currentRevision > 0 ? <span className="muted small"> revision {a.currentRevision}</span> : null}
              </p>
              <StatusTimeline events={a.timeline} label={`History of the ${a.organisationName} application`} />
            </article>
          ))}
        </div>
      )}

      {reports.length > 0 ? (
        <section aria-labelledby="reports-heading">
          <h2 id="reports-heading">Annual reports</h2>
          <p className="muted">Each year of an accreditation, report what you delivered and what changed.</p>
          <ReportTable reports={reports} caption="Annual reports" base="/provider/reports" empty="No annual reports yet." />
        </section>
      ) : null}

      <h2>Accreditations</h2>
      <ListTable
        caption="Accreditations"
        rows={accreditations}
        empty="No accreditations yet. Once the board accredits an application, its certificate appears here."
        columns={[
          {
            header: "Certificate",
            cell: (a) => (
              <>
                <span className="mono">{a.certificateNumber}</span>
                <div className="small muted">{a.organisationName}</div>
              </>
            ),
          },
          {
            header: "Scope",
            cell: (a) => (
              <>
                <ul className="small">
                  {a.scope.map((s, i) => (
                    <li key={i}>
                      {s.courseTitle} · {languageLabel(s.language)} · {modeLabel(s.mode)}
                    </li>
                  ))}
                </ul>
                {a.conditions ? <p className="small">Conditions: {a.conditions}</p> : null}
              </>
            ),
          },
          {
            header: "Valid",
            cell: (a) => (
              <>
                {formatDate(a.validFrom)} – {formatDate(a.validUntil)}
              </>
            ),
          },
          { header: "Status", cell: (a) => <AccreditationStatusBadge status={a.status} /> },
          { header: "Actions", headerHidden: true, cell: (a) => <AccreditationActions accreditation={a} /> },
        ]}
      />
    </>
  );
}

/** What the provider may do with one certificate: the actions the loader computed (domain/accreditation.ts), each a link, in this order. */
function AccreditationActions({ accreditation: a }: { accreditation: { id: string; certificateNumber: string; status: string; actions: AccreditationAction[] } }) {
  const links: { action: AccreditationAction; to: string; label: ReactNode; className: string }[] = [
    { action: "certificate", to: `/provider/accreditations/${a.id}/certificate`, className: "button small secondary", label: <>Certificate and badge<span className="visually-hidden"> for {a.certificateNumber}</span></> },
    { action: "change_scope", to: `/provider/accreditations/${a.id}/scope`, className: "button small secondary", label: <>Change scope<span className="visually-hidden"> of {a.certificateNumber}</span></> },
    { action: "report_change", to: `/provider/accreditations/${a.id}/changes`, className: "button small secondary", label: <>Report a change<span className="visually-hidden"> for {a.certificateNumber}</span></> },
    {
      action: "appeal",
      to: "/provider/appeals",
      className: "button small secondary",
      label: <>Appeal<span className="visually-hidden"> the {a.status === "suspended" ? "suspension" : "revocation"} of {a.certificateNumber}</span></>,
    },
    { action: "renew", to: `/provider/accreditations/${a.id}/renew`, className: "button small", label: "Start renewal" },
  ];
  return (
    <>
      {links.map(({ action, to, className, label }, i) => (
        <Fragment key={action}>
          {i > 0 ? " " : null}
          {a.actions.includes(action) ? (
            <Link to={to} className={className}>
              {label}
            </Link>
          ) : null}
        </Fragment>
      ))}
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
