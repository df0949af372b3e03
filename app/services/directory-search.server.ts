/**
 * Directory search: free text, filters, disjunctive facet counts, order and paging over an in-memory index of
 * `directory_entries` keyed by `directory_state.version`. Free text is matched and ranked in memory exactly as
 * PostgreSQL would (directory-text.server.ts, decision 053); a word that is not one prefix operand goes to
 * PostgreSQL (GIN + ts_rank).
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { competencies, frameworks } from "../../db/schema";
import { queryRows } from "../../db/client.server";
import { FACETS, searchWords, type DirectoryQuery, type Facet } from "~/domain/directory";
import { firstInOrder } from "~/domain/pagination";
import { db as defaultDb, type Database } from "./db.server";
import { freshReader } from "./fresh-reader";
import { today } from "./directory.server";
import { fetchEntryTexts, listedOn, rankEntries, textIndex, wordsQuery, type EntryText, type TextIndex } from "./directory-text.server";

export type DirectoryHit = {
  slug: string;
  name: string;
  country: string | null;
  status: "active" | "suspended";
  summary: string;
  areas: string[];
  levels: string[];
  modes: string[];
  languages: string[];
  courseCount: number;
  validUntil: string;
  accreditedOn: string;
};

export type FacetCount = { value: string; count: number };
export type DirectorySearchResult = {
  total: number;
  page: number;
  pageCount: number;
  hits: DirectoryHit[];
  facets: Record<Facet, FacetCount[]>;
};

/**
 * Prefix query over the words (`asyn` finds async). Each word is matched both unstemmed (names are
 * indexed with the simple configuration) and stemmed (descriptions and outcomes use English).
 */
export function prefixTsquery(words: string[]): SQL {
  // An English stop word ("the") becomes an empty query, which && ignores, as web search does. When the
  // stem is the word itself ('async'), one operand is enough: ranking then scans each row once.
  const parts = words.map(
    (w) => sql`(select case when numnode(e) = 0 then e when s = e then s else s || e end
      from (select to_tsquery('simple', ${`${w}:*`}) as s, to_tsquery('english', ${`${w}:*`}) as e) as t)`,
  );
  return sql.join(parts, sql` && `);
}

// ---------------------------------------------------------------------------------------------------
// The facet index: the facet columns of every directory entry, held in memory by each web process.
//
// Exact disjunctive facet counts over thousands of matches cost PostgreSQL tens of milliseconds (one
// unnest and hash aggregate per facet); counting in memory costs well under one. The index is keyed
// by `directory_state.version`, which every refresh sets to a new random value in its own transaction,
// and each search reads that one row first: a suspension committed a moment ago is never answered
// from a stale index, in this process or any other. Each entry also holds its free text (EntryText).

/** An entry with its facet values coded as small integers per facet (in FACETS order), for fast counting. */
type IndexedEntry = DirectoryHit & { id: string; accreditedMs: number; codes: number[][]; position: number; xmin: string; text?: EntryText };
type FacetIndex = {
  version: string;
  /** Per facet (FACETS order): the distinct values, indexed by code. */
  values: string[][];
  codeOf: Map<string, number>[];
  byName: IndexedEntry[];
  byNewest: IndexedEntry[];
  /** By position. */
  entries: IndexedEntry[];
  /**
   * What a search reads of every entry, by position in flat arrays: walking thousands of entry objects in name
   * order cost more than matching the text. Per facet, entry p's codes are values[starts[p]] … values[starts[p + 1]].
   */
  validUntil: string[];
  facetCodes: { starts: Int32Array; values: Int32Array }[];
  /** Each position's place in byName and in byNewest. */
  nameOrder: Int32Array;
  newestOrder: Int32Array;
  /** The entries' text, for matching and ranking in memory. */
  text: TextIndex;
  /** The published framework's area titles by code (facet labels): publishing sets a new directory version. */
  areaTitles: Record<string, string>;
  /** Each entry's position (its slot in a search's rank array), by organisation id. */
  positionOf: Map<string, number>;
  /**
   * Recent searches' text matches as ranks by entry position (NaN: no match). Kept on the index, so they
   * live and die with its directory version; paging and ticking facets reuse them. Bounded by entries held.
   */
  matches: Map<string, Float32Array>;
};

const facetIndexes = new WeakMap<Database, { index?: FacetIndex; loading?: { version: string; promise: Promise<FacetIndex> } }>();

