import type { ReactNode } from "react";
import type { EffectiveAccreditationStatus } from "~/domain/accreditation";
import { formatDate } from "~/domain/format";
import { AccreditationStatusBadge } from "~/components/board/accreditation-status";
import { BackLink } from "~/components/ui/back-link";

type Accreditation = { organisationName: string; status: EffectiveAccreditationStatus; validFrom?: Date | string; validUntil?: Date | string };

/**
 * A provider's page about one of its accreditations (its scope, its reported changes, its renewal): the way back to
 * the dashboard, the heading, then the organisation and the accreditation's status, with its validity when the
 * accreditation gives one and any further `facts`; the page itself follows.
 */
export function AccreditationPage({ heading, accreditation: a, facts, children }: { heading: string; accreditation: Accreditation; facts?: ReactNode; children: ReactNode }) {
  return (
    <div className="stack" style={{ maxWidth: "860px" }}>
      <BackLink to="/provider">Dashboard</BackLink>
      <h1>{heading}</h1>
      <p>
        {a.organisationName} · <AccreditationStatusBadge status={a.status} />
        {a.validFrom && a.validUntil ? ` · valid ${formatDate(a.validFrom)} to ${formatDate(a.validUntil)}` : null}
        {facts}
      </p>
      {children}
    </div>
  );
}
