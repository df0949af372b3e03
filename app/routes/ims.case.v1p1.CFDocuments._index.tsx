import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseDocuments, caseError, caseJson } from "~/services/case.server";
import { db } from "~/services/db.server";

// Public, read-only: the published and retired framework versions (drafts are not listed).
export async function loader({ request }: LoaderFunctionArgs) {
  const documents = await caseDocuments(db);
  // The binding's CFDocumentSet needs at least one document; with none published there is nothing to list.
  if (documents.length === 0) return caseError(404, "unknownobject", "Unknown Object: no framework version is published yet");
  return caseJson(request, { CFDocuments: documents });
}
