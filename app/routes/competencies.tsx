import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LEVEL_VALUES, levelLabel } from "~/domain/directory";
import { publicPageHeaders, publishedFramework } from "~/services/directory.server";
import { DataTable } from "~/components/ui/list-table";

export async function loader({ request }: LoaderFunctionArgs) {
  const level = new URL(request.url).searchParams.get("level");
  const framework = await publishedFramework();
  const chosen = level && (LEVEL_VALUES as readonly string[]).includes(level) ? level : null;
  return data({ framework, level: chosen }, { headers: publicPageHeaders(request, 300) });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d?.framework ? `${d.framework.title} (version ${d.framework.version})` : "Competency framework" },
  { name: "description", content: "The competencies accredited Rust courses are mapped against, by area and level." },
];

export default function Competencies() {
  const { framework, level } = useLoaderData<typeof loader>();
  if (!framework) {
    return (
      <div className="page">
        <h1>Competency framework</h1>
        <p className="empty-state">No version of the framework has been published yet. Please come back later.</p>
      </div>
    );
  }
  const areas = framework.areas.map((a) => ({ ...a, competencies: a.competencies.filter((c) => !level || c.level === level) }));
  const count = areas.reduce((n, a) => n + a.competencies.length, 0);
  return (
    <div className="page">
      <h1>Competency framework</h1>
      <p className="lede">
        {framework.title}, version {framework.version}
        {framework.publishedOn ? `, published ${framework.publishedOn}` : ""}. {framework.description}
      </p>
      <p>
        Accredited courses map each syllabus module to these competencies. <strong>Core</strong> competencies are expected of
        every course at or above their level.
      </p>
      <nav aria-label="Filter by level" className="row level-filter">
        <span>Level:</span>
        <Link to="/competencies" aria-current={level === null ? "page" : undefined}>
          All levels
        </Link>
        {LEVEL_VALUES.map((l) => (
          <Link key={l} to={`/competencies?level=${l}`} aria-current={level === l ? "page" : undefined}>
            {levelLabel(l)}
          </Link>
        ))}
      </nav>
      <p aria-live="polite">
        {count} {count === 1 ? "competency" : "competencies"}
        {level ? ` at ${level} level` : ""} in {framework.areas.length} areas.
      </p>
      <nav aria-label="Areas" className="card">
        <ul className="area-index">
          {areas.map((a) => (
            <li key={a.code}>
              <a href={`#area-${a.code}`}>
                {a.title} ({a.code})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {areas.map((a) => (
        <section key={a.code} id={`area-${a.code}`} aria-labelledby={`area-${a.code}-heading`}>
          <h2 id={`area-${a.code}-heading`}>
            {a.title} <span className="muted">({a.code})</span>
          </h2>
          {a.description ? <p>{a.description}</p> : null}
          {a.competencies.length === 0 ? (
            <p className="muted">No competency of this area at this level.</p>
          ) : (
            <DataTable headings={["Code", "Competency", "Level", "Core"]}>
              {a.competencies.map((c) => (
                <tr key={c.code}>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td>
                    <strong>{c.title}</strong>
                    <br />
                    <span className="small">{c.description}</span>
                  </td>
                  <td>{levelLabel(c.level)}</td>
                  <td>{c.core ? "Core" : "Optional"}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ))}
    </div>
  );
}
