import { barredFrom, type Involvement } from "./impartiality";
import { TRANSITIONS } from "./workflow";

/**
 * The one authorisation module. Every loader and action asks `can(user, action, resource)`; services
 * additionally scope their queries. Pure: the caller loads the facts (membership, assignment, conflicts).
 */
export type FoundationRole = "staff" | "reviewer" | "board";
export type OrgRole = "owner" | "member";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  roles: FoundationRole[];
  memberships: { organisationId: string; role: OrgRole }[];
};

/** What a rule needs to know about an application and the user's relation to it. */
export type ApplicationFacts = {
  organisationId: string;
  status: string;
  /** The user's reviewer assignment on it, if any. */
  assignmentStatus?: "pending" | "accepted" | "declined" | "completed" | null;
  /** The user declared a conflict with the organisation. */
  conflicted?: boolean;
  /** The user assessed it (an accepted or completed reviewer assignment), whatever roles they hold now. */
  assessed?: boolean;
};

/** A complaint about an organisation: who handles it must have no tie to that organisation. */
export type ComplaintFacts = { organisationId: string; conflicted?: boolean };

/** An appeal, with the user's part in the decision appealed against (domain/impartiality.ts). */
export type AppealFacts = { organisationId: string; status: string; involvement: Involvement; onPanel: boolean };

export type Resource =
  | { kind: "area" }
  | { kind: "organisation"; organisationId: string }
  | ({ kind: "application" } & ApplicationFacts)
  | ({ kind: "complaint" } & ComplaintFacts)
  | ({ kind: "appeal" } & AppealFacts);

export type Action =
  // areas
  | "staff:access"
  | "review:access"
  | "board:access"
  | "provider:access"
  /** Every email in the development mailbox, not only one's own. */
  | "mailbox:readAll"
  // organisation
  | "organisation:view"
  | "organisation:edit"
  | "organisation:manageMembers"
  /** Approve or reject a listed provider's public-profile change: staff with no part in the organisation. */
  | "organisation:reviewProfile"
  | "organisation:apply"
  | "credential:download"
  // application
  | "application:view"
  | "application:edit"
  | "application:submit"
  | "application:withdraw"
  | "application:screen"
  | "application:assign"
  | "application:review"
  | "application:vote"
  | "application:decide"
  | "application:impartiality"
  | "document:download"
  | "review:dispute"
  | "dispute:resolve"
  // complaints and appeals
  | "complaint:handle"
  | "complaint:respond"
  | "appeal:lodge"
  | "appeal:view"
  | "appeal:constitute"
  | "appeal:hear";

export const hasRole = (user: SessionUser | null, role: FoundationRole) => !!user && user.roles.includes(role);

export function membershipOf(user: SessionUser | null, organisationId: string): OrgRole | null {
  return user?.memberships.find((m) => m.organisationId === organisationId)?.role ?? null;
}

/** The user's part in an organisation's workflows (the state tables' provider roles); null for anyone outside it. */
export function providerRoleOf(user: SessionUser | null, organisationId: string): "provider_owner" | "provider_member" | null {
  const m = membershipOf(user, organisationId);
  return m === "owner" ? "provider_owner" : m === "member" ? "provider_member" : null;
}

/** Staff with no tie to the organisation: who sees and rules on its cases (annual reports, material and scope changes, re-mapping tasks). */
export function isStaffFor(user: SessionUser | null, organisationId: string): boolean {
  return can(user, "staff:access") && membershipOf(user, organisationId) === null;
}

/** Nobody may review, vote on or decide an application of their own organisation or one they declared a conflict with. */
export function isConflicted(user: SessionUser, facts: ApplicationFacts): boolean {
  return membershipOf(user, facts.organisationId) !== null || facts.conflicted === true;
}

// From the state table, not a copy of it: the provider holds the pen where it may (re)submit, and may withdraw
// where the table lets it.
const EDITABLE = new Set<string>([...TRANSITIONS.submit.from, ...TRANSITIONS.resubmit.from]);
const BEFORE_DECISION = new Set<string>(TRANSITIONS.withdraw.from);
/**
 * When staff may rule on a mapping dispute: while the syllabus is in staff's and reviewers' hands, the same
 * window as requesting changes. Not while the provider edits it, nor once the board votes on its coverage.
 */
