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
export const REMINDER_DAYS = [90, 45, 30] as const;

/** Whole days from `today` until `validUntil` (0 on the last valid day, negative once expired). */
export function daysUntil(validUntil: string, today: string): number {
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Renewal opens 90 days before expiry, for an accreditation still in force (active or suspended is decided by staff; here: active). */
export function canStartRenewal(a: { status: StoredAccreditationStatus; validUntil: string }, today: string): boolean {
  const status = effectiveStatus(a, today);
  if (status !== "active") return false;
  return daysUntil(a.validUntil, today) <= RENEWAL_WINDOW_DAYS;
}

/** Human-friendly certificate number, e.g. ACC-2026-0042. */
export function formatCertificateNumber(year: number, sequence: number): string {
  return `ACC-${year}-${String(sequence).padStart(4, "0")}`;
}

export const CERTIFICATE_PATTERN = /^ACC-\d{4}-\d{4,}$/;
