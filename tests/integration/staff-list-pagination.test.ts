/**
 * The staff applications list in pages of 50: page sizes and totals, a total order (no application on two
 * pages or on none, whatever the sort), filters combined with paging, a bad page number (400) and a page past
 * the last one (empty, with the total).
 */
import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { addDays, now } from "~/services/clock.server";
import { pageLinks } from "~/domain/pagination";
import { STAFF_SORTS, type StaffSort } from "~/domain/review-forms";
import * as listPage from "~/routes/admin.applications._index";
import { applications, reviewerAssignments } from "../../db/schema";
import { createFramework, createOrganisation, createRubric, createUser, signedIn } from "../support/factories";
import { callLoader, getRequest, payloadOf, statusOf } from "../support/requests";

type List = Awaited<ReturnType<typeof listPage.loader>>;
type Made = { id: string; organisationId: string; organisationName: string; status: "submitted" | "under_review"; submittedAt: Date };

/**
 * 120 applications past draft, plus 3 drafts, inserted the way the review factories insert them (the list
 * reads only the application, its organisation and its assignments). Few distinct submission times and two
 * organisations with the same display name, so the sorts have many ties that only the id can break.
 */
async function programme() {
  const { framework } = await createFramework();
  const { rubric } = await createRubric();
  const owner = await createUser({ name: "Olive Owner" });
  const orgs = [
    await createOrganisation({ displayName: "Alpha Rust" }),
    await createOrganisation({ displayName: "Beta Rust" }),
    await createOrganisation({ displayName: "Beta Rust" }),
    await createOrganisation({ displayName: "Gamma Rust" }),
  ];
  const base = now();
  const values = Array.from({ length: 120 }, (_, i) => ({
    organisationId: orgs[i % 4].id,
    frameworkId: framework.id,
    rubricId: rubric.id,
    status: i % 8 < 3 ? ("under_review" as const) : ("submitted" as const),
    currentRevision: 1,
    submittedAt: addDays(base, -(i % 10)),
    createdBy: owner.id,
  }));
  const made = await db.insert(applications).values(values).returning();
  const drafts = Array.from({ length: 3 }, (_, i) => ({ organisationId: orgs[i].id, frameworkId: framework.id, rubricId: rubric.id, status: "draft" as const, createdBy: owner.id }));
  await db.insert(applications).values(drafts);
  const rows: Made[] = made.map((a) => ({
    id: a.id,
    organisationId: a.organisationId,
    organisationName: orgs.find((o) => o.id === a.organisationId)!.displayName,
    status: a.status === "under_review" ? "under_review" : "submitted",
    submittedAt: a.submittedAt!,
  }));
  // Every third application has an accepted review overdue since yesterday: 40 in all.
  const reviewer = await createUser({ name: "Rita Reviewer", roles: ["reviewer"] });
  const late = rows.filter((_, i) => i % 3 === 0);
  await db.insert(reviewerAssignments).values(late.map((a) => ({ applicationId: a.id, reviewerId: reviewer.id, status: "accepted" as const, dueAt: addDays(base, -1) })));
  const staff = await signedIn({ roles: ["staff"], name: "Sam Staff" });
  return { rows, orgs, late, staff };
}

async function fetchList(cookie: string, query: string) {
  const result = await callLoader(listPage.loader, getRequest(`/admin/applications${query}`, cookie));
  expect(statusOf(result)).toBe(200);
  return payloadOf<List>(result);
}

