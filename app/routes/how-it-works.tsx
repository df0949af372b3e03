import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatMoney, plural } from "~/domain/format";
import { CORE_COVERAGE_TARGET } from "~/domain/coverage";
import { db } from "~/services/db.server";
import { publicPageHeaders } from "~/services/directory.server";
import { howItWorks } from "~/services/how-it-works.server";
import { CodeTitle } from "~/components/ui/code-title";

export async function loader({ request }: LoaderFunctionArgs) {
  return data(await howItWorks(db), { headers: publicPageHeaders(request, 300) });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [
  { title: "How accreditation works · Rust Training Accreditation" },
  { name: "description", content: "The criteria, the scoring rubric, the steps, the typical timeline and the fees of the foundation's training accreditation." },
];

const STEPS = [
  ["Apply", "Describe your organisation, trainers and courses, and map each course's syllabus to the competency framework. Upload your evidence and sign the declarations."],
  ["Screening", "The programme team checks the application is complete and may ask for changes before review starts."],
  ["Review", "Independent reviewers, none with a conflict of interest, score the application against the rubric below and check the syllabus mapping."],
  ["Board decision", "The board reads the scores, the reviewers' recommendations and the coverage, and votes; the programme team records the decision."],
  ["Listing", "Accredited providers appear in the public directory with a certificate anyone can verify."],
] as const;

export default function HowItWorks() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="page medium stack">
      <h1>How accreditation works</h1>
      <p className="lede">
        Accreditation says that a training provider&apos;s named courses, in named languages and delivery modes, teach the competencies of the foundation&apos;s
        framework to the depth they claim. It lasts {plural(d.years, "year")} and can be renewed.
      </p>

      <section aria-labelledby="steps">
        <h2 id="steps">The steps</h2>
        <ol className="steps">
          {STEPS.map(([title, text]) => (
            <li key={title}>
              <strong>{title}.</strong> {text}
            </li>
          ))}
        </ol>
        <p className="small muted">
          Review starts once {plural(d.minReviewers, "reviewer")} have accepted; a decision needs at least {plural(d.boardQuorum, "board vote")}.
        </p>
      </section>

      <section aria-labelledby="criteria">
        <h2 id="criteria">What is assessed</h2>
        <ul>
          <li>
            <strong>Syllabus coverage.</strong> Each course is mapped to the <Link to="/competencies">competency framework</Link>. Core coverage is the share of core
            competencies at or below the course&apos;s level taught at least to the &ldquo;practised&rdquo; depth; the foundation looks for {CORE_COVERAGE_TARGET}% or more.
          </li>
          <li>
            <strong>Trainers.</strong> Qualifications and experience of the people who teach.
          </li>
          <li>
            <strong>Quality.</strong> How courses are kept current and how learners are assessed, judged on the rubric below.
          </li>
        </ul>
      </section>

      <section aria-labelledby="rubric">
        <h2 id="rubric">The scoring rubric</h2>
        {d.rubric ? (
          <>
            <p>
              {d.rubric.title} (version {d.rubric.version}). Each criterion is scored from 0 to 4; the weighted score is the sum of weight × score over the sum of
              weight × 4.
            </p>
            {d.rubric.criteria.map((c) => (
              <details key={c.code} className="card">
                <summary>
                  <strong>
                    <CodeTitle item={c} />
                  </strong>{" "}
                  <span className="muted small">weight {c.weight}</span>
                </summary>
                {c.guidance ? <p>{c.guidance}</p> : null}
                <ol start={0} className="descriptor-list">
                  {c.descriptors.map((text, i) => (
                    <li key={i}>{text}</li>
                  ))}
                </ol>
              </details>
            ))}
          </>
        ) : (
          <p className="empty-state">The rubric has not been published yet.</p>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">Typical timeline</h2>
        {d.timeline ? (
          <p>
            From submission to the board&apos;s decision: typically {plural(d.timeline.medianDays, "day")} (median), and within {plural(d.timeline.p90Days, "day")} for nine
            applications in ten, over the {plural(d.timeline.decided, "decided application")} so far. Answering change requests quickly shortens it.
          </p>
        ) : (
          <p>No application has been decided yet, so there is no typical timeline to show.</p>
        )}
      </section>

      <section aria-labelledby="fees">
        <h2 id="fees">Fees</h2>
        <div className="table-wrap" role="region" aria-labelledby="fees" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Accreditation fees</caption>
            <tbody>
              <tr>
                <th scope="row">Application (initial)</th>
                <td>{formatMoney(d.fees.application, d.fees.currency)}</td>
              </tr>
              <tr>
                <th scope="row">Each course in scope</th>
                <td>{formatMoney(d.fees.perCourse, d.fees.currency)}</td>
              </tr>
              <tr>
                <th scope="row">Renewal</th>
                <td>{formatMoney(d.fees.renewal, d.fees.currency)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <p>
        <Link to="/signup" className="button">
          Create an account to apply
        </Link>{" "}
        or <Link to="/providers">browse accredited providers</Link>.
      </p>
    </div>
  );
}
