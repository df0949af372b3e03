import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseDocuments, caseJson } from "~/services/case.server";
import { db } from "~/services/db.server";

// Public, read-only: the published and retired framework versions (drafts are not listed).
export async function loader(_: LoaderFunctionArgs) {
  return caseJson({ CFDocuments: await caseDocuments(db) });
}
