/**
 * The public directory's other pages: certificate verification, the home page figures, the sitemap, the
 * published framework and the cache headers of public pages. Search is in directory-search.server.ts, the
 * profile and the JSON API's providers in provider-profile.server.ts. `today` is always passed in (from
 * the clock), so an expired certificate reads as expired the day after its last valid day.
 */
import { asc, eq, sql } from "drizzle-orm";
import { competencies, directoryEntries, frameworks, type ScopeEntry } from "../../db/schema";
import { queryRows } from "../../db/client.server";
import { effectiveStatus, isoDate } from "~/domain/accreditation";
import { now } from "./clock.server";
import { db as defaultDb, type Database } from "./db.server";
import type { PublicAccreditation } from "./provider-profile.server";

export function today(): string {
  return isoDate(now());
}


// ---------------------------------------------------------------------------------------------------
// Verification

export type CertificateRecord = PublicAccreditation & {
  provider: { slug: string; name: string; listed: boolean };
  scope: { course: string; level: string; language: string; mode: string }[];
  supersededBy: string | null;
  changedOn: string;
};

/** Normalise what a visitor typed ("acc-2026-0042 ") to the stored form. */
export function normaliseCertificate(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, "");
}

export async function findCertificate(certificate: string, day: string = today(), db: Database = defaultDb): Promise<CertificateRecord | null> {
  const number = normaliseCertificate(certificate);
  if (!number || number.length > 40) return null;
  // One round trip: the certificate, its organisation, its successor and whether the organisation is listed.
  const [row] = await queryRows<{
    status: "active" | "suspended" | "revoked" | "superseded";
    valid_from: string;
    valid_until: string;
    certificate_number: string;
    scope: ScopeEntry[] | string;
    updated_at: string | Date;
    slug: string;
    name: string;
    superseded_by: string | null;
    listed: boolean;
  }>(
    db,
    sql`select a.status, to_char(a.valid_from, 'YYYY-MM-DD') as valid_from, to_char(a.valid_until, 'YYYY-MM-DD') as valid_until,
          a.certificate_number, a.scope, a.updated_at, o.slug, o.display_name as name, n.certificate_number as superseded_by,
          exists (select 1 from directory_entries d where d.organisation_id = a.organisation_id and d.valid_until >= ${day}) as listed
        from accreditations a
        join organisations o on o.id = a.organisation_id
        left join accreditations n on n.id = a.superseded_by_id
        where a.certificate_number = ${number}`,
  );
  if (!row) return null;
  const a = { status: row.status, validUntil: row.valid_until };
  const scope: ScopeEntry[] = typeof row.scope === "string" ? JSON.parse(row.scope) : row.scope;
  return {
    certificate: row.certificate_number,
    status: effectiveStatus(a, day),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    provider: { slug: row.slug, name: row.name, listed: row.listed === true },
    scope: scope.map((e) => ({ course: e.courseTitle, level: e.level, language: e.language, mode: e.mode })),
    supersededBy: row.superseded_by,
    changedOn: isoDate(new Date(row.updated_at)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Home, sitemap, competencies

export async function directoryFigures(day: string = today(), db: Database = defaultDb) {
  const [figures] = await queryRows<{ providers: number; courses: number; countries: number }>(
    db,
    sql`select count(*)::int as providers, coalesce(sum(course_count), 0)::int as courses,
          count(distinct country)::int as countries
        from directory_entries where valid_until >= ${day}`,
  );
  const recent = await db
    .select({
      slug: directoryEntries.slug,
      name: directoryEntries.name,
      country: directoryEntries.country,
      status: directoryEntries.status,
      courseCount: directoryEntries.courseCount,
      accreditedAt: directoryEntries.accreditedAt,
    })
    .from(directoryEntries)
    .where(sql`${directoryEntries.validUntil} >= ${day}`)
    .orderBy(sql`${directoryEntries.accreditedAt} desc`, asc(directoryEntries.name))
    .limit(6);
  return {
    providers: Number(figures?.providers ?? 0),
    courses: Number(figures?.courses ?? 0),
    countries: Number(figures?.countries ?? 0),
    recent: recent.map((r) => ({ ...r, accreditedOn: isoDate(r.accreditedAt) })),
  };
}

export async function listedSlugs(day: string = today(), db: Database = defaultDb): Promise<{ slug: string; accreditedOn: string }[]> {
  const rows = await db
    .select({ slug: directoryEntries.slug, accreditedAt: directoryEntries.accreditedAt })
    .from(directoryEntries)
    .where(sql`${directoryEntries.validUntil} >= ${day}`)
    .orderBy(asc(directoryEntries.slug));
  return rows.map((r) => ({ slug: r.slug, accreditedOn: isoDate(r.accreditedAt) }));
}

export type PublishedFramework = {
  id: string;
  version: number;
  title: string;
  description: string;
  publishedOn: string | null;
  areas: {
    code: string;
    title: string;
    description: string;
    competencies: { code: string; title: string; description: string; level: string; core: boolean }[];
  }[];
};

export async function publishedFramework(db: Database = defaultDb): Promise<PublishedFramework | null> {
  const [fw] = await db.select().from(frameworks).where(eq(frameworks.status, "published"));
  if (!fw) return null;
  const rows = await db
    .select()
    .from(competencies)
    .where(eq(competencies.frameworkId, fw.id))
    .orderBy(asc(competencies.position), asc(competencies.code));
  const areas = rows
    .filter((r) => r.kind === "area")
    .map((a) => ({
      code: a.code,
      title: a.title,
      description: a.description,
      competencies: rows
        .filter((c) => c.kind === "competency" && c.parentId === a.id)
        .map((c) => ({ code: c.code, title: c.title, description: c.description, level: c.level ?? "foundation", core: c.core })),
    }));
  return {
    id: fw.id,
    version: fw.version,
    title: fw.title,
    description: fw.description,
    publishedOn: fw.publishedAt ? isoDate(fw.publishedAt) : null,
    areas,
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP: cache headers for public pages and the JSON API

/**
 * Public pages may sit in a CDN for a minute, never in a browser (max-age=0), so a suspension shows at
 * the origin at once and at the edge within s-maxage. A signed-in visitor's page carries their name in
 * the header: it is private and never stored.
 */
export function publicPageHeaders(request: Request, sMaxAge = 60): Headers {
  const headers = new Headers({ Vary: "Cookie" });
  const signedIn = /(^|;\s*)session=/.test(request.headers.get("Cookie") ?? "");
  headers.set(
    "Cache-Control",
    signedIn ? "private, no-store" : `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=30`,
  );
  return headers;
}
