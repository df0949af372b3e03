import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseDocument, caseJson, caseNotFound } from "~/services/case.server";
import { db } from "~/services/db.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const doc = await caseDocument(db, params.id ?? "");
  return doc ? caseJson(doc) : caseNotFound("CFDocument", params.id);
}
