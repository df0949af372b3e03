import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { logout } from "~/services/accounts.server";
import { secureCookies } from "~/services/request.server";
import { blankSessionCookie, readSessionToken } from "~/services/sessions.server";

// Logging out changes state, so only a POST does it; a GET (a prefetch, a pasted link) just goes home.
export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await logout(db, readSessionToken(request));
  return redirect("/", { headers: { "Set-Cookie": blankSessionCookie(secureCookies()) } });
}
