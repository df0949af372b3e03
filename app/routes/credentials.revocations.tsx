import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { revocationList } from "~/services/credential-status.server";
import { db } from "~/services/db.server";
import { apiJson, apiMethodNotAllowed } from "~/services/api.server";

// The 1EdTech revocation list, for the 1EdTech validator (key `revokedCredential`).
export async function loader({ request }: LoaderFunctionArgs) {
  return apiJson(request, await revocationList(db), { sMaxAge: 10 });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
