import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { VerifyForm } from "~/components/directory";
import { CredentialVerifyForm, VerificationReportView } from "~/components/credentials";
import { verifyPresentedCredential } from "~/services/credential-status.server";
import { db } from "~/services/db.server";
import { normaliseCertificate, publicPageHeaders } from "~/services/directory.server";
import { MAX_PRESENTED_BYTES, readPresentedCredential, TOO_LARGE } from "~/services/presented-credential.server";

export const meta: MetaFunction = () => [
  { title: "Verify an accreditation certificate" },
  { name: "description", content: "Check that a Rust training provider's accreditation certificate is genuine and current." },
];

// The form is a plain GET: without JavaScript it lands here with ?certificate= and is sent on to its page.
export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("certificate");
  if (raw !== null) {
    const certificate = normaliseCertificate(raw);
    if (/^[A-Z0-9-]{1,40}$/.test(certificate)) throw redirect(`/verify/${encodeURIComponent(certificate)}`);
    return data(
      { error: certificate ? "A certificate number has letters, digits and hyphens, e.g. ACC-2026-0042." : "Enter the certificate number.", value: raw.slice(0, 60) },
      { status: 400, headers: publicPageHeaders(request) },
    );
  }
  return data({ error: null, value: "" }, { headers: publicPageHeaders(request) });
}

/** A pasted or uploaded credential (JSON, baked SVG or PNG): each check, or a plain 4xx for what is not one. */
export async function action({ request }: ActionFunctionArgs) {
  const noStore = { "Cache-Control": "no-store" };
  if (Number(request.headers.get("Content-Length") ?? 0) > 2 * MAX_PRESENTED_BYTES) return data({ error: TOO_LARGE, report: null }, { status: 413, headers: noStore });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PRESENTED_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ error: TOO_LARGE, report: null }, { status: 413, headers: noStore });
    return data({ error: "Send the credential from the form on this page.", report: null }, { status: 400, headers: noStore });
  }
  const file = form.get("file");
  const pasted = form.get("credential");
  const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(typeof pasted === "string" ? pasted : "");
  const presented = readPresentedCredential(bytes);
  if (!presented.ok) return data({ error: presented.message, report: null }, { status: presented.status, headers: noStore });
  return data({ error: null, report: await verifyPresentedCredential(db, presented.value) }, { headers: noStore });
}

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => actionHeaders ?? loaderHeaders;

export default function Verify() {
  const { error, value } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <h1>Verify a certificate</h1>
      <p className="lede">
        Every accredited provider holds a certificate with a number such as <strong>ACC-2026-0042</strong>. Enter it to see whether
        the accreditation is active, suspended, revoked or expired, and which courses it covers.
      </p>
      <VerifyForm error={error} value={value} />
      <h2>Check a digital credential</h2>
      <p>
        Accredited providers also hold a signed Open Badges 3.0 credential. Paste it or upload it (or the badge image that carries
        it): the signature is checked against the foundation&apos;s published keys, then its dates and whether it was revoked or
        suspended.
      </p>
      {result?.report ? <VerificationReportView report={result.report} /> : null}
      <CredentialVerifyForm error={result?.error} />
    </div>
  );
}
