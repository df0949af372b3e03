import type { MetaFunction } from "@remix-run/node";

// Any URL no other route matches. Matching it (rather than matching nothing) lets the root loader run, so the
// 404 page keeps the visitor's own header and navigation; the root ErrorBoundary renders it.
export const meta: MetaFunction = () => [{ title: "Page not found — Rust Training Accreditation" }, { name: "robots", content: "noindex" }];

// (Unknown /api/… paths are answered in JSON by api.$.tsx.)
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
