import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { Fact } from "~/components/ui/fact";
import { CertificateLink } from "~/components/certificate";

export type ReportCheck = { id: string; label: string; ok: boolean; detail: string };
export type ReportView = {
  verified: boolean;
  checks: ReportCheck[];
  credential: { id: string | null; name: string | null; subject: string | null; validFrom: string | null; validUntil: string | null; certificate: string | null };
};

/** Paste or upload a credential: a plain multipart POST, so it works without JavaScript. */
export function CredentialVerifyForm({ error }: { error?: string | null }) {
  return (
    <Form method="post" action="/verify" encType="multipart/form-data" className="form" aria-label="Verify a credential">
      <div className="field">
        <label htmlFor="credential">Paste a credential (JSON)</label>
        <span className="hint" id="credential-hint">
          The Open Badges credential the provider shared, as downloaded from the portal.
        </span>
        <textarea id="credential" name="credential" rows={6} spellCheck={false} aria-describedby={error ? "credential-hint verify-error" : "credential-hint"} aria-invalid={error ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor="credential-file">Or choose a file</label>
        <span className="hint" id="file-hint">
          A credential (.json) or a badge image with the credential inside (.svg or .png), up to 1 MB.
        </span>
        <input id="credential-file" name="file" type="file" accept=".json,.svg,.png,application/json,image/svg+xml,image/png" aria-describedby="file-hint" />
      </div>
      {error ? (
        <p className="field-error" id="verify-error" role="alert">
          {error}
        </p>
      ) : null}
      <SubmitButton>Check credential</SubmitButton>
    </Form>
  );
}

export function VerificationReportView({ report }: { report: ReportView }) {
  const c = report.credential;
  return (
    <section aria-labelledby="report-heading" className="card">
      <h2 id="report-heading">{report.verified ? "This credential is genuine and in force" : "This credential does not verify"}</h2>
      <div className={`alert ${report.verified ? "success" : "error"}`} role="status">
        <p>
          <strong>{report.verified ? "Valid." : "Not valid."}</strong>{" "}
          {report.verified
            ? "It was signed by the foundation, has not been changed, is within its dates and has not been revoked or suspended."
            : "Do not rely on it. The failing check below says why."}
        </p>
      </div>
      <ul className="checks" aria-label="Checks">
        {report.checks.map((check) => (
          <li key={check.id} data-check={check.id}>
            <span aria-hidden="true">{check.ok ? "✓" : "✗"}</span> <strong>{check.label}:</strong> {check.ok ? "passed" : "failed"}
            <span className="small muted"> — {check.detail}</span>
          </li>
        ))}
      </ul>
      {c.name ? (
        <dl className="dir-facts">
          <dt>Credential</dt>
          <dd>{c.name}</dd>
          {c.certificate ? <Fact term="Certificate"><CertificateLink number={c.certificate} /></Fact> : null}
          {c.validFrom ? (
            <Fact term="Valid">
              {c.validFrom.slice(0, 10)} – {c.validUntil?.slice(0, 10) ?? "no end"}
            </Fact>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}
