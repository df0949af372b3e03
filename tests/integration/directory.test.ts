import { expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { jsonForScript, parseDirectoryQuery } from "~/domain/directory";
import { findCertificate } from "~/services/directory.server";
import { currentDirectoryVersion, searchDirectory } from "~/services/directory-search.server";
import { createDraft, publishFramework } from "~/services/framework-drafts.server";
import { getProviderProfile } from "~/services/provider-profile.server";
import { action as apiProvidersAction, loader as apiProviders } from "~/routes/api.v1.providers";
import { loader as openApi } from "~/routes/api.v1.openapi[.]json";
import { loader as apiFallback } from "~/routes/api.$";
import { preflightResponse } from "~/services/json-response.server";
import { expectDocumented } from "../support/openapi";
import { loader as apiProvider } from "~/routes/api.v1.providers.$slug";
import { loader as apiAccreditation } from "~/routes/api.v1.accreditations.$certificate";
import { loader as searchPage } from "~/routes/providers._index";
import { loader as profilePage } from "~/routes/providers.$slug";
import { loader as verifyPage } from "~/routes/verify.$certificate";
import { loader as verifyForm } from "~/routes/verify._index";
import { loader as homePage } from "~/routes/_index";
import { loader as sitemap } from "~/routes/sitemap[.]xml";
import { callLoader, getRequest, payloadOf, statusOf } from "../support/requests";
import { refreshDirectoryEntry } from "../../db/directory";
import { accreditations, competencies } from "../../db/schema";
import { createFramework, signedIn } from "../support/factories";
import { createAccreditedProvider } from "../support/factories-directory";
import { recordQueries } from "../support/query-counter";

const TODAY = "2026-06-01";
const search = (qs: string, day = TODAY) => searchDirectory(parseDirectoryQuery(new URLSearchParams(qs)).query, day);

async function threeProviders() {
  const framework = await createFramework();
  const tokio = await createAccreditedProvider({
    framework,
    slug: "tokio-works",
    name: "Tokio Works",
    country: "NL",
    description: "Async Rust specialists: futures, executors and Tokio services.",
    courses: [
      {
        title: "Async Rust in production",
        level: "advanced",
        modes: ["online_live"],
        languages: ["English"],
        modules: [{ title: "Futures", outcomes: "Write async functions and pin futures.", codes: ["ASYNC.1", "ASYNC.2"] }],
      },
    ],
    validFrom: "2026-03-01",
  });
  const ferris = await createAccreditedProvider({
    framework,
    slug: "ferris-academy",
    name: "Ferris Academy",
    country: "DE",
    description: "Rust fundamentals for teams moving from C++.",
    courses: [
      {
        title: "Rust fundamentals",
        level: "foundation",
        modes: ["in_person", "online_live"],
        languages: ["English", "German"],
        modules: [{ title: "Ownership", outcomes: "Explain moves and borrowing.", codes: ["OWN.1", "OWN.2"] }],
      },
      {
        title: "Concurrency with threads and async",
        level: "intermediate",
        modes: ["in_person"],
        languages: ["German"],
        modules: [{ title: "Tasks", outcomes: "Spawn asynchronous tasks on an executor.", codes: ["ASYNC.1"] }],
      },
    ],
    validFrom: "2026-01-10",
  });
  const crab = await createAccreditedProvider({
    framework,
    slug: "crab-school",
    name: "Crab School",
    country: "DE",
    description: "Evening classes on the borrow checker.",
    courses: [
      {
        title: "Borrowing and lifetimes",
        level: "intermediate",
        modes: ["self_paced"],
        languages: ["English"],
        modules: [{ title: "Lifetimes", outcomes: "Annotate lifetimes in structs.", codes: ["OWN.3"] }],
      },
    ],
    validFrom: "2026-02-01",
  });
  return { framework, tokio, ferris, crab };
}

test("full text is ranked: a provider named and described for the words comes first", async () => {
  await threeProviders();
  const result = await search("q=async");
  expect(result.hits.map((h) => h.slug)).toEqual(["tokio-works", "ferris-academy"]);
  expect(result.total).toBe(2);
});

test("prefix matching: a partial word finds the whole one", async () => {
  await threeProviders();
  expect((await search("q=asyn")).hits.map((h) => h.slug)).toContain("tokio-works");
  expect((await search("q=lifeti")).hits.map((h) => h.slug)).toEqual(["crab-school"]);
  expect((await search("q=ferr acad")).hits.map((h) => h.slug)).toEqual(["ferris-academy"]);
});

test("tsquery syntax typed by a visitor is read as words, never as syntax", async () => {
  await threeProviders();
  for (const q of ["async & | ! ( :* <->", "'\\\"", "):*", "   ", "!!!"]) {
    const result = await search(`q=${encodeURIComponent(q)}`);
    expect(result.total).toBeGreaterThanOrEqual(0);
  }
  expect((await search(`q=${encodeURIComponent("async & !")}`)).total).toBe(2);
  // English stop words are left out, as web search does: "the async" finds what "async" finds.
  expect((await search("q=the+async")).hits.map((h) => h.slug)).toEqual(["tokio-works", "ferris-academy"]);
  expect((await search("q=the")).total).toBe(0);
});

const pinToday = () => setClock(() => new Date(`${TODAY}T12:00:00Z`));
const facet = (r: Awaited<ReturnType<typeof search>>, name: keyof Awaited<ReturnType<typeof search>>["facets"]) =>
  Object.fromEntries(r.facets[name].map((f) => [f.value, f.count]));

test("facet counts are computed for the current query", async () => {
  await threeProviders();
  const all = await search("");
  expect(all.total).toBe(3);
  expect(facet(all, "area")).toEqual({ ASYNC: 2, OWN: 2 });
  expect(facet(all, "country")).toEqual({ DE: 2, NL: 1 });
  expect(facet(all, "level")).toEqual({ foundation: 1, intermediate: 2, advanced: 1 });
  expect(facet(all, "mode")).toEqual({ online_live: 2, in_person: 1, self_paced: 1 });
  expect(facet(all, "language")).toEqual({ English: 3, German: 1 });

  const asyncOnly = await search("q=async");
  expect(facet(asyncOnly, "country")).toEqual({ DE: 1, NL: 1 });
  expect(facet(asyncOnly, "area")).toEqual({ ASYNC: 2, OWN: 1 });
});

test("facets combine: AND across facets, OR within one, and each facet counts without its own selection", async () => {
  await threeProviders();
  const de = await search("country=DE&level=intermediate");
  expect(de.hits.map((h) => h.slug).sort()).toEqual(["crab-school", "ferris-academy"]);
  // The country facet ignores the country filter (so NL still shows what it would add) but honours the level.
  expect(facet(de, "country")).toEqual({ DE: 2 });
  expect(facet(de, "mode")).toEqual({ in_person: 1, online_live: 1, self_paced: 1 });
  const narrow = await search("country=DE&level=intermediate&mode=self_paced");
  expect(narrow.hits.map((h) => h.slug)).toEqual(["crab-school"]);
  const either = await search("country=DE&country=NL&area=ASYNC");
  expect(either.hits.map((h) => h.slug)).toEqual(["ferris-academy", "tokio-works"]);
  const none = await search("q=lifetimes&area=ASYNC");
  expect(none.total).toBe(0);
  expect(none.hits).toEqual([]);
});

test("sorting by name and by newest accreditation, and pages of twenty", async () => {
  const { framework } = await threeProviders();
  expect((await search("sort=name")).hits.map((h) => h.slug)).toEqual(["crab-school", "ferris-academy", "tokio-works"]);
  expect((await search("sort=newest")).hits.map((h) => h.slug)).toEqual(["tokio-works", "crab-school", "ferris-academy"]);
  for (let i = 0; i < 20; i++) await createAccreditedProvider({ framework, slug: `extra-${String(i).padStart(2, "0")}`, name: `Extra ${String(i).padStart(2, "0")}` });
  const first = await search("sort=name");
  expect(first.total).toBe(23);
  expect(first.pageCount).toBe(2);
  expect(first.hits).toHaveLength(20);
  const second = await search("sort=name&page=2");
  expect(second.hits.map((h) => h.slug)).toEqual(["extra-19", "ferris-academy", "tokio-works"]);
});

test("suspended providers are listed and marked; revoked and expired ones never appear", async () => {
  const { ferris, crab, tokio } = await threeProviders();
  await db.update(accreditations).set({ status: "suspended" }).where(eq(accreditations.id, ferris.accreditation.id));
  await refreshDirectoryEntry(db, ferris.organisation.id, TODAY);
  await db.update(accreditations).set({ status: "revoked" }).where(eq(accreditations.id, crab.accreditation.id));
  await refreshDirectoryEntry(db, crab.organisation.id, TODAY);
  const result = await search("");
  expect(result.hits.map((h) => [h.slug, h.status])).toEqual([
    ["ferris-academy", "suspended"],
    ["tokio-works", "active"],
  ]);
  // Expiry needs no refresh: the day after valid_until the entry is gone from every query.
  await db.update(accreditations).set({ validUntil: "2026-06-01" }).where(eq(accreditations.id, tokio.accreditation.id));
  await refreshDirectoryEntry(db, tokio.organisation.id, TODAY);
  expect((await search("", "2026-06-01")).hits.map((h) => h.slug)).toContain("tokio-works");
  expect((await search("", "2026-06-02")).hits.map((h) => h.slug)).toEqual(["ferris-academy"]);
  expect(await getProviderProfile("tokio-works", "2026-06-02")).toBeNull();
  expect(await getProviderProfile("crab-school", TODAY)).toBeNull();
});

test("paging and ticking facets reuse a search's text matches, never across a directory change", async () => {
  const { tokio, ferris } = await threeProviders();
  expect((await search("q=async")).hits.map((h) => h.slug).sort()).toEqual(["ferris-academy", "tokio-works"]);
  // The same words with a facet: answered from the cached matches, and still correct.
  expect((await search("q=async&country=NL")).hits.map((h) => h.slug)).toEqual(["tokio-works"]);
  // A revocation is a new directory version: no query with the same words may see the old matches.
  await db.update(accreditations).set({ status: "revoked" }).where(eq(accreditations.id, tokio.accreditation.id));
  await refreshDirectoryEntry(db, tokio.organisation.id, TODAY);
  expect((await search("q=async&country=DE")).hits.map((h) => h.slug)).toEqual(["ferris-academy"]);
  expect((await search("q=async&page=1&sort=name")).hits.map((h) => h.slug)).toEqual(["ferris-academy"]);
  // A suspension too: the same words, listed and marked at once.
  await db.update(accreditations).set({ status: "suspended" }).where(eq(accreditations.id, ferris.accreditation.id));
  await refreshDirectoryEntry(db, ferris.organisation.id, TODAY);
  expect((await search("q=async&sort=newest")).hits.map((h) => [h.slug, h.status])).toEqual([["ferris-academy", "suspended"]]);
});

test("the profile lists accredited courses with coverage by area and the certificate", async () => {
  await threeProviders();
  const profile = await getProviderProfile("ferris-academy", TODAY);
  expect(profile).not.toBeNull();
  expect(profile!.accreditations).toEqual([
    expect.objectContaining({ status: "active", validFrom: "2026-01-10", validUntil: "2029-01-14" }),
  ]);
  expect(profile!.areas.map((a) => a.code)).toEqual(["OWN", "ASYNC"]);
  const fundamentals = profile!.courses.find((c) => c.title === "Rust fundamentals")!;
  expect(fundamentals.languages).toEqual(["English", "German"]);
  expect(fundamentals.modes).toEqual(["in_person", "online_live"]);
  expect(fundamentals.coverage).toEqual([
    { area: "OWN", covered: 2, total: 3, deepest: "practised" },
    { area: "ASYNC", covered: 0, total: 2, deepest: null },
  ]);
  expect(fundamentals.competencies.map((c) => c.code)).toEqual(["OWN.1", "OWN.2"]);
});

test("a profile is read in one statement, and a provider not listed in one too", async () => {
  const { framework } = await threeProviders();
  const { result: profile, queries } = await recordQueries(() => getProviderProfile("ferris-academy", TODAY));
  expect(queries).toHaveLength(1);
  expect(profile).toMatchObject({ slug: "ferris-academy", name: "Ferris Academy", country: "DE", status: "active", frameworkId: framework.framework.id });
  expect(profile!.accreditations).toEqual([expect.objectContaining({ status: "active", validFrom: "2026-01-10", scopeCount: 5 })]);
  expect(profile!.courses.map((c) => [c.title, c.level, c.modules, c.competencies.length])).toEqual([
    ["Rust fundamentals", "foundation", 1, 2],
    ["Concurrency with threads and async", "intermediate", 1, 1],
  ]);
  expect(profile!.courses[1].coverage).toEqual([
    { area: "OWN", covered: 0, total: 3, deepest: null },
    { area: "ASYNC", covered: 1, total: 2, deepest: expect.any(String) },
  ]);
  expect(profile!.courses.every((c) => typeof c.hours === "number" && typeof c.description === "string")).toBe(true);
  const missing = await recordQueries(() => getProviderProfile("no-such-provider", TODAY));
  expect(missing).toEqual({ result: null, queries: [expect.any(String)] });
});

test("a search page reads only the directory version once its index is loaded; publishing a framework relabels its area facet at once", async () => {
  const { framework } = await threeProviders();
  const page = async () => payloadOf<{ areas: Record<string, string> }>(await callLoader(searchPage, getRequest("/providers?q=async"))).areas;
  expect((await page()).OWN).toBe("Ownership and borrowing");
  // The area titles come with the index of the directory version the search reads: no statement of their own.
  const { queries } = await recordQueries(page);
  expect(queries).toHaveLength(1);

  // A new framework version renames the area: publishing it is a new directory version (the page cache's key too).
  const { user } = await signedIn({ roles: ["staff"] });
  const draft = await createDraft(db, user.id, framework.framework.id);
  if (!draft.ok) throw new Error(draft.message);
  await db.update(competencies).set({ title: "Ownership, borrowing and lifetimes" }).where(and(eq(competencies.frameworkId, draft.value.id), eq(competencies.code, "OWN")));
  const before = await currentDirectoryVersion();
  expect((await publishFramework(db, user.id, draft.value.id)).ok).toBe(true);
  expect(await currentDirectoryVersion()).not.toBe(before);
  expect((await page()).OWN).toBe("Ownership, borrowing and lifetimes");
});

test("the profile page carries schema.org JSON-LD, escaped so no text can end the script element", async () => {
  pinToday();
  const framework = await createFramework();
  await createAccreditedProvider({ framework, slug: "sneaky", name: "Sneaky </script><script>alert(1)</script>", description: "A & B <b>" });
  const result = await callLoader(profilePage, getRequest("/providers/sneaky"), { slug: "sneaky" });
  expect(statusOf(result)).toBe(200);
  const { jsonLd } = payloadOf<{ jsonLd: { "@graph": Record<string, unknown>[] } }>(result);
  const [org, course] = jsonLd["@graph"];
  expect(org["@type"]).toBe("EducationalOrganization");
  expect(org.hasCredential).toEqual([
    expect.objectContaining({ "@type": "EducationalOccupationalCredential", credentialCategory: "accreditation", validFor: "P3Y", expires: expect.any(String) }),
  ]);
  // schema.org 30.0 has no validFrom on EducationalOccupationalCredential (the types are also checked at compile time).
  expect(org.hasCredential).toEqual([expect.not.objectContaining({ validFrom: expect.anything() })]);
  expect(course["@type"]).toBe("Course");
  expect(course.hasCourseInstance).toEqual([expect.objectContaining({ "@type": "CourseInstance", courseMode: ["online", "synchronous"] })]);
  expect(course.teaches).toEqual([expect.objectContaining({ "@type": "DefinedTerm", termCode: "OWN.1" })]);
  const text = jsonForScript(jsonLd);
  expect(text).not.toMatch(/[<>]/);
  expect(JSON.parse(text)).toEqual(jsonLd);
  expect(statusOf(await callLoader(profilePage, getRequest("/providers/nobody"), { slug: "nobody" }))).toBe(404);
});

test("a profile with three or more courses lists them in a schema.org ItemList that points at each Course", async () => {
  pinToday();
  const framework = await createFramework();
  const course = (title: string) => ({ title, modules: [{ title: "Ownership", outcomes: "Explain moves.", codes: ["OWN.1"] }] });
  await createAccreditedProvider({ framework, slug: "three-courses", courses: [course("One"), course("Two"), course("Three")] });
  const { jsonLd } = payloadOf<{ jsonLd: { "@graph": Record<string, unknown>[] } }>(await callLoader(profilePage, getRequest("/providers/three-courses"), { slug: "three-courses" }));
  const courses = jsonLd["@graph"].filter((n) => n["@type"] === "Course");
  const [list] = jsonLd["@graph"].filter((n) => n["@type"] === "ItemList");
  expect(courses).toHaveLength(3);
  expect(list).toMatchObject({ numberOfItems: 3 });
  expect(list.itemListElement).toEqual(courses.map((c, i) => ({ "@type": "ListItem", position: i + 1, url: c.url, item: { "@id": c["@id"] } })));
  expect(new Set(courses.map((c) => c["@id"])).size).toBe(3);
  // Fewer than three: no list.
  await createAccreditedProvider({ framework, slug: "one-course" });
  const one = payloadOf<{ jsonLd: { "@graph": Record<string, unknown>[] } }>(await callLoader(profilePage, getRequest("/providers/one-course"), { slug: "one-course" }));
  expect(one.jsonLd["@graph"].some((n) => n["@type"] === "ItemList")).toBe(false);
});

test("verification reads active, suspended, revoked and expired with the scope; unknown is 404", async () => {
  const { ferris } = await threeProviders();
  const cert = ferris.accreditation.certificateNumber;
  const active = await findCertificate(cert.toLowerCase(), TODAY);
  expect(active).toMatchObject({ certificate: cert, status: "active", provider: { slug: "ferris-academy", listed: true } });
  expect(active!.scope).toContainEqual({ course: "Rust fundamentals", level: "foundation", language: "German", mode: "in_person" });
  expect((await findCertificate(cert, "2029-01-15"))!.status).toBe("expired");
  await db.update(accreditations).set({ status: "suspended" }).where(eq(accreditations.id, ferris.accreditation.id));
  expect((await findCertificate(cert, TODAY))!.status).toBe("suspended");
  await db.update(accreditations).set({ status: "revoked" }).where(eq(accreditations.id, ferris.accreditation.id));
  await refreshDirectoryEntry(db, ferris.organisation.id, TODAY);
  expect(await findCertificate(cert, "2029-06-01")).toMatchObject({ status: "revoked", provider: { listed: false } });

  pinToday();
  const page = await callLoader(verifyPage, getRequest(`/verify/${cert}`), { certificate: cert });
  expect(payloadOf<{ record: { status: string } }>(page).record.status).toBe("revoked");
  const missing = await callLoader(verifyPage, getRequest("/verify/ACC-1999-0001"), { certificate: "ACC-1999-0001" });
  expect(statusOf(missing)).toBe(404);
  const redirect = await callLoader(verifyForm, getRequest(`/verify?certificate=${encodeURIComponent(` ${cert.toLowerCase()} `)}`));
  expect(statusOf(redirect)).toBe(302);
  expect((redirect as Response).headers.get("Location")).toBe(`/verify/${cert}`);
  expect(statusOf(await callLoader(verifyForm, getRequest("/verify?certificate=%3Cscript%3E")))).toBe(400);
});

test("a suspension shows at once: the page is never cached at the origin", async () => {
  pinToday();
  const { tokio } = await threeProviders();
  const before = await callLoader(searchPage, getRequest("/providers?q=tokio"));
  expect(payloadOf<{ result: { hits: { status: string }[] } }>(before).result.hits[0].status).toBe("active");
  await db.update(accreditations).set({ status: "suspended" }).where(eq(accreditations.id, tokio.accreditation.id));
  await refreshDirectoryEntry(db, tokio.organisation.id, TODAY);
  const after = await callLoader(searchPage, getRequest("/providers?q=tokio"));
  expect(payloadOf<{ result: { hits: { status: string }[] } }>(after).result.hits[0].status).toBe("suspended");
});

/** Every API answer is checked against the served OpenAPI description of its path before the test reads it. */
async function json(result: unknown, path: string) {
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  const body = (await expectDocumented(response.clone(), path)) as Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies are checked by the schema just above
  return { response, status: response.status, body: body ?? ({} as Record<string, any>) }; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
}

test("API: providers search in the published shape, CORS open and cacheable, modes in the JSON-LD's words", async () => {
  pinToday();
  const { ferris } = await threeProviders();
  const { response, status, body } = await json(await callLoader(apiProviders, getRequest("/api/v1/providers?q=rust&country=DE&level=foundation")), "/providers");
  expect(status).toBe(200);
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(response.headers.get("Access-Control-Expose-Headers")).toMatch(/ETag.*Link|Link.*ETag/);
  expect(response.headers.get("Cache-Control")).toMatch(/public.*s-maxage=\d+/);
  expect(response.headers.get("ETag")).toMatch(/^W\/"[0-9a-f]+"$/);
  expect(response.headers.get("Vary")).toBe("Accept-Encoding");
  expect(body).toEqual({
    total: 1,
    page: 1,
    perPage: 20,
    pageCount: 1,
    providers: [
      {
        slug: "ferris-academy",
        name: "Ferris Academy",
        country: "DE",
        website: "https://ferris-academy.example",
        courses: [
          { title: "Rust fundamentals", level: "foundation", languages: ["English", "German"], modes: ["onsite", "online"] },
          { title: "Concurrency with threads and async", level: "intermediate", languages: ["German"], modes: ["onsite"] },
        ],
        accreditations: [
          { certificate: ferris.accreditation.certificateNumber, status: "active", validFrom: "2026-01-10", validUntil: "2029-01-14" },
        ],
      },
    ],
  });
  const one = await json(await callLoader(apiProvider, getRequest("/api/v1/providers/ferris-academy"), { slug: "ferris-academy" }), "/providers/{slug}");
  expect(one.body).toEqual(body.providers[0]);
  const unknown = await json(await callLoader(apiProvider, getRequest("/api/v1/providers/nobody"), { slug: "nobody" }), "/providers/{slug}");
  expect(unknown.status).toBe(404);
  expect(unknown.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  expect(unknown.body).toMatchObject({ type: "about:blank", title: "Not Found", status: 404, detail: expect.stringMatching(/nobody/), instance: "/api/v1/providers/nobody" });
  // The profile's JSON-LD says the same words for the same course.
  const { jsonLd } = payloadOf<{ jsonLd: { "@graph": Record<string, unknown>[] } }>(await callLoader(profilePage, getRequest("/providers/ferris-academy"), { slug: "ferris-academy" }));
  const fundamentals = jsonLd["@graph"].find((n) => n.name === "Rust fundamentals")!;
  const words = (fundamentals.hasCourseInstance as { courseMode: string | string[] }[]).flatMap((i) => i.courseMode);
  expect(words).toEqual(expect.arrayContaining(["onsite", "online"]));
});

test("API: paging with per_page, Link headers and a hint past the last page; sort honoured", async () => {
  pinToday();
  await threeProviders();
  const first = await json(await callLoader(apiProviders, getRequest("/api/v1/providers?per_page=2&sort=name")), "/providers");
  expect(first.body).toMatchObject({ total: 3, page: 1, perPage: 2, pageCount: 2 });
  expect(first.body.providers.map((p: { name: string }) => p.name)).toEqual(["Crab School", "Ferris Academy"]);
  expect(first.response.headers.get("Link")).toBe('</api/v1/providers?per_page=2&sort=name>; rel="first", </api/v1/providers?per_page=2&sort=name&page=2>; rel="next", </api/v1/providers?per_page=2&sort=name&page=2>; rel="last"');
  const second = await json(await callLoader(apiProviders, getRequest("/api/v1/providers?per_page=2&sort=name&page=2")), "/providers");
  expect(second.body.providers.map((p: { name: string }) => p.name)).toEqual(["Tokio Works"]);
  expect(second.response.headers.get("Link")).toContain('</api/v1/providers?per_page=2&sort=name>; rel="prev"');
  const newest = await json(await callLoader(apiProviders, getRequest("/api/v1/providers?sort=newest")), "/providers");
  expect(newest.body.providers[0].name).toBe("Tokio Works"); // accredited last (2026-03-01)
  const past = await json(await callLoader(apiProviders, getRequest("/api/v1/providers?per_page=2&page=7")), "/providers");
  expect(past.status).toBe(200);
  expect(past.body).toMatchObject({ page: 7, pageCount: 2, providers: [] });
  expect(past.response.headers.get("Link")).toContain('</api/v1/providers?per_page=2&page=2>; rel="last"');
  expect(past.response.headers.get("Link")).toContain('</api/v1/providers?per_page=2&page=2>; rel="prev"');
  const mode = await json(await callLoader(apiProviders, getRequest("/api/v1/providers?mode=asynchronous")), "/providers");
  expect(mode.body.providers.map((p: { slug: string }) => p.slug)).toEqual(["crab-school"]);
});

test("API: a certificate in the published shape, problem details when unknown or malformed", async () => {
  pinToday();
  const { tokio } = await threeProviders();
  const cert = tokio.accreditation.certificateNumber;
  const { status, body, response } = await json(await callLoader(apiAccreditation, getRequest(`/api/v1/accreditations/${cert}`), { certificate: cert }), "/accreditations/{certificate}");
  expect(status).toBe(200);
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(body).toEqual({
    certificate: cert,
    status: "active",
    validFrom: "2026-03-01",
    validUntil: "2029-01-14",
    provider: { slug: "tokio-works", name: "Tokio Works" },
    scope: [{ course: "Async Rust in production", level: "advanced", language: "English", mode: "online" }],
  });
  const missing = await json(await callLoader(apiAccreditation, getRequest("/api/v1/accreditations/ACC-1999-0001"), { certificate: "ACC-1999-0001" }), "/accreditations/{certificate}");
  expect(missing.status).toBe(404);
  expect(missing.body.detail).toMatch(/ACC-1999-0001/);
  const bad = await json(await callLoader(apiAccreditation, getRequest("/api/v1/accreditations/%3Cx%3E"), { certificate: "<x>" }), "/accreditations/{certificate}");
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ parameter: "certificate", message: expect.any(String) }]);
});

