import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseItem, caseJson, caseNotFound } from "~/services/case.server";
import { db } from "~/services/db.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const item = await caseItem(db, params.id ?? "");
  return item ? caseJson(item) : caseNotFound("CFItem", params.id);
}
