import { Form } from "@remix-run/react";
import { FOUNDATION_ROLES } from "~/domain/admin-forms";
import type { FoundationRole } from "~/domain/policy";
import { ConfirmSubmit } from "~/components/ui/confirm-submit";
import { Options, SubmitButton } from "~/components/form";

export const ROLE_LABEL: Record<FoundationRole, string> = { staff: "Staff", reviewer: "Reviewer", board: "Board member" };

type User = { id: string; name: string; email: string; roles: FoundationRole[]; expertise: string[]; disabledAt: string | Date | null };

/** What staff can do to one account, on its own page: roles, reviewer expertise, disable or enable. */
export function UserActions({ user, areas }: { user: User; areas: { code: string; title: string }[] }) {
  const label = user.name || user.email;
  const missing = FOUNDATION_ROLES.filter((r) => !user.roles.includes(r));
  return (
    <>
      <section className="card" aria-labelledby="roles">
        <h2 id="roles">Roles</h2>
        {user.roles.length === 0 ? <p className="muted">No foundation role: a provider account.</p> : null}
        <div className="row">
          {user.roles.map((r) => (
            <Form method="post" key={r}>
              <input type="hidden" name="userId" value={user.id} />
              <input type="hidden" name="role" value={r} />
              <SubmitButton name="intent" value="remove" className="button small secondary" aria-label={`Remove ${ROLE_LABEL[r]} role from ${label}`}>Remove {ROLE_LABEL[r].toLowerCase()}</SubmitButton>
            </Form>
          ))}
        </div>
        {missing.length > 0 && !user.disabledAt ? (
          <Form method="post" className="row">
            <input type="hidden" name="userId" value={user.id} />
            <label htmlFor="grant-role">Role to grant {label}</label>
            {/* No role is pre-selected: granting one is a choice, never the default of a button press. */}
            <select id="grant-role" name="role" defaultValue="">
              <Options blank="Choose a role" choices={missing.map((r) => [r, ROLE_LABEL[r]])} />
            </select>
            <SubmitButton name="intent" value="grant" className="button small" aria-label={`Grant role to ${label}`}>Grant</SubmitButton>
          </Form>
        ) : null}
      </section>
      {user.roles.includes("reviewer") ? (
        <section className="card" aria-labelledby="expertise">
          <h2 id="expertise">Reviewer expertise</h2>
          <Form method="post" className="form">
            <input type="hidden" name="userId" value={user.id} />
            <fieldset>
              <legend>Areas {label} can review</legend>
              {areas.length === 0 ? (
                <p className="muted small">Publish a framework to choose areas.</p>
              ) : (
                <div className="checks">
                  {areas.map((a) => (
                    <label key={a.code}>
                      <input type="checkbox" name="expertise" value={a.code} defaultChecked={user.expertise.includes(a.code)} /> {a.code} {a.title}
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
            <SubmitButton row name="intent" value="expertise" className="button small secondary" aria-label={`Save expertise of ${label}`}>Save expertise</SubmitButton>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="account">
        <h2 id="account">Account</h2>
        {user.disabledAt ? (
          <Form method="post">
            <input type="hidden" name="userId" value={user.id} />
            <SubmitButton name="intent" value="enable" className="button small secondary" aria-label={`Enable ${label}`}>Enable account</SubmitButton>
          </Form>
        ) : (
          <Form method="post" className="form danger-zone">
            <h3>Disable account</h3>
            <input type="hidden" name="userId" value={user.id} />
            <div className="field">
              <label htmlFor="disable-reason">Reason (kept in the audit log)</label>
              <textarea id="disable-reason" name="reason" rows={2} />
            </div>
            <div>
              <ConfirmSubmit
                name="intent"
                value="disable"
                className="button small danger"
                question={`Disable ${label}? They can no longer sign in, and every session they have ends now.`}
                confirmLabel="Disable now"
                checkboxLabel={`I mean to disable ${label}`}
              >
                Disable and sign out everywhere
              </ConfirmSubmit>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
