import { expect, test } from "vitest";
import { byteOrderKey, packRankVector, parseTsvector, prefixOperands, prefixQuery, rankQuery, tsRank, wordPart } from "~/domain/ts-rank";
import { firstInOrder } from "~/domain/pagination";

test("a tsvector's text is read with its escapes, positions and weights (D unwritten)", () => {
  const vector = parseTsvector(`'a''b':1A,2 'back\\\\slash':3B 'c':4C,16383 'stripped'`);
  expect(vector.lexemes).toEqual(["a'b", "back\\slash", "c", "stripped"]);
  expect(Array.from(vector.starts)).toEqual([0, 2, 3, 5, 5]);
  expect(Array.from(vector.positions)).toEqual([(3 << 14) | 1, 2, (2 << 14) | 3, (1 << 14) | 4, 16383]);
  expect(parseTsvector("").lexemes).toEqual([]);
});

test("a word's tsquery is one prefix operand, none (a stop word), or left to PostgreSQL", () => {
  expect(prefixOperands("'rust':*")).toEqual(["rust"]);
  expect(prefixOperands("'it''s':*")).toEqual(["it's"]);
  expect(prefixOperands("")).toEqual([]);
  expect(prefixOperands("'x':* <-> 'y':*")).toBeNull();
  expect(prefixOperands("'x':* & 'y':*")).toBeNull();
  expect(prefixOperands("'rust'")).toBeNull();
});

test("a word's part is composed as prefixTsquery does in SQL", () => {
  expect(wordPart(["running"], ["run"])).toEqual(["running", "run"]);
  expect(wordPart(["rust"], ["rust"])).toEqual(["rust"]);
  expect(wordPart(["the"], [])).toEqual([]);
  expect(wordPart([], ["x"])).toEqual(["x"]);
  expect(prefixQuery([[], []])).toBeNull();
  // Operands are sorted and distinct, in PostgreSQL's byte order.
  expect(prefixQuery([["rusts", "rust"], ["rust"]])).toEqual({ parts: [["rusts", "rust"], ["rust"]], operands: ["rust", "rusts"] });
});

test("byte-order keys sort as UTF-8 bytes: a letter beyond U+FFFF after one in U+E000–U+FFFF", () => {
  const words = ["ｆｕｌｌ", "𝔘nicode", "zebra", "é", "東京"];
  const utf8 = [...words].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const keyed = [...words].sort((a, b) => (byteOrderKey(a) < byteOrderKey(b) ? -1 : 1));
  expect(keyed).toEqual(utf8);
  expect(byteOrderKey("𝔘nicode").startsWith(byteOrderKey("𝔘"))).toBe(true);
});

/** ts_rank of a vector's text for a query's parts, over a vocabulary of the vector's own lexemes. */
function rankOf(vectorText: string, ...parts: string[][]): number {
  const parsed = parseTsvector(vectorText);
  const vocabulary = [...new Set(parsed.lexemes)].sort();
  const vector = packRankVector(Int32Array.from(parsed.lexemes, (l) => vocabulary.indexOf(l)), parsed);
  return tsRank(vector, rankQuery(prefixQuery(parts)!, vocabulary, Int32Array.from(vocabulary.keys()), vocabulary.length));
}

test("ts_rank of one part, of two parts, and of words only in the search vector", () => {
  // Values from PostgreSQL: ts_rank('''ferris'':1A ''academi'':2A ''rust'':3B,7B', …)::text.
  const vector = "'academi':2A 'ferris':1A 'rust':3B,7B";
  expect(rankOf(vector, ["rus"])).toBe(Math.fround(0.30396354));
  expect(rankOf(vector, ["ferr"], ["acad"])).toBe(Math.fround(0.9910322));
  // Two parts, one absent from the rank vector: no pair, so 1e-20 (the entry matched on its search vector).
  expect(rankOf(vector, ["ferr"], ["zzz"])).toBe(Math.fround(1e-20));
  expect(rankOf("", ["x"])).toBe(0);
});

test("ts_rank of a vector without positions uses tsrank.c's stand-in positions", () => {
  // From PostgreSQL: ts_rank('a ab b'::tsvector, …)::text.
  const stripped = "'a' 'ab' 'b'";
  expect(rankOf(stripped, ["a"])).toBe(Math.fround(0.12158542));
  expect(rankOf(stripped, ["a", "b"])).toBe(Math.fround(0.091189064));
  expect(rankOf(stripped, ["a"], ["b"])).toBe(Math.fround(1e-16));
  expect(rankOf(stripped, ["ab"], ["b"])).toBe(Math.fround(1e-16));
});

test("firstInOrder gives the same first items as a full sort, ties kept in index order", () => {
  const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 37);
  const before = (a: number, b: number) => values[a] > values[b] || (values[a] === values[b] && a < b);
  const sorted = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
  for (const count of [0, 1, 20, 137, 500, 900]) expect(firstInOrder(values.length, count, before)).toEqual(sorted.slice(0, count));
});
