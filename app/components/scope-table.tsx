import { languageLabel, levelLabel, modeLabel } from "~/domain/format";

type ScopeRow = { courseTitle: string; level: string; language: string; mode: string };

/** The accredited combinations as a table: course, level, language, delivery mode. */
export function ScopeTable({ scope, caption, captionHidden = false }: { scope: ScopeRow[]; caption: string; captionHidden?: boolean }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Level</th>
            <th scope="col">Language</th>
            <th scope="col">Delivery mode</th>
          </tr>
        </thead>
        <tbody>
          {scope.map((e, i) => (
            <tr key={i}>
              <td>{e.courseTitle}</td>
              <td>{levelLabel(e.level)}</td>
              <td>{languageLabel(e.language)}</td>
              <td>{modeLabel(e.mode)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
