import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { arrayField, email, parseForm, password, text, type FieldErrors } from "~/domain/forms";
import { hasRole } from "~/domain/policy";
import { ErrorSummary, useValidatedForm, SubmitButton, InputField } from "~/components/form";
import { db } from "~/services/db.server";
import { invalidForm, refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { accountOverview, changeEmail, changePassword, updateProfile } from "~/services/accounts.server";
import { requireUser, signedInRedirect } from "~/services/request.server";
import { expertiseAreas, setExpertise } from "~/services/users-admin.server";

export const meta: MetaFunction = () => [{ title: "Your account — Rust Training Accreditation" }];

const profileSchema = z.object({ name: text("your name", { max: 120 }) });
const emailSchema = z.object({
  email: email(),
  currentPassword: z.string({ required_error: "Enter your current password" }).min(1, "Enter your current password").max(200),
});
const passwordSchema = z
  .object({
    currentPassword: z.string({ required_error: "Enter your current password" }).min(1, "Enter your current password").max(200),
    newPassword: password("a new password"),
    confirmPassword: z.string({ required_error: "Repeat the new password" }).min(1, "Repeat the new password"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords are not the same" });

const expertiseSchema = z.object({
  areas: arrayField(z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/, "Choose areas from the list"), "Choose areas from the list"),
});

type Intent = "profile" | "email" | "password" | "expertise";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const reviewer = hasRole(user, "reviewer");
  const [overview, areas] = await Promise.all([accountOverview(db, user.id), reviewer ? expertiseAreas(db) : Promise.resolve([])]);
  return { ...overview, reviewer, areas };
}

function failed(intent: Intent, errors: FieldErrors, values: Record<string, unknown>) {
  return invalidForm({ errors, values }, { intent });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "profile") {
    const parsed = parseForm(formData, profileSchema);
    if (!parsed.success) return failed(intent, parsed.errors, parsed.values);
    await updateProfile(db, user, parsed.data);
    return redirect("/account?updated=name");
  }
  if (intent === "email") {
    const parsed = parseForm(formData, emailSchema);
    if (!parsed.success) return failed(intent, parsed.errors, parsed.values);
    const result = await changeEmail(db, user, parsed.data);
    if (!result.ok) return refusalResponse(result, { email: parsed.data.email }, { intent });
    return redirect("/account?updated=email-pending");
  }
  if (intent === "password") {
    const parsed = parseForm(formData, passwordSchema);
    if (!parsed.success) return failed(intent, parsed.errors, parsed.values);
    const result = await changePassword(db, user, parsed.data);
    if (!result.ok) return refusalResponse(result, {}, { intent });
    return signedInRedirect("/account?updated=password", result.value.sessionToken);
  }
  if (intent === "expertise") {
    // Reviewers declare their own expertise; staff use it to suggest assignments.
    if (!hasRole(user, "reviewer")) return failed(intent, { areas: "Only reviewers declare expertise" }, {});
    const parsed = parseForm(formData, expertiseSchema);
    if (!parsed.success) return failed(intent, parsed.errors, parsed.values);
    const result = await setExpertise(db, user.id, user.id, parsed.data.areas);
    if (!result.ok) return failed(intent, { areas: result.message }, {});
    return redirect("/account?updated=expertise");
  }
  return refusalResponse(UNKNOWN_REQUEST, {}, { intent: null });
}

const UPDATED: Record<string, string> = {
  name: "Your name was saved.",
  "email-pending": "We sent a link to the new address. Your email changes when you open it.",
  email: "Your email address was changed and confirmed.",
  password: "Your password was changed. Every other session of your account has ended.",
  expertise: "Your areas of expertise were saved.",
};

const ROLE_LABEL: Record<string, string> = { staff: "Staff", reviewer: "Reviewer", board: "Board member" };

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData.errors : null);
  const valuesFor = (intent: Intent) => (actionData?.intent === intent ? actionData.values : {});
  // register() renders no value on the server, so defaultValue keeps what was typed when JavaScript is off.
  const profileInitial: Record<string, unknown> = { name: account.name, ...valuesFor("profile") };
  const emailInitial: Record<string, unknown> = valuesFor("email");
  const profile = useValidatedForm(profileSchema, { serverErrors: errorsFor("profile"), defaultValues: profileInitial });
  const emailForm = useValidatedForm(emailSchema, { serverErrors: errorsFor("email"), defaultValues: emailInitial });
  const passwordForm = useValidatedForm(passwordSchema, { serverErrors: errorsFor("password") });
  const updated = params.get("updated");
  const joined = params.get("invitation") === "accepted";

  return (
    <div className="page medium">
      <h1>Your account</h1>
      {updated && UPDATED[updated] ? (
        <p className="alert success" role="status">
          {UPDATED[updated]}
        </p>
      ) : null}
      {joined ? (
        <p className="alert success" role="status">
          Invitation accepted. Your roles and organisations are listed below.
        </p>
      ) : null}
      {actionData?.intent === null ? <ErrorSummary errors={actionData.errors} /> : null}

      <section className="card" aria-labelledby="access-heading">
        <h2 id="access-heading">Roles and organisations</h2>
        <p>
          Signed in as <strong>{account.email}</strong>{" "}
          {account.emailVerified ? <span className="badge ok">confirmed</span> : <span className="badge warn">not confirmed</span>}
        </p>
        {account.roles.length === 0 && account.memberships.length === 0 ? (
          <p className="muted">
            You have no foundation role and belong to no organisation yet. Providers can <Link to="/provider">set up their organisation</Link>; staff
            invite reviewers, board members and colleagues.
          </p>
        ) : (
          <ul>
            {account.roles.map((role) => (
              <li key={role}>Foundation: {ROLE_LABEL[role] ?? role}</li>
            ))}
            {account.memberships.map((m) => (
              <li key={m.slug}>
                {m.name}: {m.role === "owner" ? "Owner" : "Member"}
              </li>
            ))}
          </ul>
        )}
        {account.roles.length > 0 ? (
          <p>
            <Link to="/account/conflicts">Conflicts of interest</Link>: declare one once and it applies to every role you hold.
          </p>
        ) : null}
      </section>

      {account.reviewer ? (
        <section className="card" aria-labelledby="expertise-heading">
          <h2 id="expertise-heading">Review expertise</h2>
          <Form method="post" className="form">
            <ErrorSummary errors={errorsFor("expertise")} />
            <input type="hidden" name="intent" value="expertise" />
            <fieldset aria-describedby="expertise-hint">
              <legend>Competency areas you can review</legend>
              <p className="hint" id="expertise-hint">
                Staff see these when they choose reviewers for an application.
              </p>
              <div className="checks">
                {account.areas.map((a) => (
                  <label key={a.code}>
                    <input type="checkbox" name="areas" value={a.code} defaultChecked={account.expertise.includes(a.code)} /> {a.title} ({a.code})
                  </label>
                ))}
              </div>
            </fieldset>
            <SubmitButton row>Save expertise</SubmitButton>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="name-heading">
        <h2 id="name-heading">Name</h2>
        <Form method="post" className="form" noValidate onSubmit={profile.onSubmit}>
          <ErrorSummary errors={errorsFor("profile")} />
          <input type="hidden" name="intent" value="profile" />
          <InputField form={profile} name="name" id="profile-name" label="Your name" defaultValue={String(profileInitial.name ?? "")} type="text" autoComplete="name" />
          <SubmitButton row>Save name</SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="email-heading">
        <h2 id="email-heading">Email address</h2>
        <p>
          Currently <strong>{account.email}</strong>.
          {account.pendingEmail ? (
            <>
              {" "}
              Waiting for confirmation of <strong>{account.pendingEmail}</strong>.
            </>
          ) : null}
        </p>
        <Form method="post" className="form" noValidate onSubmit={emailForm.onSubmit}>
          <ErrorSummary errors={errorsFor("email")} />
          <input type="hidden" name="intent" value="email" />
          <InputField form={emailForm} name="email" id="email-new" label="New email address" hint="We send a link to the new address; the change happens when you open it." defaultValue={String(emailInitial.email ?? "")} type="email" autoComplete="email" />
          <InputField form={emailForm} name="currentPassword" id="email-current-password" label="Current password" type="password" autoComplete="current-password" />
          <SubmitButton row>Change email</SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <Form method="post" className="form" noValidate onSubmit={passwordForm.onSubmit}>
          <ErrorSummary errors={errorsFor("password")} />
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="username" value={account.email} autoComplete="username" />
          <InputField form={passwordForm} name="currentPassword" id="password-current" label="Current password" type="password" autoComplete="current-password" />
          <InputField form={passwordForm} name="newPassword" id="password-new" label="New password" hint="At least 10 characters. Every other session of your account ends." type="password" autoComplete="new-password" />
          <InputField form={passwordForm} name="confirmPassword" id="password-confirm" label="Repeat the new password" type="password" autoComplete="new-password" />
          <SubmitButton row>Change password</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
