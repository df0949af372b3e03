import type { SessionUser } from "~/domain/policy";
import type { Database } from "./db.server";
import { BAD_CREDENTIALS, findUserByEmail } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { admitLoginAttempt, loginSucceeded } from "./rate-limit.server";
import { createSession, invalidateSession, validateSessionToken } from "./sessions.server";

export type LoginResult =
  | { ok: true; user: SessionUser; sessionToken: string }
  | { ok: false; status: 400 | 429; message: string; retryAfterSeconds?: number };

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
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const admission = await admitLoginAttempt(db, { email, address: input.address });
  if (!admission.admitted) return { ok: false, status: 429, message: admission.message, retryAfterSeconds: admission.retryAfterSeconds };

  const user = await findUserByEmail(db, email);
  decoyHash ??= hashPassword("decoy password that never matches");
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !user.passwordHash || !passwordOk) {
    // Already counted as a failure when admitted.
    if (user) {
      await db.transaction((tx) => recordAudit(tx, { actorId: null, action: "user.login_failed", entityType: "user", entityId: user.id, data: { address: input.address } }));
    }
    return { ok: false, status: 400, message: BAD_CREDENTIALS };
  }
  if (user.disabledAt) {
    return { ok: false, status: 400, message: "This account has been disabled. Contact the programme team if you think this is a mistake." };
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
  return { ok: true, user: validated.user, sessionToken: session.token };
}