test("API: a bad query parameter is a 400 problem naming it", async () => {
  pinToday();
  for (const [qs, parameter] of [
    ["level=expert", "level"],
    ["mode=carrier-pigeon", "mode"],
    ["mode=in_person", "mode"],
    ["country=Germany", "country"],
    ["page=0", "page"],
    ["page=abc", "page"],
    ["per_page=0", "per_page"],
    ["per_page=101", "per_page"],
    ["sort=random", "sort"],
    ["sort=relevance", "sort"],
    ["area=%3Cscript%3E", "area"],
    ["colour=red", "colour"],
    [`q=${"x".repeat(201)}`, "q"],
  ]) {
    const { status, body, response } = await json(await callLoader(apiProviders, getRequest(`/api/v1/providers?${qs}`)), "/providers");
    expect(status, qs).toBe(400);
    expect(response.headers.get("Content-Type"), qs).toMatch(/^application\/problem\+json/);
    expect(body.errors.map((e: { parameter: string }) => e.parameter), qs).toContain(parameter);
    expect(body.detail, qs).toContain(parameter);
  }
});

test("API: the ETag answers 304 when the client already holds the same data", async () => {
  pinToday();
  const { tokio } = await threeProviders();
  const first = await json(await callLoader(apiProviders, getRequest("/api/v1/providers?q=async")), "/providers");
  const etag = first.response.headers.get("ETag")!;
  const cached = new Request("http://localhost:3000/api/v1/providers?q=async", { headers: { "If-None-Match": etag } });
  const second = await json(await callLoader(apiProviders, cached), "/providers");
  expect(second.status).toBe(304);
  await db.update(accreditations).set({ status: "suspended" }).where(eq(accreditations.id, tokio.accreditation.id));
  await refreshDirectoryEntry(db, tokio.organisation.id, TODAY);
  const changed = new Request("http://localhost:3000/api/v1/providers?q=async", { headers: { "If-None-Match": etag } });
  const third = await json(await callLoader(apiProviders, changed), "/providers");
  expect(third.status).toBe(200);
  expect(third.response.headers.get("ETag")).not.toBe(etag);
});

