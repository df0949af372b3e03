/**
 * Accreditations: issuing one (with its certificate number) when the board's decision is recorded, the
 * staff lifecycle (suspend, reinstate, revoke), the renewal that copies an accredited application, and
 * the provider's and staff's lists. Every change refreshes the public directory in the same transaction,
 * so the directory and the verify page tell the truth the moment it commits.
 */
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, lte, notInArray, or, sql, type SQL } from "drizzle-orm";
import {
  accreditations,
  applications,
  courses,
  organisationMembers,
  organisations,
  users,
} from "../../db/schema";
import { likeContaining, queryRows } from "../../db/client.server";
import { refreshDirectoryEntry } from "../../db/directory";
import {
  canStartRenewal,
  daysUntil,
  effectiveStatus,
  formatCertificateNumber,
  isoDate,
  RENEWAL_WINDOW_DAYS,
  scopeFromCourses,
  validityFrom,
  type EffectiveAccreditationStatus,
  type ExpiryFilter,
  type StatusFilter,
} from "~/domain/accreditation";
import { membershipOf, type SessionUser } from "~/domain/policy";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { addDays, now } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import { isUuid } from "~/domain/forms";
import { extendAccreditation } from "./extensions.server";
import { credentialsFollowLifecycle, issueCredential, revokeCredentials } from "./credentials.server";

export type AccreditationRow = typeof accreditations.$inferSelect;

export function today(): string {
  return isoDate(now());
}

/** Everyone who belongs to the organisation: lifecycle and decision emails go to each of them. */
export async function organisationRecipients(tx: Database, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(and(eq(organisationMembers.organisationId, organisationId), isNull(users.disabledAt)))
    .orderBy(asc(users.email));
}

/**
 * Next certificate number of the year. One upsert that increments the year's row: concurrent
 * transactions queue on that row, so no two ever get the same number (no read-then-write gap).
 */
export async function nextCertificateNumber(tx: Database, year: number): Promise<string> {
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`INSERT INTO certificate_sequences (year, last) VALUES (${year}, 1)
        ON CONFLICT (year) DO UPDATE SET last = certificate_sequences.last + 1
        RETURNING last`,
  );
  return formatCertificateNumber(year, Number(row.last));
}

/**
 * Issue the accreditation of an application the board accredited. Called by the decision service inside
 * its transaction, after its compare-and-set, so it runs at most once per application. A renewal's
 * approval supersedes the accreditation it renews (kept, never deleted).
 */
export async function issueAccreditation(
  tx: Database,
  input: {
    application: { id: string; organisationId: string; renewsAccreditationId: string | null; frameworkId: string; kind?: string; extendsAccreditationId?: string | null };
    decisionId: string;
    conditions: string;
    actorId: string;
  },
): Promise<AccreditationRow> {
  // An extension's approval extends the scope of the accreditation it names; no new certificate (decision 039).
  if (input.application.kind === "extension") return extendAccreditation(tx, { application: { id: input.application.id, extendsAccreditationId: input.application.extendsAccreditationId ?? null }, decisionId: input.decisionId, actorId: input.actorId });
  const at = now();
  const day = isoDate(at);
  const certificateNumber = await nextCertificateNumber(tx, at.getUTCFullYear());
  const accreditedCourses = await tx
    .select({ id: courses.id, title: courses.title, level: courses.level, languages: courses.languages, deliveryModes: courses.deliveryModes })
    .from(courses)
    .where(eq(courses.applicationId, input.application.id))
    .orderBy(asc(courses.position), asc(courses.title));
  const validity = validityFrom(day, config().ACCREDITATION_YEARS);
  const [created] = await tx
    .insert(accreditations)
    .values({
      certificateNumber,
      organisationId: input.application.organisationId,
      applicationId: input.application.id,
      decisionId: input.decisionId,
      scope: scopeFromCourses(accreditedCourses),
      conditions: input.conditions,
      status: "active",
      validFrom: validity.validFrom,
      validUntil: validity.validUntil,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "accreditation.issued",
    entityType: "accreditation",
    entityId: created.id,
    data: { certificateNumber, applicationId: input.application.id, validFrom: created.validFrom, validUntil: created.validUntil, scope: created.scope.length },
  });
  if (input.application.renewsAccreditationId) {
    // A revoked certificate stays revoked: revocation is terminal even when a renewal is approved.
    const superseded = await tx
      .update(accreditations)
      .set({ status: "superseded", supersededById: created.id, updatedAt: at })
      .where(and(eq(accreditations.id, input.application.renewsAccreditationId), inArray(accreditations.status, ["active", "suspended"])))
      .returning({ id: accreditations.id, certificateNumber: accreditations.certificateNumber });
    for (const old of superseded) {
      await revokeCredentials(tx, old.id, "superseded");
      await recordAudit(tx, {
        actorId: input.actorId,
        action: "accreditation.superseded",
        entityType: "accreditation",
        entityId: old.id,
        data: { certificateNumber: old.certificateNumber, supersededBy: certificateNumber },
      });
    }
  }
  // The signed credential is part of the decision: same transaction, so never one without the other.
  await issueCredential(tx, created.id, input.application.renewsAccreditationId ? "renewed" : "granted", { frameworkId: input.application.frameworkId });
  await refreshDirectoryEntry(tx, input.application.organisationId, day);
  return created;
}

