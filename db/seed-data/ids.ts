import { createHash } from "node:crypto";

/**
 * Name-based UUIDs (RFC 9562 version 5): the same name always gives the same id, so the demo data has
 * stable identifiers across resets (links in docs and tests keep working, CASE exports stay identical).
 */
const NAMESPACE = "3f6d2b1e-8a4c-4f0e-9b7d-5c2a1e0f9d83";

export function uuidV5(name: string, namespace: string = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Id of a seeded row: kind plus a natural key, e.g. seedId("organisation", "ferris-academy"). */
export function seedId(kind: string, ...key: (string | number)[]): string {
  return uuidV5(`demo:${kind}:${key.join(":")}`);
}
