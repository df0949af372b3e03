import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cacheKeyOf, freshReader, inlineScriptHashes, PageStore, storable, toCachedPage, type CachedPage } from "~/services/page-cache.server";

const get = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers });

describe("cacheKeyOf: which requests the page cache may answer", () => {
  it("takes anonymous GETs of directory pages, their .data twins and the API", () => {
    for (const url of [
      "/",
      "/providers",
      "/providers?q=async&country=DE",
      "/providers.data?q=async",
      "/providers/ferris-academy",
      "/providers/ferris-academy.data",
      "/_root.data",
      "/verify",
      "/verify/ACC-2026-0001",
      "/api/v1/providers?page=2",
      "/api/v1/providers/ferris-academy",
      "/api/v1/accreditations/ACC-2026-0001",
    ])
      expect(cacheKeyOf(get(url)), url).toBe(url);
  });

  it("leaves everything else to the application", () => {
    for (const url of ["/login", "/competencies", "/provider", "/admin/accreditations", "/providers/a/b", "/api/v1/other", "/sitemap.xml", "/providersx"])
      expect(cacheKeyOf(get(url)), url).toBeNull();
    expect(cacheKeyOf({ method: "POST", url: "/providers", headers: {} })).toBeNull();
    expect(cacheKeyOf({ method: "HEAD", url: "/providers", headers: {} })).toBeNull();
  });

  it("never answers a signed-in visitor, whose page carries their name", () => {
    expect(cacheKeyOf(get("/providers", { cookie: "session=abc" }))).toBeNull();
    expect(cacheKeyOf(get("/providers", { cookie: "theme=dark; session=abc" }))).toBeNull();
    expect(cacheKeyOf(get("/providers", { cookie: "theme=dark" }))).toBe("/providers");
  });
});

describe("inlineScriptHashes", () => {
  it("hashes the text of each inline script exactly, and skips scripts with src", () => {
    const a = "window.__remixContext = {};";
    const b = 'import "/assets/root.js";';
    const html = `<html><script>${a}</script><script src="/assets/x.js"></script><script type="module" async="">${b}</script><script>${a}</script></html>`;
    const hash = (t: string) => `'sha256-${createHash("sha256").update(t).digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([hash(a), hash(b)]);
  });
});

describe("storable", () => {
  const ok = (headers: Record<string, string>, status = 200) => new Response("x", { status, headers });
  it("keeps only a 200 the route declared public, with no cookie", () => {
    expect(storable(ok({ "Cache-Control": "public, max-age=0, s-maxage=60" }))).toBe(true);
    expect(storable(ok({ "Cache-Control": "private, no-store" }))).toBe(false);
    expect(storable(ok({}))).toBe(false);
    expect(storable(ok({ "Cache-Control": "public, s-maxage=30" }, 404))).toBe(false);
    expect(storable(ok({ "Cache-Control": "public", "Set-Cookie": "a=b" }))).toBe(false);
  });

  it("stores the body gzipped when it is worth it, and the route's own ETag", async () => {
    const html = `<!DOCTYPE html><script>1</script>${"<p>directory</p>".repeat(200)}`;
    const page = await toCachedPage(new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public" } }));
    expect(page.gzip?.length).toBeLessThan(page.body.length / 4);
    expect(page.scriptHashes).toHaveLength(1);
    expect(page.headers).toContainEqual(["cache-control", "public"]);
    const api = await toCachedPage(new Response("{}", { headers: { "Content-Type": "application/json", ETag: 'W/"abc"' } }));
    expect(api.etag).toBe('W/"abc"');
    expect(api.gzip).toBeNull();
  });
});

describe("PageStore", () => {
  const page = (bytes: number): CachedPage => ({ status: 200, headers: [], body: Buffer.alloc(bytes), gzip: null, etag: '"e"', scriptHashes: [] });

  it("answers only within the generation (directory version and day) it was stored in", () => {
    const store = new PageStore();
    store.use("v1|2026-11-25");
    store.set("v1|2026-11-25", "/providers", page(10));
    expect(store.get("v1|2026-11-25", "/providers")).toBeDefined();
    store.use("v2|2026-11-25");
    expect(store.get("v2|2026-11-25", "/providers")).toBeUndefined();
    // A render that began under v1 and ends after v2 is seen is not stored.
    store.set("v1|2026-11-25", "/providers", page(10));
    expect(store.size).toBe(0);
  });

  it("evicts the least recently used page past its entry and byte bounds", () => {
    const store = new PageStore(2, 1_000);
    store.use("g");
    store.set("g", "a", page(10));
    store.set("g", "b", page(10));
    store.get("g", "a");
    store.set("g", "c", page(10));
    expect(store.get("g", "b")).toBeUndefined();
    expect(store.get("g", "a")).toBeDefined();
    store.set("g", "big", page(240));
    store.set("g", "big2", page(240));
    expect(store.size).toBe(2);
    // A page over a quarter of the budget is never stored.
    store.set("g", "huge", page(300));
    expect(store.get("g", "huge")).toBeUndefined();
  });
});

describe("freshReader: concurrent callers share reads, never one that began before they called", () => {
  it("a caller during a read waits for the next read; callers during that wait share it", async () => {
    const pending: ((v: number) => void)[] = [];
    let reads = 0;
    const read = freshReader(
      () =>
        new Promise<number>((resolve) => {
          reads++;
          pending.push(resolve);
        }),
    );
    const a = read();
    const b = read();
    const c = read();
    expect(reads).toBe(1);
    pending[0](1);
    expect(await a).toBe(1);
    // b and c arrived after read 1 began: they get read 2, started only now, and share it.
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(reads).toBe(2);
    pending[1](2);
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    // Idle again: the next caller starts its own read at once.
    const d = read();
    expect(reads).toBe(3);
    pending[2](3);
    expect(await d).toBe(3);
  });

  it("a failed read fails its callers only; the next callers read again", async () => {
    let calls = 0;
    const read = freshReader(async () => {
      calls++;
      if (calls === 1) throw new Error("down");
      return calls;
    });
    const first = read();
    const second = read();
    await expect(first).rejects.toThrow("down");
    expect(await second).toBe(2);
  });
});
