import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import stylesheet from "./styles/app.css?url";
import { SiteHeader, SiteFooter } from "./components/site-chrome";
import { getUser } from "./services/request.server";
import { navigationFor } from "./domain/navigation";
import { VerifyBanner } from "./components/verify-banner";
import { THEME_BOOT_SCRIPT } from "./components/ui/theme-switch";
import { RouteError } from "./components/route-error";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Rust Training Accreditation" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    nonce: context.cspNonce ?? "",
    user: user
      ? {
          name: user.name,
          email: user.email,
          emailVerified: user.emailVerified,
        }
      : null,
    nav: navigationFor(user),
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.nonce || undefined;
  return (
    // The boot script sets data-theme and the "js" class before React hydrates, so those attributes differ on purpose.
    <html lang="en" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={data?.user ?? null} nav={data?.nav ?? navigationFor(null)} />
        <VerifyBanner user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <div className="page narrow">
      <RouteError home={{ href: "/", label: "Go to the home page" }} />
    </div>
  );
}
