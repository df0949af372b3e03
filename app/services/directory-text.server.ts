/**
 * The directory's free text in memory (decision 053): each entry's lexemes of `search` for matching and its
 * `rank_vector` for ranking, so a never-seen search costs PostgreSQL one tiny query for its words' lexemes
 * instead of a GIN scan and thousands of ts_rank calls. Matches and ranks equal PostgreSQL's
 * (`directory_text_matches`); app/domain/ts-rank.ts reimplements `@@` and `ts_rank` for these queries.
 */
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.server";
import { matchesQuery, parseTsvector, prefixOperands, prefixQuery, tsRank, wordPart, type PrefixQuery, type RankVector } from "~/domain/ts-rank";
import type { Database } from "./db.server";

/** An entry's text as of the row version `xmin`: its `search` lexemes (sorted, byte-order keys) and rank vector. */
export type EntryText = { xmin: string; lexemes: string[]; rank: RankVector };

// Equal lexemes of different entries share one string: a few thousand distinct words, not millions of copies.
const lexemeStrings = new Map<string, string>();
function intern(lexeme: string): string {
  const known = lexemeStrings.get(lexeme);
  if (known !== undefined) return known;
  lexemeStrings.set(lexeme, lexeme);
  return lexeme;
}

/** Entry texts fetched from the database since start (tests check that an unchanged entry is not fetched again). */
export const textFetches = { entries: 0 };

/**
 * The texts of the entries with these organisation ids, or of every entry (`"all"`), with the xmin they were
 * read at. `strip(search)` keeps the lexemes in storage order and parses with the rank vector's parser.
 */
export async function fetchEntryTexts(db: Database, ids: string[] | "all"): Promise<Map<string, EntryText>> {
  const which = ids === "all" ? sql`true` : sql`organisation_id = any(string_to_array(${ids.join(",")}, ',')::uuid[])`;
  const rows = await queryRows<{ id: string; xmin: string; search: string; rank: string }>(
    db,
    sql`select organisation_id as id, xmin::text as xmin, strip(search)::text as search, rank_vector::text as rank
        from directory_entries where ${which}`,
  );
  textFetches.entries += rows.length;
  return new Map(
    rows.map((r) => [r.id, { xmin: r.xmin, lexemes: parseTsvector(r.search, intern).lexemes, rank: parseTsvector(r.rank, intern) }]),
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
 * The ranks of the entries (in `positions` order) matching the query and listed on `day` (NaN: no match), as
 * `directory_text_matches` would answer. An entry without text (deleted while the index loaded) matches nothing.
 */
export function rankEntries(entries: { text?: EntryText; validUntil: string }[], query: PrefixQuery | null, day: string): Float64Array {
  const ranks = new Float64Array(entries.length).fill(NaN);
  if (!query) return ranks;
  for (let i = 0; i < entries.length; i++) {
    const { text, validUntil } = entries[i];
    if (text && validUntil >= day && matchesQuery(text.lexemes, query)) ranks[i] = tsRank(text.rank, query);
  }
  return ranks;
}
