/** The provider's dashboard: applications with their provider-visible timeline, open change requests, revisions, accreditations. */
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { accreditations, applicationRevisions, applications, auditEvents, changeRequests, users } from "../../db/schema";
import { providerRoleOf, type SessionUser } from "~/domain/policy";
import { accreditationActions, daysUntil, effectiveStatus, isoDate } from "~/domain/accreditation";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { ofMyOrganisations } from "./organisations.server";
import { anyOfIds } from "../../db/client.server";

// ---- dashboard ---------------------------------------------------------------------------------

export async function openChangeRequest(db: Database, applicationId: string) {
  const [row] = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.applicationId, applicationId), isNull(changeRequests.respondedAt)))
    .orderBy(desc(changeRequests.createdAt))
    .limit(1);
  return row ?? null;
}

export async function listRevisions(db: Database, applicationId: string) {
  return db
    .select({ number: applicationRevisions.number, submittedAt: applicationRevisions.submittedAt, response: applicationRevisions.response })
    .from(applicationRevisions)
    .where(eq(applicationRevisions.applicationId, applicationId))
    .orderBy(desc(applicationRevisions.number));
}

/**
 * The part of an application's audit trail a provider may see: the workflow steps only. Reviewer
 * assignments, reviews and votes stay internal, and foundation people are not named.
 */
const PROVIDER_TIMELINE: Record<string, "provider" | "foundation"> = {
  "application.created": "provider",
  "application.submitted": "provider",
  "application.resubmitted": "provider",
  "application.withdrawn": "provider",
  "application.renewal_started": "provider",
  "application.delta_review_opened": "foundation",
  "application.review_started": "foundation",
  "application.changes_requested": "foundation",
  "application.forwarded_to_board": "foundation",
  "application.decided": "foundation",
};

function providerTimeline(events: { action: string; occurredAt: Date; actorName: string | null; data: Record<string, unknown> }[]) {
  return events
    .filter((e) => e.action in PROVIDER_TIMELINE)
    .map((e) => ({
      action: e.action,
      at: e.occurredAt,
      by: PROVIDER_TIMELINE[e.action] === "provider" ? e.actorName : "The foundation",
      data: PROVIDER_TIMELINE[e.action] === "provider" ? e.data : {},
    }));
}

/** Everything the provider dashboard shows: applications with their status timeline, open change requests, accreditations. */
export async function providerDashboard(db: Database, user: SessionUser) {
  if (user.memberships.length === 0) return { applications: [], accreditations: [] };
  // Only the columns shown: drizzle builds and maps a select column by column on every request.
  const apps = await ofMyOrganisations(db, user, applications, {
    application: {
      id: applications.id,
      kind: applications.kind,
      status: applications.status,
      currentRevision: applications.currentRevision,
      createdAt: applications.createdAt,
      updatedAt: applications.updatedAt,
      renewsAccreditationId: applications.renewsAccreditationId,
    },
  }).orderBy(desc(applications.updatedAt));
  const appIds = apps.map((a) => a.application.id);
  const [events, requests, accs] = await Promise.all([
    appIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ entityId: auditEvents.entityId, action: auditEvents.action, occurredAt: auditEvents.occurredAt, data: auditEvents.data, actorName: users.name })
          .from(auditEvents)
          .leftJoin(users, eq(users.id, auditEvents.actorId))
          .where(and(eq(auditEvents.entityType, "application"), inArray(auditEvents.entityId, appIds)))
          .orderBy(asc(auditEvents.id)),
    appIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ applicationId: changeRequests.applicationId, message: changeRequests.message, items: changeRequests.items, dueAt: changeRequests.dueAt })
          .from(changeRequests)
          .where(and(anyOfIds(changeRequests.applicationId, appIds), isNull(changeRequests.respondedAt)))
          .orderBy(desc(changeRequests.createdAt)),
    ofMyOrganisations(db, user, accreditations, {
      accreditation: {
        id: accreditations.id,
        organisationId: accreditations.organisationId,
        certificateNumber: accreditations.certificateNumber,
        status: accreditations.status,
        scope: accreditations.scope,
        conditions: accreditations.conditions,
        validFrom: accreditations.validFrom,
        validUntil: accreditations.validUntil,
      },
    }).orderBy(desc(accreditations.validUntil)),
  ]);
  const today = isoDate(now());
  return {
    applications: apps.map(({ application: a, organisationName }) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      organisationName,
      currentRevision: a.currentRevision,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      timeline: providerTimeline(events.filter((e) => e.entityId === a.id)),
      changeRequest: a.status === "changes_requested" ? (requests.find((r) => r.applicationId === a.id) ?? null) : null,
      renewsAccreditationId: a.renewsAccreditationId,
    })),
    accreditations: accs.map(({ accreditation: x, organisationName }) => ({
      id: x.id,
      certificateNumber: x.certificateNumber,
      organisationName,
      scope: x.scope,
      conditions: x.conditions,
      validFrom: x.validFrom,
      validUntil: x.validUntil,
      status: effectiveStatus(x, today),
      actions: accreditationActions(x, providerRoleOf(user, x.organisationId), today),
      daysLeft: daysUntil(x.validUntil, today),
    })),
  };
}
