import type { ReactNode } from "react";

/** A card of a page: a section named by its heading (`headingId` ties the two for screen readers). */
export function CardSection({ headingId, heading, children }: { headingId: string; heading: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {children}
    </section>
  );
}
