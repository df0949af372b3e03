import { formatBytes, labelOf } from "~/domain/format";
import { DOCUMENT_KIND_LABELS } from "~/domain/application-forms";

/** Evidence documents, each a link to the download route (which checks access itself). */
export function DocumentsList({ applicationId, documents }: { applicationId: string; documents: { id: string; kind: string; filename: string; size: number }[] }) {
  if (documents.length === 0) return <p className="empty-state">No documents were uploaded.</p>;
  return (
    <ul>
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/provider/applications/${applicationId}/documents/${d.id}`}>{d.filename}</a>{" "}
          <span className="muted small">
            ({labelOf(DOCUMENT_KIND_LABELS, d.kind)}, {formatBytes(d.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}
