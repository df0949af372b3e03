/**
 * Gzip, one way for the whole server: which answers are worth compressing, whether the browser takes gzip, and a
 * rendered page compressed in one call.
 *
 * A page is rendered into one buffer (entry.server.tsx), so it is compressed here in one synchronous call rather
 * than by Express's `compression`, which opens a zlib stream for every answer: on this 2-core host that cost about
 * 0.9 ms of CPU for a 4 KB page (0.3 ms in one call) and 1.2 ms for a 43 KB one (0.6 ms). `compression` still
 * serves everything else (files, data requests, the API); it leaves an answer that is already encoded alone.
 */
import { gzipSync } from "node:zlib";

const MIN_GZIP_BYTES = 1_024;
const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|javascript)|text\/x-script)/;

export const isCompressible = (type: string, bytes: number) => bytes >= MIN_GZIP_BYTES && COMPRESSIBLE_TYPE.test(type);
export const acceptsGzip = (acceptEncoding: string | null | undefined) => /\bgzip\b/.test(acceptEncoding ?? "");

/** `Vary` with Accept-Encoding added once (the route may already vary on it). */
export function varyOnEncoding(vary: string | null | undefined): string {
  return vary && /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary) ? vary : vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
}

/**
 * How hard a page rendered for one request is compressed. zlib's default (6) took 0.47–0.49 ms of CPU for the
 * profile and search pages (44–46 KB of HTML); 3 takes 0.11–0.14 ms for 8–9 % more bytes (8.7–10.0 KB instead of
 * 8.0–9.2 KB), still inside a new connection's first flight of ten segments (decision 056). The page cache compresses a
 * page once for many answers, so it keeps the default.
 */
export const PAGE_GZIP_LEVEL = 3;

/** An answer whole in memory: what a server writes with one `end` call. */
export type WholePage = { status: number; statusText: string; headers: Headers; body: Buffer };

/**
 * A rendered page (HTML, already whole) as bytes, gzipped in one call when the browser takes gzip; null for anything
 * else (data, files, a redirect, HEAD), which goes out as Remix sends it. server.mjs writes the bytes with one
 * `res.end`: wrapping them in a `Response` again only for Remix's sender to read them back through a web stream
 * reader cost about 6 % of a search page's CPU (decision 056).
 */
export async function wholePage(request: Request, response: Response): Promise<WholePage | null> {
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.startsWith("text/html") || !response.body || response.headers.has("Content-Encoding") || request.method === "HEAD") return null;
  const body = Buffer.from(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.set("Vary", varyOnEncoding(headers.get("Vary")));
  const head = { status: response.status, statusText: response.statusText, headers };
  if (!acceptsGzip(request.headers.get("Accept-Encoding")) || !isCompressible(type, body.length)) {
    headers.set("Content-Length", String(body.length));
    return { ...head, body };
  }
  const gzip = gzipSync(body, { level: PAGE_GZIP_LEVEL });
  headers.set("Content-Encoding", "gzip");
  headers.set("Content-Length", String(gzip.length));
  return { ...head, body: gzip };
}
