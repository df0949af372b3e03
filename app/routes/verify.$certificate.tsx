import { formatDate } from "~/domain/format";
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { StatusBadge, VerifyForm } from "~/components/directory";
import { findCertificate, normaliseCertificate, publicPageHeaders } from "~/services/directory.server";
import { db } from "~/services/db.server";
import { complaintFormToken } from "~/services/complaints.server";
import { ComplaintForm } from "~/components/safeguards/complaint-form";
import { ScopeTable } from "~/components/scope-table";
import { BackLink } from "~/components/ui/back-link";
import { Fact } from "~/components/ui/fact";
import { CertificateLink } from "~/components/certificate";

// Verification is what a visitor trusts: the edge may keep it only briefly; the origin is always current.
const VERIFY_EDGE_SECONDS = 10;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = normaliseCertificate(params.certificate ?? "");
  const record = await findCertificate(certificate);
  if (!record) {
    const headers = publicPageHeaders(request, VERIFY_EDGE_SECONDS);
    headers.set("Content-Type", "application/json; charset=utf-8");
    throw new Response(JSON.stringify({ certificate: certificate.slice(0, 40) }), { status: 404, headers });
  }
  return data({ record, complaintFormToken: await complaintFormToken(db) }, { headers: publicPageHeaders(request, VERIFY_EDGE_SECONDS) });
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: d }) =>
  d ? [{ title: `Certificate ${d.record.certificate}: ${d.record.status}` }, { name: "robots", content: "noindex" }] : [{ title: "Certificate not found" }];

const VERDICT: Record<string, { title: string; text: string; tone: string }> = {
  active: { title: "is active", text: "The provider is accredited for the scope below.", tone: "success" },
  suspended: {
    title: "is suspended",
    text: "The foundation has suspended this accreditation. Until it is reinstated, the provider may not present these courses as accredited.",
    tone: "warn",
  },
  revoked: { title: "was revoked", text: "The foundation revoked this accreditation. It is no longer valid.", tone: "error" },
  expired: { title: "has expired", text: "The validity period of this accreditation has ended.", tone: "error" },
  superseded: { title: "was renewed", text: "This certificate was replaced by a renewed accreditation.", tone: "info" },
};

export default function VerifyCertificate() {
  const { record: r, complaintFormToken: formToken } = useLoaderData<typeof loader>();
  const verdict = VERDICT[r.status];
  return (
    <div className="page medium">
      <BackLink to="/verify">Verify another certificate</BackLink>
      <h1>Certificate {r.certificate}</h1>
      <div className={`alert ${verdict.tone} verdict`} role="status">
        <p>
          <StatusBadge status={r.status} /> <strong>This certificate {verdict.title}.</strong>
        </p>
        <p>{verdict.text}</p>
      </div>
      <dl className="dir-facts card">
        <dt>Provider</dt>
        <dd>{r.provider.listed ? <Link to={`/providers/${r.provider.slug}`}>{r.provider.name}</Link> : r.provider.name}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={r.status} />
          {r.status === "suspended" || r.status === "revoked" ? ` since ${formatDate(r.changedOn)}` : null}
        </dd>
        <dt>Valid from</dt>
        <dd>{formatDate(r.validFrom)}</dd>
        <dt>{r.status === "expired" ? "Expired after" : "Valid until"}</dt>
        <dd>{formatDate(r.validUntil)}</dd>
        {r.supersededBy ? <Fact term="Renewed as"><CertificateLink number={r.supersededBy} /></Fact> : null}
      </dl>
      <section aria-labelledby="scope-heading">
        <h2 id="scope-heading">Scope</h2>
        <p>The courses, languages and delivery modes this certificate covers.</p>
        <ScopeTable scope={r.scope.map(({ course, ...e }) => ({ courseTitle: course, ...e }))} caption="Scope of this certificate" captionHidden />
      </section>
      <p className="small muted">
        Machine-readable: <a href={`/api/v1/accreditations/${r.certificate}`}>JSON</a>
      </p>
      <details className="complaint">
        <summary>Complain about this provider</summary>
        <ComplaintForm provider={r.provider.slug} providerName={r.provider.name} formToken={formToken} />
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    const certificate = (error.data as { certificate?: string } | null)?.certificate ?? "";
    return (
      <div className="page narrow">
        <h1>Certificate not found</h1>
        <div className="alert error" role="alert">
          <p>
            <strong>No certificate {certificate ? `“${certificate}” ` : ""}was issued by the foundation.</strong> Check the number
            on the certificate, or ask the provider for it. A certificate that is not listed here is not a valid accreditation.
          </p>
        </div>
        <VerifyForm value={certificate} />
      </div>
    );
  }
  throw error;
}
