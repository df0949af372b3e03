import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { changeEmail, changePassword, requestPasswordReset, resetPassword, TOKEN_MESSAGES, verifyEmail } from "~/services/accounts.server";
import { createUser, sessionUserFor, TEST_PASSWORD } from "../support/factories";
import { lastEmailTo, tokenInLink } from "../support/mail";

test("a reset link sent before a password change no longer works after it", async () => {
  const user = await createUser({ email: "careful@example.org" });
  await requestPasswordReset(db, user.email);
  const token = tokenInLink((await lastEmailTo(user.email)).props.resetUrl);
  expect((await changePassword(db, await sessionUserFor(user.id), { currentPassword: TEST_PASSWORD, newPassword: "a brand new password" })).ok).toBe(true);
  expect(await resetPassword(db, token, "attacker chosen password")).toMatchObject({ ok: false, status: 400, message: TOKEN_MESSAGES.used });
});

test("a reset link sent to the old address no longer works once the account moved to a new one", async () => {
  const user = await createUser({ email: "moving@example.org" });
  await requestPasswordReset(db, user.email);
  const resetToken = tokenInLink((await lastEmailTo("moving@example.org")).props.resetUrl);
  expect((await changeEmail(db, await sessionUserFor(user.id), { email: "moved@example.org", currentPassword: TEST_PASSWORD })).ok).toBe(true);
  const confirm = tokenInLink((await lastEmailTo("moved@example.org")).props.verifyUrl);
  expect(await verifyEmail(db, confirm)).toMatchObject({ ok: true, value: { purpose: "change_email" } });
  expect(await resetPassword(db, resetToken, "attacker chosen password")).toMatchObject({ ok: false, status: 400, message: TOKEN_MESSAGES.used });
});
