import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseDirectoryQuery } from "~/domain/directory";
import { apiJson, apiPreflight, searchDirectoryApi } from "~/services/directory.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, problems } = parseDirectoryQuery(new URL(request.url).searchParams);
  if (problems.length > 0) {
    const [first] = problems;
    return apiJson(request, { error: `Bad parameter "${first.parameter}": ${first.message}`, parameter: first.parameter, problems }, { status: 400 });
  }
  return apiJson(request, await searchDirectoryApi(query));
}

export async function action({ request }: ActionFunctionArgs) {
  return apiPreflight(request);
}
