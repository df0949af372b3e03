import { useHydrated } from "./hydrated";

/**
 * "Print or save as PDF" on a page people print (a certificate, an application summary, a decision record, a
 * review). It needs JavaScript (window.print), so it appears only once the page runs it; without, the browser's own
 * print command prints the same page through the print stylesheet. Never printed itself.
 */
export function PrintButton({ label = "Print or save as PDF" }: { label?: string }) {
  if (!useHydrated()) return null;
  return (
    <button type="button" className="button secondary small no-print print-button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
