import { expect, test } from "vitest";
import { safeRedirect } from "~/domain/redirect";

/** What a browser does with a Location header: resolve it against the page it came from. */
const landsOn = (location: string) => new URL(location, "https://portal.example").origin;

const hostile = [
  "/%09/evil.example", // as decoded from the query string below, and as sent raw
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "//evil.example",
  "///evil.example",
  "/ /evil.example",
  "https://evil.example/",
  "http:/evil.example",
  "javascript:alert(1)",
  " /admin",
  "evil.example",
  "/\u0000/evil.example",
  "/\u0085/evil.example",
  "/x\nSet-Cookie: a=b",
  "",
];

test("every hostile target falls back, and none of them could leave the site", () => {
  for (const to of hostile) {
    const answer = safeRedirect(to, "/fallback");
    expect(landsOn(answer), JSON.stringify(to)).toBe("https://portal.example");
    // The decoded `%09` is a tab: refused; the raw `%09` and a space stay harmless percent-escapes in a path.
    if (to === "/%09/evil.example" || to === "/ /evil.example") expect(answer).toMatch(/^\/%(09|20)\/evil\.example$/);
    else expect(answer, JSON.stringify(to)).toBe("/fallback");
  }
  expect(safeRedirect(new URLSearchParams("redirectTo=/%09/evil.example").get("redirectTo"), "/f")).toBe("/f");
  expect(safeRedirect(new URLSearchParams("redirectTo=%2F%0A%2Fevil.example").get("redirectTo"), "/f")).toBe("/f");
});

test("same-site paths pass, percent-encoded so they are safe in a Location header", () => {
  expect(safeRedirect("/admin/users?page=2#top")).toBe("/admin/users?page=2#top");
  expect(safeRedirect("/providers/ferris-academy")).toBe("/providers/ferris-academy");
  expect(safeRedirect("/search?q=Zürich")).toBe("/search?q=Z%C3%BCrich");
  expect(safeRedirect("/a/../b")).toBe("/b");
  expect(safeRedirect(null)).toBe("/");
  expect(safeRedirect(undefined, "/provider")).toBe("/provider");
  expect(safeRedirect(42)).toBe("/");
});
