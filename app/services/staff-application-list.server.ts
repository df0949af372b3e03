/** Staff's list of applications: filters, free-text search, paging. */
import { eq, sql } from "drizzle-orm";
import { organisations } from "../../db/schema";
import type { ApplicationStatus } from "~/domain/workflow";
import { STAFF_PAGE_SIZE, statusesMatching, type StaffListQuery } from "~/domain/review-forms";
import { likeContaining, queryRows } from "../../db/client.server";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { isUuid } from "~/domain/forms";

export type StaffListRow = {
  id: string;
  organisationId: string;
  organisationName: string;
  kind: "initial" | "renewal";
  status: ApplicationStatus;
  currentRevision: number;
  submittedAt: Date | null;
  assignments: number;
  accepted: number;
  reviewsIn: number;
  overdue: number;
  nextDue: Date | null;
};

/**
 * Free-text search across applications: the provider's display or legal name, the application's reference (the
 * start of its id, as shown in the list), the certificate number issued from it or renewed by it, or a status.
 */
function searchCondition(q: string) {
  const like = likeContaining(q);
  const reference = /^[0-9a-f-]{4,36}$/i.test(q) ? sql`a.id::text like ${`${q.toLowerCase()}%`}` : sql`false`;
  const statuses = statusesMatching(q);
  const status = statuses.length > 0 ? sql`a.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})` : sql`false`;
  return sql`(o.display_name ilike ${like} or o.legal_name ilike ${like} or ${reference} or ${status}
    or exists (select 1 from accreditations c where (c.application_id = a.id or c.id = a.renews_accreditation_id) and c.certificate_number ilike ${like}))`;
}

/** One page of the applications matching the filters, with how many match in all (for "51–100 of 734"). */
export async function listApplications(db: Database, query: StaffListQuery) {
  // Raw SQL parameters: postgres.js wants a string for a timestamp, PGlite takes either.
  const at = now().toISOString();
  // Overdue: an accepted or pending assignment past its due date without a submitted review of the current revision.
  const open = sql`ra.status in ('pending','accepted') and not exists (select 1 from reviews r where r.assignment_id = ra.id and r.revision_number = a.current_revision and r.status = 'submitted')`;
  const where = [
    query.status ? sql`a.status = ${query.status}` : sql`a.status <> 'draft'`,
    !query.organisation
      ? sql`true`
      : isUuid(query.organisation)
        ? sql`a.organisation_id = ${query.organisation}`
        : sql`exists (select 1 from organisations n where n.id = a.organisation_id and n.display_name ilike ${likeContaining(query.organisation)})`,
    query.q ? searchCondition(query.q) : sql`true`,
    query.overdue
      ? sql`a.status in ('submitted','under_review') and exists (select 1 from reviewer_assignments ra where ra.application_id = a.id and ${open} and ra.due_at < ${at}::timestamptz)`
      : sql`true`,
  ];
  const filter = sql.join(where, sql` and `);
  // a.id breaks every tie, so the order is total and no application shows on two pages or on none.
  const order = {
    recent: sql`a.submitted_at desc nulls last, o.display_name, a.id`,
    oldest: sql`a.submitted_at asc nulls last, o.display_name, a.id`,
    organisation: sql`o.display_name asc, a.submitted_at desc nulls last, a.id`,
    due: sql`next_due asc nulls last, a.submitted_at asc, a.id`,
  }[query.sort];
  const offset = (query.page - 1) * STAFF_PAGE_SIZE;
  const rowsQuery = queryRows<{
    id: string;
    organisation_id: string;
    organisation_name: string;
    kind: "initial" | "renewal";
    status: ApplicationStatus;
    current_revision: number;
    submitted_at: string | Date | null;
    assignments: number;
    accepted: number;
    reviews_in: number;
    overdue: number;
    next_due: string | Date | null;
  }>(
    db,
    sql`
      select a.id, a.organisation_id, o.display_name as organisation_name, a.kind, a.status, a.current_revision, a.submitted_at,
        (select count(*)::int from reviewer_assignments ra where ra.application_id = a.id and ra.status <> 'declined') as assignments,
        (select count(*)::int from reviewer_assignments ra where ra.application_id = a.id and ra.status in ('accepted','completed')) as accepted,
        (select count(*)::int from reviews r join reviewer_assignments ra on ra.id = r.assignment_id
           where ra.application_id = a.id and r.revision_number = a.current_revision and r.status = 'submitted') as reviews_in,
        (select count(*)::int from reviewer_assignments ra where ra.application_id = a.id and ${open} and ra.due_at < ${at}::timestamptz
           and a.status in ('submitted','under_review')) as overdue,
        (select min(ra.due_at) from reviewer_assignments ra where ra.application_id = a.id and ${open}
           and a.status in ('submitted','under_review')) as next_due
      from applications a join organisations o on o.id = a.organisation_id
      where ${filter}
      order by ${order}
      limit ${STAFF_PAGE_SIZE} offset ${offset}`,
  );
  // A separate count rather than count(*) over (): a page past the last one has no row to carry the total. Only the
  // free-text search reads the organisation's names (o); without it the count is of applications alone.
  const countFrom = query.q ? sql`applications a join organisations o on o.id = a.organisation_id` : sql`applications a`;
  const countQuery = queryRows<{ total: number }>(db, sql`select count(*)::int as total from ${countFrom} where ${filter}`);
  const [rows, [{ total }]] = await Promise.all([rowsQuery, countQuery]);
  const toDate = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  const list: StaffListRow[] = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    kind: r.kind,
    status: r.status,
    currentRevision: r.current_revision,
    submittedAt: toDate(r.submitted_at),
    assignments: r.assignments,
    accepted: r.accepted,
    reviewsIn: r.reviews_in,
    overdue: r.overdue,
    nextDue: toDate(r.next_due),
  }));
  // The filter is a text field (a list of every organisation would be thousands of options): an id from a link
  // is shown as its organisation's name.
  const [named] = isUuid(query.organisation)
    ? await db.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, query.organisation))
    : [];
  const organisationFilter = named?.name ?? (isUuid(query.organisation) ? "" : query.organisation);
  return { rows: list, total, page: query.page, pageSize: STAFF_PAGE_SIZE, pageCount: Math.ceil(total / STAFF_PAGE_SIZE), organisationFilter };
}
