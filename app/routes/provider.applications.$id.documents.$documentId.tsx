import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { pdfDownload, findDocumentForDownload } from "~/services/documents.server";
import { notFound, requireUser } from "~/services/request.server";

/**
 * Download a document: the organisation's members, staff, and the reviewers (and, awaiting decision,
 * board members) the policy allows. Anyone else gets 404. Always an attachment, never rendered inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const doc = await findDocumentForDownload(db, user, params.id ?? "", params.documentId ?? "");
  if (!doc) notFound();
  return pdfDownload(doc);
}
