/**
 * One way to show dates, numbers, percentages, counted nouns and enum values, used by every page and every email
 * (issue 17). Pure and free of server code, so public pages can import it without growing their JavaScript.
 *
 * Dates read in UTC — the calendar the certificates use — so the server's render and the browser's agree.
 * Formatters are built once per process: `toLocaleDateString` builds a new one per call, which shows under load.
 */

const LOCALE = "en-GB";

// Long month names: the short style of en-GB writes "Sept", which reads like a typo to many visitors.
const DATE = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const NUMBER = new Intl.NumberFormat(LOCALE);
const PLURAL = new Intl.PluralRules(LOCALE);

type DateInput = Date | string | number;

/** A calendar day ("2026-02-16") is midnight UTC; anything else is an instant. */
function toDate(value: DateInput): Date {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value instanceof Date ? value : new Date(value);
}

/** "16 February 2026" — for every date on a page or in an email. */
export function formatDate(value: DateInput): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? "—" : DATE.format(d);
}

/** "16 February 2026, 14:05 UTC" — for moments (audit entries, emails sent, drafts saved). */
export function formatDateTime(value: DateInput): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? "—" : `${DATE_TIME.format(d)} UTC`;
}

/** The machine-readable form for `<time dateTime>`. */
export function isoDateTime(value: DateInput): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

/** "12,345" */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** A share already in percent (0–100): "72%", or "—" when there is none. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? "—" : `${NUMBER.format(Math.round(value))}%`;
}

/** A score on the rubric's scale, to two decimals at most: "2.67". */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : NUMBER.format(Math.round(value * 100) / 100);
}

/** "1 criterion", "3 criteria", "1,204 providers". The plural defaults to the singular plus "s". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${NUMBER.format(n)} ${PLURAL.select(n) === "one" ? singular : pluralForm}`;
}

const MONEY = new Map<string, Intl.NumberFormat>();
/** "€1,200" — whole units of an ISO 4217 currency. */
export function formatMoney(amount: number, currency: string): string {
  let f = MONEY.get(currency);
  if (!f) MONEY.set(currency, (f = new Intl.NumberFormat(LOCALE, { style: "currency", currency, maximumFractionDigits: 0 })));
  return f.format(amount);
}

/** "2 KB", "1.4 MB" — for uploaded documents. */
export function formatBytes(n: number): string {
  if (n < 1024) return plural(n, "byte");
  if (n < 1024 * 1024) return `${NUMBER.format(Math.round((n / 1024) * 10) / 10)} KB`;
  return `${NUMBER.format(Math.round((n / 1024 / 1024) * 10) / 10)} MB`;
}

/** "12 days left", "expired 3 days ago": only for a certificate that is running (a suspended one has no countdown). */
export function daysLeftLabel(daysLeft: number): string {
  return daysLeft >= 0 ? `${plural(daysLeft, "day")} left` : `expired ${plural(-daysLeft, "day")} ago`;
}

// ---- Enum labels: the one definition of each; forms, filters and pages import these. ----

export const DELIVERY_MODE_LABELS = {
  in_person: "In person",
  online_live: "Online, live",
  self_paced: "Self-paced",
  hybrid: "Hybrid",
} as const;

/** An invitation's status, derived from its dates (invitations.server.ts). */
export const INVITATION_STATUS_LABELS = { pending: "Pending", accepted: "Accepted", expired: "Expired", revoked: "Revoked" } as const;

/** A framework or rubric version's status. */
export const VERSION_STATUS_LABELS = { draft: "Draft", published: "Published", retired: "Retired" } as const;

export const LEVEL_LABELS = { foundation: "Foundation", intermediate: "Intermediate", advanced: "Advanced" } as const;

/** Application kinds: an extension adds new courses to an accredited scope (decision 039); a delta review revises accredited ones (decision 045). */
const APPLICATION_KIND_LABELS = { initial: "Initial", renewal: "Renewal", extension: "Scope extension", delta: "Delta review" } as const;

export function applicationKindLabel(kind: keyof typeof APPLICATION_KIND_LABELS): string {
  return APPLICATION_KIND_LABELS[kind];
}

function known<T extends Record<string, string>>(labels: T, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key as keyof T] : undefined;
}

/** A snake_case value no table names yet reads as words ("changes_requested" → "Changes requested"). */
export function humanize(value: string): string {
  const words = value.replace(/[_.]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of `key` in one of the label tables, or the key in words when the table does not name it. */
export function labelOf<T extends Record<string, string>>(labels: T, key: string): string {
  return known(labels, key) ?? humanize(key);
}

export function modeLabel(mode: string): string {
  return known(DELIVERY_MODE_LABELS, mode) ?? humanize(mode);
}

export function levelLabel(level: string): string {
  return known(LEVEL_LABELS, level) ?? humanize(level);
}

let languageNames: Intl.DisplayNames | undefined;
let regionNames: Intl.DisplayNames | undefined;
const displayNames = new Map<string, string>();

/** Names of language and country codes, remembered: Intl lookups are slow enough to show in a page render. */
function displayName(kind: "language" | "region", code: string): string {
  const key = `${kind}:${code}`;
  let name = displayNames.get(key);
  if (name === undefined) {
    try {
      const names =
        kind === "language"
          ? (languageNames ??= new Intl.DisplayNames("en", { type: "language" }))
          : (regionNames ??= new Intl.DisplayNames("en", { type: "region" }));
      name = names.of(code) ?? code;
    } catch {
      name = code;
    }
    if (displayNames.size < 1000) displayNames.set(key, name);
  }
  return name;
}

/** Languages are stored as the provider typed them ("English") or as codes ("en"). */
export function languageLabel(language: string): string {
  return /^[a-z]{2,3}$/.test(language) ? displayName("language", language) : language;
}

export function countryLabel(country: string): string {
  return /^[A-Z]{2}$/.test(country) ? displayName("region", country) : country;
}

/** "Online, live, In person" for a list of modes, "English, German" for languages: lists read as prose. */
export function listLabel(values: readonly string[] | null | undefined, label: (v: string) => string = (v) => v): string {
  return values && values.length > 0 ? values.map(label).join(", ") : "—";
}
