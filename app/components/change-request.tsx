/** What staff asked the provider to change, as written: the message, then the listed items (when there are any). */
export function ChangeRequestText({ request }: { request: { message: string; items: string[] } }) {
  return (
    <>
      <p style={{ whiteSpace: "pre-wrap" }}>{request.message}</p>
      {request.items.length > 0 ? (
        <ul>
          {request.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
