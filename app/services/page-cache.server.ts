/**
 * The origin's cache of anonymous public directory pages (decision 010).
 *
 * A directory page (home, search, profile, certificate, the JSON API, and their `.data` twins) depends on
 * nothing but the directory and today's date, and every change to the directory sets a new
 * `directory_state.version` in the transaction that makes it. So each request reads that version (one
 * primary-key read) and looks up `version | day | URL`: a suspension committed a moment ago is a new
 * version, hence a miss, hence a fresh render. A hit skips the loaders and React altogether and sends the
 * stored bytes, already gzipped.
 *
 * Cached pages are rendered without a CSP nonce (a nonce must never be sent twice); their inline scripts
 * are allowed by their SHA-256 hashes instead, computed once when the page is stored.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { AppLoadContext } from "@remix-run/node";
import { config } from "~/config.server";
import { etagMatches } from "~/domain/directory";
import { today } from "./directory.server";
import { currentDirectoryVersion } from "./directory-search.server";
import { freshReader } from "./fresh-reader";
import { acceptsGzip, isCompressible, varyOnEncoding } from "./compress.server";

export { freshReader };

/** Paths whose pages depend only on the directory and the date. `/competencies` is not one: it follows the framework. */
const DIRECTORY_PATH = /^\/(?:_root\.data|providers(?:\.data)?|providers\/[^/]+?(?:\.data)?|verify(?:\.data)?|verify\/[^/]+?(?:\.data)?|api\/v1\/(?:providers|providers\/[^/]+|accreditations\/[^/]+))$/;

const MAX_ENTRIES = 5_000;
const MAX_BYTES = 64 * 2 ** 20;

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  scriptHashes: string[];
};

type RequestLike = Pick<IncomingMessage, "method" | "url" | "headers">;

/** The cache key of a request, or null when the request must go to the application. */
export function cacheKeyOf(request: RequestLike): string | null {
  if (request.method !== "GET" || !request.url) return null;
  const url = request.url;
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  if (pathname !== "/" && !DIRECTORY_PATH.test(pathname)) return null;
  // A signed-in visitor's page carries their name and navigation.
  if (/(?:^|;\s*)session=/.test(request.headers.cookie ?? "")) return null;
  return url;
}

/** CSP source expressions for every inline script of an HTML page (a script with `src` needs none). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1]) || m[2] === "") continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** Whether a rendered response may be kept: a plain 200 the route itself declared public. */
export function storable(response: Response): boolean {
  return (
    response.status === 200 &&
    !response.headers.has("Set-Cookie") &&
    /(?:^|,)\s*public\b/.test(response.headers.get("Cache-Control") ?? "")
  );
}

const SKIPPED_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "set-cookie", "content-security-policy", "etag"]);

