#!/usr/bin/env node
/**
 * Checks a copy of the public accreditation log against an older signed checkpoint, with nothing but
 * Node.js (no portal code, no dependencies), so anyone holding an old checkpoint can prove the history
 * they saw was neither rewritten nor cut short.
 *
 *   node scripts/verify-log.mjs <log.json | URL> [checkpoint.json] [--did <did.json | URL>]
 *
 * log.json: what /transparency/log.json serves (all pages joined: { entries: [...] }).
 * checkpoint.json: one checkpoint kept from earlier ({ size, headHash, signedAt, log, verificationMethod, signature }).
 * did.json: the issuer's DID document (/.well-known/did.json), to check checkpoint signatures.
 * Exit code 0 when everything checks out, 1 when anything does not (each problem is printed).
 */
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFile } from "node:fs/promises";

const GENESIS = "0".repeat(64);

/** JSON with object keys sorted (the portal hashes exactly this). */
export function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function entryHash(prevHash, e) {
  const body = canonicalJson({ seq: e.seq, occurredAt: e.occurredAt, event: e.event, certificateNumber: e.certificateNumber, data: e.data });
  return createHash("sha256").update(`${prevHash}\n${body}`).digest("hex");
}

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
function base58Decode(text) {
  let n = 0n;
  for (const ch of text) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`not base58: ${ch}`);
    n = n * 58n + BigInt(i);
  }
  const bytes = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const ch of text) {
    if (ch !== "1") break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** An Ed25519 Multikey (z6Mk…: multicodec 0xed01 + 32 bytes) as a Node public key. */
function publicKeyFromMultibase(multibase) {
  const bytes = base58Decode(multibase.slice(1));
  if (multibase[0] !== "z" || bytes[0] !== 0xed || bytes[1] !== 0x01 || bytes.length !== 34) throw new Error(`not an Ed25519 Multikey: ${multibase}`);
  return createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), bytes.subarray(2)]), format: "der", type: "spki" });
}

export function checkpointPayload(c) {
  return canonicalJson({ log: c.log, size: c.size, headHash: c.headHash, signedAt: c.signedAt });
}

export function checkSignature(checkpoint, did) {
  const method = (did.verificationMethod ?? []).find((m) => m.id === checkpoint.verificationMethod);
  if (!method) return `checkpoint ${checkpoint.size}: key ${checkpoint.verificationMethod} is not in the issuer's DID document`;
  const ok = verify(null, Buffer.from(checkpointPayload(checkpoint)), publicKeyFromMultibase(method.publicKeyMultibase), Buffer.from(checkpoint.signature, "base64url"));
  return ok ? null : `checkpoint ${checkpoint.size}: the signature does not match`;
}

/** Every problem found in the log (empty when it is intact and consistent with the checkpoint). */
export function verifyLog(log, checkpoint, did) {
  const problems = [];
  const entries = log.entries ?? [];
  let prev = GENESIS;
  const hashes = new Map();
  entries.forEach((e, i) => {
    if (e.seq !== i + 1) problems.push(`entry ${i + 1}: missing (found seq ${e.seq} in its place): an entry was deleted`);
    if (e.prevHash !== prev) problems.push(`entry ${e.seq}: does not follow its predecessor (prevHash differs): an entry before it was deleted or rewritten`);
    const h = entryHash(e.prevHash, e);
    if (h !== e.hash) problems.push(`entry ${e.seq}: its content does not match its hash: it was rewritten`);
    hashes.set(e.seq, e.hash);
    prev = e.hash;
  });
  const checkpoints = [...(checkpoint ? [checkpoint] : []), ...(log.checkpoints ?? [])];
  for (const c of checkpoints) {
    if (!hashes.has(c.size)) problems.push(`checkpoint ${c.size}: the log has only ${entries.length} entries: entries were deleted`);
    else if (hashes.get(c.size) !== c.headHash) problems.push(`checkpoint ${c.size}: the log's entry ${c.size} hashes differently than when it was signed: history was rewritten`);
    if (did) {
      const bad = checkSignature(c, did);
      if (bad) problems.push(bad);
    }
  }
  return problems;
}

async function load(source) {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    return response.json();
  }
  return JSON.parse(await readFile(source, "utf8"));
}

async function main(argv) {
  const didAt = argv.indexOf("--did");
  const didSource = didAt >= 0 ? argv[didAt + 1] : undefined;
  const [logSource, checkpointSource] = argv.filter((_, i) => didAt < 0 || (i !== didAt && i !== didAt + 1));
  if (!logSource) {
    console.error("usage: node scripts/verify-log.mjs <log.json | URL> [checkpoint.json] [--did <did.json | URL>]");
    return 2;
  }
  const log = await load(logSource);
  const checkpoint = checkpointSource ? await load(checkpointSource) : undefined;
  const did = didSource ? await load(didSource) : undefined;
  const problems = verifyLog(log, checkpoint, did);
  if (problems.length) {
    for (const p of problems) console.log(`FAIL ${p}`);
    return 1;
  }
  console.log(`OK ${log.entries.length} entries chain correctly${checkpoint ? `; consistent with the checkpoint at ${checkpoint.size}` : ""}${did ? "; checkpoint signatures verified" : " (signatures not checked: pass --did)"}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
