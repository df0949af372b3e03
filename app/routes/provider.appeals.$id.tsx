import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { notFound, refusedAnswer, requirePermission, requireRecord } from "~/services/request.server";
import { appealForProvider, withdrawAppeal } from "~/services/appeals.server";
import { appealDocumentSchema, OPEN_APPEAL_STATUSES, OVERTURN_EFFECT, withdrawAppealSchema } from "~/domain/appeals";
import { DOCUMENT_TOO_LARGE, MAX_DOCUMENT_BYTES } from "~/domain/application-forms";
import { addAppealDocument, appealDocumentList } from "~/services/appeal-documents.server";
import { readMultipart } from "~/services/uploads.server";
import { parseForm } from "~/domain/forms";
import { invalidForm } from "~/http.server";
import { ErrorSummary, Field, SubmitButton } from "~/components/form";
import { AppealDocuments, AppealPanel, AppealSummary, AppealTimeline } from "~/components/safeguards/appeal-parts";
import { sectionErrorBoundary } from "~/components/route-error";
import { doneBy, StepAlerts } from "~/components/ui/step-alerts";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = () => [{ title: "Appeal · Provider" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "provider:access");
  const appeal = await appealForProvider(db, user, params.id ?? "");
  if (!appeal) notFound();
  return { ...appeal, documents: await appealDocumentList(db, appeal.appeal.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireRecord(request, params.id, appealForProvider, "provider:access");
  // A supporting document comes as multipart (server/guards.mjs lets it through for this route only); a withdrawal as a plain form.
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const read = await readMultipart(request, { maxPartSize: MAX_DOCUMENT_BYTES });
    if (!read.ok) {
      const message = read.reason === "too-large" ? DOCUMENT_TOO_LARGE : "The upload could not be read. Choose the file again and resend the form.";
      return data({ errors: { form: message, file: message }, values: {} }, { status: read.reason === "malformed" ? 400 : 413 });
    }
    const upload = parseForm(read.formData, appealDocumentSchema);
    if (!upload.success) return data({ errors: upload.errors, values: {} }, { status: 400 });
    const file = upload.data.file;
    const added = await addAppealDocument(db, user, params.id ?? "", { filename: file.name ?? "document.pdf", bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!added.ok) return refusedAnswer(added);
    return redirect(`/provider/appeals/${params.id}?added=1`, 303);
  }
  const parsed = parseForm(await request.formData(), withdrawAppealSchema);
  if (!parsed.success) return invalidForm(parsed);
  const result = await withdrawAppeal(db, user, params.id ?? "");
  if (!result.ok) return refusedAnswer(result);
  return redirect(`/provider/appeals/${params.id}?withdrawn=1`, 303);
}

export default function ProviderAppeal() {
  const { appeal, original, timeline, panel, actions, documents } = useLoaderData<typeof loader>();
  // The same list the service refuses a document with once the appeal is closed.
  const open = OPEN_APPEAL_STATUSES.includes(appeal.status);
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <BackLink to="/provider/appeals">Appeals</BackLink>
      <h1>Your appeal</h1>
      <StepAlerts
        done={doneBy(params, {
          lodged: "Your appeal was lodged. We emailed you a confirmation and will write at each step.",
          added: "The document was added to your appeal.",
          withdrawn: "Your appeal was withdrawn.",
        })}
      />
      <ErrorSummary errors={actionData?.errors} />
      <AppealSummary appeal={appeal} original={original} />
      {appeal.status === "overturned" ? <p className="alert success">{OVERTURN_EFFECT[appeal.kind]}</p> : null}
      <AppealDocuments appealId={appeal.id} documents={documents} />
      {open ? (
        <Form method="post" encType="multipart/form-data" className="form" aria-labelledby="add-document-heading">
          <h2 id="add-document-heading">Add a supporting document</h2>
          <Field id="file" label="PDF document" hint="PDF only, up to 10 MB; the panel and staff read it." error={actionData?.errors && "file" in actionData.errors ? String(actionData.errors.file) : undefined}>
            {(p) => <input type="file" name="file" accept="application/pdf,.pdf" {...p} />}
          </Field>
          <SubmitButton className="button secondary">Add document</SubmitButton>
        </Form>
      ) : null}
      <AppealPanel panel={panel} />
      <AppealTimeline events={timeline} />
      {actions.includes("withdraw") ? (
        <Form method="post" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">Withdraw</h2>
          <p className="muted">Withdrawing ends the appeal; the decision stands and cannot be appealed again.</p>
          <SubmitButton name="intent" value="withdraw" className="button secondary">Withdraw the appeal</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
