/**
 * The public directory: search with facets, provider profiles, certificate verification and the home
 * page figures. Reads the `directory_entries` read model (db/directory.ts keeps it current) and, for
 * the exact status of a certificate, the accreditations themselves. `today` is always passed in (from
 * the clock), so an expired certificate reads as expired the day after its last valid day.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  accreditations,
  applications,
  competencies,
  courses,
  directoryEntries,
  frameworks,
  organisations,
  type ScopeEntry,
} from "../../db/schema";
import { queryRows } from "../../db/client.server";
import { effectiveStatus, isoDate, type EffectiveAccreditationStatus } from "~/domain/accreditation";
import { FACETS, publicMode, searchWords, type DirectoryQuery, type Facet } from "~/domain/directory";
import { now } from "./clock.server";
import { db as defaultDb, type Database } from "./db.server";
import { freshReader } from "./fresh-reader";
import { excludingDisputeOf } from "./disputes.server";

export function today(): string {
  return isoDate(now());
}

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
function prefixTsquery(words: string[]): SQL {
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
// from a stale index, in this process or any other. Free text stays in PostgreSQL (GIN + ts_rank).

/** An entry with its facet values coded as small integers per facet (in FACETS order), for fast counting. */
type IndexedEntry = DirectoryHit & { id: string; accreditedMs: number; codes: number[][]; position: number };
type FacetIndex = {
  version: string;
  /** Per facet (FACETS order): the distinct values, indexed by code. */
  values: string[][];
  codeOf: Map<string, number>[];
  byName: IndexedEntry[];
  byNewest: IndexedEntry[];
  /** Each entry's position (its slot in a search's rank array), by organisation id. */
  positionOf: Map<string, number>;
  /**
   * Recent searches' text matches as ranks by entry position (NaN: no match). Kept on the index, so they
   * live and die with its directory version; paging and ticking facets reuse them. Bounded by entries held.
   */
  matches: Map<string, Float64Array>;
};

const facetIndexes = new WeakMap<Database, { index?: FacetIndex; loading?: { version: string; promise: Promise<FacetIndex> } }>();

/** The directory's current version: every refresh of a directory entry sets a new one, in its transaction. */
export async function directoryVersion(db: Database = defaultDb): Promise<string> {
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

async function loadFacetIndex(db: Database, version: string): Promise<FacetIndex> {
  const rows = await queryRows<{
    organisation_id: string;
    slug: string;
    name: string;
    country: string | null;
    status: "active" | "suspended";
    summary: string;
    areas: string[];
    levels: string[];
    modes: string[];
    languages: string[];
    course_count: number;
    valid_until: string;
    accredited_on: string;
  }>(
    db,
    sql`select organisation_id, slug, name, country, status, left(summary, 280) as summary, areas, levels, modes,
          languages, course_count, valid_until, to_char(accredited_at at time zone 'UTC', 'YYYY-MM-DD') as accredited_on
        from directory_entries`,
  );
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
    id: r.organisation_id,
    slug: r.slug,
    name: r.name,
    country: r.country,
    status: r.status,
    summary: r.summary,
    areas: r.areas,
    levels: r.levels,
    modes: r.modes,
    languages: r.languages,
    courseCount: Number(r.course_count),
    validUntil: r.valid_until,
    accreditedOn: r.accredited_on,
    accreditedMs: Date.parse(`${r.accredited_on}T00:00:00Z`),
  }));
  const byName = [...entries].sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
  const byNewest = [...entries].sort((a, b) => b.accreditedMs - a.accreditedMs || collator.compare(a.name, b.name));
  const positionOf = new Map(entries.map((e) => [e.id, e.position]));
  return { version, values, codeOf, byName, byNewest, positionOf, matches: new Map() };
}

