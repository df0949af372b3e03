/**
 * Benchmark data: 10,000 accredited providers with 50,000 courses (150,000 modules mapped to the
 * framework), written with set-based INSERT … SELECT over generate_series so it takes seconds, not
 * minutes. Text is assembled from the real framework's titles and descriptions and from word lists, so
 * the full-text index sees realistic vocabulary and selectivity. Deterministic: the same rows every run.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client.server";
import { queryRows } from "../db/client.server";
import { refreshAllDirectoryEntries } from "../db/directory";
import { competencies, frameworks } from "../db/schema";
import { AREAS, FRAMEWORK } from "../db/seed-data/framework";

export const BENCH_PROVIDERS = 10_000;
export const COURSES_PER_PROVIDER = 5;
const MODULES_PER_COURSE = 3;

const ADJECTIVES = ["Ferrous", "Oxide", "Crimson", "Safe", "Fearless", "Rusty", "Zero-Cost", "Borrowed", "Iron", "Copper",
  "Northern", "Coastal", "Alpine", "Harbour", "Bright", "Steady", "Swift", "Clear", "Solid", "Open", "Lambda", "Static",
  "Atomic", "Parallel", "Mutable", "Cargo", "Trait", "Crate", "Pinned", "Async"];
const NOUNS = ["Crab", "Forge", "Anvil", "Foundry", "Harbor", "Lighthouse", "Compass", "Bridge", "Circuit", "Lattice",
  "Kernel", "Signal", "Orbit", "Summit", "Canyon", "Delta", "Meadow", "Quarry", "Beacon", "Workshop", "Garden", "Studio",
  "Engine", "Runtime", "Thread", "Channel", "Vector", "Pointer", "Lifetime", "Module"];
const KINDS = ["Academy", "Training", "Institute", "Labs", "School", "Learning", "Consulting", "Collective", "Guild",
  "Partners", "Education", "Systems"];
const COUNTRIES = ["DE", "NL", "GB", "FR", "US", "ES", "IT", "SE", "PL", "CZ", "AT", "CH", "BE", "DK", "FI", "NO", "IE",
  "PT", "CA", "JP", "IN", "BR", "AU", "SG"];
const LANGUAGES = ["English", "German", "French", "Spanish", "Dutch", "Italian", "Polish", "Swedish", "Portuguese", "Japanese"];
const FORMATS = ["in practice", "for teams", "bootcamp", "deep dive", "masterclass", "workshop", "essentials",
  "from scratch", "for C++ developers", "for Python developers", "in production", "hands-on"];
const AUDIENCES = ["backend engineers", "embedded developers", "platform teams", "students", "data engineers",
  "security teams", "game developers", "web developers", "systems programmers", "mobile developers"];
const PITCHES = [
  "We run practical, exercise-led courses taught by working Rust engineers.",
  "Our trainers have shipped Rust in production and teach from real code reviews.",
  "Small groups, lots of pairing and a project you keep after the course.",
  "Courses in-house, online or in our own training rooms, in several languages.",
  "We help teams move critical services to memory-safe Rust.",
  "From the first cargo new to async services, with exercises checked by mentors.",
];

const textArray = (values: readonly string[]): SQL => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

async function count(db: Database, query: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, query);
  return Number(row?.n ?? 0);
}

/** The published framework to map against: the one present, or the demo framework written now. */
async function ensureFramework(db: Database): Promise<string> {
  const [published] = await queryRows<{ id: string }>(db, sql`select id from frameworks where status = 'published' limit 1`);
  if (published) return published.id;
  const [version] = await queryRows<{ v: number }>(db, sql`select coalesce(max(version), 0)::int + 1 as v from frameworks`);
  const [fw] = await db
    .insert(frameworks)
    .values({ version: Number(version.v), title: FRAMEWORK.title, description: FRAMEWORK.description, status: "published", publishedAt: new Date() })
    .returning();
  for (const [i, area] of AREAS.entries()) {
    const [a] = await db
      .insert(competencies)
      .values({ frameworkId: fw.id, kind: "area", code: area.code, title: area.title, description: area.description, position: i })
      .returning();
    await db.insert(competencies).values(
      area.competencies.map((c, j) => ({
        frameworkId: fw.id,
        parentId: a.id,
        kind: "competency" as const,
        code: `${area.code}.${j + 1}`,
        title: c.title,
        description: c.description,
        level: c.level,
        core: c.core,
        position: j,
      })),
    );
  }
  return fw.id;
}

