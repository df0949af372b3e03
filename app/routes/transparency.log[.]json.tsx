import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { apiJson, apiMethodNotAllowed, apiProblem } from "~/services/api.server";
import { publicLog } from "~/services/public-log.server";

const PAGE = 5000;

// The public accreditation log with its signed checkpoints (decision 020); scripts/verify-log.mjs checks a copy.
export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("after") ?? "0";
  if (!/^\d{1,9}$/.test(raw)) return apiProblem(request, 400, `Bad parameter "after": expected an entry number`, [{ parameter: "after", message: "expected an entry number" }]);
  const after = Number(raw);
  const log = await publicLog(db, after, PAGE);
  const last = log.entries.at(-1)?.seq ?? after;
  return apiJson(request, { ...log, after, next: last < log.size ? `${log.log}?after=${last}` : null }, { sMaxAge: 30 });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
