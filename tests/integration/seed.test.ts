import { expect, test } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "~/services/db.server";
import { homeFor } from "~/services/accounts.server";
import { login } from "~/services/login.server";
import { verifyAuditChain } from "~/services/audit.server";
import { nextCertificateNumber } from "~/services/accreditations.server";
import { accreditationsForOrganisation } from "~/services/accreditation-lists.server";
import { setClock } from "~/services/clock.server";
import { standingDecision, appealsForProvider } from "~/services/appeals.server";
import { appealForPanel, appealForStaff } from "~/services/appeals-panel.server";
import { complaintForStaff } from "~/services/complaints-staff.server";
import { scopeChangeForStaff } from "~/services/scope-changes.server";
import { materialChangeForStaff } from "~/services/material-changes.server";
import { reportForMember, reportForStaff } from "~/services/surveillance.server";
import { proposeAssignments } from "~/services/auto-assign.server";
import { canStartRenewal, daysUntil, effectiveStatus, isoDate } from "~/domain/accreditation";
import { queryRows, truncateAll } from "../../db/client.server";
import { DEMO_PASSWORD, seedIfEmpty } from "../../db/seed";
import {
  accreditations,
  annualReports,
  appeals,
  assignmentProposals,
  complaints,
  materialChanges,
  scopeChanges,
  applicationRevisions,
  applications,
  boardVotes,
  changeRequests,
  competencies,
  courseModules,
  directoryEntries,
  frameworks,
  invitations,
  moduleMappings,
  organisations,
  reviewerAssignments,
  reviews,
  rubricCriteria,
  rubrics,
  users,
  APPLICATION_STATUSES,
} from "../../db/schema";

// A fixed base day, so the dates the seed derives are the same on every run of this file.
const TODAY = new Date("2026-06-15T08:00:00Z");
const TODAY_ISO = "2026-06-15";

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await queryRows<{ tablename: string }>(db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${tablename}"`));
    counts[tablename] = Number(row.n);
  }
  return counts;
}

test("an empty database gets the published Rust framework and rubric", async () => {
  expect(await seedIfEmpty(db, { today: TODAY })).toBe(true);

  const [framework] = await db.select().from(frameworks);
  expect(framework).toMatchObject({ title: "Rust Competency Framework", version: 1, status: "published" });
  const nodes = await db.select().from(competencies).where(eq(competencies.frameworkId, framework.id));
  const areas = nodes.filter((n) => n.kind === "area");
  const items = nodes.filter((n) => n.kind === "competency");
  expect(areas.length).toBeGreaterThanOrEqual(14);
  expect(items.length).toBeGreaterThanOrEqual(45);
  expect(new Set(nodes.map((n) => n.code)).size).toBe(nodes.length);
  for (const code of ["OWN", "LIFE", "TRAIT", "ERR", "COLL", "CONC", "ASYNC", "UNSAFE", "MACRO", "TOOL", "TEST", "PERF", "EMB", "WASM"]) {
    expect(areas.map((a) => a.code)).toContain(code);
  }
  const areaById = new Map(areas.map((a) => [a.id, a]));
  for (const c of items) {
    const area = areaById.get(c.parentId ?? "");
    expect(area, c.code).toBeDefined();
    expect(c.code.startsWith(`${area!.code}.`)).toBe(true);
    expect(c.level).not.toBeNull();
    expect(c.description.length).toBeGreaterThan(40);
  }
  for (const a of areas) expect(a.level).toBeNull();
  const coreShare = items.filter((c) => c.core).length / items.length;
  expect(coreShare).toBeGreaterThan(0.3);
  expect(coreShare).toBeLessThan(0.5);
  expect(items.filter((c) => c.core).every((c) => c.level !== "advanced")).toBe(true);

  const [rubric] = await db.select().from(rubrics);
  expect(rubric.status).toBe("published");
  const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, rubric.id));
  expect(criteria).toHaveLength(6);
  expect(criteria.every((c) => c.weight > 0 && c.descriptors.length === 5 && c.guidance.length > 0)).toBe(true);
  expect(criteria.reduce((s, c) => s + c.weight, 0)).toBeGreaterThan(0);
});

