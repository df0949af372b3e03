import { Link } from "@remix-run/react";
import { statusLabel, type ApplicationStatus } from "~/domain/workflow";
import { DataTable } from "~/components/ui/list-table";

/**
 * Applications per status as horizontal bars. It is a real table (status, count) so screen readers read
 * the numbers; the bars are decoration beside the printed value. With `href`, each stage links to its list.
 */
export function StatusChart({ counts, caption, href }: { counts: { status: ApplicationStatus; count: number }[]; caption: string; href?: (status: ApplicationStatus) => string }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  return (
    <DataTable bare className="bar-chart" caption={caption} showCaption headings={["Status", "Applications"]}>
      {counts.map((c) => (
        <tr key={c.status}>
          <th scope="row">{href ? <Link to={href(c.status)}>{statusLabel(c.status)}</Link> : statusLabel(c.status)}</th>
          <td>
            <span className="bar-track" aria-hidden="true">
              <span className={`bar-fill ${c.status}`} style={{ width: `${(c.count / max) * 100}%` }} />
            </span>
            <span className="bar-value">{c.count}</span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