async function facetIndex(db: Database, version: string): Promise<FacetIndex> {
  let slot = facetIndexes.get(db);
  if (!slot) facetIndexes.set(db, (slot = {}));
  if (slot.index?.version === version) return slot.index;
  // Requests arriving while the index loads share the one load.
  if (slot.loading?.version !== version) {
    const promise = loadFacetIndex(db, version);
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

/**
 * The ranks of the entries matching the words (GIN index, ranked on the inline vector), by the index's entry
 * positions (NaN: no match). Thousands of matches come back as two comma-joined strings: splitting them is
 * far cheaper than thousands of row objects or a parsed uuid[] array.
 */
async function textMatches(db: Database, index: FacetIndex, words: string[], day: string): Promise<Float64Array> {
  const [row] = await queryRows<{ ids: string | null; ranks: string | null }>(
    db,
    // Both aggregates of one plain Agg node are fed the same rows in the same order.
    sql`select string_agg(organisation_id::text, ',') as ids, string_agg(rank::text, ',') as ranks
        from directory_text_matches(${prefixTsquery(words)}, ${day})`,
  );
  const ranks = new Float64Array(index.byName.length).fill(NaN);
  if (!row?.ids || !row.ranks) return ranks;
  const ids = row.ids.split(",");
  const values = row.ranks.split(",");
  for (let i = 0; i < ids.length; i++) {
    const position = index.positionOf.get(ids[i]);
    if (position !== undefined) ranks[position] = Number(values[i]);
  }
  return ranks;
}

/**
 * Search: free text in PostgreSQL, then filters, facet counts, order and page over the facet index.
 * Facet counts are disjunctive: a facet counts over the entries matching everything except its own
 * selection, so ticking a second value of the same facet shows what it would add.
 */
export async function searchDirectory(query: DirectoryQuery, day: string = today(), db: Database = defaultDb): Promise<DirectorySearchResult> {
  const version = await currentDirectoryVersion(db);
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

/**
 * Recent results, valid while `directory_state.version` is unchanged (read before every answer, so
 * never stale after a refresh commits). The first pages of common searches are most of the traffic.
 */
const RESULT_CACHE_SIZE = 500;
const resultCaches = new WeakMap<Database, Map<string, { version: string; result: DirectorySearchResult }>>();

/** At most this many entry slots of rank arrays are held per index (8 bytes each): 64 searches at 10,000 entries. */
const MATCH_CACHE_SLOTS = 640_000;

/** A search's ranks by entry position, from the index's recent searches or from PostgreSQL. */
async function rankedMatches(db: Database, index: FacetIndex, words: string[], day: string): Promise<Float64Array> {
  const key = JSON.stringify([day, words]);
  const hit = index.matches.get(key);
  if (hit) {
    index.matches.delete(key);
    index.matches.set(key, hit);
    return hit;
  }
  const ranks = await textMatches(db, index, words, day);
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
  const order = query.sort === "newest" ? index.byNewest : index.byName;
  const matching: IndexedEntry[] = [];
  // Each match's rank, read from the map once here rather than twice per comparison while sorting.
  const matchingRanks: number[] = [];
  const filtered = selected.some((flags) => flags !== null);
  // Plain indexed loops: this runs over every listed entry on every search.
  for (let i = 0; i < order.length; i++) {
    const e = order[i];
    if (e.validUntil < day) continue;
    const rank = ranks === null ? 0 : ranks[e.position];
    if (rank !== rank) continue; // NaN: the words do not match this entry
    let failed = 0;
    if (filtered) {
      for (let f = 0; f < FACETS.length; f++) {
        const flags = selected[f];
        if (flags === null) continue;
        const codes = e.codes[f];
        let hit = false;
        for (let k = 0; k < codes.length && !hit; k++) hit = flags[codes[k]] === 1;
        if (!hit) failed |= 1 << f;
      }
    }
    if (failed === 0) {
      matching.push(e);
      matchingRanks.push(rank);
    }
    for (let f = 0; f < FACETS.length; f++) {
      if ((failed & (all ^ (1 << f))) !== 0) continue;
      const codes = e.codes[f];
      const tally = counts[f];
      for (let k = 0; k < codes.length; k++) tally[codes[k]]++;
    }
  }
  // Already in name (or newest) order; relevance re-sorts by rank, keeping name order among equals.
  let ordered = matching;
  if (ranks && query.sort === "relevance") {
    const positions = Array.from(matching.keys());
    positions.sort((a, b) => matchingRanks[b] - matchingRanks[a] || a - b);
    ordered = positions.map((i) => matching[i]);
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
  const offset = (query.page - 1) * query.perPage;
  return {
    total: matching.length,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(matching.length / query.perPage)),
    hits: ordered.slice(offset, offset + query.perPage).map(({ id: _id, accreditedMs: _a, codes: _c, ...hit }) => hit),
    facets,
  };
}

/** Titles of the competency areas of the published framework, by code (facet labels). */
export async function areaTitles(db: Database = defaultDb): Promise<Record<string, string>> {
  const rows = await db
    .select({ code: competencies.code, title: competencies.title })
    .from(competencies)
    .innerJoin(frameworks, eq(frameworks.id, competencies.frameworkId))
    .where(and(eq(frameworks.status, "published"), eq(competencies.kind, "area")));
  return Object.fromEntries(rows.map((r) => [r.code, r.title]));
}

// ---------------------------------------------------------------------------------------------------
// Accreditations and their scope, shared by profiles, verification and the API.

export type PublicAccreditation = {
  certificate: string;
  status: EffectiveAccreditationStatus;
  validFrom: string;
  validUntil: string;
};

export type PublicCourse = {
  title: string;
  level: string;
  languages: string[];
  modes: string[];
};

/** Courses of a scope: one per course, with the languages and modes accredited for it. */
export function coursesOfScope(scope: ScopeEntry[]): (PublicCourse & { courseId: string })[] {
  const byCourse = new Map<string, PublicCourse & { courseId: string }>();
  for (const e of scope) {
    let c = byCourse.get(e.courseId);
    if (!c) {
      c = { courseId: e.courseId, title: e.courseTitle, level: e.level, languages: [], modes: [] };
      byCourse.set(e.courseId, c);
    }
    if (!c.languages.includes(e.language)) c.languages.push(e.language);
    if (!c.modes.includes(e.mode)) c.modes.push(e.mode);
  }
  return [...byCourse.values()];
}

/** Accreditations a visitor may see for a listed organisation: the ones that keep it listed. */
async function listableAccreditations(db: Database, organisationIds: string[], day: string) {
  if (organisationIds.length === 0) return [];
  return db
    .select()
    .from(accreditations)
    .where(
      and(
        inArray(accreditations.organisationId, organisationIds),
        inArray(accreditations.status, ["active", "suspended"]),
        sql`${accreditations.validUntil} >= ${day}`,
      ),
    )
    .orderBy(asc(accreditations.validFrom));
}

export type ApiProvider = {
  slug: string;
  name: string;
  country: string | null;
  website: string | null;
  courses: PublicCourse[];
  accreditations: PublicAccreditation[];
};

/** Providers in the JSON API's shape, in the order of `slugs`. */
async function apiProviders(db: Database, organisationIds: string[], day: string): Promise<ApiProvider[]> {
  if (organisationIds.length === 0) return [];
  const orgs = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.displayName, country: organisations.country, website: organisations.website })
    .from(organisations)
    .where(inArray(organisations.id, organisationIds));
  const accs = await listableAccreditations(db, organisationIds, day);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return organisationIds.flatMap((id) => {
    const o = byId.get(id);
    if (!o) return [];
    const own = accs.filter((a) => a.organisationId === id);
    return [
      {
        slug: o.slug,
        name: o.name,
        country: o.country,
        website: o.website,
        courses: coursesOfScope(own.flatMap((a) => a.scope)).map(({ title, level, languages, modes }) => ({ title, level, languages, modes: modes.map(publicMode) })),
        accreditations: own.map((a) => ({
          certificate: a.certificateNumber,
          status: effectiveStatus(a, day),
          validFrom: a.validFrom,
          validUntil: a.validUntil,
        })),
      },
    ];
  });
}

/** The JSON API's search: the same search as the page, answered in the published shape. */
export async function searchDirectoryApi(query: DirectoryQuery, day: string = today(), db: Database = defaultDb) {
  const result = await searchDirectory(query, day, db);
  const slugs = result.hits.map((h) => h.slug);
  const ids = slugs.length
    ? await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, slugs))
    : [];
  const idBySlug = new Map(ids.map((r) => [r.slug, r.id]));
  const providers = await apiProviders(db, slugs.map((s) => idBySlug.get(s)).filter((id): id is string => !!id), day);
  return { total: result.total, page: result.page, perPage: query.perPage, pageCount: result.pageCount, providers };
}

