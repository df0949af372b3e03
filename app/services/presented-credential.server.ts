/**
 * What a visitor hands to /verify (pasted text or an uploaded file, or the JSON API's body), turned into
 * a credential object or a plain refusal: JSON, a baked SVG or a baked PNG; anything else is a 4xx.
 */
import { refused, ok, type Outcome } from "~/domain/outcome";
import { isPng, unbakePng, unbakeSvg } from "./badge.server";

/** Generous for a credential (a few KB) or a baked badge (tens of KB); anything bigger is refused with 413. */
export const MAX_PRESENTED_BYTES = 1_000_000;
export const TOO_LARGE = `That is too large to be a credential or badge (at most ${MAX_PRESENTED_BYTES / 1_000_000} MB).`;

export function readPresentedCredential(bytes: Uint8Array): Outcome<Record<string, unknown>> {
  if (bytes.length > MAX_PRESENTED_BYTES) return refused(413, TOO_LARGE);
  let text: string | null;
  let source = "text";
  if (isPng(bytes)) {
    source = "PNG";
    text = unbakePng(bytes);
    if (text === null) return refused(400, "This PNG image has no Open Badges credential baked into it.");
  } else {
    text = new TextDecoder("utf-8", { fatal: false }).decode(bytes).trim();
    if (text === "") return refused(400, "Paste a credential, or choose a credential file (.json) or a badge image (.svg or .png).");
    if (/^(<\?xml[^>]*>\s*)?<svg\b/i.test(text) || (text.startsWith("<") && /<svg\b/i.test(text))) {
      source = "SVG";
      text = unbakeSvg(text);
      if (text === null) return refused(400, "This SVG image has no Open Badges credential baked into it.");
    }
  }
  if (/^ey[\w-]+\.[\w-]+\.[\w-]*$/.test(text)) return refused(400, "This looks like a JWT. This portal issues Data Integrity credentials (JSON); paste the JSON credential instead.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused(400, source === "text" ? "This is not a credential: it is not JSON, nor a baked SVG or PNG badge." : `The credential baked into this ${source} is not valid JSON.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return refused(400, "This is not a credential: a credential is a JSON object.");
  const credential = value as Record<string, unknown>;
  if (!("credentialSubject" in credential) || !("type" in credential)) return refused(400, "This JSON is not a Verifiable Credential (it has no type or credentialSubject).");
  if (typeof credential.proof !== "object" || credential.proof === null) return refused(400, "This credential is unsigned (it has no proof), so nobody can tell who issued it. Use the credential downloaded from the portal.");
  return ok(credential);
}
