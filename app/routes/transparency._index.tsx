import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/bar-chart";
import { db } from "~/services/db.server";
import { publicPageHeaders } from "~/services/directory.server";
import { transparencyFigures } from "~/services/transparency.server";
import { DataTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [
  { title: "Transparency — Rust Training Accreditation" },
  { name: "description", content: "How the accreditation programme performs: applications, decisions, time to decision, accreditations by status, complaints by outcome." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return data({ figures: await transparencyFigures(db) }, { headers: publicPageHeaders(request, 300) });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function Transparency() {
  const { figures } = useLoaderData<typeof loader>();
  return (
    <div className="page medium">
      <h1>Transparency</h1>
      <p className="lede">
        The programme&apos;s record, computed from the portal&apos;s data. Every figure is also available as{" "}
        <a href="/transparency/figures.json">JSON</a>; the history of every accreditation is in the signed{" "}
        <a href="/transparency/log.json">public log</a>.
      </p>
      {figures.map((f) => (
        <section key={f.id} aria-labelledby={`fig-${f.id}`}>
          <h2 id={`fig-${f.id}`}>{f.title}</h2>
          {f.rows.length === 0 ? (
            <p className="muted">Nothing to show yet.</p>
          ) : (
            <>
              <BarChart title={f.title} rows={f.rows} />
              <DataTable caption={f.title} headings={[f.rowHeading ?? "Period", ...Object.keys(f.rows[0].values)]}>
                {f.rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {Object.keys(f.rows[0].values).map((k) => (
                      <td key={k}>{r.values[k] ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </DataTable>
            </>
          )}
          <p className="small">
            <a href={`/transparency/figures.json#${f.id}`}>{f.title} as JSON</a> ({f.unit})
          </p>
        </section>
      ))}
    </div>
  );
}
