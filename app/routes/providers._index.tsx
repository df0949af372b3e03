import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { ProviderCard, searchTerms } from "~/components/directory";
import {
  FACET_LABELS,
  FACETS,
  SORTS,
  directorySearchParams,
  facetValueLabel,
  parseDirectoryQuery,
  type DirectoryQuery,
  type Facet,
} from "~/domain/directory";
import { publicPageHeaders } from "~/services/directory.server";
import { searchPage } from "~/services/directory-search.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // The page is forgiving: a bad value in a shared link is dropped, not an error (the JSON API answers 400).
  const params = new URL(request.url).searchParams;
  const { query } = parseDirectoryQuery(params);
  // The sort the visitor chose, if any ("" = best match: relevance with words, name without).
  const rawSort = params.get("sort") ?? "";
  const chosenSort: "name" | "newest" | "" = rawSort === "name" || rawSort === "newest" ? rawSort : "";
  const { result, areaTitles: areas } = await searchPage(query);
  return data({ query, chosenSort, result, areas }, { headers: publicPageHeaders(request) });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => {
  const title = d?.query.q ? `“${d.query.q}” — accredited Rust training providers` : "Find an accredited Rust training provider";
  return [
    { title },
    { name: "description", content: "Search the Rust training providers accredited by the foundation by topic, level, delivery mode, country and language." },
  ];
};

function href(query: Partial<DirectoryQuery>): string {
  const qs = directorySearchParams(query).toString();
  return qs ? `/providers?${qs}` : "/providers";
}

const TYPING_DELAY_MS = 300;

