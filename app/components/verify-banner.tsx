import { Form, useLocation } from "@remix-run/react";
import { SubmitButton } from "~/components/form";

/** Shown on every page to a signed-in person who has not confirmed their email address yet. */
export function VerifyBanner({ user }: { user: { email: string; emailVerified: boolean } | null }) {
  const location = useLocation();
  // The verification page says the same thing in full.
  if (!user || user.emailVerified || location.pathname === "/verify-email") return null;
  return (
    <aside className="verify-banner" aria-label="Email confirmation">
      <div className="verify-banner-inner">
        <p>
          Please confirm your email address: we sent a link to <strong>{user.email}</strong>.
        </p>
        <Form method="post" action="/verify-email">
          <input type="hidden" name="intent" value="resend" />
          <SubmitButton className="link-button">Send a new link</SubmitButton>
        </Form>
      </div>
    </aside>
  );
}
