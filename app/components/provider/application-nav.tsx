import { NavLink } from "@remix-run/react";
import type { SectionState } from "~/domain/completeness";

/** The editor's section navigation: each section marked complete or not, with an overall progress meter. */
export function ApplicationNav({ applicationId, sections }: { applicationId: string; sections: SectionState[] }) {
  const done = sections.filter((s) => s.complete).length;
  const base = `/provider/applications/${applicationId}`;
  return (
    <nav aria-label="Application sections" className="app-sections">
      <p className="small" id="progress-label">
        <strong>
          {done} of {sections.length} sections complete
        </strong>
      </p>
      <div className="meter" role="progressbar" aria-labelledby="progress-label" aria-valuemin={0} aria-valuemax={sections.length} aria-valuenow={done}>
        <span style={{ width: `${Math.round((done / sections.length) * 100)}%` }} />
      </div>
      <ol>
        <li>
          <NavLink to={base} end>
            Overview and submit
          </NavLink>
        </li>
        {sections.map((s) => (
          <li key={s.key}>
            <NavLink to={`${base}/${s.path}`}>
              <span aria-hidden="true" className={s.complete ? "section-done" : "section-todo"}>
                {s.complete ? "✓" : "○"}
              </span>{" "}
              {s.label}
              <span className="visually-hidden">{s.complete ? " (complete)" : " (incomplete)"}</span>
            </NavLink>
          </li>
        ))}
      </ol>
    </nav>
  );
}
