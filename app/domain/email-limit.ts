/**
 * The one hourly limit of confirmation emails: an account's verification and change-of-address links, an
 * invitation's emails. Pure: the caller reads when the recent ones went, with the row the emails are about locked, so
 * concurrent requests take turns and the count cannot be outrun.
 */

/** At most this many an hour (the first email counts), so a resend cannot flood an inbox. */
export const MAX_VERIFICATION_EMAILS_PER_HOUR = 3;
export const VERIFICATION_WINDOW_MS = 3_600_000;

/** Minutes until another email may go (null when it may go now), told when the recent ones went (`sentAt`). */
export function minutesUntilAnotherEmail(sentAt: Date[], at: Date): number | null {
  const recent = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > at.getTime() - VERIFICATION_WINDOW_MS)
    .sort((a, b) => a - b);
  if (recent.length < MAX_VERIFICATION_EMAILS_PER_HOUR) return null;
  // Another email may go once enough of these have left the window.
  const openAt = recent[recent.length - MAX_VERIFICATION_EMAILS_PER_HOUR] + VERIFICATION_WINDOW_MS;
  return Math.max(1, Math.ceil((openAt - at.getTime()) / 60_000));
}