const DISPUTE_RESOLUTION_WINDOW = new Set(["submitted", "under_review"]);

export function can(user: SessionUser | null, action: Action, resource: Resource = { kind: "area" }): boolean {
  if (!user) return false;
  switch (action) {
    case "staff:access":
    case "mailbox:readAll":
      return hasRole(user, "staff");
    case "review:access":
      return hasRole(user, "reviewer");
    case "board:access":
      return hasRole(user, "board");
    case "provider:access":
      return true; // any signed-in user may create an organisation or see their own
  }
  if (resource.kind === "area") return false;

  const orgRole = membershipOf(user, resource.organisationId);
  switch (action) {
    case "organisation:view":
      return orgRole !== null || hasRole(user, "staff");
    case "organisation:edit":
    case "organisation:apply":
      return orgRole !== null;
    case "organisation:manageMembers":
      return orgRole === "owner";
    case "organisation:reviewProfile":
      return hasRole(user, "staff") && orgRole === null;
    case "credential:download":
      // The credential, badge and certificate are the provider's to hand out; staff hold the originals already.
      return orgRole !== null;
  }
  if (resource.kind === "complaint") {
    switch (action) {
      case "complaint:handle":
        return hasRole(user, "staff") && orgRole === null && resource.conflicted !== true;
      case "complaint:respond":
        return orgRole !== null;
    }
    return false;
  }
  if (resource.kind === "appeal") {
    const staffFree = hasRole(user, "staff") && orgRole === null && !resource.involvement.conflicted;
    switch (action) {
      case "appeal:lodge":
        return orgRole === "owner";
      case "appeal:view":
        return orgRole !== null || staffFree || (resource.onPanel && barredFrom("hear_appeal", resource.involvement) === null);
      case "appeal:constitute":
        // Whoever recorded the decision appealed against does not choose the panel that hears it.
        return staffFree && !resource.involvement.decided && resource.status === "lodged";
      case "appeal:hear":
        return hasRole(user, "board") && resource.onPanel && barredFrom("hear_appeal", resource.involvement) === null && resource.status === "hearing";
    }
    return false;
  }
  if (resource.kind !== "application") return false;

  const member = orgRole !== null;
  const staff = hasRole(user, "staff");
  const conflicted = isConflicted(user, resource);
  const acceptedReviewer =
    hasRole(user, "reviewer") && !conflicted && (resource.assignmentStatus === "accepted" || resource.assignmentStatus === "completed");
  switch (action) {
    case "application:view":
    case "document:download":
      return member || staff || acceptedReviewer || (hasRole(user, "board") && !conflicted && resource.status === "awaiting_decision");
    case "application:edit":
      return member && EDITABLE.has(resource.status);
    case "application:submit":
      return member && EDITABLE.has(resource.status);
    case "application:withdraw":
      return orgRole === "owner" && BEFORE_DECISION.has(resource.status);
    case "application:screen":
    case "application:assign":
      return staff && !member;
    case "application:review":
      return acceptedReviewer && resource.status === "under_review";
    case "review:dispute":
      // Disputing a mapping is part of reviewing: same people, same window.
      return acceptedReviewer && resource.status === "under_review";
    case "dispute:resolve":
      // A ruling on the syllabus is a judgement on the application: nobody rules on their own organisation's.
      return staff && !conflicted && DISPUTE_RESOLUTION_WINDOW.has(resource.status);
    case "application:vote":
      // Separation of assessment and decision (domain/impartiality.ts): whoever assessed it never votes on it.
      return hasRole(user, "board") && !conflicted && !resource.assessed && resource.status === "awaiting_decision";
    case "application:decide":
      return staff && !conflicted && !resource.assessed && resource.status === "awaiting_decision";
    case "application:impartiality":
      // Staff audit who took which part; a draft is still private to the organisation.
      return staff && !member && resource.status !== "draft";
  }
  return false;
}
