import { config } from "~/config.server";

// Public pages are for everyone; the working areas are behind a login and have nothing to index.
export function loader() {
  const base = config().appUrl;
  const body = [
    "User-agent: *",
    "Allow: /",
    "Allow: /providers",
    "Disallow: /provider/",
    "Disallow: /provider$",
    "Disallow: /review",
    "Disallow: /board",
    "Disallow: /admin",
    "Disallow: /account",
    "Disallow: /dev/",
    "",
    `Sitemap: ${base}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
