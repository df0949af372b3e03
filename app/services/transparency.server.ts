/**
 * The programme's public record for /transparency: figures computed from the data, each one also served
 * as JSON. A figure is a named query; appeals and complaints join the list as their tables land.
 */
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.server";
import { isoDate } from "~/domain/accreditation";
import type { Database } from "./db.server";
import { now } from "./clock.server";

export type Figure = { id: string; title: string; unit: string; rows: { label: string; values: Record<string, number> }[] };

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

/** The figures in page order. Appeals and complaints by outcome go here once their tables exist. */
const FIGURES = [applicationsReceived, decisionsPerOutcome, daysToDecision, accreditationsByStatus];

export async function transparencyFigures(db: Database): Promise<Figure[]> {
  return Promise.all(FIGURES.map((figure) => figure(db)));
}