test("API: the OpenAPI description is served, answers for unknown paths and other methods are problems, and a preflight is answered before any route", async () => {
  const doc = await json(await callLoader(openApi, getRequest("/api/v1/openapi.json")), "/openapi.json");
  expect(doc.body.openapi).toBe("3.1.0");
  const notFound = (await callLoader(apiFallback, getRequest("/api/v1/nothing"))) as Response;
  expect(notFound.status).toBe(404);
  expect(notFound.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  expect(await notFound.json()).toMatchObject({ type: "about:blank", status: 404, title: "Not Found" });
  const post = (await apiProvidersAction({ request: new Request("http://localhost:3000/api/v1/providers", { method: "POST" }), params: {}, context: {} })) as Response;
  expect(post.status).toBe(405);
  expect(post.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  expect(await post.json()).toMatchObject({ status: 405, title: "Method Not Allowed" });
  const preflight = preflightResponse("OPTIONS", "/api/v1/providers")!;
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("Access-Control-Allow-Headers")).toMatch(/If-None-Match/);
  expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
  expect(preflightResponse("OPTIONS", "/ims/case/v1p1/CFDocuments")?.status).toBe(204);
  expect(preflightResponse("OPTIONS", "/providers")).toBeNull();
  expect(preflightResponse("GET", "/api/v1/providers")).toBeNull();
});

test("public pages are cacheable at a CDN for visitors and private for signed-in people", async () => {
  pinToday();
  await threeProviders();
  const visitor = await callLoader(homePage, getRequest("/"));
  const init = (visitor as { init?: { headers?: Headers } }).init;
  expect(new Headers(init?.headers).get("Cache-Control")).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=30");
  expect(payloadOf<{ figures: { providers: number; courses: number; countries: number } }>(visitor).figures).toMatchObject({ providers: 3, courses: 4, countries: 2 });
  const member = await callLoader(homePage, getRequest("/", "session=abc.def"));
  expect(new Headers((member as { init?: { headers?: Headers } }).init?.headers).get("Cache-Control")).toBe("private, no-store");
});

test("the sitemap lists the home page, the search and every listed profile", async () => {
  pinToday();
  const { crab } = await threeProviders();
  await db.update(accreditations).set({ status: "revoked" }).where(eq(accreditations.id, crab.accreditation.id));
  await refreshDirectoryEntry(db, crab.organisation.id, TODAY);
  const response = (await callLoader(sitemap, getRequest("/sitemap.xml"))) as Response;
  const xml = await response.text();
  expect(xml).toContain("/providers/ferris-academy</loc>");
  expect(xml).toContain("/providers/tokio-works</loc>");
  expect(xml).not.toContain("crab-school");
  expect(xml).toMatch(/<loc>[^<]*\/providers<\/loc>/);
});
