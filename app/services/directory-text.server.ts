/**
 * The directory's free text in memory (decision 053): each entry's lexemes of `search` for matching and its
 * `rank_vector` for ranking, so a never-seen search costs PostgreSQL one tiny query for its words' lexemes
 * instead of a GIN scan and thousands of ts_rank calls. Matches and ranks equal PostgreSQL's
 * (`directory_text_matches`); app/domain/ts-rank.ts reimplements `@@` and `ts_rank` for these queries.
 */
import { sql } from "drizzle-orm";
import { anyOfIds, queryRows } from "../../db/client.server";
import { lowerBound, packRankVector, parseTsvector, prefixOperands, prefixQuery, rankQuery, tsRank, wordPart, type PrefixQuery, type RankVector } from "~/domain/ts-rank";
import type { Database } from "./db.server";

/** An entry's text as of the row version `xmin`: the vocabulary ids of its `search` lexemes, and its rank vector. */
export type EntryText = { xmin: string; lexemeIds: Int32Array; rank: RankVector };

// Every lexeme of the directory, numbered once per process (thousands of distinct words, not millions): entries
// hold numbers, and a prefix is looked up once per search, in the sorted vocabulary.
// It only grows, by the words the directory has held since start.
const vocabulary = new Map<string, number>();
const lexemeOf: string[] = [];
let sorted: { keys: string[]; ids: Int32Array } | undefined;

function lexemeId(key: string): number {
  let id = vocabulary.get(key);
  if (id === undefined) {
    id = lexemeOf.length;
    vocabulary.set(key, id);
    lexemeOf.push(key);
    sorted = undefined;
  }
  return id;
}

function sortedVocabulary(): { keys: string[]; ids: Int32Array } {
  if (!sorted) {
    const ids = Int32Array.from(lexemeOf.keys()).sort((a, b) => (lexemeOf[a] < lexemeOf[b] ? -1 : 1));
    sorted = { keys: Array.from(ids, (id) => lexemeOf[id]), ids };
  }
  return sorted;
}

/** By vocabulary id, the positions (ascending) of the entries whose `search` holds that lexeme. */
export type Postings = Int32Array[];

/** What matching and ranking read of an index's entries, by position: postings, rank vectors, valid-until dates. */
export type TextIndex = { postings: Postings; rankVectors: (RankVector | undefined)[]; validUntil: string[] };

/** The text index of entries by position (undefined: an entry whose text could not be read; it matches nothing). */
export function textIndex(texts: (EntryText | undefined)[], validUntil: string[]): TextIndex {
  const counts = new Int32Array(lexemeOf.length);
  for (const text of texts) {
    if (!text) continue;
    const ids = text.lexemeIds;
    for (let k = 0; k < ids.length; k++) counts[ids[k]]++;
  }
  const postings = Array.from(counts, (count) => new Int32Array(count));
  counts.fill(0);
  for (let position = 0; position < texts.length; position++) {
    const ids = texts[position]?.lexemeIds;
    if (ids) for (let k = 0; k < ids.length; k++) postings[ids[k]][counts[ids[k]]++] = position;
  }
  return { postings, rankVectors: texts.map((text) => text?.rank), validUntil };
}

/** Entry texts fetched from the database since start (tests check that an unchanged entry is not fetched again). */
export const textFetches = { entries: 0 };

/**
 * The texts of the entries with these organisation ids, or of every entry (`"all"`), with the xmin they were
 * read at. `strip(search)` keeps the lexemes in storage order and parses with the rank vector's parser.
 */
export async function fetchEntryTexts(db: Database, ids: string[] | "all"): Promise<Map<string, EntryText>> {
  const which = ids === "all" ? sql`true` : anyOfIds(sql`organisation_id`, ids);
  const rows = await queryRows<{ id: string; xmin: string; search: string; rank: string }>(
    db,
    sql`select organisation_id as id, xmin::text as xmin, strip(search)::text as search, rank_vector::text as rank
        from directory_entries where ${which}`,
  );
  textFetches.entries += rows.length;
  return new Map(
    rows.map((r) => {
      const parsed = parseTsvector(r.rank);
      const rank = packRankVector(Int32Array.from(parsed.lexemes, lexemeId), parsed);
      return [r.id, { xmin: r.xmin, lexemeIds: Int32Array.from(parseTsvector(r.search).lexemes, lexemeId), rank }];
    }),
  );
}

