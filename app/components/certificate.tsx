import { Link } from "@remix-run/react";
import { formatDate } from "~/domain/format";
import { PrintButton } from "~/components/ui/print-button";
import { DataTable } from "~/components/ui/list-table";

type CertificateData = {
  certificateNumber: string;
  organisationName: string;
  validFrom: string;
  validUntil: string;
  scope: { courseTitle: string; level: string; language: string; mode: string }[];
  conditions: string;
  verifyUrl: string;
  badgeUrl: string;
  qrSvg: string;
  embedHtml: string;
  linkedInUrl: string;
};

/** A certificate number, linking to its public verification page. */
export function CertificateLink({ number }: { number: string }) {
  return <Link to={`/verify/${number}`}>{number}</Link>;
}

/** The A4 certificate; the print stylesheet leaves only this on the page. */
export function CertificateSheet({ certificate: c }: { certificate: CertificateData }) {
  return (
    <article className="certificate-sheet" aria-labelledby="certificate-title">
      <p className="certificate-issuer">Rust Training Foundation</p>
      <h1 id="certificate-title">Certificate of accreditation</h1>
      <p className="certificate-lede">This certifies that</p>
      <p className="certificate-name">{c.organisationName}</p>
      <p>is an accredited Rust training provider for the courses below.</p>
      <DataTable bare className="certificate-scope" headings={["Course", "Level", "Language", "Delivery"]}>
        {c.scope.map((s, i) => (
          <tr key={i}>
            <td>{s.courseTitle}</td>
            <td>{s.level}</td>
            <td>{s.language}</td>
            <td>{s.mode.replace(/_/g, " ")}</td>
          </tr>
        ))}
      </DataTable>
      {c.conditions ? <p>Conditions: {c.conditions}</p> : null}
      <div className="certificate-footer">
        <dl>
          <dt>Certificate</dt>
          <dd className="mono">{c.certificateNumber}</dd>
          <dt>Valid</dt>
          <dd>
            {formatDate(c.validFrom)} – {formatDate(c.validUntil)}
          </dd>
          <dt>Verify</dt>
          <dd>{c.verifyUrl}</dd>
        </dl>
        {/* The QR code's SVG comes from the qrcode library, built from our own verify URL. */}
        <div className="certificate-qr" role="img" aria-label={`QR code linking to ${c.verifyUrl}`} dangerouslySetInnerHTML={{ __html: c.qrSvg }} />
      </div>
    </article>
  );
}

/** Everything else the provider takes away, per accreditation (not printed). */
export function ProviderTakeaways({ id, certificate: c }: { id: string; certificate: CertificateData }) {
  return (
    <section className="no-print" aria-labelledby="takeaways-heading">
      <h2 id="takeaways-heading">Use your accreditation</h2>
      <p>
        <PrintButton />{" "}
        <span className="small muted">(or use your browser&apos;s print command; the page prints on A4)</span>
      </p>
      <ul>
        <li>
          <a href={`/provider/accreditations/${id}/credential.json`} download>
            Signed credential (.json)
          </a>{" "}
          — an Open Badges 3.0 credential anyone can verify at <a href="/verify">/verify</a> or with standard tools.
        </li>
        <li>
          <a href={`/provider/accreditations/${id}/badge.svg`} download>
            Badge (SVG)
          </a>{" "}
          and{" "}
          <a href={`/provider/accreditations/${id}/badge.png`} download>
            badge (PNG)
          </a>{" "}
          — images with the credential baked in.
        </li>
        <li>
          <a href={c.linkedInUrl} rel="noopener noreferrer" target="_blank">
            Add to LinkedIn profile
          </a>
        </li>
      </ul>
      <h3>Show your status on your website</h3>
      <p>
        This badge always shows the current status: <img src={c.badgeUrl} alt={`Status badge of ${c.certificateNumber}`} height={20} />
      </p>
      <label htmlFor="embed">HTML to paste into your site</label>
      <textarea id="embed" readOnly rows={3} value={c.embedHtml} className="mono" />
    </section>
  );
}
