import { expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import {
  acceptInvitation,
  createInvitation,
  describeInvitation,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from "~/services/invitations.server";
import { hashToken } from "~/services/accounts.server";
import { MAX_VERIFICATION_EMAILS_PER_HOUR } from "~/domain/email-limit";
import type { Outcome } from "~/domain/outcome";
import { auditEvents, emailOutbox, invitations, organisationMembers, userRoles, users } from "../../db/schema";
import { createOrganisation, createUser, sessionUserFor, signedIn } from "../support/factories";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import { emailsTo, lastEmailTo, tokenInLink } from "../support/mail";
import * as adminRoute from "~/routes/admin.invitations";
import * as acceptRoute from "~/routes/invitations.$token";
import * as membersRoute from "~/routes/provider.members";

/** The value of an outcome the test expects to succeed. */
function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return outcome.value;
}
const errorsOf = (result: unknown) => payloadOf<{ errors: Record<string, string> }>(result).errors;
const rolesOf = async (userId: string) => (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role);

test("staff invite an address to the reviewer role; the invitee accepts and becomes a reviewer", async () => {
  const staff = await signedIn({ roles: ["staff"], name: "Staff Person" });
  const sent = await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email: "New.Reviewer@example.org", role: "reviewer" }, staff.cookie));
  expect(statusOf(sent)).toBe(302);

  const mail = await lastEmailTo("new.reviewer@example.org");
  expect(mail.template).toBe("invitation");
  expect(mail.subject).toBe("You are invited to join the foundation as a reviewer");
  expect(mail.props).toMatchObject({ inviterName: "Staff Person", what: "the foundation as a reviewer" });
  const token = tokenInLink(mail.props.acceptUrl);
  const [row] = await db.select().from(invitations);
  expect(row.tokenHash).toBe(hashToken(token));
  expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 86_400_000);

  const anonymousView = await callLoader(acceptRoute.loader, getRequest(`/invitations/${token}`), { token });
  expect(payloadOf(anonymousView)).toMatchObject({ invitation: { state: "valid", email: "new.reviewer@example.org", what: "the foundation as a reviewer" }, user: null });
  const anonymousAccept = await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "accept" }), { token });
  expect((anonymousAccept as Response).headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);

  // The invitee signed up with the invited address and has not confirmed it yet.
  const invitee = await signedIn({ email: "new.reviewer@example.org", verified: false });
  const accepted = await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "accept" }, invitee.cookie), { token });
  expect(statusOf(accepted)).toBe(302);
  expect((accepted as Response).headers.get("Location")).toBe("/account?invitation=accepted");
  expect(await rolesOf(invitee.user.id)).toEqual(["reviewer"]);
  const [after] = await db.select().from(invitations);
  expect(after.acceptedBy).toBe(invitee.user.id);
  // Following the emailed link proved the address.
  const [inviteeRow] = await db.select().from(users).where(eq(users.id, invitee.user.id));
  expect(inviteeRow.emailVerifiedAt).not.toBeNull();

  const list = await callLoader(adminRoute.loader, getRequest("/admin/invitations", staff.cookie));
  expect(payloadOf<{ invitations: { status: string }[] }>(list).invitations.map((i) => i.status)).toEqual(["accepted"]);
  const actions = (await db.select({ action: auditEvents.action }).from(auditEvents)).map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted"]));
});

test("a reused invitation link is refused with a clear message and grants nothing more", async () => {
  const staff = await sessionUserFor((await createUser({ roles: ["staff"] })).id);
  const { token } = valueOf(await createInvitation(db, { inviter: staff, email: "twice@example.org", kind: "role", role: "board" }));
  const first = await signedIn({ email: "twice@example.org" });
  const second = await signedIn({ email: "other@example.org" });
  expect(statusOf(await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "accept" }, first.cookie), { token }))).toBe(302);

  const reused = await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "accept" }, second.cookie), { token });
  expect(statusOf(reused)).toBe(409);
  expect(errorsOf(reused).form).toBe("This invitation has already been accepted. Each invitation works once.");
  expect(await rolesOf(second.user.id)).toEqual([]);
  expect(await describeInvitation(db, token)).toMatchObject({ state: "used" });
});

