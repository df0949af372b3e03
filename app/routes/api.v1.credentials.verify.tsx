import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { verifyPresentedCredential } from "~/services/credential-status.server";
import { db } from "~/services/db.server";
import { MAX_PRESENTED_BYTES, readPresentedCredential, TOO_LARGE } from "~/services/presented-credential.server";

const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: HEADERS });

// Reading the API's description with GET is fine; verifying is a POST of the credential itself.
export async function loader(_: LoaderFunctionArgs) {
  return json({ error: "POST a credential (JSON), or a baked badge (SVG or PNG), as the request body.", method: "POST" }, 405);
}

/**
 * The checks of /verify as JSON. Stateless, so it is exempt from the same-origin check (server.mjs) and
 * other sites may call it from a browser: its preflight is answered before the routes (json-response.server).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "Method not allowed." }, 405);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_PRESENTED_BYTES) return json({ error: TOO_LARGE }, 413);
  const bytes = new Uint8Array(await request.arrayBuffer());
  const presented = readPresentedCredential(bytes);
  if (!presented.ok) return json({ error: presented.message }, presented.status);
  return json(await verifyPresentedCredential(db, presented.value));
}