test("every demo account logs in with the shared password and lands in its area", async () => {
  await seedIfEmpty(db, { today: TODAY });
  const expected: [string, string[], string][] = [
    ["staff@example.org", ["staff"], "/admin"],
    ["reviewer1@example.org", ["reviewer"], "/review"],
    ["reviewer2@example.org", ["reviewer"], "/review"],
    ["reviewer3@example.org", ["reviewer"], "/review"],
    ["board1@example.org", ["board"], "/board"],
    ["board2@example.org", ["board"], "/board"],
    ["board3@example.org", ["board"], "/board"],
    ["owner1@example.org", [], "/provider"],
    ["owner2@example.org", [], "/provider"],
    ["member1@example.org", [], "/provider"],
  ];
  for (const [i, [email, roles, home]] of expected.entries()) {
    const result = await login(db, { email, password: DEMO_PASSWORD, address: `198.51.100.${i + 1}` });
    expect(result.ok, email).toBe(true);
    if (!result.ok) continue;
    expect(result.value.user.roles).toEqual(roles);
    expect(homeFor(result.value.user)).toBe(home);
  }
  const owner1 = await login(db, { email: "owner1@example.org", password: DEMO_PASSWORD, address: "198.51.100.50" });
  const owner2 = await login(db, { email: "owner2@example.org", password: DEMO_PASSWORD, address: "198.51.100.51" });
  if (!owner1.ok || !owner2.ok) throw new Error("owners must log in");
  const [ferris] = await db.select().from(organisations).where(eq(organisations.slug, "ferris-academy"));
  const [oxide] = await db.select().from(organisations).where(eq(organisations.slug, "oxide-training"));
  expect(owner1.value.user.memberships).toContainEqual(expect.objectContaining({ organisationId: ferris.id, role: "owner" }));
  expect(owner2.value.user.memberships).toContainEqual(expect.objectContaining({ organisationId: oxide.id, role: "owner" }));

  const reviewer = await login(db, { email: "reviewer1@example.org", password: DEMO_PASSWORD, address: "198.51.100.60" });
  expect(reviewer.ok).toBe(true);
  const wrong = await login(db, { email: "staff@example.org", password: "not-the-password", address: "198.51.100.61" });
  expect(wrong.ok).toBe(false);
});

test("at least six providers hold active certificates and appear in the directory; revoked and expired ones do not", async () => {
  setClock(() => TODAY);
  await seedIfEmpty(db, { today: TODAY });
  const rows = await db.select({ a: accreditations, slug: organisations.slug }).from(accreditations).innerJoin(organisations, eq(organisations.id, accreditations.organisationId));
  const shown = rows.map(({ a, slug }) => ({ slug, number: a.certificateNumber, status: effectiveStatus(a, TODAY_ISO), a }));
  const active = shown.filter((r) => r.status === "active");
  expect(active.length).toBeGreaterThanOrEqual(6);
  for (const r of shown) {
    expect(r.number).toMatch(/^ACC-\d{4}-\d{4}$/);
    expect(r.a.scope.length).toBeGreaterThan(0);
    // valid_until is the day before the third anniversary of valid_from.
    const from = new Date(`${r.a.validFrom}T00:00:00Z`);
    const anniversary = Date.UTC(from.getUTCFullYear() + 3, from.getUTCMonth(), from.getUTCDate());
    expect(r.a.validUntil).toBe(isoDate(new Date(anniversary - 86_400_000)));
  }
  const suspended = shown.filter((r) => r.status === "suspended");
  expect(suspended).toHaveLength(1);
  expect(suspended[0].a.statusReason).toBeTruthy();
  const revoked = shown.find((r) => r.status === "revoked");
  expect(revoked?.a.statusReason).toBeTruthy();
  expect(shown.some((r) => r.status === "expired")).toBe(true);
  expect(active.some((r) => daysUntil(r.a.validUntil, TODAY_ISO) <= 60)).toBe(true);

  // Ferris Academy's owner can start a renewal.
  const ferris = shown.find((r) => r.slug === "ferris-academy");
  expect(ferris?.status).toBe("active");
  expect(canStartRenewal(ferris!.a, TODAY_ISO)).toBe(true);
  const owner = await login(db, { email: "owner1@example.org", password: DEMO_PASSWORD, address: "198.51.100.70" });
  if (!owner.ok) throw new Error("owner1 must log in");
  const dashboard = await accreditationsForOrganisation(db, owner.value.user, ferris!.a.organisationId);
  expect(dashboard[0].renewal.open).toBe(true);

  const listed = await db.select().from(directoryEntries);
  const listedSlugs = listed.map((d) => d.slug);
  expect(listed.filter((d) => d.status === "active").length).toBeGreaterThanOrEqual(6);
  expect(listedSlugs).not.toContain(revoked!.slug);
  for (const r of shown.filter((x) => x.status === "expired")) expect(listedSlugs).not.toContain(r.slug);
  expect(listedSlugs).toContain(suspended[0].slug);

  // New certificate numbers continue after the seeded ones of the same year.
  const seededThisYear = shown.map((r) => r.number).filter((n) => n.startsWith("ACC-2026-")).sort();
  const next = await db.transaction((tx) => nextCertificateNumber(tx, 2026));
  expect(next > seededThisYear[seededThisYear.length - 1]).toBe(true);
  expect(seededThisYear).not.toContain(next);
});

