// The one HTTP entry point, for `npm run dev` (Vite middleware) and `npm start` (the built app).
import { randomBytes } from "node:crypto";
// The two halves of @remix-run/express's handler (its index exports only the whole): Remix's answer is looked at
// between them (a lost database connection becomes 503). Pinned with the package; the same module the index uses.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { bodyLimit, formContentTypes, noStoreWhenSignedIn, requireValidHost, securityHeaders } from "./server/guards.mjs";
import { createDrain } from "./server/shutdown.mjs";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";

const vite = production
  ? undefined
  : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));

const loadBuild = () =>
  vite ? vite.ssrLoadModule("virtual:remix/server-build") : import("./build/server/index.js");

/** The policy of every page; `scriptSources` are the nonce or hashes that allow its inline scripts. */
function contentSecurityPolicy(scriptSources) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${vite ? " ws:" : ""}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const started = Date.now();
const build = await loadBuild();
const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);

// First: during shutdown a new request is refused before any work, and those in flight are counted.
const drain = createDrain();
app.use(drain.middleware);
app.use(requireValidHost());
app.use(securityHeaders({ https: (process.env.APP_URL ?? "").startsWith("https://") }));
app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  // Remix reads the client address from here; a client-sent value is never trusted.
  req.headers["x-portal-client-address"] = req.ip || req.socket.remoteAddress || "unknown";
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(vite ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`]));
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
});
// Oversized bodies are refused before a byte of them is read (uploads have their own, larger limits).
app.use(bodyLimit());
app.use(formContentTypes());

// Same-origin check on every state-changing request (CSRF): the browser's Origin, or
// Sec-Fetch-Site, must say the request comes from this site. The public JSON API is GET only.
// Exempt: POST endpoints that change nothing and are meant for other sites (credential verification).
const STATELESS_POSTS = new Set(["/api/v1/credentials/verify"]);
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  if (STATELESS_POSTS.has(req.path)) return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const self = `${req.protocol}://${req.get("host")}`;
  const ok = origin ? origin === self : fetchSite ? fetchSite === "same-origin" || fetchSite === "none" : false;
  if (!ok) {
    res.status(403).type("text/plain").send("Cross-site request refused.");
    return;
  }
  next();
});

// Liveness at the HTTP layer (no application code): also the floor the benchmark compares pages with.
app.get("/livez", (_req, res) => {
  res.setHeader("Cache-Control", "no-store");
  res.type("text/plain").send("ok");
});

// CORS preflight of the public JSON API and CASE endpoints, answered here: Remix would hand an OPTIONS
// request to the loader, and the page cache must never store or answer it.
app.use(build.entry.module.corsPreflight);

// Anonymous public directory pages, answered from the origin's page cache (decision 010); production only.
if (!vite) {
  const renderPage = createFetchHandler(build, "production");
  const render = async (request, context) => build.entry.module.answerFor(request, await renderPage(request, context));
  app.use(build.entry.module.createPageCache({ render, contentSecurityPolicy }));
}

app.use(compression());
if (vite) {
  app.use(vite.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // The public folder's files all have an extension; a page's address never does, so it goes to Remix without a
  // file lookup first.
  const publicFiles = express.static("build/client", { maxAge: "1h" });
  app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
}

// After the static files (fine to cache for anyone): every page or data answer to a signed-in person is no-store.
app.use(noStoreWhenSignedIn());
// Remix, as @remix-run/express's handler runs it, plus one step: a request whose loader or action lost the
// database connection (a PostgreSQL restart) answers 503 + Retry-After instead of 500 (entry.server's handleError).
const remix = createFetchHandler(vite ? () => loadBuild() : build, process.env.NODE_ENV);
app.all("*", async (req, res, next) => {
  try {
    const request = createRemixRequest(req, res);
    const entry = vite ? (await loadBuild()).entry.module : build.entry.module;
    // One scope per request: its loaders share what they look up once (the signed-in session).
    const response = await entry.inRequestScope(() => remix(request, { cspNonce: res.locals.cspNonce }));
    const answer = entry.answerFor(request, response);
    // A rendered page is whole in memory: its bytes (gzipped in one call) go out in one write. Anything else is sent
    // as @remix-run/express sends it.
    const page = await entry.wholePage(request, answer);
    if (!page) return await sendRemixResponse(res, answer);
    res.statusMessage = page.statusText;
    res.status(page.status);
    for (const [key, value] of page.headers.entries()) res.append(key, value);
    res.end(page.body);
  } catch (error) {
    next(error);
  }
});
// Last: an error that escaped Remix (a middleware reading the database) while the database is down is a 503 too.
app.use((error, req, res, next) => build.entry.module.unavailableErrorHandler(error, req, res, next));

const booted = await build.entry.module.boot();
const server = app.listen(port, host, () => {
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  console.log(`Accreditation portal ready at ${url} (${booted.database}; ${Date.now() - started} ms)`);
  // Emails link to APP_URL: say which, so a person who opens the other spelling (localhost vs 127.0.0.1) is not surprised.
  console.log(`Links in emails go to APP_URL=${booted.appUrl}`);
  if (booted.seeded) console.log("Seeded the demo data: the README lists the demo logins (password: rust-demo-2026).");
  if (booted.mailbox) console.log(`Email is delivered to the local mailbox at ${url}/dev/mailbox (each person sees the mail sent to them; staff see all).`);
});

let closing = false;
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down`);
  // Refuse new requests at once, answer those in flight (10 s at most), and only then close the database.
  await drain.shutdown(server);
  await booted.stop();
  await vite?.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