/** The directory's current version: every refresh of a directory entry sets a new one, in its transaction. */
async function directoryVersion(db: Database = defaultDb): Promise<string> {
  const [row] = await queryRows<{ version: string | number }>(db, sql`select version from directory_state where id = 1`);
  return row ? String(row.version) : "none";
}

/** The same, with concurrent callers sharing reads (never one that began before they called: fresh-reader.ts). */
const versionReaders = new WeakMap<Database, () => Promise<string>>();
export function currentDirectoryVersion(db: Database = defaultDb): Promise<string> {
  let reader = versionReaders.get(db);
  if (!reader) {
    reader = freshReader(() => directoryVersion(db));
    versionReaders.set(db, reader);
  }
  return reader();
}

const collator = new Intl.Collator("en", { sensitivity: "base" });
const FACET_COLUMN = { area: "areas", level: "levels", mode: "modes", language: "languages" } as const;

/**
 * The index of the directory at `version`. An entry's text is fetched again only when its row is new or was
 * rewritten since `previous` was loaded: `xmin`, the transaction that wrote the row version, changes with every
 * rewrite (a refresh's upsert rewrites the row even when nothing in it changed; so does any update). Anything else
 * that changes xmin (a freeze by VACUUM, a dump and restore) only causes a needless fetch of that entry.
 */
async function loadFacetIndex(db: Database, version: string, previous?: FacetIndex): Promise<FacetIndex> {
  // Named as the hit's fields, so a row is a hit and its organisation's id.
  const [rows, areas] = await Promise.all([
    queryRows<DirectoryHit & { id: string; xmin: string }>(
      db,
      sql`select organisation_id as id, xmin::text as xmin, slug, name, country, status, left(summary, 280) as summary, areas, levels, modes,
            languages, course_count as "courseCount", valid_until as "validUntil",
            to_char(accredited_at at time zone 'UTC', 'YYYY-MM-DD') as "accreditedOn"
          from directory_entries`,
    ),
    db.select({ code: competencies.code, title: competencies.title }).from(competencies)
      .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
      .where(and(eq(frameworks.status, "published"), eq(competencies.kind, "area"))),
  ]);
  const values: string[][] = FACETS.map(() => []);
  const codeOf: Map<string, number>[] = FACETS.map(() => new Map());
  const code = (f: number, value: string) => {
    let c = codeOf[f].get(value);
    if (c === undefined) {
      c = values[f].length;
      values[f].push(value);
      codeOf[f].set(value, c);
    }
    return c;
  };
  const entries: IndexedEntry[] = rows.map((r, position) => ({
    position,
    codes: FACETS.map((facet, f) => {
      const raw = facet === "country" ? (r.country ? [r.country] : []) : r[FACET_COLUMN[facet]];
      return raw.map((v) => code(f, v));
    }),
    ...r,
    courseCount: Number(r.courseCount),
    accreditedMs: Date.parse(`${r.accreditedOn}T00:00:00Z`),
  }));
  const byName = [...entries].sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
  const byNewest = [...entries].sort((a, b) => b.accreditedMs - a.accreditedMs || collator.compare(a.name, b.name));
  const positionOf = new Map(entries.map((e) => [e.id, e.position]));
  const placeIn = (order: IndexedEntry[]) => {
    const place = new Int32Array(entries.length);
    order.forEach((e, i) => (place[e.position] = i));
    return place;
  };
  const facetCodes = FACETS.map((_, f) => {
    const starts = new Int32Array(entries.length + 1);
    entries.forEach((e, p) => (starts[p + 1] = starts[p] + e.codes[f].length));
    return { starts, values: Int32Array.from(entries.flatMap((e) => e.codes[f])) };
  });
  await attachTexts(db, entries, previous);
  const validUntil = entries.map((e) => e.validUntil);
  return {
    version,
    values,
    codeOf,
    byName,
    byNewest,
    entries,
    validUntil,
    facetCodes,
    nameOrder: placeIn(byName),
    newestOrder: placeIn(byNewest),
    text: textIndex(entries.map((e) => e.text), validUntil),
    areaTitles: Object.fromEntries(areas.map((r) => [r.code, r.title])),
    positionOf,
    matches: new Map(),
  };
}

/** Each entry's text: the previous index's when its row is unchanged, fetched for the rest. */
async function attachTexts(db: Database, entries: IndexedEntry[], previous?: FacetIndex): Promise<void> {
  const changed: IndexedEntry[] = [];
  for (const e of entries) {
    const position = previous?.positionOf.get(e.id);
    const text = position === undefined ? undefined : previous?.entries[position].text;
    if (text?.xmin === e.xmin) e.text = text;
    else changed.push(e);
  }
  if (changed.length === 0) return;
  // A refresh of the whole directory rewrites every row: then one read of all beats a list of thousands of ids.
  const texts = await fetchEntryTexts(db, changed.length < entries.length / 2 ? changed.map((e) => e.id) : "all");
  for (const e of changed) e.text = texts.get(e.id);
}