export async function benchDataPresent(db: Database): Promise<number> {
  return count(db, sql`select count(*)::int as n from directory_entries where slug like 'bench-%'`);
}

/** Seed the benchmark providers unless they are there already. Returns what it did. */
export async function generateBenchData(db: Database, today: string, log: (line: string) => void): Promise<"present" | "generated"> {
  const present = await benchDataPresent(db);
  if (present >= BENCH_PROVIDERS * 0.9) return "present";
  const started = Date.now();
  // A half-written earlier run is removed first (cascades to applications, courses, modules, mappings).
  await db.execute(sql`delete from accreditations where organisation_id in (select id from organisations where slug like 'bench-%')`);
  await db.execute(sql`delete from applications where organisation_id in (select id from organisations where slug like 'bench-%')`);
  await db.execute(sql`delete from organisations where slug like 'bench-%'`);
  const frameworkId = await ensureFramework(db);
  const n = BENCH_PROVIDERS;

  await db.execute(sql`
    insert into organisations (slug, legal_name, display_name, website, country, description, contact_email)
    select 'bench-' || lpad(i::text, 5, '0'),
      name || ' GmbH', name,
      'https://bench-' || i || '.example', c.countries[1 + (i * 7) % array_length(c.countries, 1)],
      c.pitches[1 + i % array_length(c.pitches, 1)] || ' ' || 'Courses for ' || c.audiences[1 + (i * 3) % array_length(c.audiences, 1)]
        || ' and ' || c.audiences[1 + (i * 11) % array_length(c.audiences, 1)] || '.',
      'training@bench-' || i || '.example'
    from generate_series(1, ${n}) i,
      (select ${textArray(ADJECTIVES)} adj, ${textArray(NOUNS)} nouns, ${textArray(KINDS)} kinds, ${textArray(COUNTRIES)} countries,
        ${textArray(PITCHES)} pitches, ${textArray(AUDIENCES)} audiences) c,
      lateral (select c.adj[1 + i % array_length(c.adj, 1)] || ' ' || c.nouns[1 + (i / 30) % array_length(c.nouns, 1)] || ' '
        || c.kinds[1 + (i / 900) % array_length(c.kinds, 1)] as name) x`);
  log(`  organisations: ${n}`);

  await db.execute(sql`
    insert into applications (organisation_id, framework_id, status, current_revision, submitted_at, decided_at)
    select o.id, ${frameworkId}::uuid, 'accredited', 1, s.at, s.at + interval '1 day' * (20 + k.i % 40)
    from organisations o,
      lateral (select substr(o.slug, 7)::int as i) k,
      -- Submitted over the last three years, decided 20 to 59 days later (not all at one instant: lists sort by these).
      lateral (select now() - interval '1 day' * (60 + (k.i * 97) % 1035) - interval '1 second' * ((k.i * 7919) % 86400) as at) s
    where o.slug like 'bench-%'`);

  // Five courses per provider, each on a competency of the framework (its area gives the topic).
  await db.execute(sql`
    with comp as (
      select c.id, c.title, c.description, c.level, p.title as area_title,
        row_number() over (order by p.position, c.position) as rn, count(*) over () as total
      from competencies c join competencies p on p.id = c.parent_id
      where c.framework_id = ${frameworkId}::uuid and c.kind = 'competency'
    ),
    apps as (
      select a.id, substr(o.slug, 7)::int as i from applications a join organisations o on o.id = a.organisation_id
      where o.slug like 'bench-%'
    ),
    lists as (select ${textArray(FORMATS)} formats, ${textArray(LANGUAGES)} langs, ${textArray(AUDIENCES)} audiences)
    insert into courses (application_id, title, level, description, total_hours, delivery_modes, languages, regions, position)
    select apps.id,
      comp.area_title || ' ' || lists.formats[1 + (apps.i + k * 5) % array_length(lists.formats, 1)],
      coalesce(comp.level, 'foundation'),
      comp.description || ' Written for ' || lists.audiences[1 + (apps.i + k) % array_length(lists.audiences, 1)] || '.',
      8 * (1 + (apps.i + k) % 5),
      array[(array['in_person', 'online_live', 'self_paced', 'hybrid'])[1 + (apps.i + k) % 4]]
        || case when (apps.i + k) % 3 = 0 and (apps.i + k) % 4 <> 1 then array['online_live'] else array[]::text[] end,
      array[lists.langs[1 + (apps.i * 3 + k) % 3]] || case when apps.i % 4 = 0 then array[lists.langs[4 + apps.i % 7]] else array[]::text[] end,
      array['EU'],
      k
    from apps cross join generate_series(0, ${COURSES_PER_PROVIDER - 1}) k cross join lists
    join comp on comp.rn = 1 + (apps.i * 7 + k * 13) % comp.total`);
  log(`  courses: ${n * COURSES_PER_PROVIDER}`);

  await db.execute(sql`
    with comp as (
      select c.id, c.title, c.description, row_number() over (order by p.position, c.position) as rn, count(*) over () as total
      from competencies c join competencies p on p.id = c.parent_id
      where c.framework_id = ${frameworkId}::uuid and c.kind = 'competency'
    ),
    cs as (
      select co.id, substr(o.slug, 7)::int as i, co.position as k
      from courses co join applications a on a.id = co.application_id join organisations o on o.id = a.organisation_id
      where o.slug like 'bench-%'
    )
    insert into course_modules (course_id, title, learning_outcomes, hours, position)
    select cs.id, comp.title, 'Participants can: ' || comp.description, 4, j
    from cs cross join generate_series(0, ${MODULES_PER_COURSE - 1}) j
    join comp on comp.rn = 1 + (cs.i * 7 + cs.k * 13 + j * 3) % comp.total`);
  log(`  modules: ${n * COURSES_PER_PROVIDER * MODULES_PER_COURSE}`);

  await db.execute(sql`
    insert into module_mappings (module_id, competency_id, depth)
    select m.id, c.id, (array['introduced', 'practised', 'assessed'])[1 + m.position % 3]
    from course_modules m
    join courses co on co.id = m.course_id
    join applications a on a.id = co.application_id
    join organisations o on o.id = a.organisation_id and o.slug like 'bench-%'
    join competencies c on c.framework_id = a.framework_id and c.kind = 'competency' and c.title = m.title
    on conflict do nothing`);
  log(`  mappings: ${await count(db, sql`select count(*)::int as n from module_mappings`)}`);

  // One accreditation each: 2% suspended, 1% revoked, 2.5% expired; the rest active, accredited over 2.5 years.
  await db.execute(sql`
    insert into accreditations (certificate_number, organisation_id, application_id, scope, status, valid_from, valid_until)
    select 'ACC-' || to_char(vf, 'YYYY') || '-' || (50000 + i)::text, a.organisation_id, a.id,
      coalesce((
        select jsonb_agg(jsonb_build_object('courseId', co.id, 'courseTitle', co.title, 'level', co.level, 'language', l, 'mode', md)
          order by co.position, l, md)
        from courses co, unnest(co.languages) l, unnest(co.delivery_modes) md where co.application_id = a.id
      ), '[]'::jsonb),
      case when i % 50 = 0 then 'suspended' when i % 100 = 1 then 'revoked' else 'active' end,
      vf, (vf + interval '3 years' - interval '1 day')::date
    from (
      select a.id, a.organisation_id, substr(o.slug, 7)::int as i,
        (${today}::date - (case when substr(o.slug, 7)::int % 40 = 0 then 1200 else substr(o.slug, 7)::int % 900 end))::date as vf
      from applications a join organisations o on o.id = a.organisation_id where o.slug like 'bench-%'
    ) a`);
  log("  accreditations: one per provider");

  await refreshAllDirectoryEntries(db, today);
  await db.execute(sql`analyze`);
  const listed = await benchDataPresent(db);
  log(`  directory entries listed: ${listed} (revoked and expired ones are not) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return "generated";
}
