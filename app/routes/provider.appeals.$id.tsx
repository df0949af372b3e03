import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { notFound, requirePermission } from "~/services/request.server";
import { appealForProvider, withdrawAppeal } from "~/services/appeals.server";
import { OVERTURN_EFFECT, withdrawAppealSchema } from "~/domain/appeals";
import { parseForm } from "~/domain/forms";
import { refusalResponse } from "~/http.server";
import { ErrorSummary } from "~/components/form";
import { AppealPanel, AppealSummary, AppealTimeline } from "~/components/safeguards/appeal-parts";

export const meta: MetaFunction = () => [{ title: "Appeal · Provider" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "provider:access");
  const appeal = await appealForProvider(db, user, params.id ?? "");
  if (!appeal) notFound();
  return appeal;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "provider:access");
  if (!(await appealForProvider(db, user, params.id ?? ""))) notFound();
  const parsed = parseForm(await request.formData(), withdrawAppealSchema);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await withdrawAppeal(db, user, params.id ?? "");
  if (!result.ok) return result.status === 404 ? notFound() : refusalResponse(result);
  return redirect(`/provider/appeals/${params.id}?withdrawn=1`, 303);
}

export default function ProviderAppeal() {
  const { appeal, original, timeline, panel, canWithdraw } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <p className="small">
        <Link to="/provider/appeals">← Appeals</Link>
      </p>
      <h1>Your appeal</h1>
      {params.get("lodged") ? (
        <p className="alert success" role="status">
          Your appeal was lodged. We emailed you a confirmation and will write at each step.
        </p>
      ) : null}
      {params.get("withdrawn") ? (
        <p className="alert success" role="status">
          Your appeal was withdrawn.
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <AppealSummary appeal={appeal} original={original} />
      {appeal.status === "overturned" ? <p className="alert success">{OVERTURN_EFFECT[appeal.kind]}</p> : null}
      <AppealPanel panel={panel} />
      <AppealTimeline events={timeline} />
      {canWithdraw ? (
        <Form method="post" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">Withdraw</h2>
          <p className="muted">Withdrawing ends the appeal; the decision stands and cannot be appealed again.</p>
          <button type="submit" name="intent" value="withdraw" className="button secondary">
            Withdraw the appeal
          </button>
        </Form>
      ) : null}
    </div>
  );
}
