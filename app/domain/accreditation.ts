/**
 * What an accreditation reads as on a given day. `expired` is never stored: it follows from the date,
 * so no job has to run for a lapsed certificate to read as expired everywhere.
 */
export type StoredAccreditationStatus = "active" | "suspended" | "revoked" | "superseded";
export type EffectiveAccreditationStatus = StoredAccreditationStatus | "expired";

/** ISO date (YYYY-MM-DD) of `at` in UTC, the calendar the certificates use. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * valid_until is the last day of validity (inclusive). Revoked and superseded win over expired:
 * a revoked certificate must never read as merely expired.
 */
export function effectiveStatus(a: { status: StoredAccreditationStatus; validUntil: string }, today: string): EffectiveAccreditationStatus {
  if (a.status === "revoked" || a.status === "superseded") return a.status;
  if (today > a.validUntil) return "expired";
  return a.status;
}

export const RENEWAL_WINDOW_DAYS = 90;
const REMINDER_DAYS = [90, 45, 30] as const;

/** Whole days from `today` until `validUntil` (0 on the last valid day, negative once expired). */
export function daysUntil(validUntil: string, today: string): number {
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

// ---- what may be done with an accreditation ------------------------------------------------------

/**
 * Accreditations have no workflow of their own (staff suspend, reinstate and revoke them from the accreditations
 * page); this table says what its organisation's members may start from one, by the status it reads as today.
 * The provider dashboard's buttons and the services that refuse these steps read the same rows.
 */
export type AccreditationAction = "certificate" | "change_scope" | "report_change" | "appeal" | "renew";
export type AccreditationRole = "provider_owner" | "provider_member" | "staff" | "reviewer" | "board";
type AccreditationRule = { statuses: readonly EffectiveAccreditationStatus[]; roles: readonly AccreditationRole[]; opensDaysBeforeExpiry?: number };

const MEMBERS = ["provider_owner", "provider_member"] as const;

export const ACCREDITATION_RULES: Record<AccreditationAction, AccreditationRule> = {
  certificate: { statuses: ["active"], roles: MEMBERS },
  change_scope: { statuses: ["active"], roles: MEMBERS },
  // A suspended accreditation too: the change may be why.
  report_change: { statuses: ["active", "suspended"], roles: MEMBERS },
  // Only an owner lodges an appeal (appeal:lodge in policy.ts), so only an owner is offered one.
  appeal: { statuses: ["suspended", "revoked"], roles: ["provider_owner"] },
  renew: { statuses: ["active"], roles: ["provider_owner"], opensDaysBeforeExpiry: RENEWAL_WINDOW_DAYS },
};

const ACCREDITATION_ACTIONS = Object.keys(ACCREDITATION_RULES) as AccreditationAction[];

/** Whether the accreditation, as it reads on `today`, admits `action` at all (whoever asks). */
export function accreditationAdmits(action: AccreditationAction, a: { status: StoredAccreditationStatus; validUntil: string }, today: string): boolean {
  const rule = ACCREDITATION_RULES[action];
  if (!rule.statuses.includes(effectiveStatus(a, today))) return false;
  return rule.opensDaysBeforeExpiry === undefined || daysUntil(a.validUntil, today) <= rule.opensDaysBeforeExpiry;
}

/** The actions `role` may start from the accreditation today, in table order (for buttons; the service still refuses). */
export function accreditationActions(a: { status: StoredAccreditationStatus; validUntil: string }, role: AccreditationRole | null, today: string): AccreditationAction[] {
  if (role === null) return [];
  return ACCREDITATION_ACTIONS.filter((action) => ACCREDITATION_RULES[action].roles.includes(role) && accreditationAdmits(action, a, today));
}

/** Whether `role` may start `action` from an accreditation that reads as `status`; the refusals are in the caller's words. */
export function accreditationAllows(
  action: AccreditationAction,
  role: AccreditationRole,
  status: EffectiveAccreditationStatus,
  refusals: { role: string; status: string },
): { ok: true } | { ok: false; message: string } {
  const rule = ACCREDITATION_RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, message: refusals.role };
  if (!rule.statuses.includes(status)) return { ok: false, message: refusals.status };
  return { ok: true };
}

