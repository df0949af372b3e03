import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseAssociation, caseJson, caseNotFound } from "~/services/case.server";
import { db } from "~/services/db.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const association = await caseAssociation(db, params.id ?? "");
  return association ? caseJson(association) : caseNotFound("CFAssociation", params.id);
}
