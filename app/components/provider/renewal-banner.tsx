import { Link } from "@remix-run/react";
import { daysLeftLabel, formatDate } from "~/domain/format";
import type { AccreditationAction } from "~/domain/accreditation";

type Due = { id: string; certificateNumber: string; organisationName: string; validUntil: string; daysLeft: number; actions: AccreditationAction[] };

/** At the top of the provider dashboard from 90 days before expiry until a renewal is started: the one thing to do. */
export function RenewalBanner({ due }: { due: Due[] }) {
  if (due.length === 0) return null;
  return (
    <section className="alert warn" aria-labelledby="renewal-heading">
      <h2 id="renewal-heading" style={{ marginTop: 0 }}>
        {due.length === 1 ? "An accreditation is due for renewal" : `${due.length} accreditations are due for renewal`}
      </h2>
      <ul>
        {due.map((a) => (
          <li key={a.id}>
            <strong>{a.organisationName}</strong> <span className="mono">{a.certificateNumber}</span> is valid until {formatDate(a.validUntil)} (
            {daysLeftLabel(a.daysLeft)}).{" "}
            {a.actions.includes("renew") ? (
              <Link to={`/provider/accreditations/${a.id}/renew`} className="button small">
                Start renewal<span className="visually-hidden"> of {a.certificateNumber}</span>
              </Link>
            ) : (
              <span className="small">An owner of the organisation can start the renewal.</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