/** Each search word's part of the query (its prefix operands), or null when only PostgreSQL can answer it. */
const WORD_CACHE_SIZE = 10_000;
const wordParts = new Map<string, string[] | null>();

/**
 * The query of the words as `prefixTsquery` builds it, from the per-process cache or from one small query for
 * all uncached words: undefined when a word is not one prefix operand per configuration (a phrase, say),
 * null when the query is empty (only stop words: matches nothing, as in PostgreSQL).
 */
export async function wordsQuery(db: Database, words: string[]): Promise<PrefixQuery | null | undefined> {
  const missing = words.filter((w) => !wordParts.has(w));
  if (missing.length > 0) {
    // Words are letters and digits only (searchWords): no space inside one, nothing tsquery syntax reads.
    const rows = await queryRows<{ w: string; s: string; e: string }>(
      db,
      sql`select w, to_tsquery('simple', w || ':*')::text as s, to_tsquery('english', w || ':*')::text as e
          from unnest(string_to_array(${missing.join(" ")}, ' ')) as w`,
    );
    for (const { w, s, e } of rows) {
      const simple = prefixOperands(s);
      const english = prefixOperands(e);
      wordParts.set(w, simple && english && wordPart(simple, english));
      if (wordParts.size > WORD_CACHE_SIZE) wordParts.delete(wordParts.keys().next().value as string);
    }
  }
  const parts: string[][] = [];
  for (const w of words) {
    const part = wordParts.get(w);
    if (!part) return undefined;
    // Re-inserted so the Map's order stays least-recently-used first.
    wordParts.delete(w);
    wordParts.set(w, part);
    parts.push(part);
  }
  return prefixQuery(parts);
}

/**
 * The ranks of the entries (by position) matching the query and listed on `day` (NaN: no match),
 * as `directory_text_matches` would answer: an entry matches when each part has an operand that is a prefix of
 * one of its lexemes (`@@`, no weight restriction in these queries), and is then ranked on its rank vector.
 */
const listedFlags = new WeakMap<string[], { day: string; flags: Uint8Array }>();

/**
 * 1 at each position whose entry is still valid on `day` (`valid_until >= day`), else 0: worked out once per index
 * and day, not by comparing 10,000 date strings on every search (twice: when ranking and when counting facets).
 */
export function listedOn(validUntil: string[], day: string): Uint8Array {
  const held = listedFlags.get(validUntil);
  if (held && held.day === day) return held.flags;
  const flags = new Uint8Array(validUntil.length);
  for (let i = 0; i < validUntil.length; i++) flags[i] = validUntil[i] >= day ? 1 : 0;
  listedFlags.set(validUntil, { day, flags });
  return flags;
}

export function rankEntries({ rankVectors, validUntil, postings }: TextIndex, query: PrefixQuery | null, day: string): Float32Array {
  const ranks = new Float32Array(rankVectors.length).fill(NaN);
  if (!query) return ranks;
  const { keys, ids } = sortedVocabulary();
  // How many parts each entry has matched: an entry counts for part p only when it matched every part before.
  const matched = new Uint8Array(rankVectors.length);
  query.parts.forEach((part, p) => {
    for (const operand of part) {
      for (let k = lowerBound(keys, operand); k < keys.length && keys[k].startsWith(operand); k++) {
        // A lexeme new since these postings were built is in none of this index's entries.
        const list = postings[ids[k]] ?? [];
        for (let j = 0; j < list.length; j++) if (matched[list[j]] === p) matched[list[j]] = p + 1;
      }
    }
  });
  const ranking = rankQuery(query, keys, ids, lexemeOf.length);
  const listed = listedOn(validUntil, day);
  for (let i = 0; i < rankVectors.length; i++) {
    if (matched[i] !== query.parts.length) continue;
    const vector = rankVectors[i];
    if (vector && listed[i] === 1) ranks[i] = tsRank(vector, ranking);
  }
  return ranks;
}
