import { redirect } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { parseForm } from "~/domain/forms";
import type { Outcome, Refused } from "~/domain/outcome";
import { invalidForm, refusalResponse } from "~/http.server";
import { config } from "~/config.server";
import { can, type Action, type Resource, type SessionUser } from "~/domain/policy";
import { db, type Database } from "./db.server";
import { readSessionToken, sessionCookie, validateSessionToken } from "./sessions.server";
import { homeFor } from "./accounts.server";
import { safeRedirect } from "~/domain/redirect";
import { perRequest } from "./request-scope.server";

// Validated once for a request's loaders, which run side by side. An action validates its own: the loaders that
// run after it in the same request (a form posted without JavaScript) see what it changed (a new membership).
function getSession(request: Request) {
  const validate = () => {
    const token = readSessionToken(request);
    return token ? validateSessionToken(db, token) : Promise.resolve(null);
  };
  return request.method === "GET" || request.method === "HEAD" ? perRequest(request, "session", validate) : validate();
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** 404, not 403: a record you may not see does not exist for you. */
export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

/**
 * The answer to a service step that refused: 404 when it did not find the record (as `notFound`), else
 * `refusalResponse` with what was typed and which form answered.
 */
export function refusedAnswer<V extends Record<string, unknown> = Record<string, string>, C extends Record<string, unknown> = Record<never, never>>(
  refusal: Refused,
  values?: V,
  context?: C,
) {
  if (refusal.status === 404) notFound();
  return refusalResponse<V, C>(refusal, values, context);
}

/** Require a signed-in user who may do `action`; anything else is 404 (or the login redirect). */
export async function requirePermission(request: Request, action: Action, resource?: Resource): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, action, resource)) notFound();
  return user;
}

/** A signed-in user who belongs to an organisation (a provider's own pages); anyone else 404 (or the login redirect). */
export async function requireMember(request: Request): Promise<SessionUser> {
  const user = await requirePermission(request, "provider:access");
  if (user.memberships.length === 0) notFound();
  return user;
}

/**
 * The record a detail page is about, as `find` shows it to the signed-in user (who may `permission`, when one is
 * named): `find` scopes its query to what they may see, and whatever it does not find answers 404.
 */
export async function requireRecord<T>(
  request: Request,
  id: string | undefined,
  find: (db: Database, user: SessionUser, id: string) => Promise<T | null>,
  permission?: Action,
): Promise<{ user: SessionUser; record: T }> {
  const user = permission ? await requirePermission(request, permission) : await requireUser(request);
  const record = await find(db, user, id ?? "");
  if (!record) notFound();
  return { user, record };
}

/** One form on a record's page: its schema, the one service step it runs, and where success goes (told what the step answered). */
export type RecordForm<S extends ZodTypeAny, V = unknown> = {
  schema: S;
  step: (db: Database, user: SessionUser, id: string, input: z.output<S>) => Promise<Outcome<V>>;
  done: (input: z.output<S>, value: V) => Response;
  /** Which of the page's forms this is, when it has more than one: the answer names it. */
  formId?: string;
};

/**
 * The action of a page about one record with one form: the record must be one the person may see (404 whatever
 * was posted), then the form is submitted (`submitRecordForm`).
 */
export async function recordFormAction<T, S extends ZodTypeAny, V>(
  request: Request,
  params: { id?: string },
  page: RecordForm<S, V> & { find: (db: Database, user: SessionUser, id: string) => Promise<T | null>; permission?: Action },
) {
  const { user } = await requireRecord(request, params.id, page.find, page.permission);
  return submitRecordForm(await request.formData(), user, params.id, page);
}

/** A form not about one record: its schema, the one service step it runs, and where success goes (told what the step answered). */
export type StepForm<S extends ZodTypeAny, V = unknown> = Omit<RecordForm<S, V>, "step"> & {
  step: (db: Database, user: SessionUser, input: z.output<S>) => Promise<Outcome<V>>;
};

/**
 * The action recipe for a posted form: it must parse (400, each message next to its field), then the one service
 * step. A refusal answers with what was typed (404 when the step does not find the record); success answers
 * `done(input, value)`, the redirect the page names.
 */
export async function submitForm<S extends ZodTypeAny, V>(formData: FormData, user: SessionUser, form: StepForm<S, V>) {
  const context: { formId?: string } = form.formId === undefined ? {} : { formId: form.formId };
  const parsed = parseForm(formData, form.schema);
  if (!parsed.success) return invalidForm(parsed, context);
  const result = await form.step(db, user, parsed.data);
  if (!result.ok) return refusedAnswer<Record<string, unknown>, { formId?: string }>(result, { ...parsed.data }, context);
  return form.done(parsed.data, result.value);
}

/** A form posted about a record the person may see: `submitForm` with the step told the record's id. */
export async function submitRecordForm<S extends ZodTypeAny, V>(formData: FormData, user: SessionUser, id: string | undefined, form: RecordForm<S, V>) {
  return submitForm(formData, user, { ...form, step: (db, user, input) => form.step(db, user, id ?? "", input) });
}

/** The loader of the login and signup pages, for people not signed in: someone signed in goes where they were going, or home. */
export async function redirectIfSignedIn({ request }: { request: Request }): Promise<null> {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), homeFor(user)));
  return null;
}

/** A redirect that signs the person in with the session just created. */
export function signedInRedirect(to: string, sessionToken: string) {
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(sessionToken, secureCookies()) } });
}

export function secureCookies(): boolean {
  const c = config();
  return c.isProduction && c.appUrl.startsWith("https:");
}

/** Only same-site paths may be redirect targets (app/domain/redirect.ts says how that is checked). */
export { safeRedirect } from "~/domain/redirect";

export function clientAddress(request: Request): string {
  // Set by server.mjs from the socket (or a trusted proxy); never taken from the client directly.
  return request.headers.get("x-portal-client-address") ?? "unknown";
}

/**
 * The gate of every /admin loader and action, the same as every other signed-in area: a visitor is sent to
 * log in and comes back (staff follow links from emails into /admin), anyone signed in but not staff gets 404.
 */
export async function requireStaff(request: Request): Promise<SessionUser> {
  return requirePermission(request, "staff:access");
}
