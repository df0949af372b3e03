/**
 * Issue 12: a listed provider's public name, description and website change only through staff review. The
 * provider proposes on its public-profile page; staff approve (applied, directory refreshed, audited once,
 * provider emailed, all in one transaction) or reject with a reason (emailed). Races counted in side effects.
 */
import { and, eq, like } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { createSession } from "~/services/sessions.server";
import * as providerPage from "~/routes/provider.organisations.$id.profile";
import * as staffPage from "~/routes/admin.profile-changes";
import * as adminDashboard from "~/routes/admin._index";
import { auditEvents, directoryEntries, emailOutbox, organisations, profileChanges, users } from "../../db/schema";
import { createFramework, createOrganisation, signedIn } from "../support/factories";
import { createAccreditedProvider } from "../support/factories-directory";
import { createStaff, joinOrganisation } from "../support/factories-board";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

async function listedProvider() {
  const framework = await createFramework();
  const { organisation: org } = await createAccreditedProvider({ framework, slug: "ferris-training", name: "Ferris Training", description: "Rust training for teams." });
  const owner = await signedIn({ email: "owner@ferris.example" });
  await joinOrganisation(owner.user.id, org.id, "owner");
  return { org };
}

/** A session of the person with this email, opened after they joined (a session reads memberships when used). */
async function ownerCookie(email = "owner@ferris.example") {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return `session=${(await createSession(db, user.id)).token}`;
}

const proposal = { displayName: "Ferris Training Academy", description: "Rust training for teams and individuals.", website: "https://ferris.example" };

function propose(orgId: string, cookie: string, fields: Record<string, string> = proposal) {
  return callAction(providerPage.action, postRequest(`/provider/organisations/${orgId}/profile`, fields, cookie), { id: orgId });
}

async function pendingChangeId(orgId: string) {
  const [row] = await db.select().from(profileChanges).where(and(eq(profileChanges.organisationId, orgId), eq(profileChanges.status, "pending")));
  return row.id;
}

const audits = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action));
const decisionEmails = () => db.select().from(emailOutbox).where(eq(emailOutbox.template, "profile-change-decided"));

test("proposed, then approved: the organisation and its directory entry change once, audited once, the provider emailed", async () => {
  const { org } = await listedProvider();
  const cookie = await ownerCookie();
  expect(statusOf(await propose(org.id, cookie))).toBe(302);
  // Nothing public changes before review.
  const [before] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, org.id));
  expect(before.name).toBe("Ferris Training");
  const page = payloadOf<{ pending: { displayName: string } | null }>(await callLoader(providerPage.loader, getRequest(`/provider/organisations/${org.id}/profile`, cookie), { id: org.id }));
  expect(page.pending?.displayName).toBe(proposal.displayName);

  const staff = await createStaff();
  const dashboard = payloadOf<{ pendingProfileChanges: number }>(await callLoader(adminDashboard.loader, getRequest("/admin", staff.cookie)));
  expect(dashboard.pendingProfileChanges).toBe(1);
  const list = payloadOf<{ items: { change: { id: string } }[] }>(await callLoader(staffPage.loader, getRequest("/admin/profile-changes", staff.cookie)));
  expect(list.items).toHaveLength(1);
  const answer = await callAction(staffPage.action, postRequest("/admin/profile-changes", { intent: "approve", id: list.items[0].change.id }, staff.cookie));
  expect(statusOf(answer)).toBe(302);

  const [after] = await db.select().from(organisations).where(eq(organisations.id, org.id));
  expect({ displayName: after.displayName, description: after.description, website: after.website }).toEqual(proposal);
  const [entry] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, org.id));
  expect(entry.name).toBe(proposal.displayName);
  expect(await audits("organisation.profile_change_approved")).toHaveLength(1);
  const mails = await decisionEmails();
  expect(mails.map((m) => m.to)).toEqual(["owner@ferris.example"]);
  expect(mails[0].subject).toMatch(/published/);
});

test("50 concurrent approvals of one change: one takes effect (1 audit event, 1 email per member), the rest are told someone moved first", async () => {
  const { org } = await listedProvider();
  await propose(org.id, await ownerCookie());
  const id = await pendingChangeId(org.id);
  const staff = await createStaff();
  const answers = await Promise.all(Array.from({ length: 50 }, () => callAction(staffPage.action, postRequest("/admin/profile-changes", { intent: "approve", id }, staff.cookie))));
  const statuses = answers.map(statusOf);
  expect(statuses.filter((s) => s === 302)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  expect(await audits("organisation.profile_change_approved")).toHaveLength(1);
  expect(await decisionEmails()).toHaveLength(1);
  const [after] = await db.select().from(organisations).where(eq(organisations.id, org.id));
  expect(after.displayName).toBe(proposal.displayName);
});

test("50 concurrent approve-or-reject decisions: exactly one decision, whichever it is", async () => {
  const { org } = await listedProvider();
  await propose(org.id, await ownerCookie());
  const id = await pendingChangeId(org.id);
  const staff = await createStaff();
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      callAction(staffPage.action, postRequest("/admin/profile-changes", i % 2 ? { intent: "approve", id } : { intent: "reject", id, reason: "Not as accredited." }, staff.cookie)),
    ),
  );
  expect(answers.map(statusOf).filter((s) => s === 302)).toHaveLength(1);
  const decided = [...(await audits("organisation.profile_change_approved")), ...(await audits("organisation.profile_change_rejected"))];
  expect(decided).toHaveLength(1);
  expect(await decisionEmails()).toHaveLength(1);
});

