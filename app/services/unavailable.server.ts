import type { AppLoadContext } from "@remix-run/node";
import { isDatabaseUnavailable } from "./db-errors.server";

/**
 * The server is alive but cannot answer this request now (overloaded, or its database restarting): 503 with
 * Retry-After, never a 500, so browsers, proxies and monitors read it as a short, expected pause.
 */
const RETRY_AFTER_SECONDS = 5;

export function serviceUnavailable(message: string): Response {
  return new Response(message, {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}

export const BUSY_MESSAGE = "The server is busy. Please try again in a few seconds.";
const DATABASE_UNAVAILABLE_MESSAGE = "The service is briefly unavailable (its database is restarting). Please try again in a few seconds.";

/** Requests whose loader or action failed because the database could not be reached. */
const caught = new WeakSet<Request>();

/**
 * Remix's `handleError` (entry.server): every error a loader, action or render throws passes here with its
 * request. A lost database connection is noted (one warning line, no stack) so `answerFor` can turn the
 * request's 500 into a 503; anything else is logged as Remix would.
 */
export function noteError(error: unknown, { request }: { request: Request; context?: AppLoadContext }): void {
  if (isDatabaseUnavailable(error)) {
    caught.add(request);
    console.warn(`[db] unavailable during ${request.method} ${new URL(request.url).pathname}: ${describe(error)}`);
    return;
  }
  if (request.signal.aborted) return;
  const inner = typeof error === "object" && error !== null && "error" in error && error.error instanceof Error ? error.error : error;
  console.error(inner);
}

/** The answer to send: Remix's own, or 503 + Retry-After when the database was unreachable while making it. */
export function answerFor(request: Request, response: Response): Response {
  return caught.has(request) ? serviceUnavailable(DATABASE_UNAVAILABLE_MESSAGE) : response;
}

function describe(error: unknown): string {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Express error middleware, last in server.mjs: an error that escaped Remix (the page cache reading the
 * directory's version, say) while the database is unreachable is a 503 too; anything else goes on to Express.
 */
export function unavailableErrorHandler(
  error: unknown,
  req: { method?: string; url?: string },
  res: { headersSent: boolean; statusCode: number; setHeader(name: string, value: string): unknown; end(body: string): unknown },
  next: (error?: unknown) => void,
): void {
  if (res.headersSent || !isDatabaseUnavailable(error)) return next(error);
  console.warn(`[db] unavailable during ${req.method} ${(req.url ?? "/").split("?")[0]}: ${describe(error)}`);
  const answer = serviceUnavailable(DATABASE_UNAVAILABLE_MESSAGE);
  res.statusCode = answer.status;
  answer.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(DATABASE_UNAVAILABLE_MESSAGE);
}