test("applications exist in every workflow state with the records each state implies", async () => {
  await seedIfEmpty(db, { today: TODAY });
  const apps = await db.select({ app: applications, slug: organisations.slug }).from(applications).innerJoin(organisations, eq(organisations.id, applications.organisationId));
  for (const status of APPLICATION_STATUSES) expect(apps.some((a) => a.app.status === status), status).toBe(true);
  const byStatus = (s: string) => apps.find((a) => a.app.status === s)!.app;

  const draft = byStatus("draft");
  expect(apps.find((a) => a.app.id === draft.id)?.slug).toBe("oxide-training");
  expect(draft.currentRevision).toBe(0);
  for (const { app } of apps.filter((a) => a.app.status !== "draft")) {
    const revs = await db.select().from(applicationRevisions).where(eq(applicationRevisions.applicationId, app.id));
    expect(revs.map((r) => r.number)).toEqual([1]);
    expect(app.currentRevision).toBe(1);
    expect(app.frameworkId).toBeTruthy();
    expect(app.rubricId).toBeTruthy();
  }

  const assignmentsOf = (id: string) => db.select().from(reviewerAssignments).where(eq(reviewerAssignments.applicationId, id)).orderBy(asc(reviewerAssignments.createdAt));
  const reviewsOf = async (id: string) => {
    const a = await assignmentsOf(id);
    const all = await db.select().from(reviews);
    return all.filter((r) => a.some((x) => x.id === r.assignmentId));
  };
  const criteria = await db.select().from(rubricCriteria);

  const underReview = byStatus("under_review");
  const ur = await assignmentsOf(underReview.id);
  expect(ur.filter((a) => a.status === "accepted" || a.status === "completed")).toHaveLength(2);
  const urReviews = await reviewsOf(underReview.id);
  expect(urReviews.map((r) => r.status).sort()).toEqual(["draft", "submitted"]);
  const submittedReview = urReviews.find((r) => r.status === "submitted")!;
  expect(Object.keys(submittedReview.scores).sort()).toEqual(criteria.map((c) => c.id).sort());
  for (const s of Object.values(submittedReview.scores)) expect(s.score).toBeGreaterThanOrEqual(0);

  const disputes = await queryRows<{ status: string }>(
    db,
    sql`select a.status from mapping_disputes d join module_mappings mm on mm.id = d.mapping_id join course_modules m on m.id = mm.module_id
        join courses c on c.id = m.course_id join applications a on a.id = c.application_id`,
  );
  expect(disputes).toEqual([{ status: "under_review" }]);

  // The demo reviewer login has work waiting: a request to answer and a draft to finish.
  const [reviewer1] = await db.select().from(users).where(eq(users.email, "reviewer1@example.org"));
  const mine = await db.select().from(reviewerAssignments).where(eq(reviewerAssignments.reviewerId, reviewer1.id));
  expect(mine.some((a) => a.status === "pending")).toBe(true);
  expect(urReviews.find((r) => r.status === "draft")?.assignmentId).toBe(mine.find((a) => a.applicationId === underReview.id)?.id);

  const pendingInvitations = await db.select().from(invitations);
  expect(pendingInvitations.map((i) => i.kind).sort()).toEqual(["organisation", "role"]);

  expect(await db.select().from(changeRequests).where(eq(changeRequests.applicationId, byStatus("changes_requested").id))).toHaveLength(1);

  const awaiting = byStatus("awaiting_decision");
  expect((await reviewsOf(awaiting.id)).every((r) => r.status === "submitted")).toBe(true);
  expect(await db.select().from(boardVotes).where(eq(boardVotes.applicationId, awaiting.id))).toHaveLength(2);

  const decided = await queryRows<{ status: string; outcome: string; rationale: string }>(
    db,
    sql`select a.status, d.outcome, d.rationale from applications a join decisions d on d.application_id = a.id`,
  );
  expect(decided.every((d) => d.status === d.outcome)).toBe(true);
  expect(decided.find((d) => d.outcome === "rejected")?.rationale.length).toBeGreaterThan(50);
});

