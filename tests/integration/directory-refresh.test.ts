import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { updateOrganisationProfile } from "~/services/organisations.server";
import { searchDirectory } from "~/services/directory-search.server";
import { isoDate } from "~/domain/accreditation";
import { refreshAllDirectoryEntries, refreshDirectoryEntry } from "../../db/directory";
import { accreditations, directoryEntries } from "../../db/schema";
import { createFramework, createUser } from "../support/factories";
import { createAccreditedProvider } from "../support/factories-directory";

const TODAY = "2026-06-01";

test("an active accreditation lists its organisation with facets and text from the courses in scope", async () => {
  const framework = await createFramework();
  const { organisation } = await createAccreditedProvider({
    framework,
    slug: "ferris-academy",
    name: "Ferris Academy",
    country: "NL",
    description: "Hands-on Rust training.",
    courses: [
      {
        title: "Async Rust in production",
        level: "advanced",
        modes: ["in_person", "online_live"],
        languages: ["en", "nl"],
        modules: [
          { title: "Futures", outcomes: "Write async functions with Tokio.", codes: ["ASYNC.1"] },
          { title: "Borrowing", outcomes: "Satisfy the borrow checker.", codes: ["OWN.2"] },
        ],
      },
    ],
    validUntil: "2029-01-14",
  });
  const [entry] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, organisation.id));
  expect(entry).toMatchObject({
    slug: "ferris-academy",
    name: "Ferris Academy",
    country: "NL",
    status: "active",
    courseCount: 1,
    summary: "Hands-on Rust training.",
    validUntil: "2029-01-14",
  });
  expect([...entry.areas].sort()).toEqual(["ASYNC", "OWN"]);
  expect(entry.levels).toEqual(["advanced"]);
  expect([...entry.modes].sort()).toEqual(["in_person", "online_live"]);
  expect([...entry.languages].sort()).toEqual(["en", "nl"]);
  expect(entry.document).toContain("Async Rust in production");
  expect(entry.document).toContain("Write async functions with Tokio.");
  expect(entry.accreditedAt.toISOString()).toBe("2026-01-15T00:00:00.000Z");
});

test("suspended stays listed as suspended; revoked, superseded and expired are removed", async () => {
  const framework = await createFramework();
  const { organisation, accreditation } = await createAccreditedProvider({ framework, slug: "crab-co" });
  await db.update(accreditations).set({ status: "suspended" }).where(eq(accreditations.id, accreditation.id));
  await refreshDirectoryEntry(db, organisation.id, TODAY);
  const [suspended] = await db.select().from(directoryEntries);
  expect(suspended.status).toBe("suspended");

  await db.update(accreditations).set({ status: "revoked" }).where(eq(accreditations.id, accreditation.id));
  await refreshDirectoryEntry(db, organisation.id, TODAY);
  expect(await db.select().from(directoryEntries)).toHaveLength(0);

  await db.update(accreditations).set({ status: "active" }).where(eq(accreditations.id, accreditation.id));
  await refreshDirectoryEntry(db, organisation.id, TODAY);
  expect(await db.select().from(directoryEntries)).toHaveLength(1);
  await refreshDirectoryEntry(db, organisation.id, "2029-01-15");
  expect(await db.select().from(directoryEntries)).toHaveLength(0);

  await db.update(accreditations).set({ status: "superseded" }).where(eq(accreditations.id, accreditation.id));
  await refreshAllDirectoryEntries(db, TODAY);
  expect(await db.select().from(directoryEntries)).toHaveLength(0);
});

test("refreshing all rebuilds every organisation and touches nobody else", async () => {
  const framework = await createFramework();
  await createAccreditedProvider({ framework, slug: "one" });
  await createAccreditedProvider({ framework, slug: "two", validUntil: "2026-05-31" });
  await db.delete(directoryEntries);
  await refreshAllDirectoryEntries(db, TODAY);
  const rows = await db.select({ slug: directoryEntries.slug }).from(directoryEntries);
  expect(rows.map((r) => r.slug)).toEqual(["one"]);
  await expect(refreshAllDirectoryEntries(db, "01/06/2026")).rejects.toThrow(/ISO date/);
});

test("an accredited provider moving country is found under the new country in the directory at once", async () => {
  const framework = await createFramework();
  const { organisation } = await createAccreditedProvider({ framework, slug: "movers", name: "Movers Training", validUntil: "2099-01-01", today: isoDate(new Date()) });
  const ownerRow = await createUser();
  const owner = { id: ownerRow.id, email: ownerRow.email, name: ownerRow.name, emailVerified: true, roles: [], memberships: [{ organisationId: organisation.id, role: "owner" as const }] };
  const query = { q: "", area: [], level: [], mode: [], country: ["AU"], language: [], sort: "name" as const, page: 1, perPage: 20 };
  expect(JSON.stringify(await searchDirectory(query, isoDate(new Date()), db))).not.toContain("Movers Training");
  // The public name, description and website of an accredited provider change only through the programme team
  // (tests/integration/public-profile.test.ts); the country is the provider's own to correct.
  const saved = await updateOrganisationProfile(db, owner, organisation.id, {
    displayName: organisation.displayName,
    legalName: "Movers Training Pty Ltd",
    website: organisation.website ?? "",
    country: "AU",
    description: organisation.description,
    contactEmail: "hello@movers.example",
    version: organisation.version,
  });
  expect(saved.ok).toBe(true);
  expect(JSON.stringify(await searchDirectory(query, isoDate(new Date()), db))).toContain("Movers Training");
});
