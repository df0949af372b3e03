/**
 * The public directory's query language: what a search URL may say, how free text becomes safe
 * prefix-search words, and the labels of facet values. Pure, shared by the page, the JSON API and tests.
 */

export const DIRECTORY_PAGE_SIZE = 20;
/** The JSON API lets a client choose its page size within these bounds (`per_page`). */
export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 500;
export const SORTS = ["relevance", "name", "newest"] as const;
export type DirectorySort = (typeof SORTS)[number];

import { countryLabel, languageLabel, levelLabel, modeLabel } from "./format";

export const FACETS = ["area", "level", "mode", "country", "language"] as const;
export type Facet = (typeof FACETS)[number];

export const FACET_LABELS: Record<Facet, string> = {
  area: "Competency area",
  level: "Course level",
  mode: "Delivery mode",
  country: "Country",
  language: "Language",
};

export const LEVEL_VALUES = ["foundation", "intermediate", "advanced"] as const;
const MODE_VALUES = ["in_person", "online_live", "self_paced", "hybrid"] as const;

/**
 * The public vocabulary of delivery modes (decision 028 of issue 18): schema.org's courseMode words, used
 * by the JSON API and the JSON-LD alike. The database and the page's search URLs keep the stored words.
 */
export const PUBLIC_MODES = ["onsite", "online", "asynchronous", "blended"] as const;
export type PublicMode = (typeof PUBLIC_MODES)[number];
const PUBLIC_OF: Record<(typeof MODE_VALUES)[number], PublicMode> = { in_person: "onsite", online_live: "online", self_paced: "asynchronous", hybrid: "blended" };

export function publicMode(stored: string): PublicMode | string {
  return PUBLIC_OF[stored as keyof typeof PUBLIC_OF] ?? stored;
}

export function storedMode(word: string): string | null {
  return Object.entries(PUBLIC_OF).find(([, p]) => p === word)?.[0] ?? null;
}

/** schema.org courseMode of a stored mode: the public word, with "online" beside a self-paced one and "synchronous" beside live online. */
export function publicModeWords(stored: string): string | string[] {
  const word = publicMode(stored);
  if (word === "asynchronous") return ["online", "asynchronous"];
  if (word === "online") return ["online", "synchronous"];
  return word;
}

export type DirectoryQuery = {
  q: string;
  area: string[];
  level: string[];
  mode: string[];
  country: string[];
  language: string[];
  sort: DirectorySort;
  page: number;
  perPage: number;
};

export type QueryProblem = { parameter: string; message: string };

const MAX_Q = 200;
const MAX_VALUES = 10;
const PATTERNS: Record<Facet, { test: (v: string) => boolean; message: string }> = {
  area: { test: (v) => /^[A-Za-z][A-Za-z0-9_-]{0,19}$/.test(v), message: "must be a competency area code, e.g. OWN" },
  level: { test: (v) => (LEVEL_VALUES as readonly string[]).includes(v), message: `must be one of ${LEVEL_VALUES.join(", ")}` },
  mode: { test: (v) => (MODE_VALUES as readonly string[]).includes(v), message: `must be one of ${MODE_VALUES.join(", ")}` },
  country: { test: (v) => /^[A-Za-z]{2}$/.test(v), message: "must be a two-letter country code, e.g. DE" },
  language: { test: (v) => /^[\p{L}][\p{L} -]{0,39}$/u.test(v), message: "must be a language name or code of at most 40 letters" },
};

/**
 * Read a search URL. `problems` lists every bad parameter (the JSON API answers 400 with them); the
 * page drops bad values instead, so a mistyped link still shows a directory.
 */
export function parseDirectoryQuery(params: URLSearchParams): { query: DirectoryQuery; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  let q = (params.get("q") ?? "").trim();
  if (q.length > MAX_Q) {
    problems.push({ parameter: "q", message: `must be at most ${MAX_Q} characters` });
    q = q.slice(0, MAX_Q);
  }
  const facet = (name: Facet): string[] => {
    const values = [...new Set(params.getAll(name).map((v) => v.trim()).filter(Boolean))];
    const good = values.filter((v) => PATTERNS[name].test(v));
    if (good.length !== values.length) problems.push({ parameter: name, message: PATTERNS[name].message });
    if (good.length > MAX_VALUES) problems.push({ parameter: name, message: `accepts at most ${MAX_VALUES} values` });
    return good.slice(0, MAX_VALUES);
  };
  const area = facet("area").map((v) => v.toUpperCase());
  const level = facet("level");
  const mode = facet("mode");
  const country = facet("country").map((v) => v.toUpperCase());
  const language = facet("language");

  const rawSort = params.get("sort");
  let sort: DirectorySort = q ? "relevance" : "name";
  if (rawSort) {
    if ((SORTS as readonly string[]).includes(rawSort)) sort = rawSort as DirectorySort;
    else problems.push({ parameter: "sort", message: `must be one of ${SORTS.join(", ")}` });
  }
  // Relevance needs words to rank by; without them the list reads best by name.
  if (sort === "relevance" && !q) sort = "name";

  const rawPage = params.get("page");
  let page = 1;
  if (rawPage !== null && rawPage !== "") {
    if (/^\d{1,6}$/.test(rawPage) && Number(rawPage) >= 1 && Number(rawPage) <= MAX_PAGE) page = Number(rawPage);
    else problems.push({ parameter: "page", message: `must be a whole number from 1 to ${MAX_PAGE}` });
  }
  const rawPerPage = params.get("per_page");
  let perPage = DIRECTORY_PAGE_SIZE;
  if (rawPerPage !== null && rawPerPage !== "") {
    if (/^\d{1,4}$/.test(rawPerPage) && Number(rawPerPage) >= 1 && Number(rawPerPage) <= MAX_PER_PAGE) perPage = Number(rawPerPage);
    else problems.push({ parameter: "per_page", message: `must be a whole number from 1 to ${MAX_PER_PAGE}` });
  }
  return { query: { q, area, level, mode, country, language, sort, page, perPage }, problems };
}

/**
 * The words of a free-text search, reduced to letters and digits. Only these reach to_tsquery (each as
 * `word:*`), so nothing a visitor types can be read as tsquery syntax.
 */
export function searchWords(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, 40));
  return [...new Set(words)].slice(0, 8);
}

/** The URL of a search, with only the parameters that differ from the defaults (canonical and shareable). */
export function directorySearchParams(query: Partial<DirectoryQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const f of FACETS) for (const v of query[f] ?? []) params.append(f, v);
  // Relevance is the default (and without words it reads as name); pass only a sort the visitor chose.
  if (query.sort && query.sort !== "relevance") params.set("sort", query.sort);
  if (query.perPage && query.perPage !== DIRECTORY_PAGE_SIZE) params.set("per_page", String(query.perPage));
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}

// The labels live in the one formatting module; re-exported here for the directory code that already imports them.
export { countryLabel, languageLabel, levelLabel, modeLabel };

export function facetValueLabel(facet: Facet, value: string, areaTitles: Record<string, string> = {}): string {
  switch (facet) {
    case "area":
      return areaTitles[value] ? `${areaTitles[value]} (${value})` : value;
    case "level":
      return levelLabel(value);
    case "mode":
      return modeLabel(value);
    case "country":
      return countryLabel(value);
    case "language":
      return languageLabel(value);
  }
}

/** JSON inside a script element: `<` and line separators escaped so no text can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}


/** Whether an `If-None-Match` header names this ETag (weak comparison, as RFC 9110 asks for GET), or is `*`. */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.trim() === "*" || header.split(",").some((t) => strip(t) === strip(etag));
}
