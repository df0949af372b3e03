/**
 * The issuer's public keys as the world sees them: each key that ever signed is recorded (the first time
 * it signs, in that transaction) and stays in the DID document, so a rotation never breaks a credential
 * signed earlier (decision 018).
 */
import { asc } from "drizzle-orm";
import { issuerKeys } from "../../db/schema";
import { config } from "~/config.server";
import { didDocument, didWebFor, type DidDocument } from "~/domain/credentials";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { issuerKey, type IssuerKey } from "./issuer-key.server";

export async function registerIssuerKey(tx: Database, key: IssuerKey): Promise<void> {
  await tx.insert(issuerKeys).values({ publicKeyMultibase: key.publicKeyMultibase, firstUsedAt: now() }).onConflictDoNothing();
}

/** The DID document: every recorded key, and the current key even before it has signed anything. */
export async function issuerDidDocument(db: Database): Promise<DidDocument> {
  const [rows, current] = await Promise.all([db.select().from(issuerKeys).orderBy(asc(issuerKeys.firstUsedAt), asc(issuerKeys.publicKeyMultibase)), issuerKey()]);
  const keys = rows.map((r) => r.publicKeyMultibase);
  if (!keys.includes(current.publicKeyMultibase)) keys.push(current.publicKeyMultibase);
  return didDocument(didWebFor(config().appUrl), keys);
}
