import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { apiJson, apiMethodNotAllowed } from "~/services/api.server";
import { transparencyFigures } from "~/services/transparency.server";

// Every figure of /transparency as JSON, keyed by figure id.
export async function loader({ request }: LoaderFunctionArgs) {
  const figures = await transparencyFigures(db);
  return apiJson(request, Object.fromEntries(figures.map((f) => [f.id, f])), { sMaxAge: 300 });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
