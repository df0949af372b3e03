import { Form, NavLink, Link } from "@remix-run/react";
import type { NavItem } from "~/domain/navigation";
import { ThemeSwitch } from "./ui/theme-switch";
import { SubmitButton } from "~/components/form";

export function SiteHeader({ user, nav }: { user: { name: string; email: string } | null; nav: NavItem[] }) {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ⚙
          </span>{" "}
          Rust Training Accreditation
        </Link>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account-links">
          {user ? (
            <>
              <NavLink to="/account">{user.name}</NavLink>
              <Form method="post" action="/logout">
                <SubmitButton className="link-button">Log out</SubmitButton>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/signup" className="button small">
                Sign up
              </NavLink>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p>
          A programme of the Rust training foundation. <Link to="/competencies">The competency framework</Link> ·{" "}
          <Link to="/verify">Verify a certificate</Link> · <Link to="/how-it-works">How accreditation works</Link> ·{" "}
          <Link to="/transparency">Transparency</Link> ·{" "}
          <a href="/api/v1/providers">Open data (JSON)</a>
        </p>
        <ThemeSwitch />
      </div>
    </footer>
  );
}
