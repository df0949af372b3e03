import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { VerifyForm } from "~/components/directory";
import { normaliseCertificate, publicPageHeaders } from "~/services/directory.server";

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

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function Verify() {
  const { error, value } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Verify a certificate</h1>
      <p className="lede">
        Every accredited provider holds a certificate with a number such as <strong>ACC-2026-0042</strong>. Enter it to see whether
        the accreditation is active, suspended, revoked or expired, and which courses it covers.
      </p>
      <VerifyForm error={error} value={value} />
    </div>
  );
}
