import { humanize } from "~/domain/format";

/**
 * Applications per status as horizontal bars. It is a real table (status, count) so screen readers read
 * the numbers; the bars are decoration beside the printed value.
 */
export function StatusChart({ counts, caption }: { counts: { status: string; count: number }[]; caption: string }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  return (
    <table className="bar-chart">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Applications</th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={c.status}>
            <th scope="row">{statusLabel(c.status)}</th>
            <td>
              <span className="bar-track" aria-hidden="true">
                <span className={`bar-fill ${c.status}`} style={{ width: `${(c.count / max) * 100}%` }} />
              </span>
              <span className="bar-value">{c.count}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function statusLabel(status: string): string {
  return humanize(status);
}
