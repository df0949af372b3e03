/**
 * The public directory's read model (`directory_entries`), rebuilt from the accreditations.
 *
 * One set-based statement serves both a single organisation and the whole table, so the seed, the
 * decision and lifecycle services and the benchmark generator can never disagree on what is listed.
 * An organisation is listed while it holds a listable accreditation: status active or suspended
 * (superseded and revoked never), and valid_until on or after `today`. Its facets and search text come
 * from the courses in the scope of those accreditations. Expiry after the last refresh is also
 * filtered at query time, so a lapsed entry never shows even if nobody refreshed it.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "./client.server";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkToday(today: string): void {
  if (!ISO_DATE.test(today)) throw new Error(`today must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(today)}`);
}

/** The upsert and the delete, restricted to one organisation when `organisationId` is given. */
function refreshStatements(today: string, organisationId: string | null): SQL[] {
  const only = organisationId === null ? sql`true` : sql`a.organisation_id = ${organisationId}::uuid`;
  const onlyEntry = organisationId === null ? sql`true` : sql`d.organisation_id = ${organisationId}::uuid`;
  const upsert = sql`
    with listable as (
      select a.organisation_id, a.status, a.scope, a.valid_from, a.valid_until
      from accreditations a
      where a.status in ('active', 'suspended') and a.valid_until >= ${today}::date and ${only}
    ),
    org_status as (
      select organisation_id,
        case when bool_or(status = 'active') then 'active' else 'suspended' end as status,
        -- An active certificate's end date is the one that keeps the entry listed as active.
        coalesce(max(valid_until) filter (where status = 'active'), max(valid_until)) as valid_until,
        max(valid_from) as accredited_on
      from listable group by organisation_id
    ),
    scope as (
      select l.organisation_id, e->>'courseId' as course_id, e->>'level' as level,
        e->>'language' as language, e->>'mode' as mode
      from listable l, jsonb_array_elements(l.scope) e
    ),
    scope_agg as (
      select organisation_id,
        coalesce(array_agg(distinct level) filter (where level is not null), '{}') as levels,
        coalesce(array_agg(distinct mode) filter (where mode is not null), '{}') as modes,
        coalesce(array_agg(distinct language) filter (where language is not null), '{}') as languages,
        count(distinct course_id)::int as course_count
      from scope group by organisation_id
    ),
    course_ids as (
      select distinct organisation_id, course_id::uuid as course_id from scope where course_id is not null
    ),
    course_doc as (
      select ci.organisation_id, string_agg(c.title, E'\n' order by c.position, c.title) as titles
      from course_ids ci join courses c on c.id = ci.course_id
      group by ci.organisation_id
    ),
    module_doc as (
      select ci.organisation_id,
        string_agg(m.title || E'\n' || m.learning_outcomes, E'\n' order by m.course_id, m.position) as outcomes
      from course_ids ci join course_modules m on m.course_id = ci.course_id
      group by ci.organisation_id
    ),
    area_agg as (
      select ci.organisation_id,
        array_agg(distinct case
          when c.kind = 'area' then c.code
          when p.kind = 'area' then p.code
          else split_part(c.code, '.', 1) end) as areas
      from course_ids ci
      join course_modules m on m.course_id = ci.course_id
      join module_mappings mm on mm.module_id = m.id
      join competencies c on c.id = mm.competency_id
      left join competencies p on p.id = c.parent_id
      group by ci.organisation_id
    )
    insert into directory_entries (organisation_id, slug, name, country, status, areas, levels, modes, languages,
      course_count, summary, document, titles, accredited_at, valid_until)
    select o.id, o.slug, o.display_name, o.country, s.status,
      coalesce(aa.areas, '{}'), coalesce(sa.levels, '{}'), coalesce(sa.modes, '{}'), coalesce(sa.languages, '{}'),
      coalesce(sa.course_count, 0), o.description,
      concat_ws(E'\n', cd.titles, md.outcomes), coalesce(cd.titles, ''),
      (s.accredited_on::timestamp at time zone 'UTC'),
      to_char(s.valid_until, 'YYYY-MM-DD')
    from org_status s
    join organisations o on o.id = s.organisation_id
    left join scope_agg sa on sa.organisation_id = s.organisation_id
    left join course_doc cd on cd.organisation_id = s.organisation_id
    left join module_doc md on md.organisation_id = s.organisation_id
    left join area_agg aa on aa.organisation_id = s.organisation_id
    on conflict (organisation_id) do update set
      slug = excluded.slug, name = excluded.name, country = excluded.country, status = excluded.status,
      areas = excluded.areas, levels = excluded.levels, modes = excluded.modes, languages = excluded.languages,
      course_count = excluded.course_count, summary = excluded.summary, document = excluded.document, titles = excluded.titles,
      accredited_at = excluded.accredited_at, valid_until = excluded.valid_until`;
  const prune = sql`
    delete from directory_entries d
    where ${onlyEntry} and not exists (
      select 1 from accreditations a
      where a.organisation_id = d.organisation_id and a.status in ('active', 'suspended')
        and a.valid_until >= ${today}::date
    )`;
  return [upsert, prune, BUMP_VERSION];
}

// A new random version in the same transaction as the rows (random, not +1: a truncated table must not
// reuse an old number), so a cached search is never served after this commits.
const BUMP_VERSION = sql`
  insert into directory_state (id, version) values (1, (random() * 9e15)::bigint)
  on conflict (id) do update set version = (random() * 9e15)::bigint`;

/**
 * A new directory version with no entry changed: for what the directory pages show beside the entries (the published
 * framework's area titles). Call it inside the transaction that changes it.
 */
export async function bumpDirectoryVersion(db: Database): Promise<void> {
  await db.execute(BUMP_VERSION);
}

/**
 * Rebuild the directory entry of one organisation (or delete it when nothing is listable).
 * Call it inside the transaction that changed an accreditation, its courses or the organisation's profile.
 */
export async function refreshDirectoryEntry(db: Database, organisationId: string, today: string): Promise<void> {
  checkToday(today);
  for (const statement of refreshStatements(today, organisationId)) await db.execute(statement);
}

/** Rebuild every entry at once (seed, benchmark generator, a nightly tidy-up of lapsed entries). */
export async function refreshAllDirectoryEntries(db: Database, today: string): Promise<void> {
  checkToday(today);
  for (const statement of refreshStatements(today, null)) await db.execute(statement);
}
