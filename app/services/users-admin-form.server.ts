/**
 * The staff forms about one user (grant or remove a role, expertise, disable, enable), answered the same way
 * from the users list and from the user's own page: parse with the shared schema, one service call, then
 * back to the page the form was on with a message, or the refusal next to the right user.
 */
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { expertiseSchema, roleChangeSchema } from "~/domain/admin-forms";
import { longText, parseForm } from "~/domain/forms";
import { refused, UNKNOWN_REQUEST, type Refused } from "~/domain/outcome";
import { refusalResponse } from "~/http.server";
import type { Database } from "./db.server";
import { disableUser, enableUser, grantRole, removeRole, setExpertise } from "./users-admin.server";

const userRef = z.object({ userId: z.string().uuid("Missing user") });
const disableSchema = userRef.extend({ reason: longText("a reason", { max: 500 }) });

export async function answerUserAdminForm(db: Database, staffId: string, request: Request, formData: FormData) {
  const intent = String(formData.get("intent") ?? "");
  const back = (message: string) => {
    const url = new URL(request.url);
    url.searchParams.set("done", message);
    return redirect(url.pathname + url.search);
  };
  const fail = (userId: unknown, refusal: Refused) => refusalResponse(refusal, {}, { userId: typeof userId === "string" ? userId : null });

  if (intent === "grant" || intent === "remove") {
    const parsed = parseForm(formData, roleChangeSchema);
    if (!parsed.success) return fail(formData.get("userId"), refused(400, Object.values(parsed.errors)[0]));
    const result = intent === "grant" ? await grantRole(db, staffId, parsed.data.userId, parsed.data.role) : await removeRole(db, staffId, parsed.data.userId, parsed.data.role);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back(intent === "grant" ? `Granted the ${parsed.data.role} role.` : `Removed the ${parsed.data.role} role.`);
  }
  if (intent === "disable") {
    const parsed = parseForm(formData, disableSchema);
    if (!parsed.success) return fail(formData.get("userId"), refused(400, Object.values(parsed.errors)[0]));
    const result = await disableUser(db, staffId, parsed.data.userId, parsed.data.reason);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back("The account is disabled and its sessions have ended.");
  }
  if (intent === "enable") {
    const parsed = parseForm(formData, userRef);
    if (!parsed.success) return fail(null, refused(400, "Missing user"));
    const result = await enableUser(db, staffId, parsed.data.userId);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back("The account is enabled again.");
  }
  if (intent === "expertise") {
    const parsed = parseForm(formData, expertiseSchema);
    if (!parsed.success) return fail(formData.get("userId"), refused(400, Object.values(parsed.errors)[0]));
    const result = await setExpertise(db, staffId, parsed.data.userId, parsed.data.expertise);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back("Expertise saved.");
  }
  return fail(null, UNKNOWN_REQUEST);
}
