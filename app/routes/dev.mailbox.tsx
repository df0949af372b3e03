import { formatDateTime } from "~/domain/format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useParams } from "@remix-run/react";
import { config } from "~/config.server";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { listMailbox } from "~/services/mailbox.server";
import { notFound, requireUser } from "~/services/request.server";
import { DataTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "Mailbox (development) — Rust Training Accreditation" }];

// The local mailbox exists only where mail is not really sent; elsewhere it is a 404. Where it exists, a
// person reads only the mail sent to their own address (staff read all of it); a visitor is asked to log in.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!config().mailboxEnabled) notFound();
  const user = await requireUser(request);
  return { messages: await listMailbox(db, user), seesAll: can(user, "mailbox:readAll"), email: user.email };
}

export default function Mailbox() {
  const { messages, seesAll, email } = useLoaderData<typeof loader>();
  const { id } = useParams();
  return (
    <div className="page">
      <h1>Mailbox</h1>
      <p className="lede">
        Emails the portal would have sent, {seesAll ? "to everyone (you are staff)" : <>to your address, {email}</>}. Only shown where no mail
        provider is configured.
      </p>
      {messages.length === 0 ? (
        <div className="empty-state">
          <strong>No emails yet</strong>
          Sign up, reset a password or send an invitation, and the email appears here within a second or two.
        </div>
      ) : (
        <DataTable caption="Emails, newest first" headings={["To", "Subject", "Time"]}>
          {messages.map((m) => (
            <tr key={m.id} aria-current={m.id === id ? "true" : undefined}>
              <td>{m.to}</td>
              <td>
                <Link to={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
              </td>
              <td>
                <time dateTime={new Date(m.createdAt).toISOString()}>{formatDateTime(m.createdAt)}</time>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Outlet />
    </div>
  );
}