test("an expired invitation link is refused with a clear message", async () => {
  const start = new Date("2026-06-01T10:00:00Z");
  setClock(() => start);
  const staff = await sessionUserFor((await createUser({ roles: ["staff"] })).id);
  const { token } = valueOf(await createInvitation(db, { inviter: staff, email: "late@example.org", kind: "role", role: "reviewer" }));
  const late = await signedIn({ email: "late@example.org" });

  setClock(() => new Date(start.getTime() + 7 * 86_400_000 + 1000));
  const page = await callLoader(acceptRoute.loader, getRequest(`/invitations/${token}`, late.cookie), { token });
  expect(payloadOf(page)).toMatchObject({ invitation: { state: "expired", email: null } });
  const res = await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "accept" }, late.cookie), { token });
  expect(statusOf(res)).toBe(400);
  expect(errorsOf(res).form).toBe("This invitation has expired. Ask the person who invited you to send a new one.");
  expect(await rolesOf(late.user.id)).toEqual([]);
  expect(valueOf(await listInvitations(db, staff)).map((i) => i.status)).toEqual(["expired"]);

  // Resending gives a new link and a new week; the old link stays dead.
  const { token: fresh } = valueOf(await resendInvitation(db, staff, (await db.select().from(invitations))[0].id));
  expect(await describeInvitation(db, token)).toEqual({ state: "unknown" });
  valueOf(await acceptInvitation(db, fresh, late.sessionUser));
  expect(await rolesOf(late.user.id)).toEqual(["reviewer"]);
});

test("unknown and revoked links are refused, and the accept form rejects bad input with 400", async () => {
  const staff = await sessionUserFor((await createUser({ roles: ["staff"] })).id);
  const someone = await signedIn({ email: "someone@example.org" });
  const unknown = await callAction(acceptRoute.action, postRequest("/invitations/notarealtoken", { intent: "accept" }, someone.cookie), { token: "notarealtoken" });
  expect(statusOf(unknown)).toBe(400);
  expect(errorsOf(unknown).form).toMatch(/not valid/);

  const { invitation, token } = valueOf(await createInvitation(db, { inviter: staff, email: "someone@example.org", kind: "role", role: "reviewer" }));
  const bad = await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "nonsense" }, someone.cookie), { token });
  expect(statusOf(bad)).toBe(400);
  expect(errorsOf(bad).intent).toEqual(expect.any(String));

  valueOf(await revokeInvitation(db, staff, invitation.id));
  const revoked = await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "accept" }, someone.cookie), { token });
  expect(statusOf(revoked)).toBe(400);
  expect(errorsOf(revoked).form).toBe("This invitation was withdrawn by the person who sent it.");
  expect(await rolesOf(someone.user.id)).toEqual([]);
});

test("only staff may invite to a foundation role: the service refuses others and the page is a 404 for them", async () => {
  const reviewer = await signedIn({ roles: ["reviewer", "board"] });
  expect(await createInvitation(db, { inviter: reviewer.sessionUser, email: "friend@example.org", kind: "role", role: "staff" })).toMatchObject({ ok: false, status: 404 });
  const page = await callLoader(adminRoute.loader, getRequest("/admin/invitations", reviewer.cookie));
  expect(statusOf(page)).toBe(404);
  const post = await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email: "friend@example.org", role: "staff" }, reviewer.cookie));
  expect(statusOf(post)).toBe(404);
  expect(await db.select().from(invitations)).toHaveLength(0);
  expect(await listInvitations(db, reviewer.sessionUser)).toMatchObject({ ok: false, status: 404 });
});

test("the staff invitation form: bad input is a 400 with field errors; a duplicate or existing role is a 409 next to the email", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  const bad = await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email: "nope", role: "emperor" }, staff.cookie));
  expect(statusOf(bad)).toBe(400);
  expect(Object.keys(errorsOf(bad)).sort()).toEqual(["email", "role"]);
  expect(await db.select().from(invitations)).toHaveLength(0);

  const badId = await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "revoke", id: "x" }, staff.cookie));
  expect(statusOf(badId)).toBe(400);

  await createUser({ email: "already@example.org", roles: ["reviewer"] });
  const existing = await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email: "already@example.org", role: "reviewer" }, staff.cookie));
  expect(statusOf(existing)).toBe(409);
  expect(errorsOf(existing).email).toBe("This person already has that role.");

  await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email: "pending@example.org", role: "board" }, staff.cookie));
  const again = await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email: "pending@example.org", role: "board" }, staff.cookie));
  expect(statusOf(again)).toBe(409);
  expect(errorsOf(again).email).toMatch(/already waiting/);
  expect(await db.select().from(invitations)).toHaveLength(1);
});

