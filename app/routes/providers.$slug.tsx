import { formatDate } from "~/domain/format";
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/directory";
import { config } from "~/config.server";
import { countryLabel, jsonForScript, languageLabel, levelLabel, modeLabel } from "~/domain/directory";
import { profileJsonLd } from "~/domain/json-ld";
import { ogImageVersion } from "~/services/og-image.server";
import { notFound } from "~/services/request.server";
import { publicPageHeaders } from "~/services/directory.server";
import { getProviderProfile, type ProviderProfile } from "~/services/provider-profile.server";
import { db } from "~/services/db.server";
import { complaintFormToken } from "~/services/complaints.server";
import { ComplaintForm } from "~/components/safeguards/complaint-form";
import { CodeTitle } from "~/components/ui/code-title";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const profile = await getProviderProfile(params.slug ?? "");
  if (!profile) notFound("No accredited provider is listed at this address.");
  const base = config().appUrl;
  return data(
    {
      profile,
      url: `${base}/providers/${profile.slug}`,
      // The version in the image's URL changes with what the image shows, so it can be cached for long.
      image: `${base}/providers/${profile.slug}/og.png?v=${ogImageVersion(profile)}`,
      jsonLd: profileJsonLd(profile, base),
      complaintFormToken: await complaintFormToken(db),
    },
    { headers: publicPageHeaders(request) },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => {
  if (!d) return [{ title: "Provider not found" }];
  const p = d.profile;
  const title = `${p.name} — accredited Rust training provider`;
  const description = (p.description || `${p.name} offers ${p.courses.length} accredited Rust courses.`).slice(0, 200);
  return [
    { title },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: d.url },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Rust Training Accreditation" },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:url", content: d.url },
    { property: "og:image", content: d.image },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:image:alt", content: `${p.name}: ${p.status === "suspended" ? "accreditation suspended" : "accredited Rust training provider"}` },
    { name: "twitter:card", content: "summary_large_image" },
  ];
};

const DEPTH_TEXT = { introduced: "introduced", practised: "practised", assessed: "assessed" } as const;

export default function ProviderProfilePage() {
  const { profile: p, jsonLd, complaintFormToken: formToken } = useLoaderData<typeof loader>();
  return (
    <div className="page medium">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />
      <p className="small">
        <Link to="/providers">← All accredited providers</Link>
      </p>
      <div className="spread">
        <h1>{p.name}</h1>
        <StatusBadge status={p.status} />
      </div>
      <p className="muted">
        {p.legalName !== p.name ? `${p.legalName} · ` : ""}
        {p.country ? countryLabel(p.country) : "Country not given"}
      </p>
      {p.status === "suspended" ? (
        <div className="alert warn" role="status">
          <strong>Accreditation suspended.</strong> The foundation has suspended this provider’s accreditation; its courses may not
          be presented as accredited until it is reinstated.
        </div>
      ) : null}

      <section aria-labelledby="accreditation-heading" className="card">
        <h2 id="accreditation-heading">Accreditation</h2>
        <ul className="plain">
          {p.accreditations.map((a) => (
            <li key={a.certificate}>
              <dl className="dir-facts">
                <dt>Certificate</dt>
                <dd>
                  <strong>{a.certificate}</strong> <StatusBadge status={a.status} />
                </dd>
                <dt>Valid</dt>
                <dd>
                  {formatDate(a.validFrom)} to {formatDate(a.validUntil)}
                </dd>
                <dt>Scope</dt>
                <dd>
                  {a.scopeCount} {a.scopeCount === 1 ? "course, language and delivery mode" : "combinations of course, language and delivery mode"}
                </dd>
              </dl>
              <p>
                <Link to={`/verify/${a.certificate}`}>Verify certificate {a.certificate}</Link>
              </p>
            </li>
          ))}
        </ul>
      </section>

      {p.description ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">About {p.name}</h2>
          <p className="prewrap">{p.description}</p>
        </section>
      ) : null}

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">Contact</h2>
        <ul className="plain">
          {p.website ? (
            <li>
              Website:{" "}
              <a href={p.website} rel="noopener noreferrer nofollow">
                {p.website.replace(/^https?:\/\//, "")}
              </a>
            </li>
          ) : null}
          {p.contactEmail ? (
            <li>
              Email: <a href={`mailto:${p.contactEmail}`}>{p.contactEmail}</a>
            </li>
          ) : null}
          {!p.website && !p.contactEmail ? <li>This provider has not published contact details.</li> : null}
        </ul>
      </section>

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">Accredited courses</h2>
        {p.courses.length === 0 ? (
          <p className="empty-state">No course is in the scope of this accreditation.</p>
        ) : (
          <>
            {p.areas.length > 0 ? <CoverageTable profile={p} /> : null}
            {p.courses.map((c) => (
              <article key={c.id} id={`course-${c.id}`} className="card">
                <h3>{c.title}</h3>
                <p className="muted small">
                  {levelLabel(c.level)} · {c.hours} hours · {c.modules} {c.modules === 1 ? "module" : "modules"}
                </p>
                {c.description ? <p className="prewrap">{c.description}</p> : null}
                <dl className="dir-facts">
                  <dt>Accredited delivery</dt>
                  <dd>{c.modes.map(modeLabel).join(", ")}</dd>
                  <dt>Languages</dt>
                  <dd>{c.languages.map(languageLabel).join(", ")}</dd>
                </dl>
                {c.competencies.length > 0 ? (
                  <details>
                    <summary>
                      {c.competencies.length} {c.competencies.length === 1 ? "competency" : "competencies"} covered
                    </summary>
                    <ul>
                      {c.competencies.map((t) => (
                        <li key={t.code}>
                          <CodeTitle item={t} />
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </article>
            ))}
          </>
        )}
      </section>
      <details className="complaint">
        <summary>Complain about this provider</summary>
        <ComplaintForm provider={p.slug} providerName={p.name} formToken={formToken} />
      </details>
    </div>
  );
}

function CoverageTable({ profile }: { profile: ProviderProfile }) {
  return (
    <div className="table-wrap coverage">
      <table className="heatmap">
        <caption>
          Competencies covered per area of the <Link to="/competencies">framework</Link> (covered of total; shade = deepest level
          reached: introduced, practised or assessed)
        </caption>
        <thead>
          <tr>
            <th scope="col">Course</th>
            {profile.areas.map((a) => (
              <th scope="col" key={a.code}>
                <abbr title={a.title}>{a.code}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {profile.courses.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.title}</th>
              {c.coverage.map((cell) => (
                <td key={cell.area} className={`cell depth-${cell.deepest ?? "none"}`}>
                  {cell.covered > 0 ? `${cell.covered}/${cell.total}` : "–"}
                  <span className="visually-hidden">
                    {cell.covered > 0 ? ` competencies, deepest ${DEPTH_TEXT[cell.deepest ?? "introduced"]}` : " none covered"}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
