import { customType } from "drizzle-orm/pg-core";

/** Stored PostgreSQL full-text vector; always a generated column, never written by the app. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});

/** Raw bytes (uploaded PDFs, hashes). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});

export const ROLES = ["staff", "reviewer", "board"] as const;
export type FoundationRole = (typeof ROLES)[number];

export const ORG_ROLES = ["owner", "member"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const LEVELS = ["foundation", "intermediate", "advanced"] as const;
export type Level = (typeof LEVELS)[number];

export const DEPTHS = ["introduced", "practised", "assessed"] as const;
export type Depth = (typeof DEPTHS)[number];

export const DELIVERY_MODES = ["in_person", "online_live", "self_paced", "hybrid"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "under_review",
  "changes_requested",
  "awaiting_decision",
  "accredited",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const VERSION_STATUSES = ["draft", "published", "retired"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const ASSIGNMENT_STATUSES = ["pending", "accepted", "declined", "completed"] as const;
export const RECOMMENDATIONS = ["accredit", "accredit_with_conditions", "changes_needed", "reject"] as const;
export const CONFIDENCES = ["low", "medium", "high"] as const;
export const VOTES = ["approve", "approve_with_conditions", "reject", "abstain"] as const;
export const OUTCOMES = ["accredited", "rejected"] as const;
export const ACCREDITATION_STATUSES = ["active", "suspended", "revoked", "superseded"] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];
export const DOCUMENT_KINDS = ["syllabus", "trainer_cv", "quality_process", "other"] as const;
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
