import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { expect, test } from "vitest";
import { ProviderCard, searchTerms, type ProviderCardData } from "~/components/directory";

const provider: ProviderCardData = {
  slug: "ferris-works",
  name: "Ferris Works Zürich",
  country: "CH",
  status: "active",
  summary: "Async Rust and embedded courses; asynchronous I/O, ownership and borrowing (rust-analyzer, RUSTFMT).",
  levels: ["foundation"],
  modes: ["online_live"],
  languages: ["de"],
  courseCount: 2,
  validUntil: "2027-06-30",
};

const card = (q: string) =>
  renderToStaticMarkup(
    <StaticRouter location="/providers">
      <ProviderCard provider={provider} terms={searchTerms(q)} />
    </StaticRouter>,
  );
const marks = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);

test("every word that starts with a search term is marked whole, in any case; a term inside a word is not", () => {
  const html = card("async RUST");
  expect(marks(html)).toEqual(["Async", "Rust", "asynchronous", "rust", "RUSTFMT"]);
  // "borrowing" holds "rr", "analyzer" holds "an": only starts of words count.
  expect(marks(card("rr an"))).toEqual(["and", "and", "analyzer"]);
});

test("letters beyond ASCII are parts of words, and marking keeps the text around the marks as it was", () => {
  expect(marks(card("zür"))).toEqual(["Zürich"]);
  expect(marks(card("rich"))).toEqual([]);
  const html = card("ownership");
  expect(html).toContain("asynchronous I/O, <mark>ownership</mark> and borrowing (rust-analyzer, RUSTFMT).");
});

test("the card says where the words matched, or that they matched what it does not show", () => {
  expect(card("ferris")).toContain("Matched: provider name</p>");
  expect(card("borrow")).toContain("Matched: description</p>");
  expect(card("foundation")).toContain("Matched: levels, delivery or languages</p>");
  expect(card("tokio")).toContain("Matched: course titles or topics</p>");
  expect(card("")).not.toContain("Matched:");
});
