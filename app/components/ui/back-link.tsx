import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The way back to the list or page a record was opened from, above its heading. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="small">
      <Link to={to}>← {children}</Link>
    </p>
  );
}
