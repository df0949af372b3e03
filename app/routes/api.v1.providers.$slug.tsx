import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, apiPreflight, getApiProvider } from "~/services/directory.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) {
    return apiJson(request, { error: `Bad parameter "slug": must be lowercase letters, digits and hyphens`, parameter: "slug" }, { status: 400 });
  }
  const provider = await getApiProvider(slug);
  if (!provider) return apiJson(request, { error: `No accredited provider "${slug}" is listed.` }, { status: 404 });
  return apiJson(request, provider);
}

export async function action({ request }: ActionFunctionArgs) {
  return apiPreflight(request);
}
