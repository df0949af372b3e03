/**
 * The public complaint form's signed timestamp: the server signs the moment it showed the form, and a
 * post that comes back sooner than a person could fill it in (or with a forged or stale stamp) is
 * refused. No third-party captcha, no cookie; the key is the server's own (services/complaints.server.ts).
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeHex, encodeHexLowerCase } from "@oslojs/encoding";

const encoder = new TextEncoder();

function signature(key: Uint8Array, at: number): Uint8Array {
  return hmac(SHA256, key, encoder.encode(`complaint-form:${at}`));
}

export function signFormStart(key: Uint8Array, at: number): string {
  return `${at}.${encodeHexLowerCase(signature(key, at))}`;
}

export type FormStartCheck = "ok" | "invalid" | "too_fast" | "expired";

export function checkFormStart(key: Uint8Array, token: string, now: number, limits: { minSeconds: number; maxHours: number }): FormStartCheck {
  const match = /^(\d{1,15})\.([0-9a-f]{64})$/.exec(token);
  if (!match) return "invalid";
  const at = Number(match[1]);
  if (!constantTimeEqual(signature(key, at), decodeHex(match[2]))) return "invalid";
  if (now - at < limits.minSeconds * 1000) return "too_fast";
  if (now - at > limits.maxHours * 3_600_000) return "expired";
  return "ok";
}
