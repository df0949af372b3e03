import { Form } from "@remix-run/react";
import { plural } from "~/domain/format";
import { formatPercent, formatScore } from "~/domain/scoring";
import { RevisionDiff } from "~/components/review/revision-view";
import type { SectionProps } from "./types";
import { DataTable } from "~/components/ui/list-table";
import { Options, SubmitButton } from "~/components/form";
import { CodeTitle } from "~/components/ui/code-title";

export function Rounds({ view }: Pick<SectionProps, "view">) {
  const rounds = [...view.rounds].reverse();
  return (
    <>
      <h3>Rounds side by side</h3>
      <DataTable headings={["Criterion", ...rounds.map((r) => `Revision ${r.revision} (${plural(r.aggregate.reviewCount, "review")})`)]}>
        {view.criteria.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <CodeTitle item={c} />
            </th>
            {rounds.map((r) => {
              const agg = r.aggregate.criteria.find((x) => x.criterion.id === c.id);
              return (
                <td key={r.revision}>
                  {agg && agg.mean !== null ? (
                    <>
                      {formatScore(agg.mean)} <span className="small muted">({formatScore(agg.min)}–{formatScore(agg.max)})</span>
                      {agg.flagged ? <span className="badge warn"> discuss</span> : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              );
            })}
          </tr>
        ))}
        <tr>
          <th scope="row">Weighted total</th>
          {rounds.map((r) => (
            <td key={r.revision}>{formatPercent(r.aggregate.weightedTotal)}</td>
          ))}
        </tr>
      </DataTable>
    </>
  );
}

/** Any two revisions side by side (a plain GET form, so it works without JavaScript). */
export function CompareRevisions({ view }: Pick<SectionProps, "view">) {
  const numbers = view.revisions.map((r) => r.number);
  const from = view.comparison?.from ?? view.application.currentRevision - 1;
  const to = view.comparison?.to ?? view.application.currentRevision;
  return (
    <>
      <h3 id="compare-heading">What changed between revisions</h3>
      <Form method="get" className="row filters" aria-labelledby="compare-heading">
        {[
          { name: "from", label: "From revision", selected: from },
          { name: "to", label: "To revision", selected: to },
        ].map((end) => (
          <div key={end.name} className="field">
            <label htmlFor={`compare-${end.name}`}>{end.label}</label>
            <select id={`compare-${end.name}`} name={end.name} defaultValue={String(end.selected)}>
              <Options choices={numbers.map((n) => [n, n])} />
            </select>
          </div>
        ))}
        <SubmitButton className="button small secondary">Compare</SubmitButton>
      </Form>
      {view.comparison ? (
        <RevisionDiff entries={view.comparison.entries} from={view.comparison.from} to={view.comparison.to} />
      ) : (
        <p className="muted">Choose two different revisions.</p>
      )}
    </>
  );
}

