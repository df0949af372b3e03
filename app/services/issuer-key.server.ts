/**
 * The issuer's Ed25519 signing key. It comes from ISSUER_KEY (a secret, validated in config.server.ts).
 * Only the embedded demo (no DATABASE_URL) may run without it: it then generates one on first start
 * into DATA_DIR/issuer-key.json (mode 0600), never into the repository, and keeps it across restarts.
 * A PGlite in memory (tests) gets a key per process. Decision 018.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as base58 from "base58-universal";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { config } from "~/config.server";
import { didWebFor, verificationMethodId } from "~/domain/credentials";

export type IssuerKey = { did: string; keyId: string; publicKeyMultibase: string; keyPair: Ed25519Multikey.KeyPair };

const SECRET_HEADER = [0x80, 0x26];
const PUBLIC_HEADER = [0xed, 0x01];
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * The public key that belongs to a secretKeyMultibase (64 bytes: seed ‖ public key). The public half is
 * recomputed from the seed and compared, so a mistyped or truncated secret stops start-up, not signing.
 */
function publicKeyFor(secretKeyMultibase: string): string {
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(secretKeyMultibase.slice(1));
  } catch {
    throw new Error("ISSUER_KEY is not base58btc multibase");
  }
  if (bytes.length !== 66 || bytes[0] !== SECRET_HEADER[0] || bytes[1] !== SECRET_HEADER[1]) throw new Error("ISSUER_KEY is not an Ed25519 secret key (multicodec ed25519-priv, 64 bytes)");
  const seed = Buffer.from(bytes.subarray(2, 34));
  const derived = createPublicKey(createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" }))
    .export({ format: "der", type: "spki" })
    .subarray(-32);
  if (!derived.equals(Buffer.from(bytes.subarray(34)))) throw new Error("ISSUER_KEY is damaged: its public half does not match its seed");
  return `z${base58.encode(Uint8Array.from([...PUBLIC_HEADER, ...derived]))}`;
}

export async function generateSecretKey(): Promise<string> {
  const generated = await Ed25519Multikey.generate();
  const exported = await generated.export({ publicKey: true, secretKey: true });
  return exported.secretKeyMultibase;
}

async function embeddedSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "issuer-key.json");
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { secretKeyMultibase?: unknown };
    if (typeof stored.secretKeyMultibase === "string") return stored.secretKeyMultibase;
    throw new Error(`${file} has no secretKeyMultibase`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secretKeyMultibase = await generateSecretKey();
  await mkdir(dataDir, { recursive: true });
  // "wx": two processes starting at once never overwrite each other's key; the loser reads the winner's.
  try {
    await writeFile(file, `${JSON.stringify({ secretKeyMultibase, publicKeyMultibase: publicKeyFor(secretKeyMultibase) }, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return embeddedSecret(dataDir);
    throw error;
  }
  console.log(`Generated the demo issuer key in ${file} (set ISSUER_KEY in production).`);
  return secretKeyMultibase;
}

async function configuredSecret(): Promise<string> {
  const c = config();
  if (c.ISSUER_KEY) return c.ISSUER_KEY;
  if (c.DATABASE_URL) throw new Error("ISSUER_KEY is required with DATABASE_URL");
  if (c.dataDir.startsWith("memory://")) return generateSecretKey();
  return embeddedSecret(c.dataDir);
}

async function keyFromSecret(secretKeyMultibase: string): Promise<IssuerKey> {
  const did = didWebFor(config().appUrl);
  const publicKeyMultibase = publicKeyFor(secretKeyMultibase);
  const keyId = verificationMethodId(did, publicKeyMultibase);
  const keyPair = await Ed25519Multikey.from({ id: keyId, controller: did, type: "Multikey", publicKeyMultibase, secretKeyMultibase });
  return { did, keyId, publicKeyMultibase, keyPair };
}

let current: Promise<IssuerKey> | undefined;

/** The key that signs from now on. */
export function issuerKey(): Promise<IssuerKey> {
  current ??= configuredSecret().then(keyFromSecret);
  return current;
}

/** Test hook, like setClock: sign with this secret from now on (a rotation), or undefined to reload. */
export function useIssuerSecret(secretKeyMultibase: string | undefined): void {
  current = secretKeyMultibase ? keyFromSecret(secretKeyMultibase) : undefined;
}
