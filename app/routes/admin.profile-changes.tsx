import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, Field, useValidatedForm, SubmitButton } from "~/components/form";
import { formatDateTime } from "~/domain/format";
import { parseForm } from "~/domain/forms";
import { decideProfileChangeSchema, PUBLIC_PROFILE_FIELDS } from "~/domain/profile-change";
import { invalidForm } from "~/http.server";
import { db } from "~/services/db.server";
import { decideProfileChange, listPendingProfileChanges } from "~/services/profile-changes.server";
import { refusedAnswer, requireStaff } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { DataTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "Public profile changes · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { items: await listPendingProfileChanges(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const parsed = parseForm(await request.formData(), decideProfileChangeSchema);
  if (!parsed.success) return invalidForm(parsed, { id: String(parsed.values.id ?? "") });
  const result = await decideProfileChange(db, user, parsed.data);
  if (!result.ok) return refusedAnswer(result, parsed.data, { id: parsed.data.id });
  return redirect(`/admin/profile-changes?done=${result.value.status}`);
}

type Item = Awaited<ReturnType<typeof loader>>["items"][number];
const FIELDS = Object.entries(PUBLIC_PROFILE_FIELDS) as [keyof typeof PUBLIC_PROFILE_FIELDS, string][];

export default function ProfileChanges() {
  const { items } = useLoaderData<typeof loader>();
  const done = useSearchParams()[0].get("done");
  return (
    <div className="stack">
      <h1>Public profile changes</h1>
      <p className="muted">
        Accredited providers propose changes to their public name, description and website here. An approved change is published in the directory at once
        and the provider is emailed; a rejected one is emailed with your reason.
      </p>
      {done === "approved" || done === "rejected" ? (
        <p className="alert success" role="status">
          The change was {done}; the provider has been emailed.
        </p>
      ) : null}
      {items.length === 0 ? <p className="muted">No changes are waiting for review.</p> : items.map((item) => <ChangeReview key={item.change.id} item={item} />)}
    </div>
  );
}

function ChangeReview({ item }: { item: Item }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData && "id" in actionData && actionData.id === item.change.id ? actionData : undefined;
  const form = useValidatedForm(decideProfileChangeSchema, { serverErrors: mine?.errors, defaultValues: { intent: "reject", id: item.change.id, reason: "", ...mine?.values } });
  const { change, organisation } = item;
  const heading = `change-${change.id}`;
  return (
    <section aria-labelledby={heading} className="card">
      <h2 id={heading}>
        <Link to={`/providers/${organisation.slug}`}>{organisation.displayName}</Link>
      </h2>
      <p className="small muted">
        Proposed by {item.proposedByName ?? "a former member"} on {formatDateTime(change.proposedAt)}
      </p>
      <ErrorSummary errors={mine?.errors} />
      <DataTable caption={`Public profile of ${organisation.displayName}: now and proposed`} headings={["Field", "Now", "Proposed"]}>
        {FIELDS.map(([field, label]) => {
          const now = organisation[field] || "";
          const next = change[field] || "";
          return (
            <tr key={field}>
              <th scope="row">
                {label}
                {now !== next ? <span className="badge">changed</span> : null}
              </th>
              <td style={{ whiteSpace: "pre-wrap" }}>{now || "—"}</td>
              <td style={{ whiteSpace: "pre-wrap" }}>{next || "—"}</td>
            </tr>
          );
        })}
      </DataTable>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="id" value={change.id} />
        <SubmitButton>Approve and publish</SubmitButton>
      </Form>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" {...form.register("intent")} />
        <input type="hidden" {...form.register("id")} />
        <Field id={`reason-${change.id}`} label="Reason for rejecting" hint="Sent to the provider" error={form.errorFor("reason")}>
          {(p) => <textarea {...p} {...form.register("reason")} rows={3} />}
        </Field>
        <SubmitButton row className="button secondary">Reject</SubmitButton>
      </Form>
    </section>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