test("rejected with a reason: nothing public changes, the reason is emailed and shown; a rejection without a reason is a field error", async () => {
  const { org } = await listedProvider();
  const cookie = await ownerCookie();
  await propose(org.id, cookie);
  const id = await pendingChangeId(org.id);
  const staff = await createStaff();
  const noReason = await callAction(staffPage.action, postRequest("/admin/profile-changes", { intent: "reject", id, reason: "  " }, staff.cookie));
  expect(statusOf(noReason)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string>; id: string }>(noReason).errors.reason).toMatch(/why/);
  expect(payloadOf<{ id: string }>(noReason).id).toBe(id);

  const reason = "The description claims an endorsement by the foundation.";
  expect(statusOf(await callAction(staffPage.action, postRequest("/admin/profile-changes", { intent: "reject", id, reason }, staff.cookie)))).toBe(302);
  const [after] = await db.select().from(organisations).where(eq(organisations.id, org.id));
  expect(after.displayName).toBe("Ferris Training");
  const [mail] = await decisionEmails();
  expect(mail.props.reason).toBe(reason);
  expect(mail.props.outcome).toBe("rejected");
  const page = payloadOf<{ pending: unknown; lastDecided: { status: string; reason: string } }>(
    await callLoader(providerPage.loader, getRequest(`/provider/organisations/${org.id}/profile`, cookie), { id: org.id }),
  );
  expect(page.pending).toBeNull();
  expect(page.lastDecided).toMatchObject({ status: "rejected", reason });
  // Deciding again is refused, and changes nothing.
  expect(statusOf(await callAction(staffPage.action, postRequest("/admin/profile-changes", { intent: "approve", id }, staff.cookie)))).toBe(409);
  expect(await audits("organisation.profile_change_approved")).toHaveLength(0);
});

test("bad input gets field messages and keeps what was typed; one pending change at a time, even under 50 concurrent proposals", async () => {
  const { org } = await listedProvider();
  const cookie = await ownerCookie();
  const bad = await propose(org.id, cookie, { displayName: "", description: "x", website: "not a url" });
  expect(statusOf(bad)).toBe(400);
  const { errors, values } = payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(bad);
  expect(Object.keys(errors)).toEqual(expect.arrayContaining(["displayName", "website"]));
  expect(values.website).toBe("not a url");
  const [now] = await db.select().from(organisations).where(eq(organisations.id, org.id));
  const unchanged = await propose(org.id, cookie, { displayName: now.displayName, description: now.description, website: now.website ?? "" });
  expect(statusOf(unchanged)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(unchanged).errors.displayName).toMatch(/change at least one field/);

  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => propose(org.id, cookie, { ...proposal, displayName: `Ferris ${i}` })));
  expect(answers.map(statusOf).filter((s) => s === 302)).toHaveLength(1);
  expect(answers.map(statusOf).filter((s) => s === 409)).toHaveLength(49);
  expect(await db.select().from(profileChanges).where(eq(profileChanges.organisationId, org.id))).toHaveLength(1);
  expect(await audits("organisation.profile_change_proposed")).toHaveLength(1);
});

test("who may: a non-member gets 404; a provider not yet listed is sent to its application; staff who belong to the organisation cannot decide", async () => {
  const { org } = await listedProvider();
  const stranger = await signedIn({ email: "stranger@example.org" });
  expect(statusOf(await callLoader(providerPage.loader, getRequest(`/provider/organisations/${org.id}/profile`, stranger.cookie), { id: org.id }))).toBe(404);
  expect(statusOf(await propose(org.id, stranger.cookie))).toBe(404);

  const unlisted = await createOrganisation({ slug: "not-yet", displayName: "Not Yet" });
  const newcomer = await signedIn({ email: "newcomer@example.org" });
  await joinOrganisation(newcomer.user.id, unlisted.id, "owner");
  const refused = await propose(unlisted.id, await ownerCookie("newcomer@example.org"));
  expect(statusOf(refused)).toBe(409);

  await propose(org.id, await ownerCookie());
  const id = await pendingChangeId(org.id);
  const insider = await createStaff("Insider");
  await joinOrganisation(insider.user.id, org.id, "member");
  const insiderCookie = await ownerCookie(insider.user.email);
  const insiders = await callAction(staffPage.action, postRequest("/admin/profile-changes", { intent: "approve", id }, insiderCookie));
  expect(statusOf(insiders)).toBe(404);
  expect(insiders, "the not-found page (a thrown response), not a message inside the list").toBeInstanceOf(Response);
  expect(await db.select().from(auditEvents).where(like(auditEvents.action, "organisation.profile_change_approved"))).toHaveLength(0);
});
