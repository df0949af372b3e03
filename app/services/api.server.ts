/**
 * HTTP of the public JSON API (/api/v1): CORS open to any origin for anonymous reads, cacheable at a
 * CDN with an ETag, paging in `Link` headers, and every error as RFC 9457 problem details.
 */
import { problem, type Problem } from "~/domain/api";
import type { QueryProblem } from "~/domain/directory";
import { conditionalJson, CORS_EXPOSED } from "./json-response.server";

function apiHeaders(contentType: string, cacheControl: string): Headers {
  return new Headers({
    "Content-Type": contentType,
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": CORS_EXPOSED,
    "Cache-Control": cacheControl,
    // The body depends on nothing else than the URL; compression adds Accept-Encoding when it applies.
    Vary: "Accept-Encoding",
  });
}

/** A 200 of the API: public for a CDN (never for a browser's own cache), ETag and 304, optional `Link`. */
export function apiJson(request: Request, body: unknown, init: { sMaxAge?: number; link?: string } = {}): Promise<Response> {
  const headers = apiHeaders("application/json; charset=utf-8", `public, max-age=0, s-maxage=${init.sMaxAge ?? 60}, stale-while-revalidate=30`);
  if (init.link) headers.set("Link", init.link);
  return conditionalJson(request, body, headers);
}

/** An error of the API, always `application/problem+json`; a 404 may sit at a CDN briefly, nothing else is stored. */
export function apiProblem(request: Request, status: 400 | 404 | 405, detail: string, errors?: QueryProblem[]): Response {
  const { pathname, search } = new URL(request.url);
  const body: Problem = problem(status, detail, `${pathname}${search}`, errors);
  const headers = apiHeaders("application/problem+json; charset=utf-8", status === 404 ? "public, max-age=0, s-maxage=30" : "no-store");
  if (status === 405) headers.set("Allow", "GET, HEAD, OPTIONS");
  return new Response(JSON.stringify(body), { status, headers });
}

/** 400 for bad parameters: the first in the detail, all of them in `errors`. */
export function apiBadParameters(request: Request, problems: QueryProblem[]): Response {
  const [first] = problems;
  return apiProblem(request, 400, `Bad parameter "${first.parameter}": ${first.message}`, problems);
}

/** The API is read-only: any other method than GET, HEAD or OPTIONS (answered before the routes) is a 405. */
export function apiMethodNotAllowed(request: Request): Response {
  return apiProblem(request, 405, `${request.method} is not allowed: this API is read-only.`);
}
