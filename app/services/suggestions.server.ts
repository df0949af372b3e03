import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.server";
import type { Database } from "./db.server";

export type Suggestion = { competencyId: string; code: string; title: string; score: number };

const SUGGESTIONS_SHOWN = 5;
/** How many competencies, best by text rank, a module's trigram similarity is computed for. */
const CANDIDATES = 15;

/** A module to suggest competencies for: its key in the answer, its text, and the competencies it already maps. */
type ModuleText = { id: string; title: string; learningOutcomes: string; mappedCompetencyIds: string[] };

/**
 * Rank the framework's competencies for each module by PostgreSQL text search, no external service: a module's
 * title and learning outcomes become an OR-query of their English lexemes, ranked with ts_rank against each
 * competency's weighted vector (code + title weighted A, description B), blended with pg_trgm word similarity so
 * near-spellings ("borrowing" / "borrow checker") still score. Every module of a page in one statement (a lateral
 * join per module), not one round trip each: a 20-module course is one query. Each module's list leaves out the
 * competencies it already maps.
 */
export async function suggestionsForModules(
  db: Database,
  frameworkId: string,
  modules: ModuleText[],
  limit = SUGGESTIONS_SHOWN,
): Promise<Record<string, Suggestion[]>> {
  const out: Record<string, Suggestion[]> = Object.fromEntries(modules.map((m) => [m.id, []]));
  const cache = rankedCaches.get(db) ?? new Map<string, Suggestion[]>();
  rankedCaches.set(db, cache);
  const keyOf = (m: ModuleText) => JSON.stringify([frameworkId, limit, [...m.mappedCompetencyIds].sort(), bodyOf(m)]);
  const missed: { module: ModuleText; key: string }[] = [];
  for (const m of modules) {
    const key = keyOf(m);
    const hit = cache.get(key);
    if (!hit) {
      missed.push({ module: m, key });
      continue;
    }
    // Re-inserted so the Map's order stays least-recently-used first.
    cache.delete(key);
    cache.set(key, hit);
    out[m.id] = [...hit];
  }
  if (missed.length === 0) return out;
  // Quoted lexemes cast straight to tsquery: already normalised, and no user text is parsed as query syntax.
  const values = sql.join(
    missed.map(({ module: m }, i) => sql`(${i}::int, ${bodyOf(m)}::text, ${`{${m.mappedCompetencyIds.join(",")}}`}::uuid[])`),
    sql`, `,
  );
  const rows = await queryRows<{ ord: number | null; id: string; code: string; title: string; score: number }>(
    db,
    sql`
      with m(ord, body, exclude) as (values ${values}),
      -- Materialised: inlined, PostgreSQL would build each module's query again for every competency it is matched with.
      q as materialized (
        select m.ord, lower(m.body) as body, m.exclude,
          (select nullif(string_agg(quote_literal(lexeme), ' | '), '')::tsquery from unnest(to_tsvector('english', m.body))) as query
        from m
      )
      select q.ord, s.id, s.code, s.title, s.score
      from q cross join lateral (
        -- The trigram terms cost far more than the text rank (each compares the module's whole text with a
        -- competency's), so they are computed for the best-ranked candidates only.
        select r.id, r.code, r.title,
          (r.rank + word_similarity(lower(r.title), q.body) * 0.3 + similarity(lower(r.title || ' ' || r.description), q.body) * 0.2)::float8 as score
        from (
          select c.id, c.code, c.title, c.description, coalesce(ts_rank(c.search, q.query), 0) as rank
          from competencies c
          where c.framework_id = ${frameworkId}
            and c.kind = 'competency'
            and q.query is not null and c.search @@ q.query
            and c.id <> all(q.exclude)
          order by rank desc, c.code asc
          limit ${CANDIDATES}
        ) r
        order by score desc, r.code asc
        limit ${limit}
      ) s
      -- One more row, with no module: the version's status (a draft's competencies may still be edited).
      union all select null, null, f.status, null, 0 from frameworks f where f.id = ${frameworkId}
      order by 1, 5 desc, 3 asc
    `,
  );
  let draft = true;
  const found: Suggestion[][] = missed.map(() => []);
  for (const r of rows) {
    if (r.ord === null) draft = r.code === "draft";
    else found[r.ord].push({ competencyId: r.id, code: r.code, title: r.title, score: Number(r.score) });
  }
  missed.forEach(({ module: m, key }, i) => {
    out[m.id] = found[i];
    if (draft) return;
    cache.set(key, [...found[i]]);
    if (cache.size > RANKED_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  });
  return out;
}

/** What a module's suggestions are ranked on: its title and outcomes, at most 8,000 characters. */
const bodyOf = (m: ModuleText) => `${m.title}\n${m.learningOutcomes}`.slice(0, 8000);

/**
 * Recent modules' suggestions, by framework version, module text and what the module maps. A version that is no
 * longer a draft never changes its competencies, so an answer for it stays true: a page re-read after one edit
 * (a fetcher's revalidation) ranks only the module that changed. Drafts are never held. Bounded, least recently
 * used first out.
 */
const RANKED_CACHE_SIZE = 5_000;
const rankedCaches = new WeakMap<Database, Map<string, Suggestion[]>>();

/** Suggestions for one module's text (the same ranking as a page's modules). */
export async function suggestForModule(
  db: Database,
  input: { frameworkId: string; title: string; learningOutcomes: string; exclude?: string[]; limit?: number },
): Promise<Suggestion[]> {
  const one = { id: "module", title: input.title, learningOutcomes: input.learningOutcomes, mappedCompetencyIds: input.exclude ?? [] };
  return (await suggestionsForModules(db, input.frameworkId, [one], input.limit))[one.id];
}