async function facetIndex(db: Database, version: string): Promise<FacetIndex> {
  let slot = facetIndexes.get(db);
  if (!slot) facetIndexes.set(db, (slot = {}));
  if (slot.index?.version === version) return slot.index;
  // Requests arriving while the index loads share the one load.
  if (slot.loading?.version !== version) {
    const promise = loadFacetIndex(db, version, slot.index);
    slot.loading = { version, promise };
    promise.then(
      (index) => {
        if (slot.loading?.promise === promise) {
          slot.index = index;
          slot.loading = undefined;
        }
      },
      () => {
        if (slot.loading?.promise === promise) slot.loading = undefined;
      },
    );
  }
  return slot.loading.promise;
}

/** Loads the index ahead of the first search (at start, not awaited): reading every entry takes 1.6 s at 10,000. */
export async function warmDirectoryIndex(db: Database = defaultDb): Promise<void> {
  await facetIndex(db, await currentDirectoryVersion(db));
}

/**
 * The ranks of the entries matching the words (GIN index, ranked on the inline vector), by the index's entry
 * positions (NaN: no match). Thousands of matches come back as two comma-joined strings: splitting them is
 * far cheaper than thousands of row objects or a parsed uuid[] array.
 */
async function textMatches(db: Database, index: FacetIndex, words: string[], day: string): Promise<Float32Array> {
  const [row] = await queryRows<{ ids: string | null; ranks: string | null }>(
    db,
    // Both aggregates of one plain Agg node are fed the same rows in the same order.
    sql`select string_agg(organisation_id::text, ',') as ids, string_agg(rank::text, ',') as ranks
        from directory_text_matches(${prefixTsquery(words)}, ${day})`,
  );
  const ranks = new Float32Array(index.byName.length).fill(NaN);
  if (!row?.ids || !row.ranks) return ranks;
  const ids = row.ids.split(",");
  const values = row.ranks.split(",");
  for (let i = 0; i < ids.length; i++) {
    const position = index.positionOf.get(ids[i]);
    // A float4 as PostgreSQL prints it (shortest round trip), back to the same float, as the in-memory ranks are.
    if (position !== undefined) ranks[position] = Math.fround(Number(values[i]));
  }
  return ranks;
}

/**
 * Search: free text (in memory, or in PostgreSQL for a phrase word), then filters, facet counts, order and page over
 * the facet index.
 * Facet counts are disjunctive: a facet counts over the entries matching everything except its own
 * selection, so ticking a second value of the same facet shows what it would add.
 */
export async function searchDirectory(query: DirectoryQuery, day: string = today(), db: Database = defaultDb): Promise<DirectorySearchResult> {
  return searchAt(query, day, db, await currentDirectoryVersion(db));
}

/** The search page: the search and the area titles that label its facets, of one directory version. */
export async function searchPage(query: DirectoryQuery, day: string = today(), db: Database = defaultDb) {
  const version = await currentDirectoryVersion(db);
  const [result, index] = await Promise.all([searchAt(query, day, db, version), facetIndex(db, version)]);
  return { result, areaTitles: index.areaTitles };
}

