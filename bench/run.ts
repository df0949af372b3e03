/**
 * `npm run bench`: the public directory under load, against a bare route of the same server.
 *
 * 1. Database: DATABASE_URL, else the embedded PGlite in .data/bench (said in the output).
 * 2. Seeds 10,000 providers / 50,000 courses when absent (bench/generate.ts), and signs the credential of every
 *    accreditation in force that has none (bench/backfill-credentials.ts), before any server starts.
 * 3. Builds when the build is missing or older than the sources.
 * 4. Starts the production server (node server.mjs) as a child process on a free loopback port, twice:
 *    as deployed ("cached": the origin page cache answers anonymous directory pages, decision 010), then
 *    with PAGE_CACHE=off ("uncached": every request runs the loaders and renders).
 * 5. Drives each from this process with autocannon: a short warm-up, then a fixed window per page. Every
 *    ratio divides by a floor measured by the same server in the same run: `bare` (a Remix resource route,
 *    /healthz) and `bare-http` (an Express route, /livez).
 *    The uncached phase also loads the signed-in pages, each with its person's session cookie (bench/signed-in.ts
 *    seeds the demo accounts and ~3,300 applications in progress first).
 *    Every line carries the server's event-loop delay during its window. BENCH_ONLY=<regex> limits the pages.
 *    The uncached server then answers bench/mapping-in-place.ts (accepting a mapping suggestion in place, issue 17)
 *    and bench/burst.ts (three bursts of 50 different pages at once, with the server's event-loop delay, issue 19).
 *    Then four more servers load a few of the same pages with, without, without and with the route-matching patches
 *    (decision 047); `routing-patch …` lines compare them. BENCH_ROUTING_COMPARE=off skips it.
 *    Then bench/decision-issuing.ts measures what credential issuing adds to recording a decision (issue 14).
 * 6. Prints one line per page and phase; the headline line is exactly
 *    `directory-search p95_ms=<number> throughput_ratio=<search req/s ÷ bare req/s>` (the cached phase),
 *    and writes everything (plus EXPLAIN ANALYZE of the directory queries on PostgreSQL and the
 *    gzipped JavaScript of the public pages) to bench/results/latest.json.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type DatabaseHandle } from "../db/client.server";
import { refreshDirectoryEntry } from "../db/directory";
import { generateBenchData } from "./generate";
import { benchAutoAssign } from "./auto-assign";
import { generateWorkflowData, signedInPages } from "./signed-in";
import { benchMappingInPlace, MAPPING_IN_PLACE_BUDGET_P95_MS, type MappingInPlace } from "./mapping-in-place";
import { benchBurst, BURST_LOOP_BUDGET_P99_MS, BURST_SIZE, type Burst, type LoopDelay } from "./burst";
import { seedIfEmpty } from "../db/seed";
import { SERVER_NODE_FLAGS } from "../server/node-flags.mjs";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
/** BENCH_ROUTING_COMPARE=off skips the phase without the route-matching patches (decision 047). */
const ROUTING_COMPARE = process.env.BENCH_ROUTING_COMPARE !== "off";
/** BENCH_ONLY=<regex>: measure only the pages whose name matches (the floors always), for profiling one page. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const root = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(root, "bench", "results");
const log = (line: string) => console.log(line);
const today = new Date().toISOString().slice(0, 10);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function newestIn(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestIn(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function buildIfNeeded() {
  const serverBuild = path.join(root, "build/server/index.js");
  const builtAt = existsSync(serverBuild) ? statSync(serverBuild).mtimeMs : 0;
  const sourcesAt = Math.max(newestIn(path.join(root, "app")), newestIn(path.join(root, "db")), newestIn(path.join(root, "emails")));
  if (builtAt >= sourcesAt) return log("build: up to date");
  log(builtAt ? "build: sources changed, rebuilding…" : "build: building…");
  // Production, whatever this process's NODE_ENV has become: a build that inherits "development" ships React's
  // development build to browsers (the public pages' JavaScript went from 108 to 163 KB gzipped once).
  const r = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) throw new Error("build failed");
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer at ${url}`);
}

type PageResult = {
  page: string;
  paths: number;
  /** How many times the list of paths was gone through, warm-up included: under 1, no path repeated. */
  requestsOverPaths: number;
  requests: number;
  reqPerSec: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  non2xx: number;
  errors: number;
  /** Share of answers the page cache gave (X-Cache: hit), when the server says. */
  hitRate?: number;
  /** The server's event-loop delay during the window (warm-up excluded). */
  loopP99_ms?: number;
  loopMax_ms?: number;
  /** The longest garbage-collector pause during the window (ms). */
  gcPauseMax_ms?: number;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

