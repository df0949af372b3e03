/**
 * The JSON API's rules, pure: its query language (the directory's, with the public delivery-mode words
 * and a page size), its one error format (RFC 9457 problem details) and its paging links (RFC 8288).
 */
import { parseDirectoryQuery, PUBLIC_MODES, storedMode, type DirectoryQuery, type QueryProblem } from "./directory";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Every bad parameter of a 400, each with what it must be. */
  errors?: QueryProblem[];
};

const TITLES: Record<number, string> = { 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error" };

/** A problem of the API. `about:blank` as RFC 9457 asks when the status says all: its title is the status phrase. */
export function problem(status: 400 | 404 | 405 | 500, detail: string, instance?: string, errors?: QueryProblem[]): Problem {
  return { type: "about:blank", title: TITLES[status], status, detail, ...(instance ? { instance } : {}), ...(errors ? { errors } : {}) };
}

/**
 * Read the providers search of the API: the directory's parameters, `mode` in the public words
 * (onsite, online, asynchronous, blended) and `per_page`. Every bad parameter is a problem; nothing is
 * silently dropped or replaced.
 */
export function parseApiQuery(params: URLSearchParams): { query: DirectoryQuery; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  const rewritten = new URLSearchParams(params);
  const modes = params.getAll("mode").map((m) => m.trim()).filter(Boolean);
  rewritten.delete("mode");
  for (const m of modes) {
    const stored = storedMode(m);
    if (stored) rewritten.append("mode", stored);
    else if (!problems.some((p) => p.parameter === "mode")) problems.push({ parameter: "mode", message: `must be one of ${PUBLIC_MODES.join(", ")}` });
  }
  const parsed = parseDirectoryQuery(rewritten);
  problems.push(...parsed.problems.filter((p) => p.parameter !== "mode" || modes.length === 0));
  // The page reads a relevance order without words as by name; a program asked for relevance and should know.
  if (params.get("sort") === "relevance" && !parsed.query.q) problems.push({ parameter: "sort", message: "relevance needs words to rank by (q); use name or newest" });
  const known = new Set(["q", "area", "level", "mode", "country", "language", "sort", "page", "per_page"]);
  for (const name of new Set(params.keys())) if (!known.has(name)) problems.push({ parameter: name, message: "is not a parameter of this endpoint" });
  return { query: parsed.query, problems };
}

/** `Link` header of a page of results: first, prev, next and last, each the same URL with another `page`. */
export function pageLinks(url: URL, page: number, pageCount: number): string {
  const at = (n: number) => {
    const u = new URL(url);
    if (n === 1) u.searchParams.delete("page");
    else u.searchParams.set("page", String(n));
    return `<${u.pathname}${u.search}>`;
  };
  const links = [`${at(1)}; rel="first"`];
  if (page > 1) links.push(`${at(Math.min(page - 1, pageCount))}; rel="prev"`);
  if (page < pageCount) links.push(`${at(page + 1)}; rel="next"`);
  links.push(`${at(pageCount)}; rel="last"`);
  return links.join(", ");
}
