/** Evidence documents, each a link to the download route (which checks access itself). */
export function DocumentsList({ applicationId, documents }: { applicationId: string; documents: { id: string; kind: string; filename: string; size: number }[] }) {
  if (documents.length === 0) return <p className="empty-state">No documents were uploaded.</p>;
  return (
    <ul>
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/provider/applications/${applicationId}/documents/${d.id}`}>{d.filename}</a>{" "}
          <span className="muted small">
            ({d.kind.replace(/_/g, " ")}, {formatBytes(d.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 102.4) / 10} KB`;
  return `${Math.round(size / (1024 * 102.4)) / 10} MB`;
}
