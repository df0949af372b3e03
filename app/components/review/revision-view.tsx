import { DEPTH_LABEL } from "~/domain/coverage";
import { languageLabel, labelOf, levelLabel, modeLabel } from "~/domain/format";
import { display, groupDiff, humanise, ORGANISATION_SHOWN, type DiffEntry, type RevisionSnapshot } from "~/domain/revision-diff";
import { DataTable } from "~/components/ui/list-table";

/** A snapshot list of enum values (delivery modes, languages) in words; anything else as the diff shows it. */
function named(value: unknown, label: (v: string) => string): string {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value.length ? value.map(label).join(", ") : "—") : display(value);
}

/** The frozen revision as reviewers and staff read it. */
export function RevisionView({ snapshot }: { snapshot: RevisionSnapshot }) {
  const org = snapshot.organisation ?? {};
  return (
    <div className="stack">
      <section aria-labelledby="rev-org">
        <h3 id="rev-org">Organisation</h3>
        <dl className="facts">
          {ORGANISATION_SHOWN.filter((k) => org[k] !== undefined).map((k) => (
            <div key={k}>
              <dt>{humanise(k)}</dt>
              <dd>{display(org[k])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="rev-trainers">
        <h3 id="rev-trainers">Trainers</h3>
        {(snapshot.trainers ?? []).length === 0 ? (
          <p className="muted">No trainers.</p>
        ) : (
          <ul>
            {(snapshot.trainers ?? []).map((t, i) => (
              <li key={t.id ?? i}>
                <strong>{t.name}</strong>
                {t.qualifications ? ` — ${display(t.qualifications)}` : ""}
                {t.yearsExperience !== undefined ? ` · ${display(t.yearsExperience)} years` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="rev-courses">
        <h3 id="rev-courses">Courses</h3>
        {(snapshot.courses ?? []).map((course, i) => (
          <details key={course.id ?? i} className="card" open={i === 0}>
            <summary>
              <strong>{course.title}</strong> <span className="muted small">{typeof course.level === "string" ? levelLabel(course.level) : display(course.level)} · {display(course.totalHours)} hours</span>
            </summary>
            {course.description ? <p>{display(course.description)}</p> : null}
            <p className="small">
              Delivery: {named(course.deliveryModes, modeLabel)} · Languages: {named(course.languages, languageLabel)} · Regions: {display(course.regions)}
            </p>
            <ol>
              {(course.modules ?? []).map((m, j) => (
                <li key={m.id ?? j}>
                  <strong>{m.title}</strong> {m.hours !== undefined ? <span className="muted small">({display(m.hours)} h)</span> : null}
                  {m.learningOutcomes ? <p className="small">{display(m.learningOutcomes)}</p> : null}
                  <ul className="small">
                    {(m.mappings ?? []).map((mp) => (
                      <li key={mp.competencyId}>
                        <code>{mp.code}</code> {mp.title} — {labelOf(DEPTH_LABEL, mp.depth)}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </details>
        ))}
      </section>
      {snapshot.declarations ? (
        <section aria-labelledby="rev-decl">
          <h3 id="rev-decl">Declarations</h3>
          <p className="small">
            Accurate: {display(snapshot.declarations.accurate)} · Code of conduct: {display(snapshot.declarations.codeOfConduct)} · Data processing:{" "}
            {display(snapshot.declarations.dataProcessing)} · Signed by {display(snapshot.declarations.signedBy)}
          </p>
        </section>
      ) : null}
    </div>
  );
}

const KIND_LABEL = { added: "Added", removed: "Removed", changed: "Changed" } as const;

/** What changed since the previous revision, grouped by section. */
export function RevisionDiff({ entries, from, to }: { entries: DiffEntry[]; from: number; to: number }) {
  const groups = groupDiff(entries);
  if (groups.length === 0) return <p className="empty-state">Nothing changed between revision {from} and revision {to}.</p>;
  return (
    <div className="stack">
      {groups.map((g) => (
        <section key={g.section} aria-labelledby={`diff-${g.section}`}>
          <h3 id={`diff-${g.section}`}>{g.title}</h3>
          <DataTable headings={["Change", "Where", `Before (revision ${from})`, `After (revision ${to})`]}>
            {g.entries.map((e, i) => (
              <tr key={i} className={`diff-${e.kind}`}>
                <td>
                  <span className={`badge ${e.kind === "added" ? "ok" : e.kind === "removed" ? "bad" : "info"}`}>{KIND_LABEL[e.kind]}</span>
                </td>
                <td>
                  {[...e.path, e.field].filter(Boolean).join(" › ") || g.title}
                </td>
                <td>{e.before ?? (e.kind === "added" ? "—" : "")}</td>
                <td>{e.after ?? (e.kind === "removed" ? "—" : "")}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
    </div>
  );
}
