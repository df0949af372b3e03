import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { config } from "~/config.server";
import { openApiDocument } from "~/domain/openapi";
import { apiJson, apiMethodNotAllowed } from "~/services/api.server";

// The OpenAPI 3.1 description of /api/v1, public like the API it describes.
export function loader({ request }: LoaderFunctionArgs) {
  return apiJson(request, openApiDocument(config().appUrl), { sMaxAge: 3600 });
}

export function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
