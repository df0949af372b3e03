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
import { DIRECTORY_PAGE_SIZE, FACETS, searchWords, type DirectoryQuery, type Facet } from "~/domain/directory";
import { now } from "./clock.server";
import { db as defaultDb, type Database } from "./db.server";

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

const textArray = (values: string[]): SQL =>
  values.length === 0 ? sql`'{}'::text[]` : sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/**
 * Prefix query over the words (`asyn` finds async). Each word is matched both unstemmed (names are
 * indexed with the simple configuration) and stemmed (descriptions and outcomes use English).
 */
function prefixTsquery(words: string[]): SQL {
  const parts = words.map(
    (w) => sql`(to_tsquery('simple', ${`${w}:*`}) || to_tsquery('english', ${`${w}:*`}))`,
  );
  return sql.join(parts, sql` && `);
}

/**
 * One statement: the matching rows are read once, then the page, the total and every facet's counts
 * come from that set. Facet counts are disjunctive: a facet counts over the rows matching everything
 * except its own selection, so ticking a second value of the same facet shows what it would add.
 * Ranking reads the small inline `rank_vector`; only the GIN index reads the large `search` vector.
 */
export function directorySearchSql(query: DirectoryQuery, day: string): { statement: SQL; hasText: boolean } {
  const words = searchWords(query.q);
  const tsq = words.length > 0 ? prefixTsquery(words) : null;
  const flag = (column: string, values: string[]): SQL =>
    values.length === 0 ? sql`true` : sql`(${sql.raw(column)} && ${textArray(values)})`;
  const countryFlag = query.country.length === 0 ? sql`true` : sql`(d.country = any(${textArray(query.country)}))`;
  const order =
    query.sort === "relevance" && tsq
      ? sql`m.rank desc, m.name asc`
      : query.sort === "newest"
        ? sql`m.accredited_at desc, m.name asc`
        : sql`m.name asc`;
  const offset = (query.page - 1) * DIRECTORY_PAGE_SIZE;
  const statement = sql`
    with m as materialized (
      select d.organisation_id, d.name, d.accredited_at, d.areas, d.levels, d.modes, d.languages, d.country,
        ${tsq ? sql`ts_rank(d.rank_vector, ${tsq})` : sql`0::real`} as rank,
        ${flag("d.areas", query.area)} as fa, ${flag("d.levels", query.level)} as fl,
        ${flag("d.modes", query.mode)} as fm, ${flag("d.languages", query.language)} as fg,
        ${countryFlag} as fc
      from directory_entries d
      where d.valid_until >= ${day} ${tsq ? sql`and d.search @@ (${tsq})` : sql``}
    ),
    hits as (
      select m.organisation_id, row_number() over (order by ${order}) as position
      from m where m.fa and m.fl and m.fm and m.fg and m.fc
      order by ${order} limit ${DIRECTORY_PAGE_SIZE} offset ${offset}
    )
    select 'hit' as kind, null as facet, null as value, h.position::int as n,
      json_build_object('slug', d.slug, 'name', d.name, 'country', d.country, 'status', d.status,
        'summary', left(d.summary, 280), 'areas', d.areas, 'levels', d.levels, 'modes', d.modes,
        'languages', d.languages, 'courseCount', d.course_count, 'validUntil', d.valid_until,
        'accreditedOn', to_char(d.accredited_at at time zone 'UTC', 'YYYY-MM-DD')) as hit
    from hits h join directory_entries d on d.organisation_id = h.organisation_id
    union all
    select 'total', null, null, count(*)::int, null from m where m.fa and m.fl and m.fm and m.fg and m.fc
    union all
    select 'facet', 'area', v, count(*)::int, null from m, unnest(m.areas) v where m.fl and m.fm and m.fg and m.fc group by v
    union all
    select 'facet', 'level', v, count(*)::int, null from m, unnest(m.levels) v where m.fa and m.fm and m.fg and m.fc group by v
    union all
    select 'facet', 'mode', v, count(*)::int, null from m, unnest(m.modes) v where m.fa and m.fl and m.fg and m.fc group by v
    union all
    select 'facet', 'language', v, count(*)::int, null from m, unnest(m.languages) v where m.fa and m.fl and m.fm and m.fc group by v
    union all
    select 'facet', 'country', m.country, count(*)::int, null from m where m.country is not null and m.fa and m.fl and m.fm and m.fg group by m.country
    `;
  return { statement, hasText: tsq !== null };
}

type SearchRow = { kind: string; facet: string | null; value: string | null; n: number; hit: DirectoryHit | string | null };

