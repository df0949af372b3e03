import { formatDateTime } from "~/domain/format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { config } from "~/config.server";
import { db } from "~/services/db.server";
import { getMailboxMessage } from "~/services/mailbox.server";
import { notFound, requireUser } from "~/services/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? "Email"} — Mailbox (development)` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!config().mailboxEnabled) notFound();
  const user = await requireUser(request);
  const message = await getMailboxMessage(db, user, params.id ?? "");
  if (!message) notFound();
  return { message };
}

const URL_PATTERN = /(https?:\/\/[^\s<>"')\]]+)/g;

/** The plain-text version with its URLs as links, so the links in a mail can be followed from here. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <pre className="mail-text">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

export default function MailboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <article className="card mail-message" aria-labelledby="mail-subject">
      <h2 id="mail-subject">{message.subject}</h2>
      <dl className="mail-meta">
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Sent</dt>
        <dd>
          <time dateTime={new Date(message.createdAt).toISOString()}>{formatDateTime(message.createdAt)}</time>
        </dd>
      </dl>
      <h3>HTML version</h3>
      {/* Sandboxed with no permissions: the mail's HTML cannot run script or reach this page. */}
      <iframe className="mail-frame" title={`HTML version of “${message.subject}”`} sandbox="" srcDoc={message.html} />
      <h3>Text version</h3>
      <LinkedText text={message.text} />
    </article>
  );
}
