import { BAR_LABELS, type BarReason, type Finding, type ReportPerson } from "~/domain/impartiality";
import { DataTable } from "~/components/ui/list-table";

const yes = (flag: boolean) => (flag ? "Yes" : "—");

/** Who assessed, who voted, who decided and who declared a conflict, one row a person. */
export function InvolvementTable({ people, caption }: { people: ReportPerson[]; caption: string }) {
  if (people.length === 0) return <p className="muted">Nobody has taken part yet.</p>;
  return (
    <DataTable caption={caption} showCaption headings={["Person", "Foundation roles", "Assessed", "Voted", "Recorded the decision", "Declared conflict"]}>
      {people.map((p) => (
        <tr key={p.userId}>
          <th scope="row">{p.name}</th>
          <td>{p.roles.join(", ") || "—"}</td>
          <td>{p.assignment ? `${yes(p.involvement.assessed)} (assignment ${p.assignment.status})` : "—"}</td>
          <td>{p.vote ? `Yes (${p.vote.replace(/_/g, " ")})` : "—"}</td>
          <td>{yes(p.involvement.decided)}</td>
          <td>{p.involvement.conflicted ? `Yes${p.conflictNote ? `: ${p.conflictNote}` : ""}` : "—"}</td>
        </tr>
      ))}
    </DataTable>
  );
}

const PART_LABELS: Record<Finding["part"], string> = { voted: "voted", decided: "recorded the decision", heard_appeal: "sat on the appeal panel" };

export function FindingList({ findings }: { findings: { name: string; part: Finding["part"]; barredBy: BarReason }[] }) {
  if (findings.length === 0) {
    return (
      <p className="alert success" role="status">
        No breach: nobody who assessed the application, belongs to the organisation or declared a conflict voted, decided or heard an appeal.
      </p>
    );
  }
  return (
    <div className="alert error" role="alert">
      <strong>Breaches of the separation of assessment and decision</strong>
      <ul>
        {findings.map((f, i) => (
          <li key={i}>
            {f.name} {PART_LABELS[f.part]} but {BAR_LABELS[f.barredBy]}.
          </li>
        ))}
      </ul>
    </div>
  );
}
