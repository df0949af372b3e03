import { Form, Link } from "@remix-run/react";
import { countryLabel, formatDate, languageLabel, levelLabel, modeLabel, plural } from "~/domain/format";
import { FieldError, SubmitButton } from "~/components/form";

const STATUS_TEXT: Record<string, string> = {
  active: "Active",
  suspended: "Suspended",
  revoked: "Revoked",
  expired: "Expired",
  superseded: "Superseded (renewed)",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${status}`}>{STATUS_TEXT[status] ?? status}</span>;
}

export type ProviderCardData = {
  slug: string;
  name: string;
  country: string | null;
  status: "active" | "suspended";
  summary: string;
  levels: string[];
  modes: string[];
  languages: string[];
  courseCount: number;
  validUntil: string;
};

/** The words of a directory search, to mark in the results (two letters and up; the search matches prefixes). */
export function searchTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))];
}

/**
 * The words of `text` (runs of letters and digits) and whether each starts with a search term, in order. A scan of
 * the words, not one Unicode pattern with a look-behind per term set: that cost about 1.5 ms of a search page's CPU
 * (issue 19), this about a tenth of a millisecond, with the same parts on the benchmark's 10,000 providers.
 */
const WORD = /[\p{L}\p{N}]+/gu;
function termWords(text: string, terms: string[]): { word: string; at: number; marked: boolean }[] {
  return [...text.matchAll(WORD)].map((m) => {
    const lower = m[0].toLowerCase();
    return { word: m[0], at: m.index, marked: terms.some((t) => lower.startsWith(t)) };
  });
}

/** The text with every word starting with a search term marked. */
function Marked({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  const parts: string[] = [];
  let from = 0;
  for (const w of termWords(text, terms)) {
    if (!w.marked) continue;
    parts.push(text.slice(from, w.at), w.word);
    from = w.at + w.word.length;
  }
  parts.push(text.slice(from));
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}

/** Where the card shows a search word; what the card does not show (course titles, topics) is said as such. */
function matchReasons(provider: ProviderCardData, terms: string[]): string[] {
  const has = (text: string) => termWords(text, terms).some((w) => w.marked);
  const reasons: string[] = [];
  if (has(provider.name)) reasons.push("provider name");
  if (has(provider.summary)) reasons.push("description");
  if ([...provider.levels.map(levelLabel), ...provider.modes.map(modeLabel), ...provider.languages.map(languageLabel)].some(has)) reasons.push("levels, delivery or languages");
  return reasons.length > 0 ? reasons : ["course titles or topics"];
}

export function ProviderCard({ provider, terms = [] }: { provider: ProviderCardData; terms?: string[] }) {
  return (
    <article className="card provider-card">
      <div className="spread">
        <h3>
          <Link to={`/providers/${provider.slug}`}>
            <Marked text={provider.name} terms={terms} />
          </Link>
        </h3>
        {provider.status === "suspended" ? <StatusBadge status="suspended" /> : <StatusBadge status="active" />}
      </div>
      <p className="muted small">
        {provider.country ? countryLabel(provider.country) : "Country not given"} · {plural(provider.courseCount, "accredited course")} · valid until {formatDate(provider.validUntil)}
      </p>
      {provider.status === "suspended" ? (
        <p className="small">
          <strong>Accreditation suspended:</strong> this provider may not present its courses as accredited until it is reinstated.
        </p>
      ) : null}
      {provider.summary ? (
        <p>
          <Marked text={provider.summary.length >= 280 ? `${provider.summary}…` : provider.summary} terms={terms} />
        </p>
      ) : null}
      {terms.length > 0 ? <p className="small muted match-reason">Matched: {matchReasons(provider, terms).join(", ")}</p> : null}
      <ul className="tags" aria-label="Levels, delivery modes and languages">
        {provider.levels.map((l) => (
          <li key={`l-${l}`}>{levelLabel(l)}</li>
        ))}
        {provider.modes.map((m) => (
          <li key={`m-${m}`}>{modeLabel(m)}</li>
        ))}
        {provider.languages.map((l) => (
          <li key={`g-${l}`}>{languageLabel(l)}</li>
        ))}
      </ul>
    </article>
  );
}

/** A plain GET form: without JavaScript it goes to /verify?certificate=…, which redirects to the certificate's page. */
export function VerifyForm({ error, value }: { error?: string | null; value?: string }) {
  return (
    <Form method="get" action="/verify" className="form" role="search" aria-label="Verify a certificate">
      <div className="field">
        <label htmlFor="certificate">Certificate number</label>
        <span className="hint" id="certificate-hint">
          As printed on the certificate, e.g. ACC-2026-0042
        </span>
        <input
          id="certificate"
          name="certificate"
          type="text"
          defaultValue={value}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={error ? "certificate-hint certificate-error" : "certificate-hint"}
          aria-invalid={error ? true : undefined}
        />
        <FieldError fieldId="certificate" error={error} />
      </div>
      <SubmitButton>Verify</SubmitButton>
    </Form>
  );
}
