import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { STATUS_LIST_ID } from "~/domain/credentials";
import { signedStatusList } from "~/services/credential-status.server";
import { db } from "~/services/db.server";
import { apiJson, apiMethodNotAllowed, apiProblem } from "~/services/api.server";

// The signed Bitstring Status List: a suspension must reach verifiers within seconds, so the edge keeps it briefly and revalidates by ETag.
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (params.list !== String(STATUS_LIST_ID)) return apiProblem(request, 404, `No status list ${String(params.list).slice(0, 20)}.`);
  const list = await signedStatusList(db);
  return apiJson(request, list.document, { sMaxAge: 10 });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
