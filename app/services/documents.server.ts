import { and, eq } from "drizzle-orm";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { applications, conflicts, documents, reviewerAssignments } from "../../db/schema";
import { can, type SessionUser } from "~/domain/policy";
import { DOCUMENT_TOO_LARGE, MAX_DOCUMENT_BYTES } from "~/domain/application-forms";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { editDraft, sectionSaved } from "./application-sections.server";
import { refuse, refused, type Outcome } from "~/domain/outcome";
import { isUuid } from "~/domain/forms";

export type DocumentKind = (typeof documents.$inferInsert)["kind"];

const PDF_MAGIC = new TextEncoder().encode("%PDF-");

/** A PDF is recognised by its first bytes, never by its name or the browser's content type. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  if (bytes.length < PDF_MAGIC.length) return false;
  return PDF_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * A file name safe to store and to echo in a header: no path, no control characters, bounded, and always ending
 * in `.pdf` (the content was checked to be a PDF): the uploader's `poly.html` is kept as `poly.pdf`, so no
 * download ever carries an extension a browser or desktop would open as something else.
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f"]/g, "").trim().slice(0, 196);
  if (/\.pdf$/i.test(cleaned)) return cleaned;
  const stem = cleaned.replace(/\.[^.]*$/, "").replace(/\.+$/, "").trim();
  return `${stem === "" ? "document" : stem}.pdf`;
}

export async function uploadDocument(
  db: Database,
  user: SessionUser,
  applicationId: string,
  input: { kind: DocumentKind; filename: string; bytes: Uint8Array },
): Promise<Outcome<{ id: string }>> {
  if (input.bytes.length > MAX_DOCUMENT_BYTES) return refused(400, DOCUMENT_TOO_LARGE, { file: DOCUMENT_TOO_LARGE });
  if (!looksLikePdf(input.bytes)) {
    const message = "This file is not a PDF. Only PDF documents are accepted — export or print it to PDF and upload that.";
    return refused(400, message, { file: message });
  }
  const checksum = encodeHexLowerCase(sha256(input.bytes));
  const filename = cleanFilename(input.filename);
  return editDraft(db, applicationId, async (tx) => {
    // The same file sent again (a double click, a retry) is not a second document. The application's row lock, taken
    // by editDraft, makes uploads of one application take turns, so this check cannot be outrun.
    const [same] = await tx
      .select({ filename: documents.filename })
      .from(documents)
      .where(and(eq(documents.applicationId, applicationId), eq(documents.kind, input.kind), eq(documents.sha256, checksum)));
    if (same) refuse(409, `This file is already uploaded as ${same.filename}.`, { file: `This file is already uploaded as ${same.filename}` });
    const [row] = await tx
      .insert(documents)
      .values({ applicationId, kind: input.kind, filename, contentType: "application/pdf", size: input.bytes.length, sha256: checksum, content: input.bytes, uploadedBy: user.id, createdAt: now() })
      .returning({ id: documents.id });
    await sectionSaved(tx, user, applicationId, "documents", { uploaded: row.id, kind: input.kind, filename, size: input.bytes.length, sha256: checksum });
    return row;
  });
}

export function deleteDocument(db: Database, user: SessionUser, applicationId: string, documentId: string): Promise<Outcome> {
  return editDraft(db, applicationId, async (tx) => {
    const rows = await tx
      .delete(documents)
      .where(and(eq(documents.id, documentId), eq(documents.applicationId, applicationId)))
      .returning({ id: documents.id, filename: documents.filename });
    if (rows.length === 0) refuse(409, "That document was already removed — reload to see the current documents.");
    await sectionSaved(tx, user, applicationId, "documents", { removed: documentId, filename: rows[0].filename });
    return undefined;
  });
}


/**
 * The document with its bytes, if the user may download it: members of the organisation, staff, an
 * accepted reviewer without a conflict, a board member while it awaits decision (policy.ts decides).
 * Anyone else gets null, which the route turns into a 404.
 */
export async function findDocumentForDownload(db: Database, user: SessionUser, applicationId: string, documentId: string) {
  if (!isUuid(applicationId) || !isUuid(documentId)) return null;
  const [row] = await db
    .select({ document: documents, organisationId: applications.organisationId, status: applications.status })
    .from(documents)
    .innerJoin(applications, eq(applications.id, documents.applicationId))
    .where(and(eq(documents.id, documentId), eq(documents.applicationId, applicationId)));
  if (!row) return null;
  const [[assignment], [conflict]] = await Promise.all([
    db
      .select({ status: reviewerAssignments.status })
      .from(reviewerAssignments)
      .where(and(eq(reviewerAssignments.applicationId, applicationId), eq(reviewerAssignments.reviewerId, user.id))),
    db
      .select({ id: conflicts.id })
      .from(conflicts)
      .where(and(eq(conflicts.userId, user.id), eq(conflicts.organisationId, row.organisationId))),
  ]);
  const allowed = can(user, "document:download", {
    kind: "application",
    organisationId: row.organisationId,
    status: row.status,
    assignmentStatus: assignment?.status ?? null,
    conflicted: Boolean(conflict),
  });
  return allowed ? row.document : null;
}

/** Content-Disposition for a download: an ASCII fallback plus the UTF-8 name (RFC 6266). */
function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A stored PDF as a download: always an attachment, never rendered inline, never cached, sniffed or scripted. */
export function pdfDownload(doc: { content: Uint8Array; size: number; filename: string }): Response {
  return new Response(new Uint8Array(doc.content), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(doc.size),
      "Content-Disposition": attachmentHeader(doc.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
