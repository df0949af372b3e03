/**
 * An appeal's supporting documents: PDFs (checked by content, size-limited, with a checksum, stored in
 * PostgreSQL like an application's), added by the appealing organisation's members while the appeal is
 * open, read by everyone who may read the appeal (the provider, staff with no tie, its panel).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { appealDocuments, appeals } from "../../db/schema";
import { MAX_APPEAL_DOCUMENTS, OPEN_APPEAL_STATUSES } from "~/domain/appeals";
import { DOCUMENT_TOO_LARGE, MAX_DOCUMENT_BYTES } from "~/domain/application-forms";
import { attempt, refuse, refused, type Outcome } from "~/domain/outcome";
import { isUuid } from "~/domain/forms";
import type { SessionUser } from "~/domain/policy";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { cleanFilename, looksLikePdf } from "./documents.server";
import { visibleAppeal } from "./appeals.server";

export async function addAppealDocument(db: Database, user: SessionUser, appealId: string, input: { filename: string; bytes: Uint8Array }): Promise<Outcome<{ id: string }>> {
  if (input.bytes.length > MAX_DOCUMENT_BYTES) return refused(400, DOCUMENT_TOO_LARGE, { file: DOCUMENT_TOO_LARGE });
  if (!looksLikePdf(input.bytes)) {
    const message = "This file is not a PDF. Only PDF documents are accepted — export or print it to PDF and upload that.";
    return refused(400, message, { file: message });
  }
  return attempt(() =>
    db.transaction(async (tx) => {
      if (!isUuid(appealId)) refuse(404, "No such appeal.");
      // Lock the appeal: the count and the status hold until this commits.
      const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, appealId)).for("update");
      if (!appeal || !user.memberships.some((m) => m.organisationId === appeal.organisationId)) refuse(404, "No such appeal.");
      if (!OPEN_APPEAL_STATUSES.includes(appeal.status)) refuse(409, "The appeal is closed; documents can no longer be added.");
      const checksum = encodeHexLowerCase(sha256(input.bytes));
      // The same file sent again (a double click, a retry) is not a second document.
      const [same] = await tx.select({ filename: appealDocuments.filename }).from(appealDocuments).where(and(eq(appealDocuments.appealId, appeal.id), eq(appealDocuments.sha256, checksum)));
      if (same) refuse(409, `This file is already added as ${same.filename}.`, { file: `This file is already added as ${same.filename}` });
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(appealDocuments).where(eq(appealDocuments.appealId, appeal.id));
      if (Number(n) >= MAX_APPEAL_DOCUMENTS) refuse(409, `An appeal holds at most ${MAX_APPEAL_DOCUMENTS} documents.`, { file: `An appeal holds at most ${MAX_APPEAL_DOCUMENTS} documents` });
      const filename = cleanFilename(input.filename);
      const [row] = await tx
        .insert(appealDocuments)
        .values({ appealId: appeal.id, filename, size: input.bytes.length, sha256: checksum, content: input.bytes, uploadedBy: user.id, createdAt: now() })
        .returning({ id: appealDocuments.id });
      await recordAudit(tx, { actorId: user.id, action: "appeal.document_added", entityType: "appeal", entityId: appeal.id, data: { documentId: row.id, filename, size: input.bytes.length, sha256: checksum } });
      return row;
    }),
  );
}

export async function appealDocumentList(db: Database, appealId: string) {
  return db
    .select({ id: appealDocuments.id, filename: appealDocuments.filename, size: appealDocuments.size, createdAt: appealDocuments.createdAt })
    .from(appealDocuments)
    .where(eq(appealDocuments.appealId, appealId))
    .orderBy(asc(appealDocuments.createdAt));
}

/** A document for download, or null (→ 404) unless the user may read its appeal. */
export async function appealDocumentForDownload(db: Database, user: SessionUser, appealId: string, documentId: string) {
  if (!isUuid(documentId)) return null;
  if (!(await visibleAppeal(db, user, appealId))) return null;
  const [doc] = await db.select().from(appealDocuments).where(and(eq(appealDocuments.id, documentId), eq(appealDocuments.appealId, appealId)));
  return doc ?? null;
}
