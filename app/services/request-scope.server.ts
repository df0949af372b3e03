/**
 * What one HTTP request shares between its loaders. Remix hands each loader its own copy of the Request (it strips
 * `?index` and `?_routes` by building a new one), so a cache keyed by the Request object missed for every loader
 * after the first: a signed-in page read its session three times (root, layout, page). `server.mjs` runs each
 * request inside `inRequestScope`, and a value kept with `perRequest` is then computed once for the whole request.
 * Outside a scope (tests calling a loader directly) the Request object is the key, as before.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Map<string, unknown>>();
const byRequest = new WeakMap<Request, Map<string, unknown>>();

export function inRequestScope<T>(run: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), run);
}

/** `compute()` once per request and key; later calls in the same request get the same value (or promise). */
export function perRequest<T>(request: Request, key: string, compute: () => T): T {
  let values = scope.getStore();
  if (!values) {
    values = byRequest.get(request);
    if (!values) byRequest.set(request, (values = new Map()));
  }
  if (!values.has(key)) values.set(key, compute());
  const value = values.get(key);
  // A thrown Response (a 404, a redirect) is read by whoever catches it, and a body reads once: each caller gets its
  // own copy, or the second loader refused by the same read failed with "Body is unusable".
  return (value instanceof Promise ? value.catch(ownCopy) : value) as T;
}

function ownCopy(error: unknown): never {
  throw error instanceof Response ? error.clone() : error;
}