test("an organisation owner invites a member, who joins on accepting; members and outsiders cannot invite", async () => {
  const owner = await signedIn({ name: "Olive Owner" });
  const member = await createUser();
  const org = await createOrganisation({ displayName: "Ferris Academy", owner: owner.user, members: [member] });
  const staff = await sessionUserFor((await createUser({ roles: ["staff"] })).id);
  const ownerUser = await sessionUserFor(owner.user.id); // now with the membership

  for (const outsider of [await sessionUserFor(member.id), staff]) {
    expect(await createInvitation(db, { inviter: outsider, email: "colleague@example.org", kind: "organisation", organisationId: org.id, orgRole: "member" })).toMatchObject({
      ok: false,
      status: 404,
    });
  }

  const { token } = valueOf(await createInvitation(db, { inviter: ownerUser, email: "colleague@example.org", kind: "organisation", organisationId: org.id, orgRole: "member" }));
  const mail = await lastEmailTo("colleague@example.org");
  expect(mail.props).toMatchObject({ inviterName: "Olive Owner", what: "Ferris Academy as a member" });
  expect(valueOf(await listInvitations(db, ownerUser, { organisationId: org.id })).map((i) => i.status)).toEqual(["pending"]);

  const colleague = await signedIn({ email: "colleague@example.org" });
  const res = await callAction(acceptRoute.action, postRequest(`/invitations/${token}`, { intent: "accept" }, colleague.cookie), { token });
  expect(statusOf(res)).toBe(302);
  const [membership] = await db
    .select()
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, org.id), eq(organisationMembers.userId, colleague.user.id)));
  expect(membership.role).toBe("member");
  expect(await rolesOf(colleague.user.id)).toEqual([]);
});

test("the same link accepted twice at once grants exactly once", async () => {
  const staff = await sessionUserFor((await createUser({ roles: ["staff"] })).id);
  const { token } = valueOf(await createInvitation(db, { inviter: staff, email: "race@example.org", kind: "role", role: "reviewer" }));
  const [a, b] = [await signedIn(), await signedIn()];
  const results = await Promise.all([acceptInvitation(db, token, a.sessionUser), acceptInvitation(db, token, b.sessionUser)]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ message: expect.stringMatching(/already been accepted/) })]);
  expect(await db.select().from(userRoles).where(eq(userRoles.role, "reviewer"))).toHaveLength(1);
});

test("fifty identical invitations sent at once, to a role and to an organisation, make one invitation, one email and one audit event each; the others are told one is waiting", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  const owner = await signedIn();
  const org = await createOrganisation({ owner: owner.user });
  const sends = [
    { email: "double.click@example.org", send: () => callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email: "double.click@example.org", role: "reviewer" }, staff.cookie)) },
    {
      email: "colleague.twice@example.org",
      send: () => callAction(membersRoute.action, postRequest(`/provider/members?org=${org.id}`, { intent: "invite", email: "colleague.twice@example.org", orgRole: "member" }, owner.cookie)),
    },
  ];
  for (const { email, send } of sends) {
    const answers = await Promise.all(Array.from({ length: 50 }, send));
    const made = await db.select().from(invitations).where(eq(invitations.email, email));
    expect(made).toHaveLength(1);
    expect(answers.map(statusOf).sort()).toEqual([302, ...Array<number>(49).fill(409)]);
    expect(errorsOf(answers.find((a) => statusOf(a) === 409)).email).toBe("An invitation to this address is already waiting. Resend it from the list instead.");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.to, email))).toHaveLength(1);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, made[0].id), eq(auditEvents.action, "invitation.created")))).toHaveLength(1);
  }
});

test("fifty resends of one invitation at once: the invitation's emails stay within the hourly limit, the others answer 429 with when to try again", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  const email = "resent.often@example.org";
  expect(statusOf(await callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "invite", email, role: "reviewer" }, staff.cookie)))).toBe(302);
  const [invitation] = await db.select().from(invitations).where(eq(invitations.email, email));
  const resend = () => callAction(adminRoute.action, postRequest("/admin/invitations", { intent: "resend", id: invitation.id }, staff.cookie));
  const answers = await Promise.all(Array.from({ length: 50 }, resend));
  // The first email counts, as the sign-up email does for the confirmation resends.
  const resends = MAX_VERIFICATION_EMAILS_PER_HOUR - 1;
  expect(answers.map(statusOf).sort()).toEqual([...Array<number>(resends).fill(302), ...Array<number>(50 - resends).fill(429)]);
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.to, email))).toHaveLength(MAX_VERIFICATION_EMAILS_PER_HOUR);
  expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, invitation.id), eq(auditEvents.action, "invitation.resent")))).toHaveLength(resends);
  // Only the newest link works.
  const states = await Promise.all((await emailsTo(email)).map(async (m) => (await describeInvitation(db, tokenInLink(m.props.acceptUrl))).state));
  expect(states.filter((s) => s === "valid")).toHaveLength(1);

  const limited = answers.find((a) => statusOf(a) === 429);
  expect(Number((limited as { init?: { headers?: Record<string, string> } }).init?.headers?.["Retry-After"])).toBeGreaterThan(0);
  expect(payloadOf<{ formId: string; errors: Record<string, string> }>(limited)).toMatchObject({
    formId: "resend",
    errors: { form: expect.stringMatching(/^We have sent 3 invitation emails to resent\.often@example\.org in the last hour, so no new one was sent\. .*try again in \d+ minutes?\.$/) },
  });
});
