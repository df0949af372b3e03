import { asc, desc, eq, ne } from "drizzle-orm";
import { applications, organisations, reviewerAssignments, reviews, users } from "../../db/schema";
import type { CsvValue } from "~/domain/csv";
import type { Database } from "./db.server";
import { listAccreditations } from "./accreditation-lists.server";
import { reviewsWithReviewer } from "./review.server";

export const EXPORT_KINDS = ["applications", "accreditations", "reviews"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Every row of one staff export, with its header; the route turns it into CSV. Drafts stay private to providers. */
export async function exportRows(db: Database, kind: ExportKind): Promise<{ header: string[]; rows: CsvValue[][] }> {
  if (kind === "applications") {
    const rows = await db
      .select({ id: applications.id, organisation: organisations.displayName, kind: applications.kind, status: applications.status, revision: applications.currentRevision, submittedAt: applications.submittedAt })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.organisationId))
      .where(ne(applications.status, "draft"))
      .orderBy(desc(applications.submittedAt), asc(applications.id));
    return { header: ["id", "organisation", "kind", "status", "revision", "submitted_at"], rows: rows.map((r) => [r.id, r.organisation, r.kind, r.status, r.revision, r.submittedAt]) };
  }
  if (kind === "accreditations") {
    const { items } = await listAccreditations(db, { limit: 1_000_000, offset: 0 });
    return {
      header: ["certificate", "organisation", "status", "valid_from", "valid_until", "scope_combinations", "status_reason", "conditions"],
      rows: items.map((a) => [a.certificateNumber, a.organisationName, a.status, a.validFrom, a.validUntil, a.scopeCount, a.statusReason, a.conditions]),
    };
  }
  const rows = await reviewsWithReviewer(db, {
    organisation: organisations.displayName,
    applicationId: applications.id,
    revision: reviews.revisionNumber,
    status: reviews.status,
    recommendation: reviews.recommendation,
    confidence: reviews.confidence,
    submittedAt: reviews.submittedAt,
    summary: reviews.summary,
  })
    .innerJoin(applications, eq(applications.id, reviewerAssignments.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .orderBy(asc(organisations.displayName), asc(reviews.revisionNumber), asc(users.name));
  return {
    header: ["organisation", "application_id", "revision", "reviewer", "status", "recommendation", "confidence", "submitted_at", "summary"],
    rows: rows.map((r) => [r.organisation, r.applicationId, r.revision, r.reviewerName, r.status, r.recommendation, r.confidence, r.submittedAt, r.summary]),
  };
}
