/**
 * Accreditations listed: staff's filtered list, an organisation's accreditations, one for a member (read, or locked to
 * start something from it), and the cases about accreditations with the certificate and organisation they concern.
 */
import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { accreditations, annualReports, applications, materialChanges, organisations, remapTasks, scopeChanges } from "../../db/schema";
import { likeContaining } from "../../db/client.server";
import { canStartRenewal, daysUntil, effectiveStatus, isoDate, RENEWAL_WINDOW_DAYS, type EffectiveAccreditationStatus, type ExpiryFilter, type StatusFilter } from "~/domain/accreditation";
import { membershipOf, providerRoleOf, type SessionUser } from "~/domain/policy";
import { refuse } from "~/domain/outcome";
import type { Database } from "./db.server";
import { addDays, now, today } from "./clock.server";
import { isUuid } from "~/domain/forms";
import type { AccreditationRow } from "./accreditations.server";

/** The tables of cases about one accreditation: each has `accreditationColumns()` (db/schema/accreditations.ts). */
type AccreditationCaseTable = typeof annualReports | typeof materialChanges | typeof remapTasks | typeof scopeChanges;

/**
 * A case table's rows with the certificate number and organisation name they concern, and the `fields` asked for;
 * the caller goes on with the query (more joins, `where`, `orderBy`).
 */
export function casesWithAccreditation<F extends SelectedFields>(db: Database, table: AccreditationCaseTable, fields: F) {
  return db
    .select({ ...fields, certificateNumber: accreditations.certificateNumber, organisationName: organisations.displayName })
    .from(table)
    .innerJoin(accreditations, eq(accreditations.id, table.accreditationId))
    .innerJoin(organisations, eq(organisations.id, table.organisationId))
    .$dynamic();
}

/** The stored-status and date condition that makes an accreditation read as `status` today. */
function effectiveStatusCondition(status: StatusFilter, day: string): SQL | undefined {
  switch (status) {
    case "active":
    case "suspended":
      return and(eq(accreditations.status, status), gte(accreditations.validUntil, day));
    case "expired":
      return and(inArray(accreditations.status, ["active", "suspended"]), lt(accreditations.validUntil, day));
    case "revoked":
    case "superseded":
      return eq(accreditations.status, status);
  }
}

export type AccreditationListItem = {
  id: string;
  certificateNumber: string;
  organisationId: string;
  organisationName: string;
  organisationSlug: string;
  status: EffectiveAccreditationStatus;
  statusReason: string | null;
  validFrom: string;
  validUntil: string;
  daysLeft: number;
  scopeCount: number;
  conditions: string;
};

/** Staff list: filter by effective status, by "expires within N days", and by organisation or certificate. */
export async function listAccreditations(
  db: Database,
  filters: { status?: StatusFilter | null; expiresWithin?: ExpiryFilter | null; q?: string | null; limit?: number; offset?: number },
): Promise<{ items: AccreditationListItem[]; total: number }> {
  const day = today();
  const where: (SQL | undefined)[] = [];
  if (filters.status) where.push(effectiveStatusCondition(filters.status, day));
  if (filters.expiresWithin) {
    const until = isoDate(addDays(now(), Number(filters.expiresWithin)));
    where.push(and(inArray(accreditations.status, ["active", "suspended"]), gte(accreditations.validUntil, day), lte(accreditations.validUntil, until)));
  }
  const q = filters.q?.trim();
  if (q) {
    const like = likeContaining(q);
    where.push(or(ilike(accreditations.certificateNumber, like), ilike(organisations.displayName, like), ilike(organisations.legalName, like)));
  }
  const condition = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ a: accreditations, organisationName: organisations.displayName, organisationSlug: organisations.slug })
      .from(accreditations)
      .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
      .where(condition)
      .orderBy(asc(accreditations.validUntil), asc(accreditations.certificateNumber))
      .limit(filters.limit ?? 50)
      .offset(filters.offset ?? 0),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(accreditations)
      .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
      .where(condition),
  ]);
  return {
    total: Number(total),
    items: rows.map((row) => listItem(row, day)),
  };
}

/** One accreditation as every list shows it, its status as of `day`. */
function listItem({ a, organisationName, organisationSlug }: { a: AccreditationRow; organisationName: string; organisationSlug: string }, day: string): AccreditationListItem {
  return {
    id: a.id,
    certificateNumber: a.certificateNumber,
    organisationId: a.organisationId,
    organisationName,
    organisationSlug,
    status: effectiveStatus(a, day),
    statusReason: a.statusReason,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    daysLeft: daysUntil(a.validUntil, day),
    scopeCount: a.scope.length,
    conditions: a.conditions,
  };
}

export type ProviderAccreditation = AccreditationListItem & {
  scope: AccreditationRow["scope"];
  renewal: { open: boolean; opensOn: string; applicationId: string | null; applicationStatus: string | null };
};

/**
 * The accreditations of an organisation for its members' dashboard: certificate, scope, validity, status,
 * and whether a renewal can be started (or is already under way).
 */
export async function accreditationsForOrganisation(db: Database, user: SessionUser, organisationId: string): Promise<ProviderAccreditation[]> {
  if (membershipOf(user, organisationId) === null) return [];
  const day = today();
  const rows = await db
    .select({ a: accreditations, organisationName: organisations.displayName, organisationSlug: organisations.slug })
    .from(accreditations)
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .where(eq(accreditations.organisationId, organisationId))
    .orderBy(desc(accreditations.validUntil));
  const renewals = rows.length
    ? await db
        .select({ id: applications.id, status: applications.status, renews: applications.renewsAccreditationId })
        .from(applications)
        .where(and(eq(applications.organisationId, organisationId), eq(applications.kind, "renewal"), notInArray(applications.status, ["withdrawn", "rejected"])))
    : [];
  return rows.map(({ a, organisationName, organisationSlug }) => {
    const renewal = renewals.find((r) => r.renews === a.id) ?? null;
    return {
      ...listItem({ a, organisationName, organisationSlug }, day),
      scope: a.scope,
      renewal: {
        open: canStartRenewal(a, day),
        opensOn: isoDate(addDays(new Date(`${a.validUntil}T00:00:00Z`), -RENEWAL_WINDOW_DAYS)),
        applicationId: renewal?.id ?? null,
        applicationStatus: renewal?.status ?? null,
      },
    };
  });
}

/** One accreditation of an organisation the user belongs to, or null (the route answers 404). */
export async function accreditationForMember(db: Database, user: SessionUser, accreditationId: string): Promise<ProviderAccreditation | null> {
  if (!isUuid(accreditationId)) return null;
  const [row] = await db.select({ organisationId: accreditations.organisationId }).from(accreditations).where(eq(accreditations.id, accreditationId));
  if (!row || membershipOf(user, row.organisationId) === null) return null;
  const all = await accreditationsForOrganisation(db, user, row.organisationId);
  return all.find((a) => a.id === accreditationId) ?? null;
}

/**
 * Inside the transaction that starts something from an accreditation (an extension, a renewal): the accreditation,
 * locked so two clicks cannot start two, and the user's role in its organisation. Refused (404, `notFound`) for
 * an id that is none, or for anyone outside the organisation.
 */
export async function lockAccreditationForMember(tx: Database, user: SessionUser, accreditationId: string, notFound: string) {
  if (!isUuid(accreditationId)) refuse(404, notFound);
  const [acc] = await tx.select().from(accreditations).where(eq(accreditations.id, accreditationId)).for("update");
  const role = acc ? providerRoleOf(user, acc.organisationId) : null;
  if (!acc || role === null) refuse(404, notFound);
  return { acc, role };
}
