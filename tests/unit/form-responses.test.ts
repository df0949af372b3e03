import { expect, test } from "vitest";
import { z } from "zod";
import { invalidForm, refusalResponse } from "~/http.server";
import { parseForm } from "~/domain/forms";
import { refused } from "~/domain/outcome";
import { payloadOf, statusOf } from "../support/requests";

const schema = z.object({ email: z.string().email("Enter an email address"), password: z.string().min(12, "Use at least 12 characters") });
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

test("a refused form answers 400 with each message by its field and what was typed, never a password", () => {
  const parsed = parseForm(form({ email: "not-an-email", password: "short", newPassword: "x", note: "kept" }), schema);
  if (parsed.success) throw new Error("expected a refusal");
  const answer = invalidForm(parsed, { intent: "profile" });
  expect(statusOf(answer)).toBe(400);
  expect(payloadOf(answer)).toEqual({
    intent: "profile",
    errors: { email: "Enter an email address", password: "Use at least 12 characters" },
    values: { email: "not-an-email", note: "kept" },
  });
});

test("a service's refusal keeps its status and puts its message at the top of the form", () => {
  const answer = refusalResponse(refused(409, "Someone else changed this first."), { title: "typed" }, { formId: "complete" });
  expect(statusOf(answer)).toBe(409);
  expect(payloadOf(answer)).toEqual({ formId: "complete", errors: { form: "Someone else changed this first." }, values: { title: "typed" } });
});