/** Renewal opens 90 days before expiry, for an active accreditation. */
export function canStartRenewal(a: { status: StoredAccreditationStatus; validUntil: string }, today: string): boolean {
  return accreditationAdmits("renew", a, today);
}

/**
 * The accreditations a provider should be reminded to renew: in force, inside the renewal window (expiring within
 * RENEWAL_WINDOW_DAYS) and with no renewal application already open for them.
 */
export function renewalDue<A extends { id: string; status: string; daysLeft: number }>(
  accreditations: A[],
  applications: { renewsAccreditationId: string | null; status: string }[],
): A[] {
  const closed = new Set(["accredited", "rejected", "withdrawn"]);
  const open = new Set(applications.filter((a) => a.renewsAccreditationId && !closed.has(a.status)).map((a) => a.renewsAccreditationId));
  return accreditations.filter((a) => a.status === "active" && a.daysLeft >= 0 && a.daysLeft <= RENEWAL_WINDOW_DAYS && !open.has(a.id));
}

/** Human-friendly certificate number, e.g. ACC-2026-0042. */
export function formatCertificateNumber(year: number, sequence: number): string {
  return `ACC-${year}-${String(sequence).padStart(4, "0")}`;
}

export const CERTIFICATE_PATTERN = /^ACC-\d{4}-\d{4,}$/;

/**
 * Validity of a new accreditation: from the decision date for `years` years, the last valid day being
 * the day before the anniversary (2026-03-10 → 2029-03-09; 2028-02-29 → 2031-02-28).
 */
export function validityFrom(validFrom: string, years: number): { validFrom: string; validUntil: string } {
  const [y, m, d] = validFrom.split("-").map(Number);
  // Date.UTC rolls 29 February into 1 March in a common year; the day before is then 28 February.
  const anniversary = Date.UTC(y + years, m - 1, d);
  return { validFrom, validUntil: isoDate(new Date(anniversary - 86_400_000)) };
}

export type ScopeCourse = { id: string; title: string; level: string; languages: string[]; deliveryModes: string[] };
export type ScopeItem = { courseId: string; courseTitle: string; level: string; language: string; mode: string };

/** The accredited combinations: every course × language × delivery mode it was accredited for. */
export function scopeFromCourses(courses: ScopeCourse[]): ScopeItem[] {
  const scope: ScopeItem[] = [];
  for (const c of courses) {
    for (const language of c.languages) {
      for (const mode of c.deliveryModes) scope.push({ courseId: c.id, courseTitle: c.title, level: c.level, language, mode });
    }
  }
  return scope;
}

/**
 * The reminder due today among `thresholds` (days before `dueOn`, largest first), if any: the nearest threshold
 * already reached. A reminder missed while no worker ran is not sent late in a pile (at 40 days left only the
 * 45-day one goes, never the 90-day one).
 */
export function reminderDue<D extends number>(thresholds: readonly D[], dueOn: string, today: string): D | null {
  const left = daysUntil(dueOn, today);
  if (left < 0) return null;
  let due: D | null = null;
  for (const d of thresholds) if (left <= d) due = d;
  return due;
}

/** The expiry reminder due today, if any. */
export function dueReminder(validUntil: string, today: string) {
  return reminderDue(REMINDER_DAYS, validUntil, today);
}

export const ACCREDITATION_STATUS_LABELS: Record<EffectiveAccreditationStatus, string> = {
  active: "Active",
  suspended: "Suspended",
  revoked: "Revoked",
  superseded: "Superseded",
  expired: "Expired",
};

export { DELIVERY_MODE_LABELS } from "./format";

/** Filters of the staff list: by status as it reads today, and by "expires within N days". */
export const STATUS_FILTERS = ["active", "suspended", "expired", "revoked", "superseded"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const EXPIRY_FILTERS = ["30", "90", "365"] as const;
export type ExpiryFilter = (typeof EXPIRY_FILTERS)[number];
