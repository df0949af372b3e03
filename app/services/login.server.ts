import type { SessionUser } from "~/domain/policy";
import { ok, refused, type Outcome } from "~/domain/outcome";
import type { Database } from "./db.server";
import { BAD_CREDENTIALS, findUserByEmail } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { admitLoginAttempt, loginSucceeded } from "./rate-limit.server";
import { createSession, invalidateSession, validateSessionToken } from "./sessions.server";

// Verified against when the account does not exist, so a wrong address costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Admit and count the attempt (rate-limit.server.ts), and only then check the password. On success a NEW
 * session is created (rotation) and the one the request carried, if any, is ended, so a session fixed before
 * login is worthless after it.
 */
export async function login(
  db: Database,
  input: { email: string; password: string; address: string; currentSessionToken?: string | null },
): Promise<Outcome<{ user: SessionUser; sessionToken: string }>> {
  const email = input.email.trim().toLowerCase();
  const admission = await admitLoginAttempt(db, { email, address: input.address });
  if (!admission.admitted) return refused(429, admission.message, undefined, admission.retryAfterSeconds);

  const user = await findUserByEmail(db, email);
  decoyHash ??= hashPassword("decoy password that never matches");
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !user.passwordHash || !passwordOk) {
    // Already counted as a failure when admitted.
    if (user) {
      await db.transaction((tx) => recordAudit(tx, { actorId: null, action: "user.login_failed", entityType: "user", entityId: user.id, data: { address: input.address } }));
    }
    return refused(400, BAD_CREDENTIALS);
  }
  if (user.disabledAt) {
    return refused(400, "This account has been disabled. Contact the programme team if you think this is a mistake.");
  }

  const previous = input.currentSessionToken ? await validateSessionToken(db, input.currentSessionToken) : null;
  const session = await db.transaction(async (tx) => {
    await loginSucceeded(tx, admission.attemptIds);
    if (previous) await invalidateSession(tx, previous.sessionId);
    const created = await createSession(tx, user.id);
    await recordAudit(tx, { actorId: user.id, action: "user.logged_in", entityType: "user", entityId: user.id, data: { address: input.address } });
    return created;
  });
  const validated = await validateSessionToken(db, session.token);
  if (!validated) throw new Error("A session just created did not validate");
  return ok({ user: validated.user, sessionToken: session.token });
}
