import { expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "~/services/db.server";
import { queryRows } from "../../db/client.server";
import { directoryEntries, organisations } from "../../db/schema";
import { parseDirectoryQuery, searchWords } from "~/domain/directory";
import { prefixTsquery, searchDirectory } from "~/services/directory-search.server";
import { fetchEntryTexts, listedOn, rankEntries, textFetches, textIndex, wordsQuery } from "~/services/directory-text.server";

const DAY = "2026-06-01";

/** A small deterministic generator (mulberry32), so a failure names the same data every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// English words whose stems differ from the word, stop words, digits, unicode (a non-BMP letter among them),
// hyphenated words, apostrophes, a host and a URL: what the parser and the two configurations make of them.
const VOCABULARY = [
  "running", "runner", "runs", "studies", "studying", "engineering", "engineers", "teams", "teaching", "teachers",
  "safety", "safely", "memory", "memories", "asynchronous", "async", "concurrency", "concurrent", "programs",
  "programming", "production", "productive", "rust", "rusty", "borrowing", "lifetimes", "traits", "crates", "the",
  "a", "and", "of", "with", "for", "in", "c99", "2024", "v8", "3d", "1st", "42", "x86_64", "rust2021", "zürich",
  "münchen", "café", "ελληνικά", "東京", "москва", "naïve", "façade", "𝔘nicode", "ｆｕｌｌ", "ǆungla", "memory-safe",
  "zero-cost", "hands-on", "o'reilly", "it's", "ferris.dev", "https://crab.example/path", "1.5", "résumé", "ångström",
];
const NAMES = ["Ferrous", "Oxide", "Crab", "Forge", "Zürich", "Café", "Ελληνικά", "Runner", "Studies", "Async", "Memory-Safe",
  "O'Reilly", "𝔘nicode", "Lambda", "Rust2021", "C99", "Teams", "Academy", "Labs", "東京"];

function words(next: () => number, pool: string[], count: number): string {
  return Array.from({ length: count }, () => pool[Math.floor(next() * pool.length)]).join(" ");
}

/** Entries written straight into the read model, as a refresh would, with a new directory version. */
async function generatedEntries(count: number) {
  const next = random(53);
  const orgs = await db
    .insert(organisations)
    .values(Array.from({ length: count }, (_, i) => ({ slug: `org-${i}`, legalName: `Org ${i}`, displayName: `Org ${i}` })))
    .returning({ id: organisations.id });
  await db.insert(directoryEntries).values(
    orgs.map(({ id }, i) => ({
      organisationId: id,
      slug: `org-${i}`,
      name: words(next, NAMES, 1 + Math.floor(next() * 3)),
      status: "active" as const,
      summary: words(next, VOCABULARY, Math.floor(next() * 25)),
      titles: Array.from({ length: Math.floor(next() * 4) }, () => words(next, VOCABULARY, 2 + Math.floor(next() * 4))).join("\n"),
      document: words(next, VOCABULARY, 10 + Math.floor(next() * 50)),
      accreditedAt: new Date("2026-01-01T00:00:00Z"),
      // A tenth lapsed before the day searched.
      validUntil: next() < 0.1 ? "2026-05-01" : "2028-01-01",
    })),
  );
  await bumpVersion();
}

const bumpVersion = () => db.execute(sql`insert into directory_state (id, version) values (1, (random() * 9e15)::bigint)
  on conflict (id) do update set version = (random() * 9e15)::bigint`);

function queries(): string[] {
  const next = random(7);
  const all = new Set<string>();
  for (const word of VOCABULARY) {
    for (const w of searchWords(word)) {
      const letters = Array.from(w);
      all.add(w);
      for (const length of [1, 2, 3, letters.length - 1]) if (length > 0 && length < letters.length) all.add(letters.slice(0, length).join(""));
    }
  }
  const single = [...all];
  for (let i = 0; i < 150; i++) all.add(words(next, single, 2));
  for (let i = 0; i < 100; i++) all.add(words(next, single, 3));
  for (const q of ["the", "the a and", "the running", "a rust", "qqqzzz", "rust qqqzzz", "zzz9", "Zürich Café", "ENGINEERS", "teachings", "studied"]) all.add(q);
  return [...all];
}

type Ranked = [id: string, rank: number][];
const byId = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : 1);

