import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { pageLinks, parseApiQuery } from "~/domain/api";
import { apiBadParameters, apiJson, apiMethodNotAllowed } from "~/services/api.server";
import { searchDirectoryApi } from "~/services/provider-profile.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { query, problems } = parseApiQuery(url.searchParams);
  if (problems.length > 0) return apiBadParameters(request, problems);
  const result = await searchDirectoryApi(query);
  // A page past the end is an empty page that still says where the last one is (pageCount, Link rel="last").
  return apiJson(request, result, { link: pageLinks(url, result.page, result.pageCount) });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