async function runSearch(db: Database, query: DirectoryQuery, day: string): Promise<DirectorySearchResult> {
  const { statement, hasText } = directorySearchSql(query, day);
  // The planner prices `@@` on a row as cheap and would scan the table for common words, detoasting every
  // large vector; the GIN bitmap is ~50× faster at 10,000 providers, so text searches forbid the scan.
  const rows = hasText
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return queryRows<SearchRow>(tx, statement);
      })
    : await queryRows<SearchRow>(db, statement);

  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetCount[]])) as Record<Facet, FacetCount[]>;
  const hits: { n: number; hit: DirectoryHit }[] = [];
  let total = 0;
  for (const row of rows) {
    if (row.kind === "hit" && row.hit) hits.push({ n: row.n, hit: typeof row.hit === "string" ? JSON.parse(row.hit) : row.hit });
    else if (row.kind === "total") total = Number(row.n);
    else if (row.kind === "facet" && row.facet && row.value !== null) facets[row.facet as Facet].push({ value: row.value, count: Number(row.n) });
  }
  for (const f of FACETS) facets[f].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  hits.sort((a, b) => a.n - b.n);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
    hits: hits.map((h) => h.hit),
    facets,
  };
}

/**
 * Results of recent searches, kept while the directory is unchanged. Every refresh writes a new random
 * `directory_state.version` in its own transaction, and each search first reads that one row, so a
 * suspension is never answered from the cache after it commits, in this process or any other.
 */
const SEARCH_CACHE_SIZE = 500;
const searchCache = new Map<string, { version: string; result: DirectorySearchResult }>();

async function directoryVersion(db: Database): Promise<string> {
  const [row] = await queryRows<{ version: string | number }>(db, sql`select version from directory_state where id = 1`);
  return row ? String(row.version) : "none";
}

export async function searchDirectory(query: DirectoryQuery, day: string = today(), db: Database = defaultDb): Promise<DirectorySearchResult> {
  const key = JSON.stringify([day, query.q.trim().toLowerCase(), query.area, query.level, query.mode, query.country, query.language, query.sort, query.page]);
  const version = await directoryVersion(db);
  const cached = searchCache.get(key);
  if (cached && cached.version === version) {
    // Re-insert: the Map's order is the eviction order (least recently used first).
    searchCache.delete(key);
    searchCache.set(key, cached);
    return cached.result;
  }
  const result = await runSearch(db, query, day);
  searchCache.set(key, { version, result });
  if (searchCache.size > SEARCH_CACHE_SIZE) searchCache.delete(searchCache.keys().next().value as string);
  return result;
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
        courses: coursesOfScope(own.flatMap((a) => a.scope)).map(({ title, level, languages, modes }) => ({ title, level, languages, modes })),
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
  return { total: result.total, page: result.page, providers };
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

  // Deepest undisputed mapping per course and competency, with the competency's area.
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
          and not exists (select 1 from mapping_disputes d where d.mapping_id = mm.id and d.resolved_at is null)
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

const API_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag",
  "Content-Type": "application/json; charset=utf-8",
  Vary: "Accept-Encoding",
};

async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const hex = Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
  return `W/"${hex}"`;
}

function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => strip(t) === strip(etag));
}

/** A JSON answer of the public API: CORS open, cacheable at a CDN, with an ETag and 304 on a match. */
export async function apiJson(request: Request, body: unknown, init: { status?: number; sMaxAge?: number } = {}): Promise<Response> {
  const status = init.status ?? 200;
  const text = JSON.stringify(body);
  const headers = new Headers(API_HEADERS);
  if (status >= 400) {
    headers.set("Cache-Control", status === 404 ? "public, max-age=0, s-maxage=30" : "no-store");
    return new Response(text, { status, headers });
  }
  headers.set("Cache-Control", `public, max-age=0, s-maxage=${init.sMaxAge ?? 60}, stale-while-revalidate=30`);
  const etag = await etagOf(text);
  headers.set("ETag", etag);
  if (matchesEtag(request, etag)) {
    headers.delete("Content-Type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === "HEAD" ? null : text, { status, headers });
}

/** Preflight of a cross-origin GET that sends If-None-Match; anything else than reading is refused. */
export function apiPreflight(request: Request): Response {
  if (request.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "If-None-Match",
        "Access-Control-Max-Age": "86400",
      },
    });
  }
  return new Response(JSON.stringify({ error: "Method not allowed: this API is read-only." }), {
    status: 405,
    headers: { ...API_HEADERS, Allow: "GET, HEAD, OPTIONS", "Cache-Control": "no-store" },
  });
}
