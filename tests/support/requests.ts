/**
 * Call a route module's loader or action directly, as Remix would, with a session cookie.
 * A thrown Response (redirect, 404) is returned rather than thrown, so tests can assert on it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

const BASE = "http://localhost:3000";

type Fields = Record<string, string | string[] | File | Blob>;

export function formBody(fields: Fields): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const item of v) fd.append(k, item);
    else fd.append(k, v);
  }
  return fd;
}

export function postRequest(path: string, fields: Fields | FormData, cookie?: string): Request {
  const body = fields instanceof FormData ? fields : formBody(fields);
  return new Request(BASE + path, { method: "POST", body, headers: cookie ? { Cookie: cookie, Origin: BASE } : { Origin: BASE } });
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {} });
}

type Handler<A> = (args: A) => unknown;

async function settle(run: () => unknown): Promise<Response | unknown> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Status of whatever the handler returned or threw: a Response's status, or 200 for plain data. */
export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  if (result && typeof result === "object" && "init" in result && "type" in result) {
    // single-fetch `data()` wrapper
    const init = (result as { init?: { status?: number } | null }).init;
    return init?.status ?? 200;
  }
  return 200;
}

/** The payload of `data(...)`/plain object results. */
export function payloadOf<T = Record<string, unknown>>(result: unknown): T {
  if (result && typeof result === "object" && "data" in result && "type" in result) return (result as { data: T }).data;
  return result as T;
}

export function callLoader(loader: Handler<LoaderFunctionArgs>, request: Request, params: Record<string, string> = {}) {
  return settle(() => loader({ request, params, context: {} }));
}

export function callAction(action: Handler<ActionFunctionArgs>, request: Request, params: Record<string, string> = {}) {
  return settle(() => action({ request, params, context: {} }));
}
