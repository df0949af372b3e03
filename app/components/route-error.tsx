import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";

type Way = { href: string; label: string };

/**
 * The one error view. A route that exports `sectionErrorBoundary(...)` as its ErrorBoundary fails alone: the
 * layout around it (the staff, provider, review or board navigation) stays, and the message offers a way on.
 * The root uses it too, for everything no section catches. A layout's own loader checks access, so a person
 * outside the section meets the root's page, never a section's navigation.
 */
export function RouteError({ home }: { home: Way }) {
  const error = useRouteError();
  const location = useLocation();
  const again = location.pathname + location.search;
  if (isRouteErrorResponse(error)) {
    const detail = typeof error.data === "string" ? error.data : "";
    const [title, text] =
      error.status === 404
        ? ["Page not found", "There is nothing here, or you do not have access to it."]
        : error.status === 503
          ? ["The portal is busy", "Too many requests arrived at once. Nothing was lost; try again in a moment."]
          : [`${error.status} ${error.statusText}`, detail];
    return (
      <section className="route-error" aria-labelledby="route-error-title">
        <h1 id="route-error-title">{title}</h1>
        {text ? <p>{text}</p> : null}
        <p>
          {error.status === 503 ? (
            <>
              <a href={again}>Try again</a> or <Link to={home.href}>{home.label}</Link>
            </>
          ) : (
            <Link to={home.href}>{home.label}</Link>
          )}
        </p>
      </section>
    );
  }
  return (
    <section className="route-error" aria-labelledby="route-error-title">
      <h1 id="route-error-title">Something went wrong</h1>
      <p>The error was logged. Try again, and if it keeps happening, tell the programme team.</p>
      <p>
        <a href={again}>Try again</a> or <Link to={home.href}>{home.label}</Link>
      </p>
    </section>
  );
}

/** An ErrorBoundary for a route inside a section, pointing back to the section's home. */
export function sectionErrorBoundary(home: Way) {
  return function SectionErrorBoundary() {
    return <RouteError home={home} />;
  };
}
