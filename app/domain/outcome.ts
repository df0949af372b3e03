/**
 * The one way a service refuses. A service returns an `Outcome`; inside a transaction it throws with
 * `refuse()` so the transaction rolls back, and `attempt()` turns that throw back into an `Outcome`.
 * Routes hand a refusal to `refusalResponse()` (app/http.server.ts): status and message, field errors
 * next to their fields. 400 bad input · 404 not yours (or does not exist) · 409 wrong state or a race
 * lost · 413 too large · 429 too many attempts.
 */
import type { FieldErrors } from "./forms";

export type RefusalStatus = 400 | 404 | 409 | 413 | 429;
export type Refused = { ok: false; status: RefusalStatus; message: string; errors?: FieldErrors; retryAfterSeconds?: number };
export type Outcome<T = undefined> = { ok: true; value: T } | Refused;

export function ok(): { ok: true; value: undefined };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T) {
  return { ok: true, value };
}

export function refused(status: RefusalStatus, message: string, errors?: FieldErrors, retryAfterSeconds?: number): Refused {
  return { ok: false, status, message, ...(errors ? { errors } : {}), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
}

/** Thrown inside a transaction so it rolls back; `attempt()` turns it into the `Refused` it carries. */
export class Refusal extends Error {
  constructor(readonly refused: Refused) {
    super(refused.message);
    this.name = "Refusal";
  }
}

export function refuse(status: RefusalStatus, message: string, errors?: FieldErrors, retryAfterSeconds?: number): never {
  throw new Refusal(refused(status, message, errors, retryAfterSeconds));
}

export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof Refusal) return error.refused;
    throw error;
  }
}

/** The form message of a refusal whose details sit next to the fields. */
export const CORRECT_FIELDS = "Please correct the highlighted fields.";

/** A form posted with an intent the route does not know: a stale page or a hand-made request. */
export const UNKNOWN_REQUEST = refused(400, "Unknown request. Reload the page and try again.");

/** Someone else moved first: the compare-and-set matched no row. */
export const RACE_LOST = "Someone else changed this a moment ago. Reload the page to see its current state.";
