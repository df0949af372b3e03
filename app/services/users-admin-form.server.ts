/**
 * The staff forms about one user (grant or remove a role, expertise, disable, enable), answered the same way
 * from the users list and from the user's own page: parse with the shared schema, one service call, then
 * back to the page the form was on with a message, or the refusal next to the right user.
 */
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { expertiseSchema, roleChangeSchema } from "~/domain/admin-forms";
import { longText, parseForm } from "~/domain/forms";
import { refused, UNKNOWN_REQUEST, type Outcome, type Refused } from "~/domain/outcome";
import { refusalResponse } from "~/http.server";
import type { Database } from "./db.server";
import { disableUser, enableUser, grantRole, removeRole, setExpertise } from "./users-admin.server";

const userRef = z.object({ userId: z.string().uuid("Missing user") });
const disableSchema = userRef.extend({ reason: longText("a reason", { max: 500 }) });

/** How a form is answered: back to the page it was on with a message, or the refusal next to the right user. */
function replies(request: Request) {
  return {
    back: (message: string) => {
      const url = new URL(request.url);
      url.searchParams.set("done", message);
      return redirect(url.pathname + url.search);
    },
    fail: (userId: unknown, refusal: Refused) => refusalResponse(refusal, {}, { userId: typeof userId === "string" ? userId : null }),
  };
}

/** One form about a user: parsed with its schema, its one service call, then the message once done or the refusal. */
function userForm<S extends z.ZodType<{ userId: string }, z.ZodTypeDef, unknown>>(
  schema: S,
  step: (db: Database, staffId: string, form: z.output<S>) => Promise<Outcome>,
  done: (form: z.output<S>) => string,
) {
  return async (db: Database, staffId: string, formData: FormData, reply: ReturnType<typeof replies>) => {
    const parsed = parseForm(formData, schema);
    if (!parsed.success) return reply.fail(formData.get("userId"), refused(400, Object.values(parsed.errors)[0]));
    const result = await step(db, staffId, parsed.data);
    if (!result.ok) return reply.fail(parsed.data.userId, result);
    return reply.back(done(parsed.data));
  };
}

const USER_FORMS = {
  grant: userForm(roleChangeSchema, (db, staffId, f) => grantRole(db, staffId, f.userId, f.role), (f) => `Granted the ${f.role} role.`),
  remove: userForm(roleChangeSchema, (db, staffId, f) => removeRole(db, staffId, f.userId, f.role), (f) => `Removed the ${f.role} role.`),
  disable: userForm(disableSchema, (db, staffId, f) => disableUser(db, staffId, f.userId, f.reason), () => "The account is disabled and its sessions have ended."),
  enable: userForm(userRef, (db, staffId, f) => enableUser(db, staffId, f.userId), () => "The account is enabled again."),
  expertise: userForm(expertiseSchema, (db, staffId, f) => setExpertise(db, staffId, f.userId, f.expertise), () => "Expertise saved."),
};

export async function answerUserAdminForm(db: Database, staffId: string, request: Request, formData: FormData) {
  const intent = String(formData.get("intent") ?? "");
  const reply = replies(request);
  if (!Object.hasOwn(USER_FORMS, intent)) return reply.fail(null, UNKNOWN_REQUEST);
  // hasOwn just checked that the intent names one of the forms.
  return USER_FORMS[intent as keyof typeof USER_FORMS](db, staffId, formData, reply);
}
