import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { config } from "./config.server";
import { BUSY_MESSAGE, serviceUnavailable } from "./services/unavailable.server";

export { boot } from "./services/boot.server";
export { createPageCache } from "./services/page-cache.server";
export { corsPreflight } from "./services/cors-preflight.server";
export { inRequestScope } from "./services/request-scope.server";
export { wholePage } from "./services/compress.server";
// A lost database connection answers 503 + Retry-After, not 500: noted here, answered by server.mjs.
export { noteError as handleError, answerFor, unavailableErrorHandler } from "./services/unavailable.server";

// Validate configuration before the first request is served.
config();

/** How long a render may take; exported so a test can shorten it. */
export const renderBudget = { ms: 5_000 };

/** The answer to a render that did not finish within the budget: the server is overloaded, not broken. */
const busyResponse = () => serviceUnavailable(BUSY_MESSAGE);

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
    // Past the budget the answer is 503 at once: React calls none of its callbacks when it is aborted before
    // its work started (a blocked event loop runs this timer first) or while the root is suspended.
    const timer = setTimeout(() => {
      aborted = true;
      resolve(busyResponse());
      abort();
    }, renderBudget.ms);
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={renderBudget.ms} nonce={nonce} />,
      {
        nonce,
        onAllReady() {
          if (aborted) return;
          // Rendered in time: nothing may replace it now.
          clearTimeout(timer);
          pipe(sink);
        },
        onShellError(error: unknown) {
          // After our own deadline this is the abort, already answered 503 (issue 12, finding 6), never 500.
          if (aborted) return;
          clearTimeout(timer);
          reject(error);
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