async function searchAt(query: DirectoryQuery, day: string, db: Database, version: string): Promise<DirectorySearchResult> {
  const key = JSON.stringify([day, searchWords(query.q), query.area, query.level, query.mode, query.country, query.language, query.sort, query.page, query.perPage]);
  const cache = resultCaches.get(db) ?? new Map<string, { version: string; result: DirectorySearchResult }>();
  resultCaches.set(db, cache);
  const cached = cache.get(key);
  if (cached && cached.version === version) {
    // Re-inserted so the Map's order stays least-recently-used first.
    cache.delete(key);
    cache.set(key, cached);
    return cached.result;
  }
  const result = await computeSearch(query, day, db, version);
  cache.set(key, { version, result });
  if (cache.size > RESULT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

/** Recent results, valid while `directory_state.version` is unchanged (read before every answer). */
const RESULT_CACHE_SIZE = 500;
const resultCaches = new WeakMap<Database, Map<string, { version: string; result: DirectorySearchResult }>>();

/** At most this many entry slots of rank arrays are held per index (4 bytes each: ranks are float4): 64 searches at 10,000 entries. */
const MATCH_CACHE_SLOTS = 640_000;

/** A search's ranks by entry position: from the index's recent searches, in memory, or from PostgreSQL. */
async function rankedMatches(db: Database, index: FacetIndex, words: string[], day: string): Promise<Float32Array> {
  const key = JSON.stringify([day, words]);
  const hit = index.matches.get(key);
  if (hit) {
    index.matches.delete(key);
    index.matches.set(key, hit);
    return hit;
  }
  const query = await wordsQuery(db, words);
  const ranks = query === undefined ? await textMatches(db, index, words, day) : rankEntries(index.text, query, day);
  index.matches.set(key, ranks);
  for (const k of index.matches.keys()) {
    if (index.matches.size * ranks.length <= MATCH_CACHE_SLOTS || index.matches.size <= 1) break;
    index.matches.delete(k);
  }
  return ranks;
}

async function computeSearch(query: DirectoryQuery, day: string, db: Database, version: string): Promise<DirectorySearchResult> {
  const words = searchWords(query.q);
  const index = await facetIndex(db, version);
  const ranks = words.length > 0 ? await rankedMatches(db, index, words, day) : null;

  // Selected values as code flags per facet; a value nobody has cannot match (and is still shown, at 0).
  const selected = FACETS.map((facet, f) => {
    if (query[facet].length === 0) return null;
    const flags = new Uint8Array(index.values[f].length);
    for (const v of query[facet]) {
      const c = index.codeOf[f].get(v);
      if (c !== undefined) flags[c] = 1;
    }
    return flags;
  });
  const counts = index.values.map((v) => new Int32Array(v.length));
  const all = (1 << FACETS.length) - 1;
  const { validUntil, facetCodes } = index;
  const listed = listedOn(validUntil, day);
  // Positions of the entries that match everything.
  const matching: number[] = [];
  const filtered = selected.some((flags) => flags !== null);
  // Plain indexed loops over flat arrays, in position order (counting is order-free): this runs over every listed
  // entry on every search.
  for (let position = 0; position < validUntil.length; position++) {
    if (ranks !== null && ranks[position] !== ranks[position]) continue; // NaN: the words do not match this entry
    if (listed[position] === 0) continue;
    let failed = 0;
    if (filtered) {
      for (let f = 0; f < FACETS.length; f++) {
        const flags = selected[f];
        if (flags === null) continue;
        const { starts, values } = facetCodes[f];
        let hit = false;
        for (let k = starts[position]; k < starts[position + 1] && !hit; k++) hit = flags[values[k]] === 1;
        if (!hit) failed |= 1 << f;
      }
    }
    if (failed === 0) matching.push(position);
    for (let f = 0; f < FACETS.length; f++) {
      if ((failed & (all ^ (1 << f))) !== 0) continue;
      const { starts, values } = facetCodes[f];
      const tally = counts[f];
      for (let k = starts[position]; k < starts[position + 1]; k++) tally[values[k]]++;
    }
  }
  // Name (or newest) order; relevance orders by rank, keeping name order among equals. Only the entries up to the
  // page's end are put in order by rank: sorting thousands of matches cost more than matching them.
  const offset = (query.page - 1) * query.perPage;
  let page: IndexedEntry[];
  if (ranks && query.sort === "relevance") {
    const { nameOrder } = index;
    const rankOf = matching.map((p) => ranks[p]);
    const nameOf = matching.map((p) => nameOrder[p]);
    const first = firstInOrder(matching.length, offset + query.perPage, (a, b) => rankOf[a] > rankOf[b] || (rankOf[a] === rankOf[b] && nameOf[a] < nameOf[b]));
    page = first.slice(offset).map((i) => index.entries[matching[i]]);
  } else {
    const [order, place] = query.sort === "newest" ? [index.byNewest, index.newestOrder] : [index.byName, index.nameOrder];
    const places = Int32Array.from(matching, (p) => place[p]).sort();
    page = Array.from(places.subarray(offset, offset + query.perPage), (i) => order[i]);
  }

  const facets = Object.fromEntries(
    FACETS.map((facet, f) => [
      facet,
      index.values[f]
        .map((value, c) => ({ value, count: counts[f][c] }))
        .filter((v) => v.count > 0)
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    ]),
  ) as Record<Facet, FacetCount[]>;
  return {
    total: matching.length,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(matching.length / query.perPage)),
    hits: page.map(({ id: _id, accreditedMs: _a, codes: _c, xmin: _x, text: _t, ...hit }) => hit),
    facets,
  };
}