test("every module is mapped to one to three competencies of the pinned framework, except the draft's unfinished one", async () => {
  await seedIfEmpty(db, { today: TODAY });
  const rows = await queryRows<{ status: string; module_id: string; n: number }>(
    db,
    sql`select a.status, m.id as module_id, count(mm.id)::int as n
        from course_modules m join courses c on c.id = m.course_id join applications a on a.id = c.application_id
        left join module_mappings mm on mm.module_id = m.id group by a.status, m.id`,
  );
  const unmapped = rows.filter((r) => Number(r.n) === 0);
  expect(unmapped.every((r) => r.status === "draft")).toBe(true);
  expect(unmapped).toHaveLength(1);
  expect(rows.every((r) => Number(r.n) <= 3)).toBe(true);
  const mapped = await db.select({ kind: competencies.kind }).from(moduleMappings).innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId));
  expect(mapped.every((m) => m.kind === "competency")).toBe(true);
  const perCourse = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from course_modules group by course_id`);
  expect(perCourse.every((r) => Number(r.n) >= 3 && Number(r.n) <= 6)).toBe(true);
  expect((await db.select().from(courseModules)).every((m) => m.learningOutcomes.length > 60)).toBe(true);
});

test("the seeded audit trail is a valid hash chain", async () => {
  await seedIfEmpty(db, { today: TODAY });
  const check = await verifyAuditChain(db);
  expect(check.ok).toBe(true);
  expect(check.checked).toBeGreaterThan(50);
});

test("seeding again changes nothing, and a non-empty database is left alone", async () => {
  expect(await seedIfEmpty(db, { today: TODAY })).toBe(true);
  const before = await tableCounts();
  expect(await seedIfEmpty(db, { today: TODAY })).toBe(false);
  expect(await tableCounts()).toEqual(before);
});

test("the seed is deterministic: the same ids and numbers after a truncate", async () => {
  const capture = async () => ({
    organisations: (await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).orderBy(asc(organisations.slug))),
    applications: (await db.select({ id: applications.id, status: applications.status, submittedAt: applications.submittedAt }).from(applications).orderBy(asc(applications.id))),
    competencies: (await db.select({ id: competencies.id, code: competencies.code }).from(competencies).orderBy(asc(competencies.code))),
    accreditations: (await db.select({ id: accreditations.id, n: accreditations.certificateNumber, until: accreditations.validUntil }).from(accreditations).orderBy(asc(accreditations.id))),
    mappings: (await db.select({ id: moduleMappings.id }).from(moduleMappings).orderBy(asc(moduleMappings.id))).map((m) => m.id),
    reviews: (await db.select({ id: reviews.id, scores: reviews.scores }).from(reviews).orderBy(asc(reviews.id))),
    audit: (await queryRows<{ hash: string }>(db, sql`select hash from audit_events order by id`)).map((r) => r.hash),
  });
  await seedIfEmpty(db, { today: TODAY });
  const first = await capture();
  await truncateAll(db);
  await seedIfEmpty(db, { today: TODAY });
  expect(await capture()).toEqual(first);
});

test("after the grant: an appeal before its panel, a complaint, a scope change, a material change, an annual report and a proposal, as the services see them", async () => {
  setClock(() => TODAY);
  await seedIfEmpty(db, { today: TODAY });
  const as = async (email: string, i: number) => {
    const r = await login(db, { email, password: DEMO_PASSWORD, address: `198.51.100.${100 + i}` });
    if (!r.ok) throw new Error(`${email} must log in`);
    return r.value.user;
  };
  const [staff, colleague, board1, board3, brad, anouk] = await Promise.all(
    ["staff@example.org", "staff2@example.org", "board1@example.org", "board3@example.org", "brad@quickrust.example", "anouk@crabcode-labs.example"].map(as),
  );

  // The appeal names the revocation that still stands, so it is not offered for appeal again; board1 hears it.
  const [appeal] = await db.select().from(appeals);
  expect(appeal).toMatchObject({ kind: "revocation", status: "hearing" });
  expect((await standingDecision(db, appeal.decisionKey))?.key).toBe(appeal.decisionKey);
  const mine = await appealsForProvider(db, brad);
  expect(mine.appeals.map((a) => a.id)).toEqual([appeal.id]);
  expect(mine.appealable).toEqual([]);
  const heard = await appealForPanel(db, board1, appeal.id);
  expect(heard?.actions).toEqual(["uphold", "overturn"]);
  expect(heard?.timeline.map((e) => e.action)).toEqual(["appeal.lodged", "appeal.document_added", "appeal.constitute_panel"]);
  expect(heard?.documents).toHaveLength(1);
  expect(await appealForPanel(db, board3, appeal.id)).toBeNull();
  expect((await appealForStaff(db, staff, appeal.id))?.recordedTheDecision).toBe(true);
  expect((await appealForStaff(db, colleague, appeal.id))?.recordedTheDecision).toBe(false);

  // The complaint is under investigation, with its timeline; its link cannot be opened by any token.
  const [complaint] = await db.select().from(complaints);
  const handled = await complaintForStaff(db, staff, complaint.id);
  expect(handled?.complaint.status).toBe("investigating");
  expect(handled?.events.map((e) => e.action)).toEqual(["filed", "confirm", "accept"]);

  // One open scope change, one reported material change, one accepted annual report.
  const [scope] = await db.select().from(scopeChanges);
  expect((await scopeChangeForStaff(db, staff, scope.id))?.status).toBe("requested");
  const [change] = await db.select().from(materialChanges);
  expect((await materialChangeForStaff(db, staff, change.id))?.status).toBe("reported");
  const [report] = await db.select().from(annualReports);
  expect((await reportForMember(db, anouk, report.id))?.status).toBe("accepted");
  expect((await reportForStaff(db, staff, report.id))?.timeline.map((e) => e.action)).toEqual([
    "surveillance.report_opened",
    "surveillance.report_submitted",
    "surveillance.report_accept",
  ]);

  // The seeded proposal is the one the service proposes for the same request.
  const [seeded] = await db.select().from(assignmentProposals);
  expect(seeded.status).toBe("proposed");
  const again = await proposeAssignments(db, staff, {
    intent: "propose",
    applicationIds: seeded.applicationIds,
    reviewersPerApplication: seeded.reviewersPerApplication,
    maxLoad: seeded.maxLoad,
    dueDate: seeded.dueAt.toISOString().slice(0, 10),
  });
  if (!again.ok) throw new Error(again.message);
  const [fresh] = await db.select().from(assignmentProposals).where(eq(assignmentProposals.id, again.value.id));
  const sorted = (pairs: typeof seeded.pairs) => [...pairs].sort((a, b) => `${a.applicationId}${a.reviewerId}`.localeCompare(`${b.applicationId}${b.reviewerId}`));
  expect(sorted(fresh.pairs)).toEqual(sorted(seeded.pairs));
  expect([fresh.totalScore, fresh.shortfall]).toEqual([seeded.totalScore, seeded.shortfall]);
  setClock(undefined);
});