test("in-memory matches and ranks equal directory_text_matches for every query, rank for rank", async () => {
  await generatedEntries(300);
  const rows = await queryRows<{ id: string; validUntil: string }>(db, sql`select organisation_id as id, valid_until as "validUntil" from directory_entries`);
  const texts = await fetchEntryTexts(db, "all");
  const index = textIndex(rows.map((r) => texts.get(r.id)), rows.map((r) => r.validUntil));

  const mismatches: string[] = [];
  let inMemory = 0;
  const ranksSeen = new Set<number>();
  for (const q of queries()) {
    const ws = searchWords(q);
    const query = await wordsQuery(db, ws);
    if (query === undefined) continue;
    inMemory++;
    const ranks = rankEntries(index, query, DAY);
    const mine: Ranked = rows.flatMap((r, i) => (Number.isNaN(ranks[i]) ? [] : [[r.id, ranks[i]] as [string, number]])).sort(byId);
    const pg = await queryRows<{ id: string; rank: string }>(
      db,
      sql`select organisation_id as id, rank::text as rank from directory_text_matches(${prefixTsquery(ws)}, ${DAY})`,
    );
    const theirs: Ranked = pg.map((r) => [r.id, Math.fround(Number(r.rank))] as [string, number]).sort(byId);
    for (const [, rank] of theirs) ranksSeen.add(rank);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
      const diff = theirs.find(([id, rank], i) => mine[i]?.[0] !== id || mine[i]?.[1] !== rank);
      mismatches.push(`${JSON.stringify(q)}: ${mine.length} vs ${theirs.length} matches, first difference ${JSON.stringify(diff)} vs ${JSON.stringify(mine.find(([id]) => id === diff?.[0]))}`);
    }
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
  // The comparison is not vacuous: hundreds of queries in memory, with many distinct ranks.
  expect(inMemory).toBeGreaterThan(400);
  expect(ranksSeen.size).toBeGreaterThan(200);
});

test("a word PostgreSQL parses into a phrase is answered by PostgreSQL, with the same result as before", async () => {
  await generatedEntries(50);
  expect(await wordsQuery(db, ["x½y"])).toBeUndefined();
  expect(await wordsQuery(db, ["the", "a"])).toBeNull();
  const search = (q: string) => searchDirectory(parseDirectoryQuery(new URLSearchParams({ q })).query, DAY);
  const [{ count }] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from directory_text_matches(${prefixTsquery(["rust", "x½y"])}, ${DAY})`);
  expect((await search("rust x½y")).total).toBe(count);
  expect((await search("the a")).total).toBe(0);
});

test("relevance order in memory is PostgreSQL's ranks descending, then the index's name order", async () => {
  await generatedEntries(120);
  const collator = new Intl.Collator("en", { sensitivity: "base" });
  for (const q of ["rust", "run eng", "memory safe", "zü"]) {
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ q, per_page: "100" })).query, DAY);
    const matches = await queryRows<{ slug: string; name: string; rank: string }>(
      db,
      sql`select d.slug, d.name, m.rank::text as rank from directory_text_matches(${prefixTsquery(searchWords(q))}, ${DAY}) m
          join directory_entries d using (organisation_id)`,
    );
    const expected = matches
      .map((m) => ({ ...m, rank: Math.fround(Number(m.rank)) }))
      .sort((a, b) => b.rank - a.rank || collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
    expect(result.total).toBe(expected.length);
    expect(result.hits.map((h) => h.slug)).toEqual(expected.slice(0, 100).map((m) => m.slug));
  }
});

test("a changed entry's text is fetched again and found by its new words; unchanged entries are not fetched", async () => {
  await generatedEntries(40);
  const search = (q: string) => searchDirectory(parseDirectoryQuery(new URLSearchParams({ q })).query, DAY);
  const before = textFetches.entries;
  expect((await search("rust")).total).toBeGreaterThan(0);
  expect(textFetches.entries - before).toBe(40);

  const [target] = await queryRows<{ id: string; slug: string }>(db, sql`select organisation_id as id, slug from directory_entries where valid_until > ${DAY} order by slug limit 1`);
  await db.execute(sql`update directory_entries set name = 'Quokka Quarters', summary = '', titles = '', document = '' where organisation_id = ${target.id}`);
  await bumpVersion();
  const fetched = textFetches.entries;
  const found = await search("quokk");
  expect(textFetches.entries - fetched).toBe(1);
  expect(found.hits.map((h) => h.slug)).toEqual([target.slug]);

  // Its old words no longer find it; a new version with no row rewritten fetches nothing.
  await db.execute(sql`update directory_entries set name = 'Wombat Works' where organisation_id = ${target.id}`);
  await bumpVersion();
  expect((await search("quokk")).total).toBe(0);
  expect((await search("wombat")).hits.map((h) => h.slug)).toEqual([target.slug]);
  await bumpVersion();
  const settled = textFetches.entries;
  expect((await search("wombat")).total).toBe(1);
  expect(textFetches.entries).toBe(settled);
});

test("an entry counts as listed through its valid-until day, worked out once per index and day", () => {
  const validUntil = ["2026-05-31", "2026-06-01", "2027-01-01"];
  const june1 = listedOn(validUntil, "2026-06-01");
  expect([...june1]).toEqual([0, 1, 1]);
  expect(listedOn(validUntil, "2026-06-01")).toBe(june1);
  expect([...listedOn(validUntil, "2026-06-02")]).toEqual([0, 0, 1]);
  expect([...listedOn(validUntil, "2026-05-31")]).toEqual([1, 1, 1]);
  // Another index (its own array) is never answered from this one's flags.
  expect([...listedOn(["2026-01-01"], "2026-05-31")]).toEqual([0]);
});
