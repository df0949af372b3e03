import { Link } from "@remix-run/react";
import { SECTIONS, type MissingItem } from "~/domain/completeness";

/** Exactly what the application still needs, each item a link to its section. */
export function MissingList({ applicationId, missing }: { applicationId: string; missing: MissingItem[] }) {
  const pathOf = (section: string) => SECTIONS.find((s) => s.key === section)?.path ?? "";
  return (
    <ul className="missing-list">
      {missing.map((m, i) => (
        <li key={i}>
          <Link to={`/provider/applications/${applicationId}/${pathOf(m.section)}`}>{m.message}</Link>
        </li>
      ))}
    </ul>
  );
}
