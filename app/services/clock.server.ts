/** The one source of "now" for services, so tests can move time (expiry, reminders, token lifetimes). */
import { isoDate } from "~/domain/accreditation";

let override: (() => Date) | undefined;

export function now(): Date {
  return override ? override() : new Date();
}

/** Test hook: pin the clock (pass undefined to restore real time). */
export function setClock(fn: (() => Date) | undefined): void {
  override = fn;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Today's date (UTC) as YYYY-MM-DD, by the same clock. */
export function today(): string {
  return isoDate(now());
}
