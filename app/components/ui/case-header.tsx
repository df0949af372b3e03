import type { ReactNode } from "react";
import { BackLink } from "~/components/ui/back-link";

/**
 * The top of a case kept about one accreditation (an annual report, a material or scope change): the way back, its
 * heading, then its status badge and certificate number followed by the case's own facts (`children`).
 */
export function CaseHeader({ back, heading, badge, certificateNumber, children }: { back: { to: string; label: string }; heading: string; badge: ReactNode; certificateNumber: string; children: ReactNode }) {
  return (
    <>
      <BackLink to={back.to}>{back.label}</BackLink>
      <h1>{heading}</h1>
      <p>
        {badge} Certificate <span className="mono">{certificateNumber}</span> {children}
      </p>
    </>
  );
}
