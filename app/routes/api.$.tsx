import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiMethodNotAllowed, apiProblem } from "~/services/api.server";

// Any /api/… path no API route matches: a problem+json 404, as the API's clients expect, never an HTML page.
export function loader({ request }: LoaderFunctionArgs) {
  return apiProblem(request, 404, `Not found: ${new URL(request.url).pathname} is not an endpoint of this API (see /api/v1/openapi.json).`);
}

export function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
