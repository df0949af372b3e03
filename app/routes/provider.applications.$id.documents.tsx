import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { formatBytes, formatDate } from "~/domain/format";
import { Form, useActionData, useLoaderData, useNavigate, useSubmit } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary, Field, useValidatedForm, Options, RemoveRowForm, SubmitButton, InputField } from "~/components/form";
import { answerFor, ReadOnlyNotice, SavedNotice } from "~/components/provider/section";
import { deleteDocumentSchema, DOCUMENT_KIND_LABELS, DOCUMENT_TOO_LARGE, MAX_DOCUMENT_BYTES, uploadDocumentSchema } from "~/domain/application-forms";
import { REQUIRED_DOCUMENT_KINDS } from "~/domain/completeness";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { formAnswer, refusalResponse, parseSectionForm } from "~/http.server";
import { memberApplicationData, requireMemberApplication } from "~/services/applications.server";
import { deleteDocument, uploadDocument } from "~/services/documents.server";
import { readMultipart } from "~/services/uploads.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { DataTable } from "~/components/ui/list-table";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application, organisation, facts } = await requireMemberApplication(request, params.id);
  const { documents } = await memberApplicationData(request, { application, organisation });
  return { applicationId: application.id, editable: can(user, "application:edit", facts), documents };
}

const UNREADABLE = "The upload could not be read. Choose the file again and resend the form.";

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application, facts } = await requireMemberApplication(request, params.id);
  // A hard per-part limit, so an oversized file is refused while streaming, not buffered whole.
  const read = await readMultipart(request, { maxPartSize: MAX_DOCUMENT_BYTES });
  if (!read.ok && read.reason === "too-large") return formAnswer("upload", { form: DOCUMENT_TOO_LARGE, file: DOCUMENT_TOO_LARGE }, {}, 413);
  if (!read.ok) return formAnswer("upload", { form: UNREADABLE }, {}, read.reason === "too-many-parts" ? 413 : 400);
  const formData = read.formData;
  const intent = formData.get("intent");
  if (intent === "delete") {
    const formId = `document:${String(formData.get("documentId"))}`;
    const parsed = parseSectionForm(formData, deleteDocumentSchema, formId, can(user, "application:edit", facts));
    if (!parsed.ok) return parsed.answer;
    const result = await deleteDocument(db, user, application.id, parsed.data.documentId);
    if (!result.ok) return refusalResponse<Record<string, unknown>, { formId: string }>(result, {}, { formId });
    return redirect(`/provider/applications/${application.id}/documents?saved=1`);
  }
  const parsed = parseSectionForm(formData, uploadDocumentSchema, "upload", can(user, "application:edit", facts));
  if (!parsed.ok) return parsed.answer;
  const file = parsed.data.file;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await uploadDocument(db, user, application.id, { kind: parsed.data.kind, filename: file.name ?? "document.pdf", bytes });
  if (!result.ok) return refusalResponse<Record<string, unknown>, { formId: string }>(result, { kind: parsed.data.kind }, { formId: "upload" });
  return redirect(`/provider/applications/${application.id}/documents?saved=1`);
}

export default function DocumentsSection() {
  const { applicationId, documents, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const deleteAnswer = documents.map((d) => answerFor(actionData, `document:${d.id}`)).find(Boolean);
  return (
    <>
      <h1>Evidence documents</h1>
      <p className="muted">
        PDF only, up to 10 MB each. Required: {REQUIRED_DOCUMENT_KINDS.map((k) => k.label).join(", ")}. Trainer CVs and your quality process help reviewers.
        Documents are visible to your organisation, the foundation&apos;s staff and the reviewers assigned to this application.
      </p>
      <SavedNotice />
      <ReadOnlyNotice editable={editable} />
      <ErrorSummary errors={deleteAnswer?.errors} />
      {documents.length === 0 ? (
        <div className="empty-state">
          <strong>No documents yet</strong>
          <p>Upload your syllabus as a PDF below.</p>
        </div>
      ) : (
        <DataTable caption="Uploaded documents" headings={["Document", "Kind", "Size", "SHA-256", "Uploaded", editable && { hidden: "Remove" }]}>
          {documents.map((d) => (
            <tr key={d.id}>
              <td>
                <a href={`/provider/applications/${applicationId}/documents/${d.id}`} download>
                  {d.filename}
                </a>
              </td>
              <td>{DOCUMENT_KIND_LABELS[d.kind as keyof typeof DOCUMENT_KIND_LABELS] ?? d.kind}</td>
              <td>{formatBytes(d.size)}</td>
              <td>
                <code title={d.sha256}>{d.sha256.slice(0, 12)}…</code>
              </td>
              <td>{formatDate(d.createdAt)}</td>
              {editable ? (
                <td>
                  <RemoveRowForm intent="delete" fields={{ documentId: d.id }} what={d.filename} />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {editable ? <UploadForm key={documents.length} /> : null}
    </>
  );
}

function UploadForm() {
  const mine = answerFor(useActionData<typeof action>(), "upload");
  const [progress, setProgress] = useState<number | null>(null);
  const navigate = useNavigate();
  const submit = useSubmit();
  // With JavaScript the file goes up through XMLHttpRequest, whose upload events drive the progress bar; the saved
  // page is then shown by a client navigation. A refusal (rare: the browser checked type and size first) sends the
  // form again the ordinary way, so the message appears next to its field. Without JavaScript the form posts as is.
  const send = (target: HTMLFormElement | HTMLButtonElement) => {
    const element = target instanceof HTMLButtonElement ? target.form : target;
    if (!element) return;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", element.action);
    xhr.upload.onprogress = (event) => event.lengthComputable && setProgress(Math.round((event.loaded / event.total) * 100));
    xhr.onload = () => {
      const landed = new URL(xhr.responseURL || element.action);
      setProgress(null);
      if (xhr.status === 200 && landed.searchParams.get("saved")) navigate(`${landed.pathname}${landed.search}`, { replace: true });
      else submit(element, { navigate: true });
    };
    xhr.onerror = () => {
      setProgress(null);
      submit(element, { navigate: true });
    };
    setProgress(0);
    xhr.send(new FormData(element));
  };
  const form = useValidatedForm(uploadDocumentSchema, { serverErrors: mine?.errors, defaultValues: { intent: "upload", kind: "syllabus", ...mine?.values }, send });
  return (
    <section className="card" aria-labelledby="upload-heading" style={{ marginTop: "1.5rem" }}>
      <h2 id="upload-heading">Upload a document</h2>
      <Form method="post" encType="multipart/form-data" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={mine?.errors} />
        <input type="hidden" {...form.register("intent")} />
        <Field id="kind" label="What is it?" error={form.errorFor("kind")}>
          {(p) => (
            <select {...p} {...form.register("kind")}>
              <Options choices={Object.entries(DOCUMENT_KIND_LABELS)} />
            </select>
          )}
        </Field>
        <InputField form={form} name="file" label="PDF file" hint="PDF only, at most 10 MB" type="file" accept="application/pdf,.pdf" />
        <div className="row">
          <SubmitButton disabled={progress !== null}>Upload</SubmitButton>
          {progress !== null ? (
            <>
              <progress value={progress} max={100} aria-label="Upload progress" />
              <span role="status" className="small">
                Uploading… {progress}%
              </span>
            </>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
