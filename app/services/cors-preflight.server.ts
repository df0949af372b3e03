import type { IncomingMessage, ServerResponse } from "node:http";
import { preflightResponse } from "./json-response.server";

/** Connect-style middleware: answers the CORS preflight of the public read-only endpoints, before any route. */
export function corsPreflight(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const pathname = (req.url ?? "/").split("?")[0];
  const answer = preflightResponse(req.method ?? "GET", pathname);
  if (!answer) return next();
  res.statusCode = answer.status;
  answer.headers.forEach((value, name) => res.setHeader(name, value));
  res.end();
}
