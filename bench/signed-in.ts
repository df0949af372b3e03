/**
 * Signed-in pages for `npm run bench` (issue 19): the people who work in the portal, at the directory's scale.
 *
 * Data, generated here and never by the repository's seed:
 * - the demo accounts and workflow (db/seed.ts, one application in every state, reviews, votes) so each page
 *   has real content to show;
 * - on top of the 10,000 benchmark providers (bench/generate.ts), a second application for every third one
 *   (3,333 applications spread over draft, submitted, under review and changes requested; one in fifty, ~67,
 *   awaiting the board's decision),
 *   each a copy of its provider's five courses, fifteen modules and their mappings, with a frozen revision for
 *   every submitted one; reviewers assigned to the ones under review or awaiting a decision, the demo
 *   reviewer to 40 of them. The staff list then covers ~13,000 applications and the board queue ~70.
 * - the demo's draft gets a course of twenty modules and its application under review grows to ten courses
 *   (`enlargeDemoApplications`), the sizes issue 19 names for the mapping page and the reviewer form.
 * Then one session per person (a row in `sessions`, as a login makes), whose cookie the load sends.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.server";
import { queryRows } from "../db/client.server";
import { createSession } from "../app/services/sessions.server";
import { buildSnapshot } from "../app/services/application-submission.server";

const WORKFLOW_STATUSES = ["draft", "submitted", "under_review", "changes_requested"] as const;

async function one<T extends Record<string, unknown>>(db: Database, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(db, query);
  if (!row) throw new Error(`bench: no row for ${JSON.stringify(query)}`);
  return row;
}

/** The workflow volume: applications in progress at the 10,000-provider scale. Idempotent. */
export async function generateWorkflowData(db: Database, log: (line: string) => void): Promise<void> {
  const { n } = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from applications a join organisations o on o.id = a.organisation_id where o.slug like 'bench-%' and a.status <> 'accredited'`,
  );
  if (n > 0) return log(`data: ${n} benchmark applications in progress already present`);
  const started = Date.now();
  const { rubric } = await one<{ rubric: string }>(db, sql`select id as rubric from rubrics where status = 'published'`);
  const { snapshot } = await one<{ snapshot: unknown }>(
    db,
    sql`select r.snapshot from application_revisions r join applications a on a.id = r.application_id where a.status = 'under_review' order by a.created_at limit 1`,
  );
  const statuses = sql.raw(`array[${WORKFLOW_STATUSES.map((s) => `'${s}'`).join(", ")}]`);
  await db.execute(sql`
    insert into applications (organisation_id, framework_id, rubric_id, status, current_revision, created_at, updated_at, submitted_at)
    select o.id, a.framework_id, ${rubric}::uuid, s.status, case when s.status = 'draft' then 0 else 1 end,
      now() - (i % 200) * interval '1 day', now() - (i % 97) * interval '1 hour',
      case when s.status = 'draft' then null else now() - (i % 180) * interval '1 day' end
    from organisations o join applications a on a.organisation_id = o.id,
      lateral (select substr(o.slug, 7)::int as i) x,
      -- One in fifty awaits the board (~67, a realistic backlog); the rest spread over the other four states.
      lateral (select case when (x.i / 3) % 50 = 4 then 'awaiting_decision' else (${statuses})[1 + (x.i / 3) % 4] end as status) s
    where o.slug like 'bench-%' and x.i % 3 = 0`);
  // Each new application copies its provider's accredited courses, modules and mappings.
  await db.execute(sql`
    insert into courses (application_id, title, level, description, total_hours, delivery_modes, languages, regions, position)
    select n.id, c.title, c.level, c.description, c.total_hours, c.delivery_modes, c.languages, c.regions, c.position
    from applications n join applications a on a.organisation_id = n.organisation_id and a.status = 'accredited'
    join courses c on c.application_id = a.id
    join organisations o on o.id = n.organisation_id and o.slug like 'bench-%'
    where n.status <> 'accredited'`);
  await db.execute(sql`
    insert into course_modules (course_id, title, learning_outcomes, hours, position)
    select nc.id, m.title, m.learning_outcomes, m.hours, m.position
    from applications n join organisations o on o.id = n.organisation_id and o.slug like 'bench-%'
    join applications a on a.organisation_id = n.organisation_id and a.status = 'accredited'
    join courses nc on nc.application_id = n.id
    join courses c on c.application_id = a.id and c.position = nc.position
    join course_modules m on m.course_id = c.id
    where n.status <> 'accredited'`);
  await db.execute(sql`
    insert into module_mappings (module_id, competency_id, depth)
    select nm.id, mm.competency_id, mm.depth
    from applications n join organisations o on o.id = n.organisation_id and o.slug like 'bench-%'
    join applications a on a.organisation_id = n.organisation_id and a.status = 'accredited'
    join courses nc on nc.application_id = n.id
    join courses c on c.application_id = a.id and c.position = nc.position
    join course_modules nm on nm.course_id = nc.id
    join course_modules m on m.course_id = c.id and m.position = nm.position
    join module_mappings mm on mm.module_id = m.id
    where n.status <> 'accredited'`);
  await db.execute(sql`
    insert into application_revisions (application_id, number, snapshot, submitted_at)
    select n.id, 1, ${JSON.stringify(snapshot)}::jsonb, n.submitted_at
    from applications n join organisations o on o.id = n.organisation_id and o.slug like 'bench-%'
    where n.status not in ('draft', 'accredited')`);
  // Two reviewers on each application under review or awaiting a decision; the demo reviewer on 40 of them.
  await db.execute(sql`
    with r as (select u.id, u.email from users u where u.email in ('reviewer1@example.org', 'reviewer2@example.org', 'reviewer3@example.org')),
    apps as (
      select n.id, n.status, row_number() over (order by n.id) as k
      from applications n join organisations o on o.id = n.organisation_id and o.slug like 'bench-%'
      where n.status in ('under_review', 'awaiting_decision')
    )
    insert into reviewer_assignments (application_id, reviewer_id, status, due_at, conflict_declaration, responded_at)
    select apps.id, r.id, case when apps.status = 'awaiting_decision' then 'completed' else 'accepted' end,
      now() + (apps.k % 30 - 10) * interval '1 day', 'I have no conflict of interest with this organisation.', now()
    from apps join r on (r.email = 'reviewer2@example.org')
      or (r.email = 'reviewer1@example.org' and apps.k <= 40)
      or (r.email = 'reviewer3@example.org' and apps.k > 40)`);
  await db.execute(sql`
    insert into reviews (assignment_id, revision_number, scores, status, updated_at)
    select ra.id, 1, '{}'::jsonb, case when ra.status = 'completed' then 'submitted' else 'draft' end, now()
    from reviewer_assignments ra join applications n on n.id = ra.application_id
    join organisations o on o.id = n.organisation_id and o.slug like 'bench-%'`);
  await db.execute(sql`analyze`);
  const counts = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from applications group by status order by status`);
  log(`data: applications by status ${counts.map((c) => `${c.status}=${c.n}`).join(" ")} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export type SignedInPage = { page: string; paths: string[]; cookie: string };

const LONG_COURSE = "Bench: Rust in production, twenty modules";

/** Copies a benchmark provider's course (its modules, and their mappings when `mapped` says so) into an application. */
async function copyCourse(db: Database, applicationId: string, position: number, source: { title: string; modules: string[] }, mapped: (i: number) => boolean) {
  const [course] = await queryRows<{ id: string }>(
    db,
    sql`insert into courses (application_id, title, level, description, total_hours, delivery_modes, languages, regions, position)
        select ${applicationId}, ${source.title}, c.level, c.description, c.total_hours, c.delivery_modes, c.languages, c.regions, ${position}
        from courses c join course_modules m on m.course_id = c.id where m.id = ${source.modules[0]}
        returning id`,
  );
  for (const [i, moduleId] of source.modules.entries()) {
    const [copy] = await queryRows<{ id: string }>(
      db,
      sql`insert into course_modules (course_id, title, learning_outcomes, hours, position)
          select ${course.id}, title, learning_outcomes, hours, ${i + 1} from course_modules where id = ${moduleId} returning id`,
    );
    if (mapped(i)) await db.execute(sql`insert into module_mappings (module_id, competency_id, depth) select ${copy.id}, competency_id, depth from module_mappings where module_id = ${moduleId}`);
  }
}

/**
 * The sizes issue 19 names, on the demo's records the pages show: the draft gets a course of twenty modules, half of
 * them still to map (the mapping page then suggests for ten), and the application under review grows to ten courses,
 * its submitted revision rebuilt from them (the reviewer form). Module texts are copies of benchmark providers'.
 * Idempotent: nothing is added when the long course is there.
 */
async function enlargeDemoApplications(db: Database, draftId: string, underReviewId: string, log: (line: string) => void) {
  const benchCourses = (limit: number, offset: number) =>
    queryRows<{ title: string; modules: string[] }>(
      db,
      sql`select 'Bench: ' || c.title as title, array_agg(m.id order by m.position) as modules
          from courses c join course_modules m on m.course_id = c.id
          join applications a on a.id = c.application_id and a.status = 'accredited'
          join organisations o on o.id = a.organisation_id and o.slug like 'bench-%'
          group by c.id order by md5(c.id::text) limit ${limit} offset ${offset}`,
    );
  const [present] = await queryRows<{ id: string }>(db, sql`select id from courses where application_id = ${draftId} and title = ${LONG_COURSE}`);
  if (!present) {
    const modules = (await benchCourses(10, 0)).flatMap((c) => c.modules).slice(0, 20);
    await copyCourse(db, draftId, 99, { title: LONG_COURSE, modules }, (i) => i % 2 === 0);
  }
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from courses where application_id = ${underReviewId}`);
  if (present && n >= 10) return;
  const extra = await benchCourses(Math.max(0, 10 - n), 10);
  for (const [i, course] of extra.entries()) await copyCourse(db, underReviewId, 100 + n + i, course, () => true);
  const snapshot = await buildSnapshot(db, underReviewId);
  await db.execute(sql`update application_revisions set snapshot = ${JSON.stringify(snapshot)}::jsonb
      where application_id = ${underReviewId} and number = (select current_revision from applications where id = ${underReviewId})`);
  log(`data: the demo draft has a 20-module course; the application under review got ${extra.length} more courses`);
}

