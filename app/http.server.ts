import { data } from "@remix-run/node";
import type { Refused } from "~/domain/outcome";

/**
 * The one route helper for a refusal: the service's status, its message as the form error and its field
 * errors next to their fields, and what the person typed so nothing is lost.
 */
export function refusalResponse(refusal: Refused, values?: Record<string, unknown>) {
  const headers: HeadersInit = refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : {};
  return data({ errors: { form: refusal.message, ...refusal.errors }, values: values ?? {} }, { status: refusal.status, headers });
}
