/**
 * CSV for staff exports (RFC 4180: comma, CRLF, quotes doubled). A cell a spreadsheet would run as a formula —
 * starting with = + - @, a tab or a carriage return — is prefixed with an apostrophe (OWASP's advice on CSV
 * injection), so a provider's name like "=HYPERLINK(…)" opens as text.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
