import { formatDateTime } from "~/domain/format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useParams } from "@remix-run/react";
import { config } from "~/config.server";
import { db } from "~/services/db.server";
import { listMailbox } from "~/services/mailbox.server";
import { notFound } from "~/services/request.server";

export const meta: MetaFunction = () => [{ title: "Mailbox (development) — Rust Training Accreditation" }];

// The local mailbox exists only where mail is not really sent; elsewhere it is a 404.
export async function loader(_args: LoaderFunctionArgs) {
  if (!config().mailboxEnabled) notFound();
  return { messages: await listMailbox(db) };
}

export default function Mailbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { id } = useParams();
  return (
    <div className="page">
      <h1>Mailbox</h1>
      <p className="lede">Emails the portal would have sent. Only shown where no mail provider is configured.</p>
      {messages.length === 0 ? (
        <div className="empty-state">
          <strong>No emails yet</strong>
          Sign up, reset a password or send an invitation, and the email appears here within a second or two.
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Emails, newest first</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
      <Outlet />
    </div>
  );
}