// ---- lifecycle -----------------------------------------------------------------------------------

type LifecycleAction = "suspend" | "reinstate" | "revoke";

/** Which stored statuses each action may start from (compare-and-set), and where it goes. */
const LIFECYCLE: Record<LifecycleAction, { from: ("active" | "suspended")[]; to: "active" | "suspended" | "revoked"; needsReason: boolean }> = {
  suspend: { from: ["active"], to: "suspended", needsReason: true },
  reinstate: { from: ["suspended"], to: "active", needsReason: false },
  revoke: { from: ["active", "suspended"], to: "revoked", needsReason: true },
};

const LIFECYCLE_REFUSALS: Record<LifecycleAction, string> = {
  suspend: "Only an active accreditation can be suspended.",
  reinstate: "Only a suspended accreditation can be reinstated.",
  revoke: "Only an active or suspended accreditation can be revoked.",
};

/** The lifecycle actions staff may take on an accreditation in this effective status (for the buttons). */
export function lifecycleActions(status: EffectiveAccreditationStatus): LifecycleAction[] {
  if (status === "active") return ["suspend", "revoke"];
  if (status === "suspended") return ["reinstate", "revoke"];
  return [];
}

/**
 * Suspend, reinstate or revoke, with compare-and-set on the stored status. An expired certificate is
 * past all of these (it reads as expired whatever staff do), so they are refused for it too. A revocation
 * is final except on appeal: an appeal panel that overturns it (`appealId`) reinstates it too.
 */
export async function changeAccreditationStatus(
  db: Database,
  actor: SessionUser,
  accreditationId: string,
  action: LifecycleAction,
  reason: string,
  options: { appealId?: string } = {},
): Promise<Outcome<AccreditationRow>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const rule = LIFECYCLE[action];
      if (rule.needsReason && reason.trim() === "") refuse(400, "Give the reason", { reason: "Give the reason; the provider is told it" });
      if (!isUuid(accreditationId)) refuse(404, "No such accreditation.");
      const [current] = await tx.select().from(accreditations).where(eq(accreditations.id, accreditationId));
      if (!current) refuse(404, "No such accreditation.");
      const day = today();
      const shown = effectiveStatus(current, day);
      if (shown === "expired") refuse(409, `Certificate ${current.certificateNumber} has expired; it can no longer be ${action === "reinstate" ? "reinstated" : action === "suspend" ? "suspended" : "revoked"}.`);
      const from: string[] = action === "reinstate" && options.appealId ? ["suspended", "revoked"] : rule.from;
      if (!from.includes(current.status)) refuse(409, LIFECYCLE_REFUSALS[action]);
      const at = now();
      const [updated] = await tx
        .update(accreditations)
        .set({ status: rule.to, statusReason: rule.needsReason ? reason.trim() : null, updatedAt: at })
        .where(and(eq(accreditations.id, accreditationId), eq(accreditations.status, current.status)))
        .returning();
      if (!updated) refuse(409, "Someone else changed this accreditation at the same time. Reload to see its current status.");
      await recordAudit(tx, {
        actorId: actor.id,
        action: `accreditation.${action === "suspend" ? "suspended" : action === "reinstate" ? "reinstated" : "revoked"}`,
        entityType: "accreditation",
        entityId: updated.id,
        data: { certificateNumber: updated.certificateNumber, from: current.status, to: updated.status, reason: updated.statusReason, ...(options.appealId ? { appealId: options.appealId } : {}) },
      });
      await credentialsFollowLifecycle(tx, updated, action);
      await refreshDirectoryEntry(tx, updated.organisationId, day);
      const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, updated.organisationId));
      const verifyUrl = `${config().appUrl}/verify/${updated.certificateNumber}`;
      for (const r of await organisationRecipients(tx, updated.organisationId)) {
        const base = { name: r.name, organisationName: org.name, certificateNumber: updated.certificateNumber };
        if (action === "suspend") await enqueueEmail(tx, { template: "accreditation-suspended", to: r.email, props: { ...base, reason: updated.statusReason ?? "", verifyUrl } });
        else if (action === "reinstate") await enqueueEmail(tx, { template: "accreditation-reinstated", to: r.email, props: { ...base, verifyUrl } });
        else await enqueueEmail(tx, { template: "accreditation-revoked", to: r.email, props: { ...base, reason: updated.statusReason ?? "" } });
      }
      return updated;
    }),
  );
}

// ---- lists ---------------------------------------------------------------------------------------


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
    items: rows.map(({ a, organisationName, organisationSlug }) => ({
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
    })),
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

/** For the verify page and API: the accreditation behind a certificate number, as it reads today. */
export async function accreditationByCertificate(db: Database, certificateNumber: string) {
  const [row] = await db
    .select({ a: accreditations, organisationName: organisations.displayName, organisationSlug: organisations.slug })
    .from(accreditations)
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .where(eq(accreditations.certificateNumber, certificateNumber.trim().toUpperCase()));
  if (!row) return null;
  return { ...row.a, organisationName: row.organisationName, organisationSlug: row.organisationSlug, effectiveStatus: effectiveStatus(row.a, today()) };
}

export type { LifecycleAction };
