/**
 * The one check of a redirect target taken from a request (`redirectTo`, `back`): only a path on this site.
 *
 * Checking the first characters is not enough: browsers drop tabs and newlines from a URL and read `\` as `/`,
 * so `/\t/evil.example` or `/\/evil.example` become `//evil.example`, another site. So anything with a control
 * character or a backslash is refused outright, and what is left is parsed as a URL against a placeholder
 * origin: it must stay on that origin. The answer is the parsed, percent-encoded path, safe for a Location header.
 */
const PLACEHOLDER = "http://redirect.invalid";

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path that the parser normalised into a protocol-relative one (e.g. `/.//evil`) is refused too.
  return path.startsWith("//") ? fallback : path;
}
