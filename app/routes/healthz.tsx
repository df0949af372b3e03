// The framework floor for the benchmark, and a liveness probe: no database, no rendering.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
