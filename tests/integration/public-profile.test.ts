/** Issue 12, finding 8: an accredited provider cannot change its public name or description unreviewed, renewal draft or not. */
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import * as organisationSection from "~/routes/provider.applications.$id.organisation";
import { organisations } from "../../db/schema";
import { createAccreditation } from "../support/factories-board";
import { providerWorld, startDraft } from "../support/factories-application";
import { callAction, payloadOf, postRequest, statusOf } from "../support/requests";

async function profileForm(organisationId: string, changes: Record<string, string>) {
  const [o] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  return {
    displayName: o.displayName,
    legalName: o.legalName,
    website: o.website ?? "",
    country: o.country ?? "",
    description: o.description,
    contactEmail: o.contactEmail ?? "",
    version: String(o.version),
    ...changes,
  };
}

test("while accredited, a draft's organisation section cannot change the public name, description or website; other fields still save", async () => {
  const { owner, org } = await providerWorld();
  const accreditedApplication = await startDraft(owner.sessionUser, org.id);
  await createAccreditation({ organisationId: org.id, applicationId: accreditedApplication });
  const renewal = await startDraft(owner.sessionUser, org.id);
  const path = `/provider/applications/${renewal}/organisation`;
  const before = (await db.select().from(organisations).where(eq(organisations.id, org.id)))[0];

  const sneaky = await callAction(organisationSection.action, postRequest(path, await profileForm(org.id, { displayName: "Totally Official Rust Foundation", description: "Endorsed by everyone" }), owner.cookie), { id: renewal });
  expect(statusOf(sneaky)).toBe(409);
  const errors = payloadOf<{ errors: Record<string, string> }>(sneaky).errors;
  expect(errors.displayName).toMatch(/programme team/);
  expect(errors.description).toMatch(/programme team/);
  const unchanged = (await db.select().from(organisations).where(eq(organisations.id, org.id)))[0];
  expect(unchanged.displayName).toBe(before.displayName);
  expect(unchanged.description).toBe(before.description);

  const contact = await callAction(organisationSection.action, postRequest(path, await profileForm(org.id, { contactEmail: "new-contact@example.org" }), owner.cookie), { id: renewal });
  expect(statusOf(contact)).toBe(302);
  expect((await db.select().from(organisations).where(eq(organisations.id, org.id)))[0].contactEmail).toBe("new-contact@example.org");
});

test("an organisation that is not accredited edits its profile freely", async () => {
  const { owner, org } = await providerWorld();
  const draft = await startDraft(owner.sessionUser, org.id);
  const path = `/provider/applications/${draft}/organisation`;
  const answer = await callAction(organisationSection.action, postRequest(path, await profileForm(org.id, { displayName: "A Better Name" }), owner.cookie), { id: draft });
  expect(statusOf(answer)).toBe(302);
  expect((await db.select().from(organisations).where(eq(organisations.id, org.id)))[0].displayName).toBe("A Better Name");
});
