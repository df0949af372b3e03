import { Link } from "@remix-run/react";
import { DEPTH_LABEL, DEPTH_LETTER, shownInHeatmap, type CourseCoverage } from "~/domain/coverage";
import { DataTable } from "~/components/ui/list-table";

/**
 * The heat map of one course, for the provider's mapping page, the reviewer's form and the staff application page:
 * competencies × modules, each cell coloured AND lettered by depth (I, P, A), so it reads at a glance and without
 * colour, in a real table a screen reader can walk. Rows are the competencies the course maps or whose core scope it
 * is in: a course of twenty modules against the whole framework was ~1,400 mostly empty cells (issue 19). Modules are
 * numbered in the header (M1…) and named in full for screen readers and in the list below the table.
 */
export function CoverageHeatmap({
  coverage,
  modules,
  caption,
  disputeHref,
}: {
  coverage: Pick<CourseCoverage, "rows">;
  modules: { id: string; title: string }[];
  caption: string;
  /** A reviewer may dispute: the address of the dispute form pre-filled for a mapping (module, competency), if any. */
  disputeHref?: (moduleId: string, competencyId: string) => string | null;
}) {
  const rows = coverage.rows.filter(shownInHeatmap);
  return (
    <>
      <DataTable
        className="heatmap"
        caption={caption}
        headings={[
          "Competency",
          ...modules.map((m, i) => (
            <>
              <abbr title={m.title}>{`M${i + 1}`}</abbr>
              <span className="visually-hidden">{` ${m.title}`}</span>
            </>
          )),
          "Deepest",
        ]}
      >
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">
              <span className="mono">{row.code}</span>
              {` ${row.title}`}
              {row.core ? <span className="badge neutral">core</span> : null}
            </th>
            {modules.map((m) => {
              const cell = row.cells[m.id];
              // One element per empty cell: these are most of the table.
              if (!cell) return <td key={m.id} className="cell depth-none" aria-label="not mapped" />;
              const label = `${DEPTH_LABEL[cell.depth]}${cell.disputed ? " (disputed, not counted)" : ""}`;
              const dispute = cell.disputed ? null : (disputeHref?.(m.id, row.id) ?? null);
              const letter = <span aria-hidden="true">{`${DEPTH_LETTER[cell.depth]}${cell.disputed ? "?" : ""}`}</span>;
              return (
                <td key={m.id} className={`cell ${cell.disputed ? "depth-disputed" : `depth-${cell.depth}`}`} title={label}>
                  {dispute ? (
                    <Link to={dispute} className="cell-link">
                      {letter}
                      <span className="visually-hidden">
                        {label}: dispute {row.code} in {m.title}
                      </span>
                    </Link>
                  ) : (
                    <>
                      {letter}
                      <span className="visually-hidden">{label}</span>
                    </>
                  )}
                </td>
              );
            })}
            <td className={`cell ${row.best ? `depth-${row.best}` : "depth-none"}`}>{row.best ? DEPTH_LABEL[row.best] : "—"}</td>
          </tr>
        ))}
      </DataTable>
      <ol className="small muted">
        {modules.map((m, i) => (
          <li key={m.id}>
            M{i + 1}: {m.title}
          </li>
        ))}
      </ol>
    </>
  );
}

export function CoverageLegend({ disputable }: { disputable?: boolean }) {
  return (
    <p className="small heatmap-legend">
      Legend: <span className="legend-swatch depth-introduced">I</span> introduced · <span className="legend-swatch depth-practised">P</span> practised ·{" "}
      <span className="legend-swatch depth-assessed">A</span> assessed · <span className="legend-swatch depth-disputed">?</span> disputed (does not count)
      {disputable ? ". Choose a mapped cell to dispute that mapping." : null}
    </p>
  );
}
