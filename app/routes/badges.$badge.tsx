import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { CERTIFICATE_PATTERN } from "~/domain/accreditation";
import { etagMatches } from "~/domain/directory";
import { statusBadge } from "~/services/credential-downloads.server";
import { db } from "~/services/db.server";

const notFound = () => new Response("No such certificate", { status: 404, headers: { "Content-Type": "text/plain", "Cache-Control": "public, max-age=60" } });

// /badges/ACC-2026-0042.svg: the embeddable status badge, tiny and cacheable, always today's status.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = (params.badge ?? "").replace(/\.svg$/, "").toUpperCase();
  if (!params.badge?.endsWith(".svg") || !CERTIFICATE_PATTERN.test(certificate)) return notFound();
  const svg = await statusBadge(db, certificate);
  if (!svg) return notFound();
  const etag = `"b-${createHash("sha256").update(svg).digest("base64url").slice(0, 22)}"`;
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    // Embedded on other sites: a suspension shows within five minutes; the edge revalidates by ETag.
    "Cache-Control": "public, max-age=300, s-maxage=60, stale-while-revalidate=60",
    ETag: etag,
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
  };
  if (etagMatches(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(svg, { headers });
}