export async function toCachedPage(response: Response): Promise<CachedPage> {
  const body = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get("Content-Type") ?? "";
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (!SKIPPED_HEADERS.has(name)) headers.push([name, value]);
  });
  const compressible = isCompressible(type, body.length);
  return {
    status: response.status,
    headers,
    body,
    gzip: compressible ? gzipSync(body) : null,
    etag: response.headers.get("ETag") ?? `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    scriptHashes: type.startsWith("text/html") ? inlineScriptHashes(body.toString("utf8")) : [],
  };
}

/** Writes a page; `cache` is what the X-Cache header says (hit, miss, or bypass). */
function sendPage(
  req: RequestLike,
  res: ServerResponse,
  page: CachedPage,
  cache: "hit" | "miss" | "bypass",
  contentSecurityPolicy: (scriptSources: string[]) => string,
) {
  res.statusCode = page.status;
  let vary = "";
  for (const [name, value] of page.headers) {
    if (name === "vary") vary = value;
    else res.setHeader(name, value);
  }
  if (page.scriptHashes.length > 0 || (page.headers.find(([n]) => n === "content-type")?.[1] ?? "").startsWith("text/html")) {
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(page.scriptHashes));
  }
  // Add Accept-Encoding once: the route may already vary on it (the JSON API does).
  if (page.gzip) vary = varyOnEncoding(vary);
  if (vary) res.setHeader("Vary", vary);
  res.setHeader("X-Cache", cache);
  if (page.status === 200) {
    res.setHeader("ETag", page.etag);
    if (etagMatches(req.headers["if-none-match"], page.etag)) {
      res.statusCode = 304;
      res.removeHeader("Content-Type");
      res.end();
      return;
    }
  }
  const gzip = page.gzip && acceptsGzip(String(req.headers["accept-encoding"] ?? "")) ? page.gzip : null;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  const body = gzip ?? page.body;
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

/** A bounded LRU of pages; every entry of an older version or day is dropped when a newer one is seen. */
export class PageStore {
  private pages = new Map<string, CachedPage>();
  private bytes = 0;
  private generation = "";

  constructor(
    private readonly maxEntries = MAX_ENTRIES,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  /** Moves to `generation` (version and day), forgetting everything stored under another. */
  use(generation: string) {
    if (generation === this.generation) return;
    this.generation = generation;
    this.pages.clear();
    this.bytes = 0;
  }

  get(generation: string, key: string): CachedPage | undefined {
    if (generation !== this.generation) return undefined;
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(generation: string, key: string, page: CachedPage) {
    if (generation !== this.generation) return;
    const size = page.body.length + (page.gzip?.length ?? 0);
    if (size > this.maxBytes / 4) return;
    const old = this.pages.get(key);
    if (old) {
      this.bytes -= old.body.length + (old.gzip?.length ?? 0);
      this.pages.delete(key);
    }
    this.pages.set(key, page);
    this.bytes += size;
    for (const [k, p] of this.pages) {
      if (this.pages.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.pages.delete(k);
      this.bytes -= p.body.length + (p.gzip?.length ?? 0);
    }
  }

  get size() {
    return this.pages.size;
  }
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // Conditional requests are answered here, against the stored page, never by the render it shares.
    if (value === undefined || name === "if-none-match" || name === "if-modified-since") continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: "GET", headers });
}

export type PageCacheOptions = {
  /** The application's request handler (`createRequestHandler` of @remix-run/node). */
  render: (request: Request, loadContext: AppLoadContext) => Promise<Response>;
  /** The Content-Security-Policy to send with a page whose inline scripts have these hashes. */
  contentSecurityPolicy: (scriptSources: string[]) => string;
  /** The directory's version; the default reads `directory_state`. */
  version?: () => Promise<string>;
};

/**
 * Connect-style middleware: answers anonymous GETs of directory pages from the cache, rendering and
 * storing on a miss. Concurrent misses of one page share one render. Off when PAGE_CACHE=off.
 */
export function createPageCache(options: PageCacheOptions) {
  const enabled = config().PAGE_CACHE === "on";
  const version = options.version ? freshReader(options.version) : () => currentDirectoryVersion();
  const store = new PageStore();
  const rendering = new Map<string, Promise<{ page: CachedPage; kept: boolean }>>();

  async function handle(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) {
    const key = enabled ? cacheKeyOf(req) : null;
    if (key === null) return next();
    const generation = `${await version()}|${today()}`;
    store.use(generation);
    const hit = store.get(generation, key);
    if (hit) return sendPage(req, res, hit, "hit", options.contentSecurityPolicy);
    const slot = `${generation}|${key}`;
    let pending = rendering.get(slot);
    if (!pending) {
      pending = (async () => {
        // No nonce: this page may be sent to many visitors. Its scripts are allowed by hash.
        const response = await options.render(toRequest(req), {});
        const kept = storable(response);
        const page = await toCachedPage(response);
        if (kept) store.set(generation, key, page);
        return { page, kept };
      })().finally(() => rendering.delete(slot));
      rendering.set(slot, pending);
    }
    const { page, kept } = await pending;
    sendPage(req, res, page, kept ? "miss" : "bypass", options.contentSecurityPolicy);
  }

  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    handle(req, res, next).catch(next);
  };
}
