import type { LoaderFunctionArgs } from "@remix-run/node";
import { config } from "~/config.server";
import { listedSlugs } from "~/services/directory.server";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export async function loader(_args: LoaderFunctionArgs) {
  const base = config().appUrl;
  const profiles = await listedSlugs();
  const urls = [
    `<url><loc>${escapeXml(`${base}/`)}</loc></url>`,
    `<url><loc>${escapeXml(`${base}/providers`)}</loc></url>`,
    `<url><loc>${escapeXml(`${base}/verify`)}</loc></url>`,
    `<url><loc>${escapeXml(`${base}/competencies`)}</loc></url>`,
    ...profiles.map(
      (p) => `<url><loc>${escapeXml(`${base}/providers/${encodeURIComponent(p.slug)}`)}</loc><lastmod>${p.accreditedOn}</lastmod></url>`,
    ),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
  return new Response(body, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=0, s-maxage=300, stale-while-revalidate=60" },
  });
}
