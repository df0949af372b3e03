import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.server";
import type { Database } from "./db.server";

export type Suggestion = { competencyId: string; code: string; title: string; score: number };

const SUGGESTIONS_SHOWN = 5;

/**
 * Rank the framework's competencies for one module by PostgreSQL text search, no external service:
 * the module's title and learning outcomes become an OR-query of their English lexemes, ranked with
 * ts_rank against each competency's weighted vector (code + title weighted A, description B), blended
 * with pg_trgm word similarity so near-spellings ("borrowing" / "borrow checker") still score.
 */
export async function suggestForModule(
  db: Database,
  input: { frameworkId: string; title: string; learningOutcomes: string; exclude?: string[]; limit?: number },
): Promise<Suggestion[]> {
  const text = `${input.title}\n${input.learningOutcomes}`.slice(0, 8000);
  const exclude = input.exclude ?? [];
  const limit = input.limit ?? SUGGESTIONS_SHOWN;
  // Quoted lexemes cast straight to tsquery: already normalised, and no user text is parsed as query syntax.
  const rows = await queryRows<{ id: string; code: string; title: string; score: number }>(
    db,
    sql`
      with q as (
        select nullif(string_agg(quote_literal(lexeme), ' | '), '')::tsquery as query
        from unnest(to_tsvector('english', ${text}))
      )
      select c.id, c.code, c.title,
        (coalesce(ts_rank(c.search, q.query), 0) * 1.0
          + word_similarity(lower(c.title), lower(${text})) * 0.3
          + similarity(lower(c.title || ' ' || c.description), lower(${text})) * 0.2)::float8 as score
      from competencies c, q
      where c.framework_id = ${input.frameworkId}
        and c.kind = 'competency'
        and (q.query is not null and c.search @@ q.query)
        ${exclude.length > 0 ? sql`and c.id not in (${sql.join(exclude.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
      order by score desc, c.code asc
      limit ${limit}
    `,
  );
  return rows.map((r) => ({ competencyId: r.id, code: r.code, title: r.title, score: Number(r.score) }));
}

/** Suggestions for every module of a course, each excluding what that module already maps. */
export async function suggestionsForModules(
  db: Database,
  frameworkId: string,
  modules: { id: string; title: string; learningOutcomes: string; mappedCompetencyIds: string[] }[],
): Promise<Record<string, Suggestion[]>> {
  const out: Record<string, Suggestion[]> = {};
  // Sequential: PGlite runs one query at a time anyway, and a course has a handful of modules.
  for (const m of modules) {
    out[m.id] = await suggestForModule(db, { frameworkId, title: m.title, learningOutcomes: m.learningOutcomes, exclude: m.mappedCompetencyIds });
  }
  return out;
}
