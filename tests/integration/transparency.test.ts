import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { changeAccreditationStatus } from "~/services/accreditations.server";
import * as figuresRoute from "~/routes/transparency.figures[.]json";
import * as pageRoute from "~/routes/transparency._index";
import { accreditations, appeals, applications, complaints } from "../../db/schema";
import { createOrganisation } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";
import { callLoader, getRequest, payloadOf } from "../support/requests";

test("the figures count applications, decisions by outcome per quarter, days to decision and accreditations by status", async () => {
  setClock(() => new Date("2026-05-20T10:00:00Z"));
  const staff = await createStaff();
  const board = await createBoard(3);
  const made: Awaited<ReturnType<typeof createAwaitingDecision>>[] = [];
  for (const days of [10, 30]) {
    const app = await createAwaitingDecision(made[0] ? { framework: made[0].framework, rubric: made[0].rubric } : {});
    await db.update(applications).set({ submittedAt: new Date(Date.parse("2026-05-20T10:00:00Z") - days * 86_400_000) }).where(eq(applications.id, app.application.id));
    for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
    const decided = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "B" });
    if (!decided.ok) throw new Error(decided.message);
    made.push(app);
  }
  const [acc] = await db.select().from(accreditations).where(eq(accreditations.applicationId, made[0].application.id));
  await changeAccreditationStatus(db, staff.sessionUser, acc.id, "suspend", "x");
  const response = (await callLoader(figuresRoute.loader, getRequest("/transparency/figures.json"))) as Response;
  expect(response.status).toBe(200);
  const figures = await response.json();
  expect(figures.decisions.rows).toEqual([{ label: "2026-Q2", values: { accredited: 2, rejected: 0 } }]);
  expect(figures["days-to-decision"].rows[0].values).toEqual({ median: 20, p90: 28 });
  expect(figures.accreditations.rows[0].values).toEqual({ active: 1, suspended: 1, revoked: 0, expired: 0 });
  expect(figures["applications-received"].rows.reduce((n: number, r: { values: { received: number } }) => n + r.values.received, 0)).toBe(2);
});

test("complaints are counted by outcome on the page and in figures.json; unconfirmed ones are not counted", async () => {
  const empty = await (await callLoader(figuresRoute.loader, getRequest("/transparency/figures.json")) as Response).json();
  expect(empty.complaints).toMatchObject({ title: "Complaints by outcome", rows: [] });

  const org = await createOrganisation();
  const cases: [typeof complaints.$inferInsert.status, typeof complaints.$inferInsert.outcome][] = [
    ["unconfirmed", null],
    ["received", null],
    ["investigating", null],
    ["not_in_scope", null],
    ["closed", "unfounded"],
    ["closed", "upheld"],
    ["closed", "upheld"],
    ["closed", "upheld_suspension"],
  ];
  await db.insert(complaints).values(
    cases.map(([status, outcome], i) => ({
      organisationId: org.id,
      complainantName: "C",
      complainantEmail: `c${i}@example.net`,
      details: "A complaint.",
      status,
      outcome,
      tokenHash: `hash-${i}`,
      submittedFrom: "x",
    })),
  );
  const figures = await (await callLoader(figuresRoute.loader, getRequest("/transparency/figures.json")) as Response).json();
  expect(figures.complaints.rows).toEqual([
    { label: "all complaints (7)", values: { open: 2, "not in scope": 1, unfounded: 1, upheld: 2, "upheld, with suspension": 1 } },
  ]);
  const page = payloadOf<{ figures: { id: string }[] }>(await callLoader(pageRoute.loader, getRequest("/transparency")));
  expect(page.figures.map((f) => f.id)).toContain("complaints");
});

test("appeals are counted by outcome on the page and in figures.json", async () => {
  const empty = await (await callLoader(figuresRoute.loader, getRequest("/transparency/figures.json")) as Response).json();
  expect(empty.appeals).toMatchObject({ title: "Appeals by outcome", rows: [] });

  const org = await createOrganisation();
  const statuses: (typeof appeals.$inferInsert.status)[] = ["lodged", "hearing", "upheld", "overturned", "overturned", "withdrawn"];
  await db.insert(appeals).values(
    statuses.map((status, i) => ({
      organisationId: org.id,
      kind: "suspension" as const,
      decisionKey: `suspension:${i}`,
      decidedAt: new Date("2026-05-01T10:00:00Z"),
      original: {},
      grounds: "The suspension rested on a misunderstanding.",
      status,
      ...(status === "upheld" || status === "overturned" ? { reasons: "The panel's reasons.", concludedAt: new Date("2026-05-20T10:00:00Z") } : {}),
    })),
  );
  const figures = await (await callLoader(figuresRoute.loader, getRequest("/transparency/figures.json")) as Response).json();
  expect(figures.appeals.rows).toEqual([{ label: "all appeals (6)", values: { open: 2, "decision upheld": 1, "decision overturned": 2, withdrawn: 1 } }]);
  const page = payloadOf<{ figures: { id: string }[] }>(await callLoader(pageRoute.loader, getRequest("/transparency")));
  expect(page.figures.map((f) => f.id)).toContain("appeals");
});
