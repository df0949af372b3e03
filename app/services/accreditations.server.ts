/**
 * Accreditations: issuing one (with its certificate number) when the board's decision is recorded, and the
 * staff lifecycle (suspend, reinstate, revoke). Renewal is renewals.server.ts, the lists
 * accreditation-lists.server.ts. Every change refreshes the public directory in the same transaction, so the
 * directory and the verify page tell the truth the moment it commits.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { accreditations, courses, organisations } from "../../db/schema";
import { queryRows } from "../../db/client.server";
import { refreshDirectoryEntry } from "../../db/directory";
import { effectiveStatus, formatCertificateNumber, isoDate, scopeFromCourses, validityFrom, type EffectiveAccreditationStatus } from "~/domain/accreditation";
import type { SessionUser } from "~/domain/policy";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { recordAudit } from "./audit.server";
import { now, today } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { organisationRecipients } from "./recipients.server";
import { attempt, refuse, type Outcome } from "~/domain/outcome";
import { isUuid } from "~/domain/forms";
import { extendAccreditation, reviseAccreditation } from "./extensions.server";
import { credentialsFollowLifecycle, issueCredential, revokeCredentials } from "./credentials.server";
export type AccreditationRow = typeof accreditations.$inferSelect;

/** An accreditation with its organisation's name and slug, or null for an id that names none. */
export async function accreditationWithOrganisation(db: Database, accreditationId: string) {
  if (!isUuid(accreditationId)) return null;
  const [row] = await db
    .select({ a: accreditations, organisationName: organisations.displayName, organisationSlug: organisations.slug })
    .from(accreditations)
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .where(eq(accreditations.id, accreditationId));
  return row ?? null;
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
  // An extension's approval extends the scope of the accreditation it names, a delta review's replaces the revised
  // courses' part of it; no new certificate (decisions 039, 045).
  if (input.application.kind === "delta") return reviseAccreditation(tx, { application: { id: input.application.id, extendsAccreditationId: input.application.extendsAccreditationId ?? null }, decisionId: input.decisionId, actorId: input.actorId });
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
      const updated = await setIfStatusUnchanged(tx, accreditations, current, { status: rule.to, statusReason: rule.needsReason ? reason.trim() : null, updatedAt: at }, "Someone else changed this accreditation at the same time. Reload to see its current status.");
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
