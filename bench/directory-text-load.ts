/**
 * What the in-memory directory text costs on the benchmark data (decision 053): the first search after start
 * (every entry's lexemes and rank vector loaded), a reload after one entry changed (that one fetched again), and
 * the in-memory match and rank of never-seen words. The change happens inside a transaction that is rolled back,
 * so the database is left as it was. Usage: DATABASE_URL=… npx tsx bench/directory-text-load.ts
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { parseDirectoryQuery } from "~/domain/directory";
import { databaseHandle, db, type Database } from "~/services/db.server";
import { searchDirectory } from "~/services/directory-search.server";
import { fetchEntryTexts, textFetches, textIndex } from "~/services/directory-text.server";
import { queryRows } from "../db/client.server";

const DAY = new Date().toISOString().slice(0, 10);
const search = (q: string, on: Database = db) => searchDirectory(parseDirectoryQuery(new URLSearchParams({ q })).query, DAY, on);

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const fetched = textFetches.entries;
  const start = performance.now();
  const result = await run();
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms, ${textFetches.entries - fetched} entry texts fetched`);
  return result;
}

const [{ count }] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from directory_entries`);
console.log(`${count} directory entries`);
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
await timed("first search after start (full load)", () => search("rust"));
global.gc?.();
console.log(`heap used by the index (facets and text): ${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(0)} MB`);

// The parts of a load: every entry's text (query and parse), and the text index (postings) built on each new version.
const texts = await timed("every entry's text fetched and parsed", () => fetchEntryTexts(db, "all"));
const builds: number[] = [];
for (let i = 0; i < 10; i++) {
  const start = performance.now();
  textIndex([...texts.values()], Array.from(texts.values(), () => "9999-12-31"));
  builds.push(performance.now() - start);
}
builds.sort((a, b) => a - b);
console.log(`text index (postings) built (per new version): median ${builds[5].toFixed(1)} ms`);

// Never-seen words (each a new prefix), answered in memory after their lexemes are cached by one small query.
const words = ["asy", "borr", "conc", "engin", "lifet", "memor", "ownersh", "produc", "servi", "trai", "macr", "tokio"];
const times: number[] = [];
for (const w of words) {
  const start = performance.now();
  await search(`${w} ${w.slice(0, 2)}x`);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(`never-seen two-word searches in process (words' lexemes from PostgreSQL, match, rank, facets): median ${times[times.length >> 1].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);

class RolledBack extends Error {}
await db
  .transaction(async (tx) => {
    const bump = () => tx.execute(sql`update directory_state set version = (random() * 9e15)::bigint where id = 1`);
    await timed("first search in the transaction (full load)", () => search("rust", tx));
    await bump();
    await timed("reload after a new version, no row rewritten", () => search("rust", tx));
    await tx.execute(sql`update directory_entries set summary = summary where organisation_id = (select organisation_id from directory_entries order by slug limit 1)`);
    await bump();
    await timed("reload after one entry changed", () => search("rust", tx));
    throw new RolledBack();
  })
  .catch((error: unknown) => {
    if (!(error instanceof RolledBack)) throw error;
  });
await databaseHandle.close();
