/**
 * The programme's public record for /transparency: figures computed from the data, each one also served
 * as JSON. A figure is a named query; the safeguards (complaints, appeals) are counted by outcome.
 */
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.server";
import { isoDate } from "~/domain/accreditation";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { complaintAndAppealCounts, type SafeguardCounts } from "./complaints.server";

/** `rowHeading` names the rows' labels in the table (a period unless said otherwise). */
export type Figure = { id: string; title: string; unit: string; rowHeading?: string; rows: { label: string; values: Record<string, number> }[] };

async function applicationsReceived(db: Database): Promise<Figure> {
  const rows = await queryRows<{ quarter: string; count: number }>(
    db,
    sql`select to_char(date_trunc('quarter', submitted_at), 'YYYY-"Q"Q') as quarter, count(*)::int as count
        from applications where submitted_at is not null group by 1 order by 1`,
  );
  return { id: "applications-received", title: "Applications received per quarter", unit: "applications", rows: rows.map((r) => ({ label: r.quarter, values: { received: Number(r.count) } })) };
}

async function decisionsPerOutcome(db: Database): Promise<Figure> {
  const rows = await queryRows<{ quarter: string; outcome: string; count: number }>(
    db,
    sql`select to_char(date_trunc('quarter', created_at), 'YYYY-"Q"Q') as quarter, outcome, count(*)::int as count
        from decisions group by 1, 2 order by 1, 2`,
  );
  const byQuarter = new Map<string, Record<string, number>>();
  for (const r of rows) byQuarter.set(r.quarter, { ...(byQuarter.get(r.quarter) ?? { accredited: 0, rejected: 0 }), [r.outcome]: Number(r.count) });
  return { id: "decisions", title: "Decisions per quarter, by outcome", unit: "decisions", rows: [...byQuarter].map(([label, values]) => ({ label, values })) };
}

async function daysToDecision(db: Database): Promise<Figure> {
  const [row] = await queryRows<{ median: number | null; p90: number | null; n: number }>(
    db,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from (d.created_at - a.submitted_at)) / 86400) as median,
               percentile_cont(0.9) within group (order by extract(epoch from (d.created_at - a.submitted_at)) / 86400) as p90,
               count(*)::int as n
        from decisions d join applications a on a.id = d.application_id where a.submitted_at is not null`,
  );
  const round = (v: number | null) => (v === null ? 0 : Math.round(Number(v) * 10) / 10);
  return {
    id: "days-to-decision",
    title: "Days from submission to decision",
    unit: "days",
    rows: [{ label: `all decisions (${Number(row?.n ?? 0)})`, values: { median: round(row?.median ?? null), p90: round(row?.p90 ?? null) } }],
  };
}

async function accreditationsByStatus(db: Database): Promise<Figure> {
  const today = isoDate(now());
  const [row] = await queryRows<{ active: number; suspended: number; revoked: number; expired: number }>(
    db,
    sql`select count(*) filter (where status = 'active' and valid_until >= ${today})::int as active,
               count(*) filter (where status = 'suspended' and valid_until >= ${today})::int as suspended,
               count(*) filter (where status = 'revoked')::int as revoked,
               count(*) filter (where status in ('active', 'suspended') and valid_until < ${today})::int as expired
        from accreditations`,
  );
  return { id: "accreditations", title: "Accreditations by status today", unit: "accreditations", rows: [{ label: today, values: { active: Number(row.active), suspended: Number(row.suspended), revoked: Number(row.revoked), expired: Number(row.expired) } }] };
}

/** How one safeguard's counts read as a figure: which count is the total, and the outcomes in column order. */
type OutcomeFigure<C extends Record<string, number>> = { id: string; title: string; unit: string; total: keyof C & string; outcomes: Partial<Record<keyof C, string>> };

/**
 * The safeguards shown by outcome, in page order. A safeguard joins the page (and figures.json) with one entry
 * here: its counts already come from `complaintAndAppealCounts`.
 */
const BY_OUTCOME: { [K in keyof SafeguardCounts]?: OutcomeFigure<SafeguardCounts[K]> } = {
  complaints: { id: "complaints", title: "Complaints by outcome", unit: "complaints", total: "confirmed", outcomes: { open: "open", notInScope: "not in scope", unfounded: "unfounded", upheld: "upheld", upheldSuspension: "upheld, with suspension" } },
  appeals: { id: "appeals", title: "Appeals by outcome", unit: "appeals", total: "lodged", outcomes: { open: "open", upheld: "decision upheld", overturned: "decision overturned", withdrawn: "withdrawn" } },
};

function outcomeFigure<C extends Record<string, number>>(shape: OutcomeFigure<C>, counts: C): Figure {
  const total = counts[shape.total];
  const values = Object.fromEntries(Object.entries(shape.outcomes).map(([key, label]) => [label as string, counts[key as keyof C]]));
  // Nothing lodged yet: no row, and the page says so rather than drawing a chart of zeros.
  return { id: shape.id, title: shape.title, unit: shape.unit, rowHeading: "Cases", rows: total > 0 ? [{ label: `all ${shape.unit} (${total})`, values }] : [] };
}

async function safeguardsByOutcome(db: Database): Promise<Figure[]> {
  const counts = await complaintAndAppealCounts(db);
  const figures: Figure[] = [];
  for (const kind of Object.keys(BY_OUTCOME) as (keyof SafeguardCounts)[]) {
    const shape = BY_OUTCOME[kind] as OutcomeFigure<SafeguardCounts[typeof kind]> | undefined;
    if (shape) figures.push(outcomeFigure(shape, counts[kind]));
  }
  return figures;
}

/** The figures in page order. */
const FIGURES: ((db: Database) => Promise<Figure | Figure[]>)[] = [applicationsReceived, decisionsPerOutcome, daysToDecision, accreditationsByStatus, safeguardsByOutcome];

export async function transparencyFigures(db: Database): Promise<Figure[]> {
  return (await Promise.all(FIGURES.map((figure) => figure(db)))).flat();
}
