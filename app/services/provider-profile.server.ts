/**
 * Listed providers as the public sees them: the profile page (courses, coverage by area, accreditations)
 * and the JSON API's provider shape. Only organisations in the directory (`directory_entries`) are shown.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { accreditations, directoryEntries, organisations, type ScopeEntry } from "../../db/schema";
import { queryRows } from "../../db/client.server";
import { effectiveStatus, type EffectiveAccreditationStatus, type StoredAccreditationStatus } from "~/domain/accreditation";
import { publicMode, type DirectoryQuery } from "~/domain/directory";
import { db as defaultDb, type Database } from "./db.server";
import { excludingDisputeOf } from "./disputes.server";
import { today } from "./directory.server";
import { searchDirectory } from "./directory-search.server";

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
function coursesOfScope(scope: ScopeEntry[]): (PublicCourse & { courseId: string })[] {
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

/** Whether the organisation has a public profile (is listed today): what `getProviderProfile` answers null for, in one query. */
export async function hasPublicProfile(slug: string, day: string = today(), db: Database = defaultDb): Promise<boolean> {
  return (await listedOrganisation(db, slug, day)) !== null;
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

type ProfileRow = {
  organisation: {
    slug: string;
    display_name: string;
    legal_name: string;
    country: string | null;
    website: string | null;
    contact_email: string | null;
    description: string;
    status: ProviderProfile["status"];
  } | null;
  accreditations: { certificate_number: string; status: StoredAccreditationStatus; valid_from: string; valid_until: string; scope: ScopeEntry[] }[] | null;
  courses: { id: string; description: string; hours: number | string; framework_id: string | null; modules: number }[] | null;
  mapped: { course_id: string; code: string; title: string; area: string; depth: "introduced" | "practised" | "assessed" }[] | null;
  areas: { code: string; title: string; total: number }[] | null;
};

/**
 * A listed provider's profile in ONE statement (it was five, in two rounds of round trips): the organisation and its
 * listing, its accreditations that keep it listed (oldest first), the courses in their scope with their module
 * counts, the deepest mapping per course and competency that no open or upheld dispute excludes, and the areas of the
 * framework the first course in scope was accredited against. Each part comes back as one JSON value; the statement
 * text never changes, so PostgreSQL keeps it prepared (decision 056).
 */
function profileStatement(slug: string, day: string) {
  return sql`
    with listed as (
      select o.id, o.slug, o.display_name, o.legal_name, o.country, o.website, o.contact_email, o.description, e.status
      from organisations o join directory_entries e on e.organisation_id = o.id
      where o.slug = ${slug} and e.valid_until >= ${day}
    ),
    accs as (
      select a.certificate_number, a.status, a.valid_from, a.valid_until, a.scope
      from accreditations a
      where a.organisation_id = (select id from listed) and a.status in ('active', 'suspended') and a.valid_until >= ${day}
    ),
    scoped as (
      select distinct (s.entry->>'courseId')::uuid as course_id from accs, jsonb_array_elements(accs.scope) s(entry)
    ),
    course_rows as (
      select co.id, co.description, co.total_hours as hours, ap.framework_id,
        (select count(*)::int from course_modules m where m.course_id = co.id) as modules
      from courses co join applications ap on ap.id = co.application_id
      where co.id in (select course_id from scoped)
    ),
    mapped as (
      select m.course_id, c.code, c.title,
        case when p.kind = 'area' then p.code else split_part(c.code, '.', 1) end as area,
        (array['introduced','practised','assessed'])[max(array_position(array['introduced','practised','assessed'], mm.depth))] as depth
      from course_modules m
      join module_mappings mm on mm.module_id = m.id
      join competencies c on c.id = mm.competency_id and c.kind = 'competency'
      left join competencies p on p.id = c.parent_id
      where m.course_id in (select course_id from scoped)
        and not ${excludingDisputeOf(sql`mm.id`)}
      group by m.course_id, c.code, c.title, area
    ),
    areas as (
      select a.code, a.title, count(c.id)::int as total, a.position
      from competencies a left join competencies c on c.parent_id = a.id and c.kind = 'competency'
      where a.kind = 'area' and a.framework_id = (
        select ap.framework_id from courses co join applications ap on ap.id = co.application_id
        where co.id = (
          select (s.entry->>'courseId')::uuid
          from accs, jsonb_array_elements(accs.scope) with ordinality s(entry, n)
          order by accs.valid_from, accs.certificate_number, s.n limit 1))
      group by a.id, a.code, a.title, a.position
    )
    select
      (select to_json(listed) from listed) as organisation,
      (select json_agg(accs order by accs.valid_from, accs.certificate_number) from accs) as accreditations,
      (select json_agg(course_rows) from course_rows) as courses,
      (select json_agg(mapped order by mapped.code, mapped.course_id) from mapped) as mapped,
      (select json_agg(json_build_object('code', areas.code, 'title', areas.title, 'total', areas.total) order by areas.position, areas.code) from areas) as areas`;
}

export async function getProviderProfile(slug: string, day: string = today(), db: Database = defaultDb): Promise<ProviderProfile | null> {
  const [row] = await queryRows<ProfileRow>(db, profileStatement(slug, day));
  if (!row?.organisation) return null;
  const org = row.organisation;
  const accs = (row.accreditations ?? []).map((a) => ({ certificateNumber: a.certificate_number, status: a.status, validFrom: a.valid_from, validUntil: a.valid_until, scope: a.scope }));
  const scopeCourses = coursesOfScope(accs.flatMap((a) => a.scope));
  const courseRows = row.courses ?? [];
  const mapped = row.mapped ?? [];
  const frameworkId = courseRows.find((r) => r.id === scopeCourses[0]?.courseId)?.framework_id ?? null;
  const coveredAreas = new Set(mapped.map((m) => m.area));
  const areas = (row.areas ?? []).filter((a) => coveredAreas.has(a.code));

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
    name: org.display_name,
    legalName: org.legal_name,
    country: org.country,
    website: org.website,
    contactEmail: org.contact_email,
    description: org.description,
    status: org.status,
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
