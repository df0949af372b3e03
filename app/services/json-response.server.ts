import { etagMatches } from "~/domain/directory";

/** Headers every cross-origin read of the portal's machine-readable endpoints may see. */
export const CORS_EXPOSED = "ETag, Link, Cache-Control, Content-Type";
const CORS_ALLOWED_REQUEST_HEADERS = "If-None-Match, Accept";

/** A weak ETag of the exact body sent (SHA-256, 96 bits). */
async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const hex = Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
  return `W/"${hex}"`;
}

/**
 * A cacheable JSON answer: the ETag of its body, and 304 without a body when the client already holds
 * it (If-None-Match). `headers` must already carry Cache-Control and CORS.
 */
export async function conditionalJson(request: Request, body: unknown, headers: Headers, status = 200): Promise<Response> {
  const text = JSON.stringify(body);
  headers.set("ETag", await etagOf(text));
  if (etagMatches(request.headers.get("If-None-Match"), headers.get("ETag")!)) {
    headers.delete("Content-Type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === "HEAD" ? null : text, { status, headers });
}

const PREFLIGHT_PATHS = /^\/(api\/v1|ims\/case\/v1p1|credentials)(\/|$)|^\/(\.well-known\/did\.json|transparency\/log\.json)$/;

/**
 * The one endpoint another site may POST to: verification changes nothing and reads no cookie, so a
 * cross-site `fetch(..., { method: "POST", headers: { "Content-Type": "application/json" } })` is allowed.
 * Still no credentials: `Access-Control-Allow-Origin: *` never lets a browser send cookies.
 */
const CROSS_SITE_POST_PATHS = new Set(["/api/v1/credentials/verify"]);

/**
 * The CORS preflight of the public endpoints, answered before any route runs (Remix would hand an
 * OPTIONS request to the loader). Anonymous only: no credentials, any origin. Read-only everywhere except
 * the stateless verification endpoint, which also takes a POST with a Content-Type.
 */
export function preflightResponse(method: string, pathname: string): Response | null {
  if (method !== "OPTIONS" || !PREFLIGHT_PATHS.test(pathname)) return null;
  const post = CROSS_SITE_POST_PATHS.has(pathname);
  const methods = post ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": methods,
      "Access-Control-Allow-Headers": post ? "Content-Type, Accept" : CORS_ALLOWED_REQUEST_HEADERS,
      "Access-Control-Max-Age": "86400",
      // A preflight is never stored by a shared cache: it carries no representation.
      "Cache-Control": "no-store",
      Allow: methods,
    },
  });
}
