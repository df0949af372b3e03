// Any /api/… path no API route matches: a JSON 404, as the API's clients expect, never an HTML page.
export function loader({ request }: { request: Request }) {
  const { pathname } = new URL(request.url);
  return new Response(JSON.stringify({ error: `Not found: ${pathname}` }), {
    status: 404,
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" },
  });
}
