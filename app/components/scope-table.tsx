import { languageLabel, levelLabel, modeLabel } from "~/domain/format";
import { DataTable } from "~/components/ui/list-table";

type ScopeRow = { courseTitle: string; level: string; language: string; mode: string };

/** The accredited combinations as a table: course, level, language, delivery mode. */
export function ScopeTable({ scope, caption, captionHidden = false }: { scope: ScopeRow[]; caption: string; captionHidden?: boolean }) {
  return (
    <DataTable region={caption} caption={caption} showCaption={!captionHidden} headings={["Course", "Level", "Language", "Delivery mode"]}>
      {scope.map((e, i) => (
        <tr key={i}>
          <td>{e.courseTitle}</td>
          <td>{levelLabel(e.level)}</td>
          <td>{languageLabel(e.language)}</td>
          <td>{modeLabel(e.mode)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