/** The organisation behind a listed slug, or null when it is not (or no longer) in the directory. */
async function listedOrganisation(db: Database, slug: string, day: string) {
  const [row] = await db
    .select({ organisation: organisations, entry: directoryEntries })
    .from(organisations)
    .innerJoin(directoryEntries, eq(directoryEntries.organisationId, organisations.id))
    .where(and(eq(organisations.slug, slug), sql`${directoryEntries.validUntil} >= ${day}`));
  return row ?? null;
}

export async function getApiProvider(slug: string, day: string = today(), db: Database = defaultDb): Promise<ApiProvider | null> {
  const listed = await listedOrganisation(db, slug, day);
  if (!listed) return null;
  const [provider] = await apiProviders(db, [listed.organisation.id], day);
  return provider ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Profile

export type CoverageCell = { area: string; covered: number; total: number; deepest: "introduced" | "practised" | "assessed" | null };
export type ProfileCourse = PublicCourse & {
  id: string;
  description: string;
  hours: number;
  modules: number;
  competencies: { code: string; title: string }[];
  coverage: CoverageCell[];
};

export type ProviderProfile = {
  slug: string;
  name: string;
  legalName: string;
  country: string | null;
  website: string | null;
  contactEmail: string | null;
  description: string;
  status: "active" | "suspended";
  accreditations: (PublicAccreditation & { scopeCount: number })[];
  courses: ProfileCourse[];
  areas: { code: string; title: string }[];
  frameworkId: string | null;
};

const DEPTH_RANK = { introduced: 1, practised: 2, assessed: 3 } as const;

export async function getProviderProfile(slug: string, day: string = today(), db: Database = defaultDb): Promise<ProviderProfile | null> {
  // Two stages of parallel queries: the organisation and its accreditations, then everything about the courses.
  const [listed, accRows] = await Promise.all([
    listedOrganisation(db, slug, day),
    db
      .select({ accreditation: accreditations })
      .from(accreditations)
      .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
      .where(
        and(
          eq(organisations.slug, slug),
          inArray(accreditations.status, ["active", "suspended"]),
          sql`${accreditations.validUntil} >= ${day}`,
        ),
      )
      .orderBy(asc(accreditations.validFrom)),
  ]);
  if (!listed) return null;
  const { organisation: org, entry } = listed;
  const accs = accRows.map((r) => r.accreditation);
  const scopeCourses = coursesOfScope(accs.flatMap((a) => a.scope));
  const courseIds = scopeCourses.map((c) => c.courseId);

  const courseQuery = courseIds.length
    ? db
        .select({
          id: courses.id,
          description: courses.description,
          hours: courses.totalHours,
          frameworkId: applications.frameworkId,
          modules: sql<number>`(select count(*)::int from course_modules m where m.course_id = ${courses.id})`,
        })
        .from(courses)
        .innerJoin(applications, eq(applications.id, courses.applicationId))
        .where(inArray(courses.id, courseIds))
    : Promise.resolve([]);

  // Deepest mapping per course and competency that no open or upheld dispute excludes, with the competency's area.
  const mappedQuery = courseIds.length
    ? queryRows<{ course_id: string; code: string; title: string; area: string; depth: "introduced" | "practised" | "assessed" }>(
        db,
        sql`
        select m.course_id, c.code, c.title,
          case when p.kind = 'area' then p.code else split_part(c.code, '.', 1) end as area,
          (array['introduced','practised','assessed'])[max(array_position(array['introduced','practised','assessed'], mm.depth))] as depth
        from course_modules m
        join module_mappings mm on mm.module_id = m.id
        join competencies c on c.id = mm.competency_id and c.kind = 'competency'
        left join competencies p on p.id = c.parent_id
        where m.course_id in (${sql.join(courseIds.map((id) => sql`${id}::uuid`), sql`, `)})
          and not ${excludingDisputeOf(sql`mm.id`)}
        group by m.course_id, c.code, c.title, area
        order by c.code`,
      )
    : Promise.resolve([]);
  // The areas of the framework the accredited application was written against.
  const areaQuery = courseIds.length
    ? queryRows<{ code: string; title: string; total: number }>(
        db,
        sql`
        select a.code, a.title, count(c.id)::int as total
        from competencies a left join competencies c on c.parent_id = a.id and c.kind = 'competency'
        where a.kind = 'area' and a.framework_id = (
          select ap.framework_id from courses co join applications ap on ap.id = co.application_id where co.id = ${courseIds[0]}::uuid)
        group by a.id, a.code, a.title, a.position order by a.position, a.code`,
      )
    : Promise.resolve([]);
  const [courseRows, mapped, areaRows] = await Promise.all([courseQuery, mappedQuery, areaQuery]);
  const frameworkId = courseRows[0]?.frameworkId ?? null;
  const coveredAreas = new Set(mapped.map((m) => m.area));
  const areas = areaRows.filter((a) => coveredAreas.has(a.code));

  const detail = new Map(courseRows.map((r) => [r.id, r]));
  const profileCourses: ProfileCourse[] = scopeCourses.map((c) => {
    const d = detail.get(c.courseId);
    const own = mapped.filter((m) => m.course_id === c.courseId);
    return {
      id: c.courseId,
      title: c.title,
      level: c.level,
      languages: c.languages,
      modes: c.modes,
      description: d?.description ?? "",
      hours: Number(d?.hours ?? 0),
      modules: Number(d?.modules ?? 0),
      competencies: own.map((m) => ({ code: m.code, title: m.title })),
      coverage: areas.map((a) => {
        const inArea = own.filter((m) => m.area === a.code);
        const deepest = inArea.reduce<CoverageCell["deepest"]>(
          (best, m) => (best === null || DEPTH_RANK[m.depth] > DEPTH_RANK[best] ? m.depth : best),
          null,
        );
        return { area: a.code, covered: inArea.length, total: Number(a.total), deepest };
      }),
    };
  });

  return {
    slug: org.slug,
    name: org.displayName,
    legalName: org.legalName,
    country: org.country,
    website: org.website,
    contactEmail: org.contactEmail,
    description: org.description,
    status: entry.status,
    accreditations: accs.map((a) => ({
      certificate: a.certificateNumber,
      status: effectiveStatus(a, day),
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      scopeCount: a.scope.length,
    })),
    courses: profileCourses,
    areas: areas.map((a) => ({ code: a.code, title: a.title })),
    frameworkId,
  };
}

// ---------------------------------------------------------------------------------------------------
// Verification

export type CertificateRecord = PublicAccreditation & {
  provider: { slug: string; name: string; listed: boolean };
  scope: { course: string; level: string; language: string; mode: string }[];
  supersededBy: string | null;
  changedOn: string;
};

/** Normalise what a visitor typed ("acc-2026-0042 ") to the stored form. */
export function normaliseCertificate(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, "");
}