/** The pages a signed-in person uses daily, each as that person, on the demo's own records. */
export async function signedInPages(db: Database, log: (line: string) => void): Promise<SignedInPage[]> {
  const userId = async (email: string) => (await one<{ id: string }>(db, sql`select id from users where email = ${email}`)).id;
  const cookieFor = async (id: string) => `session=${(await createSession(db, id)).token}`;
  const demoApp = async (status: string) =>
    one<{ id: string; organisation_id: string }>(
      db,
      sql`select a.id, a.organisation_id from applications a join organisations o on o.id = a.organisation_id
          where a.status = ${status} and o.slug not like 'bench-%' order by a.created_at limit 1`,
    );
  const owner = async (organisationId: string) =>
    (await one<{ id: string }>(db, sql`select user_id as id from organisation_members where organisation_id = ${organisationId} and role = 'owner' limit 1`)).id;

  const draft = await demoApp("draft");
  const underReview = await demoApp("under_review");
  const awaiting = await demoApp("awaiting_decision");
  const size = async (id: string) =>
    one<{ courses: number; modules: number; max_modules: number }>(
      db,
      sql`select count(distinct c.id)::int as courses, count(m.id)::int as modules,
            coalesce(max((select count(*) from course_modules x where x.course_id = c.id)), 0)::int as max_modules
          from courses c left join course_modules m on m.course_id = c.id where c.application_id = ${id}`,
    );
  const provider = await cookieFor(await owner(draft.organisation_id));
  const staff = await cookieFor(await userId("staff@example.org"));
  const reviewerId = await userId("reviewer1@example.org");
  const reviewer = await cookieFor(reviewerId);
  const board = await cookieFor(await userId("board1@example.org"));
  const { assignment } = await one<{ assignment: string }>(
    db,
    sql`select ra.id as assignment from reviewer_assignments ra where ra.application_id = ${underReview.id} and ra.reviewer_id = ${reviewerId}`,
  );
  // The staff application view also over many applications (each a copy of a benchmark provider's five courses).
  const staffViews = await queryRows<{ id: string }>(
    db,
    sql`select a.id from applications a join organisations o on o.id = a.organisation_id
        where o.slug like 'bench-%' and a.status in ('submitted', 'under_review', 'awaiting_decision') order by md5(a.id::text) limit 60`,
  );
  await enlargeDemoApplications(db, draft.id, underReview.id, log);
  const s1 = await size(draft.id);
  const s2 = await size(underReview.id);
  const s3 = await size(awaiting.id);
  log(
    `data: signed-in pages on the demo's draft (${s1.courses} courses, ${s1.modules} modules, largest course ${s1.max_modules}), under-review (${s2.courses}/${s2.modules}) and awaiting-decision (${s3.courses}/${s3.modules}) applications`,
  );
  const p = `/provider/applications/${draft.id}`;
  return [
    { page: "signed-in provider-dashboard", paths: ["/provider"], cookie: provider },
    { page: "signed-in provider-application", paths: [p], cookie: provider },
    { page: "signed-in provider-courses", paths: [`${p}/courses`], cookie: provider },
    { page: "signed-in provider-mapping", paths: [`${p}/mapping`], cookie: provider },
    { page: "signed-in reviewer-queue", paths: ["/review"], cookie: reviewer },
    { page: "signed-in reviewer-form", paths: [`/review/${assignment}`], cookie: reviewer },
    { page: "signed-in board-queue", paths: ["/board"], cookie: board },
    { page: "signed-in board-vote", paths: [`/board/${awaiting.id}`], cookie: board },
    { page: "signed-in staff-dashboard", paths: ["/admin"], cookie: staff },
    { page: "signed-in staff-applications", paths: ["/admin/applications"], cookie: staff },
    { page: "signed-in staff-application", paths: [`/admin/applications/${underReview.id}`], cookie: staff },
    { page: "signed-in staff-application-bulk", paths: staffViews.map((r) => `/admin/applications/${r.id}`), cookie: staff },
  ];
}
