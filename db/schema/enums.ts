/**
 * Every stored enum, listed once. A leaf module with no imports: the schema builds its columns from it and
 * the pure domain derives its types and labels from it (decision 015), so a status is never written twice.
 */
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
export const TOKEN_PURPOSES = ["verify_email", "reset_password", "change_email"] as const;
export const INVITATION_KINDS = ["role", "organisation"] as const;
export const REVIEW_STATUSES = ["draft", "submitted"] as const;
export const DISPUTE_RESOLUTIONS = ["upheld", "dismissed"] as const;
/** `delta` (decision 045): a delta review staff open on a material change, revising accredited courses. */
export const APPLICATION_KINDS = ["initial", "renewal", "extension", "delta"] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const LISTING_STATUSES = ["active", "suspended"] as const;
export const FRAMEWORK_NODE_KINDS = ["area", "competency"] as const;
export const PROFILE_CHANGE_STATUSES = ["pending", "approved", "rejected"] as const;
export type ProfileChangeStatus = (typeof PROFILE_CHANGE_STATUSES)[number];
export const SCOPE_CHANGE_KINDS = ["extension", "reduction"] as const;
export type ScopeChangeKind = (typeof SCOPE_CHANGE_KINDS)[number];
export const SCOPE_CHANGE_STATUSES = ["requested", "approved", "declined", "withdrawn"] as const;
export type ScopeChangeStatus = (typeof SCOPE_CHANGE_STATUSES)[number];
export const MATERIAL_CHANGE_KINDS = ["trainer_left", "trainer_joined", "ownership", "legal_name", "address", "syllabus", "other"] as const;
export type MaterialChangeKind = (typeof MATERIAL_CHANGE_KINDS)[number];
export const MATERIAL_CHANGE_STATUSES = ["reported", "acknowledged", "follow_up_requested", "suspension_proposed", "delta_review_opened"] as const;
export type MaterialChangeStatus = (typeof MATERIAL_CHANGE_STATUSES)[number];
/** A re-mapping task opened when a new framework version is published (decision 037). */
export const REMAP_TASK_STATUSES = ["open", "completed", "superseded"] as const;
export type RemapTaskStatus = (typeof REMAP_TASK_STATUSES)[number];
export const APPEAL_KINDS = ["rejection", "suspension", "revocation"] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_STATUSES = ["lodged", "hearing", "upheld", "overturned", "withdrawn"] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