export async function findCertificate(certificate: string, day: string = today(), db: Database = defaultDb): Promise<CertificateRecord | null> {
  const number = normaliseCertificate(certificate);
  if (!number || number.length > 40) return null;
  // One round trip: the certificate, its organisation, its successor and whether the organisation is listed.
  const [row] = await queryRows<{
    status: "active" | "suspended" | "revoked" | "superseded";
    valid_from: string;
    valid_until: string;
    certificate_number: string;
    scope: ScopeEntry[] | string;
    updated_at: string | Date;
    slug: string;
    name: string;
    superseded_by: string | null;
    listed: boolean;
  }>(
    db,
    sql`select a.status, to_char(a.valid_from, 'YYYY-MM-DD') as valid_from, to_char(a.valid_until, 'YYYY-MM-DD') as valid_until,
          a.certificate_number, a.scope, a.updated_at, o.slug, o.display_name as name, n.certificate_number as superseded_by,
          exists (select 1 from directory_entries d where d.organisation_id = a.organisation_id and d.valid_until >= ${day}) as listed
        from accreditations a
        join organisations o on o.id = a.organisation_id
        left join accreditations n on n.id = a.superseded_by_id
        where a.certificate_number = ${number}`,
  );
  if (!row) return null;
  const a = { status: row.status, validUntil: row.valid_until };
  const scope: ScopeEntry[] = typeof row.scope === "string" ? JSON.parse(row.scope) : row.scope;
  return {
    certificate: row.certificate_number,
    status: effectiveStatus(a, day),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    provider: { slug: row.slug, name: row.name, listed: row.listed === true },
    scope: scope.map((e) => ({ course: e.courseTitle, level: e.level, language: e.language, mode: e.mode })),
    supersededBy: row.superseded_by,
    changedOn: isoDate(new Date(row.updated_at)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Home, sitemap, competencies

export async function directoryFigures(day: string = today(), db: Database = defaultDb) {
  const [figures] = await queryRows<{ providers: number; courses: number; countries: number }>(
    db,
    sql`select count(*)::int as providers, coalesce(sum(course_count), 0)::int as courses,
          count(distinct country)::int as countries
        from directory_entries where valid_until >= ${day}`,
  );
  const recent = await db
    .select({
      slug: directoryEntries.slug,
      name: directoryEntries.name,
      country: directoryEntries.country,
      status: directoryEntries.status,
      courseCount: directoryEntries.courseCount,
      accreditedAt: directoryEntries.accreditedAt,
    })
    .from(directoryEntries)
    .where(sql`${directoryEntries.validUntil} >= ${day}`)
    .orderBy(sql`${directoryEntries.accreditedAt} desc`, asc(directoryEntries.name))
    .limit(6);
  return {
    providers: Number(figures?.providers ?? 0),
    courses: Number(figures?.courses ?? 0),
    countries: Number(figures?.countries ?? 0),
    recent: recent.map((r) => ({ ...r, accreditedOn: isoDate(r.accreditedAt) })),
  };
}

export async function listedSlugs(day: string = today(), db: Database = defaultDb): Promise<{ slug: string; accreditedOn: string }[]> {
  const rows = await db
    .select({ slug: directoryEntries.slug, accreditedAt: directoryEntries.accreditedAt })
    .from(directoryEntries)
    .where(sql`${directoryEntries.validUntil} >= ${day}`)
    .orderBy(asc(directoryEntries.slug));
  return rows.map((r) => ({ slug: r.slug, accreditedOn: isoDate(r.accreditedAt) }));
}

export type PublishedFramework = {
  id: string;
  version: number;
  title: string;
  description: string;
  publishedOn: string | null;
  areas: {
    code: string;
    title: string;
    description: string;
    competencies: { code: string; title: string; description: string; level: string; core: boolean }[];
  }[];
};

export async function publishedFramework(db: Database = defaultDb): Promise<PublishedFramework | null> {
  const [fw] = await db.select().from(frameworks).where(eq(frameworks.status, "published"));
  if (!fw) return null;
  const rows = await db
    .select()
    .from(competencies)
    .where(eq(competencies.frameworkId, fw.id))
    .orderBy(asc(competencies.position), asc(competencies.code));
  const areas = rows
    .filter((r) => r.kind === "area")
    .map((a) => ({
      code: a.code,
      title: a.title,
      description: a.description,
      competencies: rows
        .filter((c) => c.kind === "competency" && c.parentId === a.id)
        .map((c) => ({ code: c.code, title: c.title, description: c.description, level: c.level ?? "foundation", core: c.core })),
    }));
  return {
    id: fw.id,
    version: fw.version,
    title: fw.title,
    description: fw.description,
    publishedOn: fw.publishedAt ? isoDate(fw.publishedAt) : null,
    areas,
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP: cache headers for public pages and the JSON API

/**
 * Public pages may sit in a CDN for a minute, never in a browser (max-age=0), so a suspension shows at
 * the origin at once and at the edge within s-maxage. A signed-in visitor's page carries their name in
 * the header: it is private and never stored.
 */
export function publicPageHeaders(request: Request, sMaxAge = 60): Headers {
  const headers = new Headers({ Vary: "Cookie" });
  const signedIn = /(^|;\s*)session=/.test(request.headers.get("Cookie") ?? "");
  headers.set(
    "Cache-Control",
    signedIn ? "private, no-store" : `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=30`,
  );
  return headers;
}