/** All pages of a query, in order, asserting each is full except the last. */
async function allPages(cookie: string, query: string) {
  const first = await fetchList(cookie, query);
  const pages = [first];
  for (let page = 2; page <= first.pageCount; page++) pages.push(await fetchList(cookie, `${query}${query ? "&" : "?"}page=${page}`));
  pages.forEach((p, i) => {
    expect(p.total).toBe(first.total);
    expect(p.rows).toHaveLength(i < pages.length - 1 ? 50 : first.total - 50 * (pages.length - 1));
  });
  return { total: first.total, pageCount: first.pageCount, ids: pages.flatMap((p) => p.rows.map((r) => r.id)) };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

test("the list comes in pages of 50 with the total, every application on exactly one page, in every sort", async () => {
  const { rows, staff } = await programme();
  const expected = new Set(rows.map((r) => r.id));

  const first = await fetchList(staff.cookie, "");
  expect(first).toMatchObject({ total: 120, page: 1, pageSize: 50, pageCount: 3 });
  expect(first.rows).toHaveLength(50);
  expect((await fetchList(staff.cookie, "?page=2")).rows).toHaveLength(50);
  expect((await fetchList(staff.cookie, "?page=3")).rows).toHaveLength(20);

  for (const sort of Object.keys(STAFF_SORTS) as StaffSort[]) {
    const { total, pageCount, ids } = await allPages(staff.cookie, `?sort=${sort}`);
    expect([sort, total, pageCount]).toEqual([sort, 120, 3]);
    expect(ids).toHaveLength(120);
    expect(new Set(ids)).toEqual(expected); // none twice, none missing, no draft
    // The same page asked again is the same page.
    const again = await fetchList(staff.cookie, `?sort=${sort}&page=2`);
    expect(again.rows.map((r) => r.id)).toEqual(ids.slice(50, 100));
  }

  // Ties on submission time and organisation name are broken by id, so the order is fully determined.
  const recent = [...rows].sort(
    (a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || byText(a.organisationName, b.organisationName) || byText(a.id, b.id),
  );
  expect((await allPages(staff.cookie, "")).ids).toEqual(recent.map((r) => r.id));
  const byOrganisation = [...rows].sort(
    (a, b) => byText(a.organisationName, b.organisationName) || b.submittedAt.getTime() - a.submittedAt.getTime() || byText(a.id, b.id),
  );
  expect((await allPages(staff.cookie, "?sort=organisation")).ids).toEqual(byOrganisation.map((r) => r.id));
});

test("filters combine with paging, and the total counts only what the filters keep", async () => {
  const { rows, orgs, late, staff } = await programme();

  const submitted = rows.filter((r) => r.status === "submitted");
  expect(submitted).toHaveLength(75);
  const bySubmitted = await allPages(staff.cookie, "?status=submitted&sort=oldest");
  expect([bySubmitted.total, bySubmitted.pageCount]).toEqual([75, 2]);
  expect(new Set(bySubmitted.ids)).toEqual(new Set(submitted.map((r) => r.id)));
  const second = await fetchList(staff.cookie, "?status=submitted&sort=oldest&page=2");
  expect(second.query).toMatchObject({ status: "submitted", sort: "oldest", page: 2 });
  expect(second.rows.every((r) => r.status === "submitted")).toBe(true);

  const overdue = await allPages(staff.cookie, "?overdue=1");
  expect([overdue.total, overdue.pageCount]).toEqual([40, 1]);
  expect(new Set(overdue.ids)).toEqual(new Set(late.map((r) => r.id)));

  // Two filters at once, past the first page of the unfiltered list.
  const alphaUnderReview = rows.filter((r) => r.organisationId === orgs[0].id && r.status === "under_review");
  const combined = await fetchList(staff.cookie, `?status=under_review&organisation=${orgs[0].id}&sort=organisation`);
  expect(combined.total).toBe(alphaUnderReview.length);
  expect(new Set(combined.rows.map((r) => r.id))).toEqual(new Set(alphaUnderReview.map((r) => r.id)));

  // The organisation filter is a text field: an id from a link shows as its name; part of a name matches every
  // organisation that contains it (case-insensitive), and % or _ typed there are literal characters.
  expect(combined.organisationFilter).toBe("Alpha Rust");
  const betas = rows.filter((r) => r.organisationId === orgs[1].id || r.organisationId === orgs[2].id);
  const byName = await allPages(staff.cookie, "?organisation=beta%20RU");
  expect(byName.total).toBe(betas.length);
  expect(new Set(byName.ids)).toEqual(new Set(betas.map((r) => r.id)));
  expect((await fetchList(staff.cookie, "?organisation=%25")).total).toBe(0);
  expect((await fetchList(staff.cookie, "?organisation=Beta_Rust")).total).toBe(0);

  const overdueSubmitted = late.filter((r) => r.status === "submitted");
  const overdueSubmittedPage = await fetchList(staff.cookie, "?overdue=1&status=submitted&sort=due");
  expect(overdueSubmittedPage.total).toBe(overdueSubmitted.length);
  expect(new Set(overdueSubmittedPage.rows.map((r) => r.id))).toEqual(new Set(overdueSubmitted.map((r) => r.id)));

  // A bad filter value still falls back to its default, and paging still applies.
  const forgiving = await fetchList(staff.cookie, "?status=nonsense&sort=whatever&page=3");
  expect([forgiving.total, forgiving.rows.length]).toEqual([120, 20]);
});

test("a page past the last one is empty but still tells the total", async () => {
  const { staff } = await programme();
  for (const page of ["4", "1000", String(Number.MAX_SAFE_INTEGER)]) {
    const list = await fetchList(staff.cookie, `?page=${page}`);
    expect(list).toMatchObject({ total: 120, pageCount: 3, page: Number(page) });
    expect(list.rows).toEqual([]);
  }
  const filtered = await fetchList(staff.cookie, "?status=submitted&page=3");
  expect(filtered).toMatchObject({ total: 75, pageCount: 2, rows: [] });
  // An empty page 1 is the ordinary empty list.
  expect(await fetchList(staff.cookie, "?status=rejected")).toMatchObject({ total: 0, pageCount: 0, rows: [] });
});

test("a page number that is not a positive whole number answers 400 with a message and a way back", async () => {
  const { staff } = await programme();
  for (const page of ["0", "-1", "abc", "1.5", "2e1", "+2", " 2", "0x2", "９", String(Number.MAX_SAFE_INTEGER + 2)]) {
    const result = await callLoader(listPage.loader, getRequest(`/admin/applications?status=submitted&sort=oldest&page=${encodeURIComponent(page)}`, staff.cookie));
    expect([page, statusOf(result)]).toEqual([page, 400]);
    expect(result).toBeInstanceOf(Response);
    const body = (await (result as Response).json()) as { message: string; firstPage: string };
    expect(body.message).toBe("That page number is not valid: pages are numbered 1, 2, 3 and so on.");
    // The way back keeps the filters and the sort.
    expect(body.firstPage).toBe("/admin/applications?status=submitted&sort=oldest");
  }
  const twice = await callLoader(listPage.loader, getRequest("/admin/applications?page=2&page=3", staff.cookie));
  expect(statusOf(twice)).toBe(400);
  // An empty page field is no page field.
  expect(await fetchList(staff.cookie, "?page=")).toMatchObject({ page: 1, total: 120 });
  // Someone without staff access learns nothing, whatever the page.
  const reviewer = await signedIn({ roles: ["reviewer"] });
  expect(statusOf(await callLoader(listPage.loader, getRequest("/admin/applications?page=abc", reviewer.cookie)))).toBe(404);
});

test("page links show the first, the last and the neighbours of the current page", () => {
  expect(pageLinks(1, 0)).toEqual([]);
  expect(pageLinks(1, 1)).toEqual([1]);
  expect(pageLinks(2, 3)).toEqual([1, 2, 3]);
  expect(pageLinks(1, 10)).toEqual([1, 2, "gap", 10]);
  expect(pageLinks(4, 10)).toEqual([1, 2, 3, 4, 5, "gap", 10]); // a gap of one page shows the page instead
  expect(pageLinks(6, 15)).toEqual([1, "gap", 5, 6, 7, "gap", 15]);
  expect(pageLinks(15, 15)).toEqual([1, "gap", 14, 15]);
});
