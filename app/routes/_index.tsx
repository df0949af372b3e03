import { formatDate } from "~/domain/format";
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/directory";
import { countryLabel } from "~/domain/directory";
import { directoryFigures, publicPageHeaders } from "~/services/directory.server";
import { SubmitButton } from "~/components/form";

export async function loader({ request }: LoaderFunctionArgs) {
  return data({ figures: await directoryFigures() }, { headers: publicPageHeaders(request) });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [
  { title: "Rust Training Accreditation — find an accredited training provider" },
  { name: "description", content: "Find Rust training providers accredited by the foundation, and verify their certificates." },
  { property: "og:title", content: "Rust Training Accreditation" },
  { property: "og:description", content: "Find Rust training providers accredited by the foundation, and verify their certificates." },
  { property: "og:type", content: "website" },
];

export default function Home() {
  const { figures } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero" aria-labelledby="home-heading">
        <div className="page">
          <h1 id="home-heading">Rust training you can trust</h1>
          <p className="lede">
            The foundation accredits training companies whose Rust courses cover its competency framework, taught by
            qualified trainers and reviewed by independent experts.
          </p>
          <Form method="get" action="/providers" className="search-box" role="search" aria-label="Search accredited providers">
            <label htmlFor="home-q" className="visually-hidden">
              Search accredited providers
            </label>
            <input id="home-q" type="search" name="q" placeholder="Course, topic or provider, e.g. async" />
            <SubmitButton>Search</SubmitButton>
          </Form>
        </div>
      </section>
      <div className="page">
        <section aria-labelledby="figures-heading">
          <h2 id="figures-heading" className="visually-hidden">
            The directory in figures
          </h2>
          <div className="stats">
            <p className="stat">
              <strong>{figures.providers}</strong> accredited {figures.providers === 1 ? "provider" : "providers"}
            </p>
            <p className="stat">
              <strong>{figures.courses}</strong> accredited {figures.courses === 1 ? "course" : "courses"}
            </p>
            <p className="stat">
              <strong>{figures.countries}</strong> {figures.countries === 1 ? "country" : "countries"}
            </p>
          </div>
        </section>

        <section aria-labelledby="meaning-heading" className="grid">
          <div>
            <h2 id="meaning-heading">What accreditation means</h2>
            <p>
              An accredited provider has shown the foundation who its trainers are, what its courses teach and how it keeps
              their quality. Each course’s syllabus is mapped, module by module, to the{" "}
              <Link to="/competencies">competency framework</Link>, and independent reviewers checked the mapping.
            </p>
          </div>
          <div>
            <h2>What it covers</h2>
            <p>
              Accreditation covers named courses in named languages and delivery modes, for three years. The foundation can
              suspend or revoke it; an accreditation past its end date has expired.
            </p>
          </div>
          <div>
            <h2>Check before you book</h2>
            <p>
              Every accreditation has a certificate number. <Link to="/verify">Verify a certificate</Link> to see whether it is
              current and what it covers.
            </p>
          </div>
        </section>

        <section aria-labelledby="recent-heading">
          <div className="spread">
            <h2 id="recent-heading">Recently accredited</h2>
            <Link to="/providers?sort=newest">See all providers</Link>
          </div>
          {figures.recent.length === 0 ? (
            <p className="empty-state">No provider is accredited yet. Training companies can apply once they have an account.</p>
          ) : (
            <ul className="grid plain">
              {figures.recent.map((p) => (
                <li key={p.slug} className="card">
                  <h3>
                    <Link to={`/providers/${p.slug}`}>{p.name}</Link>
                  </h3>
                  <p className="small muted">
                    {p.country ? countryLabel(p.country) : "Country not given"} · {p.courseCount}{" "}
                    {p.courseCount === 1 ? "course" : "courses"} · accredited {formatDate(p.accreditedOn)}
                  </p>
                  {p.status === "suspended" ? <StatusBadge status="suspended" /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
