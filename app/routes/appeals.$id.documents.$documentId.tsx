import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { pdfDownload } from "~/services/documents.server";
import { appealDocumentForDownload } from "~/services/appeal-documents.server";
import { notFound, requireUser } from "~/services/request.server";

/**
 * Download an appeal's supporting document: the appealing organisation's members, staff with no tie to it, and
 * its panel (whoever may read the appeal). Anyone else gets 404. Always an attachment, never rendered inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const doc = await appealDocumentForDownload(db, user, params.id ?? "", params.documentId ?? "");
  if (!doc) notFound();
  return pdfDownload(doc);
}
