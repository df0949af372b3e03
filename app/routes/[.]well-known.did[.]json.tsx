import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { apiJson, apiMethodNotAllowed } from "~/services/api.server";
import { issuerDidDocument } from "~/services/issuer-keys.server";

// The issuer's did:web document: every key it ever signed with (decision 018).
export async function loader({ request }: LoaderFunctionArgs) {
  return apiJson(request, await issuerDidDocument(db), { sMaxAge: 300 });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