/** Load one page: every connection takes the next path of the list, so the queries vary. */
async function load(base: string, page: string, paths: string[], seconds: number, cursor = { next: 0 }, extraHeaders: Record<string, string> = {}): Promise<PageResult> {
  const latencies: number[] = [];
  let hits = 0;
  let labelled = 0;
  const options: autocannon.Options = {
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { accept: "text/html,application/json", "accept-encoding": "gzip", ...extraHeaders },
    requests: [
      {
        method: "GET",
        setupRequest: (request) => {
          request.path = paths[cursor.next++ % paths.length];
          return request;
        },
        // Count what the page cache says it did.
        onResponse: (_status, _body, _context, headers) => {
          const value = headers?.["x-cache"] ?? headers?.["X-Cache"];
          if (value === undefined) return;
          labelled++;
          if (value === "hit") hits++;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    page,
    paths: paths.length,
    requestsOverPaths: Math.round((cursor.next / paths.length) * 100) / 100,
    requests: result.requests.total,
    reqPerSec: Math.round((result.requests.total / seconds) * 10) / 10,
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies[latencies.length - 1] ?? NaN),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    hitRate: labelled > 0 ? Math.round((hits / labelled) * 1000) / 10 : undefined,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
/** A stable pseudo-random order (FNV-1a). */
const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

/** Gzipped JavaScript a public page loads on first visit: the entry, root and the page's route module with their imports. */
function publicJsSizes(): Record<string, { files: number; gzipKB: number }> {
  const assets = path.join(root, "build/client/assets");
  const manifestFile = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) return {};
  const text = readFileSync(path.join(assets, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const gz = (url: string) => gzipSync(readFileSync(path.join(root, "build/client", url))).length;
  const out: Record<string, { files: number; gzipKB: number }> = {};
  for (const id of ["routes/_index", "routes/providers._index", "routes/providers.$slug", "routes/verify._index", "routes/verify.$certificate", "routes/competencies"]) {
    const route = manifest.routes[id];
    if (!route) continue;
    const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports, manifest.routes.root.module, ...(manifest.routes.root.imports ?? []), route.module, ...(route.imports ?? [])]);
    const bytes = [...files].reduce((n, f) => n + gz(f), 0);
    out[id.replace("routes/", "/")] = { files: files.size, gzipKB: Math.round((bytes / 1024) * 10) / 10 };
  }
  return out;
}

/**
 * EXPLAIN ANALYZE of the exact statements the directory service sends, captured through drizzle's
 * logger while it answers a few searches, a profile and a verification (PostgreSQL only).
 */
async function explainDirectoryQueries(url: string, slug: string, certificate: string, areas: string[]) {
  process.env.DATABASE_URL = url;
  process.env.SEED = "off";
  process.env.EMAIL_WORKER = "off";
  const postgres = (await import("postgres")).default;
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("../db/schema");
  const service = {
    ...(await import("../app/services/directory.server")),
    ...(await import("../app/services/directory-search.server")),
    ...(await import("../app/services/provider-profile.server")),
  };
  const { parseDirectoryQuery } = await import("../app/domain/directory");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const captured: { label: string; query: string; params: unknown[] }[] = [];
  let label = "";
  const db = drizzle(client, { schema, logger: { logQuery: (query, params) => captured.push({ label, query, params }) } });
  const run = async (name: string, fn: () => Promise<unknown>) => {
    label = name;
    await fn();
  };
  const q = (s: string) => parseDirectoryQuery(new URLSearchParams(s)).query;
  type Db = Parameters<typeof service.searchDirectory>[2];
  const appDb = db as unknown as Db; // same drizzle database, typed by the app's own alias
  await run("search: no text", () => service.searchDirectory(q(""), today, appDb));
  await run("search: q=async", () => service.searchDirectory(q("q=async"), today, appDb));
  await run("search: q=lifetim (prefix) + level", () => service.searchDirectory(q("q=lifetim&level=intermediate"), today, appDb));
  await run(`search: area=${areas[0]} + mode + sort=newest`, () => service.searchDirectory(q(`area=${areas[0]}&mode=online_live&sort=newest`), today, appDb));
  await run("search: q=rust web (common words)", () => service.searchDirectory(q("q=rust web"), today, appDb));
  await run("search page: q=async, with its area titles", () => service.searchPage(q("q=async"), today, appDb));
  await run("api search q=embedded", () => service.searchDirectoryApi(q("q=embedded"), today, appDb));
  await run(`profile ${slug}`, () => service.getProviderProfile(slug, today, appDb));
  await run(`verify ${certificate}`, () => service.findCertificate(certificate, today, appDb));
  const plans: { label: string; query: string; ms: number; seqScans: string[]; plan: string }[] = [];
  for (const c of captured) {
    if (!/^\s*(select|with)\b/i.test(c.query)) continue;
    let query = c.query;
    let label = c.label;
    // A function's plan is opaque to EXPLAIN: explain its body instead, under its own SET clause.
    const fn = /directory_text_matches\((.*), (\$\d+)\)\s*$/s.exec(query);
    const seqscanOff = fn !== null;
    if (fn) {
      query = `select d.organisation_id, ts_rank(d.rank_vector, ${fn[1]}) as rank from directory_entries d where d.search @@ (${fn[1]}) and d.valid_until >= ${fn[2]}`;
      label = `${label} [text matches]`;
    } else if (/from directory_entries\s*$/.test(query)) {
      label = "facet index load (once per directory change)";
    } else if (/from directory_state where id = 1/.test(query)) {
      label = `${label} [version check]`;
    }
    const explain = `explain (analyze, buffers, format text) ${query}`;
    const rows = seqscanOff
      ? await client.begin(async (tx) => {
          await tx.unsafe("set local enable_seqscan = off");
          return tx.unsafe(explain, c.params as never[]);
        })
      : await client.unsafe(explain, c.params as never[]);
    const plan = rows.map((r) => String(r["QUERY PLAN"])).join("\n");
    const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    plans.push({ label, query: query.replace(/\s+/g, " ").slice(0, 300), ms, seqScans, plan });
  }
  // How big is each table a plan scans in full? A scan of a one-row or framework-sized table is the right plan.
  const scanned = [...new Set(plans.flatMap((p) => p.seqScans))];
  const sizes: { relname: string; rows: number }[] = [];
  for (const table of scanned) {
    const [row] = await client.unsafe<{ rows: number }[]>(`select count(*)::int as rows from "${table.replace(/"/g, "")}"`);
    sizes.push({ relname: table, rows: row.rows });
  }
  const rowsOf = new Map(sizes.map((r) => [r.relname, Math.max(0, Number(r.rows))]));
  for (const p of plans) p.seqScans = p.seqScans.map((t) => `${t} (${rowsOf.get(t) ?? "?"} rows)`);
  await client.end({ timeout: 5 });
  const handle = await import("../app/services/db.server");
  await handle.databaseHandle.close();
  return plans;
}

async function main() {
  const url = process.env.DATABASE_URL;
  const dataDir = path.join(root, ".data", "bench");
  const database = url ? `PostgreSQL (DATABASE_URL ${new URL(url).host})` : `embedded PGlite in ${path.relative(root, dataDir)} (no DATABASE_URL given)`;
  log(`database: ${database}`);
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`);
  // In-process and database-free (bench/auto-assign.ts); budget: under 2 s.
  log(benchAutoAssign());

  // 1–2. Data.
  const handle: DatabaseHandle = url ? openDatabase({ driver: "postgres", url, max: 2 }) : openDatabase({ driver: "pglite", dataDir });
  await handle.migrate();
  // The demo accounts and workflow first (people to sign in as, a rubric, an application in every state).
  if (await seedIfEmpty(handle.db)) log("data: demo accounts and workflow seeded");
  const outcome = await generateBenchData(handle.db, today, log);
  log(outcome === "present" ? "data: benchmark providers already present" : "data: generated");
  await generateWorkflowData(handle.db, log);
  const signedIn = await signedInPages(handle.db, log);
  const slugs = (await queryRows<{ slug: string }>(handle.db, sql`select slug from directory_entries where slug like 'bench-%' order by md5(slug) limit 60`)).map((r) => r.slug);
  const certificates = (
    await queryRows<{ c: string }>(handle.db, sql`select certificate_number as c from accreditations a join organisations o on o.id = a.organisation_id where o.slug like 'bench-%' order by md5(certificate_number) limit 60`)
  ).map((r) => r.c);
  // Real lexemes of the directory and their prefixes (four letters and up), in a fixed shuffled order.
  const lexemes = (
    await queryRows<{ word: string }>(
      handle.db,
      sql`select word from ts_stat('select rank_vector from directory_entries') where length(word) >= 4 and word ~ '^[a-z]+$' order by ndoc desc, word limit 600`,
    )
  ).map((r) => r.word);
  // Then pairs of the commonest ones, so a ten-second window never runs out of searches nobody made before.
  const prefixes = lexemes.flatMap((w) => Array.from({ length: w.length - 3 }, (_, i) => w.slice(0, 4 + i)));
  const pairs = lexemes.slice(0, 100).flatMap((a, i) => lexemes.slice(i + 1, 100).map((b) => `${a} ${b}`));
  const newWords = [...new Set([...prefixes, ...pairs])].sort((a, b) => hash(a) - hash(b));
  log(`data: ${newWords.length} distinct search words for the new-words load`);
  const areas = (await queryRows<{ code: string }>(handle.db, sql`select distinct unnest(areas) as code from directory_entries order by 1 limit 8`)).map((r) => r.code);
  const [sizes] = await queryRows<{ providers: number; courses: number }>(
    handle.db,
    sql`select (select count(*)::int from organisations) as providers, (select count(*)::int from courses) as courses`,
  );
  log(`data: ${sizes.providers} organisations, ${sizes.courses} courses`);
  const [{ id: changedOrganisation }] = await queryRows<{ id: string }>(handle.db, sql`select organisation_id as id from directory_entries where slug like 'bench-%' order by slug limit 1`);
  await handle.close();
  // The scripts run as processes of their own, on the servers' database and with their issuer key.
  const scriptEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DEV_MAILBOX: "on", APP_URL: "http://127.0.0.1:3000", ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }) };
  const backfill = spawnSync("npx", ["tsx", "bench/backfill-credentials.ts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: scriptEnv });
  if (backfill.status !== 0) throw new Error("issuing the generated accreditations' credentials failed");
  const issued = Number(backfill.stdout.trim().split("\n").pop());
  if (issued > 0) log(`data: issued ${issued} credentials for accreditations in force that had none`);

  // EXPLAIN ANALYZE (PostgreSQL only: PGlite's planner is the same, but the embedded run is not the target).
  let plans: Awaited<ReturnType<typeof explainDirectoryQueries>> = [];
  if (url && !ONLY) {
    plans = await explainDirectoryQueries(url, slugs[0], certificates[0], areas);
    for (const p of plans) log(`explain: ${p.label.padEnd(58)} ${p.ms.toFixed(3).padStart(8)} ms  seq scans: ${p.seqScans.length ? p.seqScans.join(", ") : "none"}`);
    // The facet index is read whole on purpose (once per directory change, decision 009); any other full scan
    // of a table past 1,000 rows would be a missing index.
    const large = plans.filter((p) => !p.label.startsWith("facet index load")).flatMap((p) => p.seqScans.filter((t) => Number(/\((\d+) rows\)/.exec(t)?.[1] ?? 0) > 1_000).map((t) => `${p.label}: ${t}`));
    log(`explain-summary seq_scans_on_tables_over_1000_rows=${large.length}${large.length ? ` (${large.join("; ")})` : ""}`);
  }

  // 3–4. Build, then measure two production servers in turn: as deployed (the page cache on), and with
  // PAGE_CACHE=off, where every request runs the loaders and renders (decision 010).
  buildIfNeeded();
  const searches = [
    "/providers?q=async",
    "/providers?q=embedded",
    "/providers?q=lifetim",
    "/providers?q=web+assembly",
    "/providers?q=macro",
    "/providers?q=ownership&level=foundation",
    "/providers?q=error+handling&sort=newest",
    "/providers?q=unsafe&country=DE",
    "/providers?q=testing&mode=online_live",
    "/providers?q=crab+academy",
    "/providers?q=trait&page=2",
    "/providers?q=tokio&language=German",
    `/providers?area=${areas[0]}&mode=in_person`,
    `/providers?area=${areas[1] ?? areas[0]}&country=NL`,
    "/providers?country=FR&level=advanced",
    "/providers?language=Spanish&sort=newest",
    "/providers",
    "/providers?page=7",
    "/providers?q=concurrency&level=intermediate&country=GB",
    "/providers?q=cargo+workspace",
  ];
  // The floors: an Express route (no application code) and a Remix resource route (no database, no rendering).
  const floors: PageSpec[] = [
    ["bare-http", ["/livez"]],
    ["bare", ["/healthz"]],
  ];
  const directory: PageSpec[] = [
    ["directory-search", searches],
    ["provider-profile", slugs.map((s) => `/providers/${s}`)],
    ["verify", certificates.map((c) => `/verify/${c}`)],
    // The API speaks the public names of delivery modes (app/domain/directory.ts).
    ["api-search", searches.map((s) => s.replace("/providers", "/api/v1/providers").replace("mode=online_live", "mode=online").replace("mode=in_person", "mode=onsite"))],
  ];
  // The directory changing every second (PostgreSQL only: PGlite is one process's): each change is a new
  // version, so every cached page is rendered again once. A real refresh of a real entry, as a decision makes.
  const changing: PageSpec[] = url
    ? [
        [
          "directory-search-changing-every-second",
          searches,
          () => {
            const changer = openDatabase({ driver: "postgres", url, max: 1 });
            let changes = 0;
            let busy = Promise.resolve();
            const timer = setInterval(() => {
              busy = busy.then(async () => {
                await changer.db.transaction((tx) => refreshDirectoryEntry(tx, changedOrganisation, today));
                changes++;
              });
            }, 1000);
            return async () => {
              clearInterval(timer);
              await busy;
              await changer.close();
              log(`bench: the directory changed ${changes} times during directory-search-changing-every-second`);
            };
          },
        ],
      ]
    : [];
  const signedInSpecs: PageSpec[] = signedIn.map((p) => [p.page, p.paths, undefined, { cookie: p.cookie }]);
  const cached = await measureServer("cached", {}, url, dataDir, [...floors, ...directory, ["home", ["/"]], ...changing]);
  const uncachedPages: PageSpec[] = [
    ...floors,
    // A document with no database work (the verify form): the floor of any server-rendered page.
    ["document-floor", ["/verify"]],
    ...directory,
    // Words never searched before, one per request: PostgreSQL matches the text every time (the worst case).
    ["directory-search-new-words", newWords.map((w) => `/providers?q=${encodeURIComponent(w)}`)],
    // The same searches deep in their result pages: each (query, page) is new, so the search service's result
    // cache cannot answer; its match cache can (paging and ticking facets reuse a search's text matches).
    [
      "directory-search-paging",
      searches.flatMap((s) => Array.from({ length: 40 }, (_, i) => `${s}${s.includes("?") ? "&" : "?"}page=${2 + ((i * 7) % 40)}`)).filter((p) => !/[?&]page=\d+.*[?&]page=/.test(p)),
    ],
    // Signed-in pages, each as the person who uses it (bench/signed-in.ts): the page cache never answers them.
    ...signedInSpecs,
    // The floor again, last: this host's speed drifts by tens of percent within minutes, so the ratios divide by the
    // mean of the floor before and after the pages, and the report says how far the two were apart.
    [FLOOR_AGAIN, ["/verify"]],
  ];
  // Issue 17: accepting a mapping suggestion in place, against this server (bench/mapping-in-place.ts).
  const mapping: { result?: MappingInPlace } = {};
  const mappingPage = signedIn.find((p) => p.page === "signed-in provider-mapping");
  // Issue 19: bursts of 50 different pages at once, against the same server (bench/burst.ts).
  const bursts: { result?: Burst[] } = {};
  const burstRequests = (round: number) => {
    const signedInPaths = signedIn.flatMap((p) => p.paths.slice(0, 2).map((path) => ({ path, cookie: p.cookie })));
    const publicPaths = [
      "/",
      "/verify",
      "/competencies",
      // From the end of the list: the new-words load starts at its head.
      ...newWords.slice(newWords.length - (round + 1) * 25, newWords.length - round * 25).map((w) => `/providers?q=${encodeURIComponent(w)}`),
      ...slugs.slice(round * 10, round * 10 + 10).map((slug) => `/providers/${slug}`),
    ];
    return [...signedInPaths, ...publicPaths.map((path) => ({ path }))].slice(0, BURST_SIZE);
  };
  const uncached = await measureServer("uncached", { PAGE_CACHE: "off" }, url, dataDir, uncachedPages, [], async (base, loopDelay) => {
    if (mappingPage && (!ONLY || ONLY.test("mapping-in-place"))) mapping.result = await benchMappingInPlace(base, mappingPage.paths[0], mappingPage.cookie);
    if (!ONLY || ONLY.test("burst")) bursts.result = await benchBurst(base, burstRequests, loopDelay);
  });
  // The route-matching patches on and off (decision 047), on pages that span the range.
  const routing = ROUTING_COMPARE ? await measureRoutingComparison(url, dataDir, uncachedPages) : null;

  // Issue 14: what issuing the credential adds to recording a decision (bench/decision-issuing.ts).
  let decisionIssuing: { rounds: number; decision: number[]; issue: number[] } | null = null;
  if (!ONLY || ONLY.test("decision-issuing")) {
    const run = spawnSync("npx", ["tsx", "bench/decision-issuing.ts"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: scriptEnv,
    });
    if (run.status !== 0) throw new Error("decision-issuing bench failed");
    decisionIssuing = JSON.parse(run.stdout.trim().split("\n").pop()!);
  }

  const lines: string[] = [];
  // Every ratio divides by a floor of the same server in the same run.
  const withRatios = (results: PageResult[]) => {
    const bare = results.find((r) => r.page === "bare")!;
    const http = results.find((r) => r.page === "bare-http")!;
    const floors = results.filter((r) => r.page === "document-floor" || r.page === FLOOR_AGAIN);
    const floor = floors.length === 0 ? undefined : floors.reduce((sum, r) => sum + r.reqPerSec, 0) / floors.length;
    if (!bare || !http) return [];
    return results.map((r) => ({
      ...r,
      throughput_ratio: round(r.reqPerSec / bare.reqPerSec),
      ratio_to_bare_http: round(r.reqPerSec / http.reqPerSec),
      ratio_to_document_floor: floor ? round(r.reqPerSec / floor) : undefined,
    }));
  };
  const phases: Record<string, ReturnType<typeof withRatios>> = { cached: withRatios(cached), uncached: withRatios(uncached) };
  for (const [phase, results] of Object.entries(phases))
    for (const r of results) {
      if (phase === "cached" && r.page === "directory-search") lines.push(`directory-search p95_ms=${r.p95_ms} throughput_ratio=${r.throughput_ratio}`);
      lines.push(
        `${phase} ${r.page} p95_ms=${r.p95_ms} throughput_ratio=${r.throughput_ratio} ratio_to_bare_http=${r.ratio_to_bare_http}${r.ratio_to_document_floor === undefined ? "" : ` ratio_to_document_floor=${r.ratio_to_document_floor}`} req_per_s=${r.reqPerSec} p50_ms=${r.p50_ms} p99_ms=${r.p99_ms} non2xx=${r.non2xx} errors=${r.errors} paths=${r.paths} path_passes=${r.requestsOverPaths}${r.hitRate === undefined ? "" : ` cache_hits=${r.hitRate}%`}${r.loopP99_ms === undefined ? "" : ` loop_p99_ms=${r.loopP99_ms} loop_max_ms=${r.loopMax_ms} gc_pause_max_ms=${r.gcPauseMax_ms}`}`,
      );
    }
  const [floorFirst, floorLast] = ["document-floor", FLOOR_AGAIN].map((page) => uncached.find((r) => r.page === page));
  if (floorFirst && floorLast)
    lines.push(
      `document-floor-drift first_req_per_s=${floorFirst.reqPerSec} last_req_per_s=${floorLast.reqPerSec} last_to_first=${round(floorLast.reqPerSec / floorFirst.reqPerSec)} (ratio_to_document_floor divides by their mean)`,
    );
  const js = publicJsSizes();
  // With and without the route-matching patches, same run (decision 047): req/s of each, the mean of its two servers,
  // and patched ÷ unpatched; the Express route (/livez), which no patch touches, shows how much the host drifted.
  const routingLines: Record<string, number | string>[] = [];
  if (routing)
    for (const first of routing.patched[0]) {
      const of = (runs: PageResult[][]) => runs.map((run) => run.find((r) => r.page === first.page));
      const [a1, a2] = of(routing.patched);
      const [b1, b2] = of(routing.unpatched);
      if (!a1 || !a2 || !b1 || !b2) continue;
      const patched = (a1.reqPerSec + a2.reqPerSec) / 2;
      const unpatched = (b1.reqPerSec + b2.reqPerSec) / 2;
      const line = {
        page: first.page,
        req_per_s_patched: round(patched),
        req_per_s_unpatched: round(unpatched),
        speedup: round(patched / unpatched),
        p95_ms_patched: round((a1.p95_ms + a2.p95_ms) / 2),
        p95_ms_unpatched: round((b1.p95_ms + b2.p95_ms) / 2),
        servers_req_per_s: `${a1.reqPerSec}/${b1.reqPerSec}/${b2.reqPerSec}/${a2.reqPerSec}`,
      };
      routingLines.push(line);
      lines.push(`routing-patch ${Object.entries(line).map(([k, v]) => (k === "page" ? v : `${k}=${v}`)).join(" ")}`);
    }
  let decisionLine: Record<string, number> | null = null;
  if (decisionIssuing) {
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
    const d = sorted(decisionIssuing.decision);
    const i = sorted(decisionIssuing.issue);
    decisionLine = {
      rounds: decisionIssuing.rounds,
      decision_p50_ms: round(percentile(d, 50)),
      decision_p95_ms: round(percentile(d, 95)),
      issue_p50_ms: round(percentile(i, 50)),
      issue_p95_ms: round(percentile(i, 95)),
      without_issuing_p50_ms: round(percentile(d, 50) - percentile(i, 50)),
      ratio_with_to_without: round(percentile(d, 50) / (percentile(d, 50) - percentile(i, 50))),
    };
    lines.push(`decision-issuing ${Object.entries(decisionLine).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  }
  if (mapping.result) {
    const a = [...mapping.result.accept].sort((x, y) => x - y);
    lines.push(`mapping-in-place rounds=${mapping.result.rounds} p50_ms=${round(percentile(a, 50))} p95_ms=${round(percentile(a, 95))} budget_p95_ms=${MAPPING_IN_PLACE_BUDGET_P95_MS}`);
  }
  for (const [i, b] of (bursts.result ?? []).entries()) {
    const failed = Object.entries(b.statuses).filter(([status]) => Number(status) >= 500).reduce((n, [, count]) => n + count, 0);
    lines.push(
      `burst-${BURST_SIZE} round=${i + 1} database=${url ? "postgres" : "pglite"} statuses=${Object.entries(b.statuses).map(([k, v]) => `${k}:${v}`).join(",")} non2xx_5xx=${failed} latency_p50_ms=${round(percentile(b.latencyMs, 50))} latency_max_ms=${round(b.latencyMs[b.latencyMs.length - 1])} loop_p99_ms=${round(b.loop.p99_ms)} loop_max_ms=${round(b.loop.max_ms)} gc_pause_max_ms=${round(b.loop.gc_max_ms)} gc_pause_total_ms=${round(b.loop.gc_total_ms)} budget_loop_p99_ms=${BURST_LOOP_BUDGET_P99_MS}`,
    );
  }
  const maxJs = Math.max(...Object.values(js).map((v) => v.gzipKB));
  lines.push(`public-js gzip_kb_max=${maxJs} ${Object.entries(js).map(([k, v]) => `${k}=${v.gzipKB}`).join(" ")}`);
  for (const line of lines) log(line);

  mkdirSync(resultsDir, { recursive: true });

  const report = {
    at: new Date().toISOString(),
    database,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` },
    settings: { durationSeconds: DURATION_S, warmupSeconds: WARMUP_S, connections: CONNECTIONS, only: ONLY?.source ?? null },
    loadAverage: os.loadavg(),
    data: sizes,
    goals: { p95_ms: 25, throughput_ratio: 0.5, public_js_gzip_kb: 120 },
    ...phases,
    publicJs: js,
    decisionIssuing: decisionLine,
    mappingInPlace: mapping.result ?? null,
    routingPatch: routingLines,
    bursts: bursts.result ?? null,
    explain: plans,
  };
  const file = path.join(resultsDir, `latest${url ? "-postgres" : "-pglite"}.json`);
  writeFileSync(path.join(resultsDir, "latest.json"), JSON.stringify(report, null, 2));
  writeFileSync(file, JSON.stringify(report, null, 2));
  log(`load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  log(`results: ${path.relative(root, path.join(resultsDir, "latest.json"))} and ${path.relative(root, file)}`);
}

/** The document floor measured a second time, after every other uncached page. */
const FLOOR_AGAIN = "document-floor-again";

/** Measurements made against the uncached server after its pages (BENCH_ONLY may name them alone). */
const AFTER_PAGES = ["mapping-in-place", "burst"];

/** The pages the with-and-without comparison of the route-matching patches loads (decision 047). */
const ROUTING_COMPARE_PAGES = new Set([
  "bare",
  "bare-http",
  "document-floor",
  "provider-profile",
  "directory-search-new-words",
  "signed-in provider-dashboard",
  "signed-in reviewer-form",
  "signed-in staff-applications",
]);

/**
 * The route-matching patches on and off (decision 047), on the same pages, in four servers one after another: with,
 * without, without, with (each window half as long as the other phases'), so a drift of the host's load over the
 * comparison weighs on both sides alike. Without them, each file a patch changes is copied beside itself with the
 * patch reversed and bench/unpatched-routing.mjs makes the server load the copies, which are removed afterwards.
 */
async function measureRoutingComparison(url: string | undefined, dataDir: string, pages: PageSpec[]): Promise<{ patched: PageResult[][]; unpatched: PageResult[][] }> {
  const patchFiles = readdirSync(path.join(root, "patches")).filter((f) => /^(@remix-run\+router|@remix-run\+react|react-router-dom)\+/.test(f));
  if (patchFiles.length !== 3) throw new Error(`expected the three route-matching patches, found: ${patchFiles.join(", ")}`);
  const compared = pages.filter(([page]) => ROUTING_COMPARE_PAGES.has(page));
  const window = Math.max(2, DURATION_S / 2);
  const copies: Record<string, string> = {};
  try {
    for (const patchFile of patchFiles) {
      const patchPath = path.join(root, "patches", patchFile);
      const target = /^\+\+\+ b\/(\S+)$/m.exec(readFileSync(patchPath, "utf8"))?.[1];
      if (!target) throw new Error(`no target file in ${patchFile}`);
      const original = path.join(root, target);
      const copy = original.replace(/\.js$/, ".bench-unpatched.js");
      writeFileSync(copy, readFileSync(original));
      copies[original] = copy;
      const r = spawnSync("patch", ["-R", "-s", copy, "-i", patchPath], { stdio: "inherit" });
      if (r.status !== 0) throw new Error(`could not reverse ${patchFile}`);
    }
    const withPatches = (n: number) => measureServer(`routing-patched-${n}`, { PAGE_CACHE: "off" }, url, dataDir, compared, [], undefined, window);
    const withoutPatches = (n: number) =>
      measureServer(`routing-unpatched-${n}`, { PAGE_CACHE: "off", BENCH_UNPATCHED_ROUTING: JSON.stringify(copies) }, url, dataDir, compared, ["--import", path.join(root, "bench/unpatched-routing.mjs")], undefined, window);
    const a1 = await withPatches(1);
    const b1 = await withoutPatches(1);
    const b2 = await withoutPatches(2);
    const a2 = await withPatches(2);
    return { patched: [a1, a2], unpatched: [b1, b2] };
  } finally {
    for (const copy of Object.values(copies)) rmSync(copy, { force: true });
  }
}

/** Starts the production server with `env`, loads each page in turn (warm-up, then the window), stops it. */
/** Something done beside a page's load (started with the warm-up, stopped after the window). */
type Beside = () => () => Promise<void>;
/** A page: its name, the paths its load goes through, something done beside it, request headers (a session cookie). */
type PageSpec = [string, string[], Beside?, Record<string, string>?];

async function measureServer(
  phase: string,
  env: Record<string, string>,
  url: string | undefined,
  dataDir: string,
  allPages: PageSpec[],
  nodeArgs: string[] = [],
  /** Runs against the server after its pages are measured, before it stops. */
  after?: (base: string, loopDelay: () => Promise<LoopDelay>) => Promise<void>,
  windowS = DURATION_S,
): Promise<PageResult[]> {
  const floorPages = new Set(["bare", "bare-http", "document-floor", FLOOR_AGAIN]);
  const pages = ONLY ? allPages.filter(([page]) => floorPages.has(page) || ONLY.test(page)) : allPages;
  // Nothing of this phase was asked for: skip its server (unless what runs after its pages was).
  const afterAsked = after !== undefined && ONLY !== null && AFTER_PAGES.some((name) => ONLY.test(name));
  if (ONLY && !afterAsked && pages.every(([page]) => floorPages.has(page))) return [];
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn("node", [...SERVER_NODE_FLAGS, "--import", path.join(root, "bench/loop-delay.mjs"), ...nodeArgs, "server.mjs"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      SEED: "off",
      EMAIL_WORKER: "off",
      DEV_MAILBOX: "on",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: base,
      ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }),
      ...env,
    },
  });
  server.stdout?.on("data", (b: Buffer) => process.stdout.write(`server (${phase}): ${b}`));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
  try {
    await waitFor(`${base}/healthz`, 60_000);
    // Paths must answer 200 before they are measured (verify answers revoked/expired ones too).
    for (const [, paths, , headers] of pages)
      for (const p of paths.slice(0, 25)) {
        const res = await fetch(base + p, { headers, redirect: "manual" });
        if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
      }
    const loopDelay = () =>
      new Promise<LoopDelay>((resolve) => {
        server.once("message", (m: { loop: LoopDelay }) => resolve(m.loop));
        server.send("loop");
      });
    const results: PageResult[] = [];
    for (const [page, paths, beside, headers] of pages) {
      // The window goes on where the warm-up stopped: a list longer than both never repeats a path.
      const cursor = { next: 0 };
      const stopBeside = beside?.();
      try {
        await load(base, page, paths, WARMUP_S, cursor, headers);
        await loopDelay();
        const result = await load(base, page, paths, windowS, cursor, headers);
        const loop = await loopDelay();
        results.push({ ...result, loopP99_ms: round(loop.p99_ms), loopMax_ms: round(loop.max_ms), gcPauseMax_ms: round(loop.gc_max_ms) });
        log(`  ${phase} ${page}: ${result.reqPerSec} req/s, p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, non2xx ${result.non2xx}`);
      } finally {
        await stopBeside?.();
      }
    }
    await after?.(base, loopDelay);
    return results;
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
