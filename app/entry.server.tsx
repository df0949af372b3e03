import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { config } from "./config.server";

export { boot } from "./services/boot.server";
export { createPageCache } from "./services/page-cache.server";
export { corsPreflight } from "./services/cors-preflight.server";

// Validate configuration before the first request is served.
config();

const ABORT_DELAY = 5_000;
/** Seconds a client is asked to wait when the server was too busy to render in time. */
const BUSY_RETRY_AFTER = 5;

/** The answer to a render that did not finish within ABORT_DELAY: the server is overloaded, not broken. */
function busyResponse(): Response {
  return new Response("The server is busy. Please try again in a few seconds.", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(BUSY_RETRY_AFTER), "Cache-Control": "no-store" },
  });
}

/**
 * Renders the whole document, then answers with it in one piece. No route defers data, so streaming the
 * shell first would gain nothing, and one buffer costs far less to send and to gzip than React's many
 * small chunks (measured with `npm run bench`: decision 010).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        done();
      },
      final(done) {
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    let aborted = false;
    const timer = setTimeout(() => {
      aborted = true;
      abort();
    }, ABORT_DELAY);
    sink.on("finish", () => clearTimeout(timer));
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />,
      {
        nonce,
        onAllReady() {
          if (aborted) resolve(busyResponse());
          else pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          // Our own deadline, not a bug: under overload (issue 12, finding 6) answer 503, never 500.
          if (aborted) resolve(busyResponse());
          else reject(error);
        },
        onError(error: unknown) {
          if (aborted) return;
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
  });
}