export default function Providers() {
  const { query, chosenSort, result, areas } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const qInput = useRef<HTMLInputElement>(null);
  const filtersBox = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (filtersBox.current && window.matchMedia("(max-width: 760px)").matches) filtersBox.current.open = false;
  }, []);
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/providers";

  // Keep the text box in step with the URL (back/forward), but never fight the person typing in it.
  useEffect(() => {
    const input = qInput.current;
    if (input && document.activeElement !== input) input.value = query.q;
  }, [query.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript the results follow the form as it changes. The URL stays the state: each change is a
  // GET navigation to the canonical URL of the form (empty and default values left out, back to page 1).
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const typing = event.target instanceof HTMLInputElement && event.target.name === "q";
    const go = () => {
      const fields = new FormData(form);
      const sort = String(fields.get("sort") ?? "");
      const url = href({
        q: String(fields.get("q") ?? "").trim(),
        ...Object.fromEntries(FACETS.map((f) => [f, fields.getAll(f).map(String)])),
        sort: (SORTS as readonly string[]).includes(sort) ? (sort as DirectoryQuery["sort"]) : undefined,
      });
      navigate(url, { replace: typing, preventScrollReset: true });
    };
    clearTimeout(timer.current);
    if (typing) timer.current = setTimeout(go, TYPING_DELAY_MS);
    else go();
  };

  const sort = chosenSort || undefined;
  const hasFilters = FACETS.some((f) => query[f].length > 0);
  const selectedCount = FACETS.reduce((n, f) => n + query[f].length, 0);
  const first = (query.page - 1) * query.perPage + 1;
  const last = first + result.hits.length - 1;

  return (
    <div className="page">
      <h1>Accredited providers</h1>
      <p className="lede">
        Every provider listed here was accredited by the foundation; a suspended accreditation is marked on its card. Search by topic, course or name, then narrow the list.
      </p>
      <Form method="get" action="/providers" role="search" aria-label="Search accredited providers" onChange={onChange} className="directory-search">
        <div className="search-box">
          <label htmlFor="q" className="visually-hidden">
            Search providers, courses and topics
          </label>
          <input
            ref={qInput}
            id="q"
            type="search"
            name="q"
            defaultValue={query.q}
            placeholder="e.g. async, embedded, lifetimes"
            autoComplete="off"
          />
          <button type="submit" className="button">
            Search
          </button>
        </div>
        <div className="cols directory-layout">
          {/* A disclosure: open on wide screens; on phones it closes once the page runs, so the results come first.
              Without JavaScript a phone shows the filters after the results (CSS order) instead. */}
          <details ref={filtersBox} open className="facets" aria-labelledby="filters-heading">
            <summary>
              <h2 id="filters-heading">Filter{selectedCount > 0 ? ` (${selectedCount} chosen)` : ""}</h2>
            </summary>
            {hasFilters ? <Link to={href({ q: query.q, sort })}>Clear filters</Link> : null}
            {FACETS.map((facet) => (
              <FacetGroup key={facet} facet={facet} selected={query[facet]} counts={result.facets[facet]} areas={areas} />
            ))}
            <button type="submit" className="button secondary small">
              Apply filters
            </button>
          </details>
          <section aria-labelledby="results-heading">
            <div className="spread">
              <h2 id="results-heading" aria-live="polite">
                {result.total === 0
                  ? "No providers found"
                  : `${result.total} ${result.total === 1 ? "provider" : "providers"}${result.total > result.hits.length ? ` (showing ${first}–${last})` : ""}`}
              </h2>
              <div className="row">
                <label htmlFor="sort">Sort by</label>
                <select id="sort" name="sort" defaultValue={chosenSort} key={chosenSort}>
                  <option value="">Best match</option>
                  <option value="name">Name</option>
                  <option value="newest">Newest accreditation</option>
                </select>
              </div>
            </div>
            <div aria-busy={searching} className={searching ? "results searching" : "results"}>
              {result.hits.length === 0 ? (
                <EmptyState query={{ ...query, sort: sort ?? "relevance" }} total={result.total} />
              ) : (
                <ol className="provider-list">
                  {result.hits.map((hit) => (
                    <li key={hit.slug}>
                      <ProviderCard provider={hit} terms={searchTerms(query.q)} />
                    </li>
                  ))}
                </ol>
              )}
            </div>
            {result.pageCount > 1 ? (
              <nav className="pagination" aria-label="Pages of results">
                {query.page > 1 ? (
                  <Link to={href({ ...query, sort, page: query.page - 1 })} rel="prev">
                    ← Previous
                  </Link>
                ) : null}
                <span>
                  Page {query.page} of {result.pageCount}
                </span>
                {query.page < result.pageCount ? (
                  <Link to={href({ ...query, sort, page: query.page + 1 })} rel="next">
                    Next →
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </section>
        </div>
      </Form>
    </div>
  );
}

function FacetGroup({
  facet,
  selected,
  counts,
  areas,
}: {
  facet: Facet;
  selected: string[];
  counts: { value: string; count: number }[];
  areas: Record<string, string>;
}) {
  // A ticked value stays visible even when the other filters leave it nothing to count.
  const values = [...counts];
  for (const v of selected) if (!values.some((c) => c.value === v)) values.push({ value: v, count: 0 });
  if (values.length === 0) return null;
  return (
    <fieldset className="facet">
      <legend>{FACET_LABELS[facet]}</legend>
      <ul>
        {values.map(({ value, count }) => {
          const id = `${facet}-${value}`.replace(/[^A-Za-z0-9_-]/g, "_");
          const checked = selected.includes(value);
          return (
            <li key={`${id}-${checked}`}>
              <input type="checkbox" id={id} name={facet} value={value} defaultChecked={checked} />
              <label htmlFor={id}>
                {facetValueLabel(facet, value, areas)} <span className="count">({count})</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function EmptyState({ query, total }: { query: DirectoryQuery; total: number }) {
  if (total > 0) {
    return (
      <div className="empty-state">
        <strong>There is no page {query.page} of these results.</strong>
        <Link to={href({ ...query, page: 1 })}>Go to the first page</Link>
      </div>
    );
  }
  const hasFilters = FACETS.some((f) => query[f].length > 0);
  const looksLikeCertificate = /^\s*acc-\d{4}-\d+\s*$/i.test(query.q);
  return (
    <div className="empty-state">
      <strong>No accredited provider matches {query.q ? `“${query.q}”` : "these filters"}.</strong>
      <ul className="suggestions">
        {looksLikeCertificate ? (
          <li>
            That looks like a certificate number: <Link to={`/verify/${encodeURIComponent(query.q.trim().toUpperCase())}`}>verify it</Link>.
          </li>
        ) : null}
        {hasFilters ? (
          <li>
            <Link to={href({ q: query.q })}>Search again without the filters</Link>
          </li>
        ) : null}
        {query.q ? (
          <li>
            Try fewer or shorter words (the start of a word is enough, e.g. “asyn”), or <Link to={href({})}>browse every provider</Link>.
          </li>
        ) : null}
        <li>
          Browse the <Link to="/competencies">competency framework</Link> for the topics accredited courses cover.
        </li>
      </ul>
    </div>
  );
}
