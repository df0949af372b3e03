import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiBadParameters, apiJson, apiMethodNotAllowed, apiProblem } from "~/services/api.server";
import { getApiProvider } from "~/services/provider-profile.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) return apiBadParameters(request, [{ parameter: "slug", message: "must be lowercase letters, digits and hyphens" }]);
  const provider = await getApiProvider(slug);
  if (!provider) return apiProblem(request, 404, `No accredited provider "${slug}" is listed.`);
  return apiJson(request, provider);
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
