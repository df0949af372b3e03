import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseJson, caseNotFound, casePackage } from "~/services/case.server";
import { db } from "~/services/db.server";

// Public, read-only: published and retired versions only; a draft answers 404 like an unknown id.
export async function loader({ params }: LoaderFunctionArgs) {
  const pkg = await casePackage(db, params.id ?? "");
  return pkg ? caseJson(pkg) : caseNotFound("CFPackage", params.id);
}
