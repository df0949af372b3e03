// HTTP-level guards of server.mjs, kept apart so tests can run them on a bare Express app (decision 014).
import helmet from "helmet";
import onHeaders from "on-headers";

const KiB = 1024;
const MiB = 1024 * KiB;

/** Every request body is at most this big, except on the routes below that take an upload. */
export const DEFAULT_BODY_LIMIT = 1 * MiB;
/**
 * Upload routes: the file's own limit (app/domain/application-forms.ts, the import route) plus room for the form.
 * With JavaScript the form posts to the route's single-fetch URL, the same path with `.data` appended.
 */
export const UPLOAD_ROUTES = [
  { pattern: /^\/provider\/applications\/[^/]+\/documents(\.data)?\/?$/, limit: 10 * MiB + 64 * KiB },
  // An appeal's supporting document (the same page also takes the plain withdrawal form).
  { pattern: /^\/provider\/appeals\/[^/]+(\.data)?\/?$/, limit: 10 * MiB + 64 * KiB },
  { pattern: /^\/admin\/framework\/import(\.data)?\/?$/, limit: 5 * MiB + 64 * KiB },
  // A pasted or uploaded credential (JSON, baked SVG or PNG) to check: the page answers anything over 1 MB itself (presented-credential.server.ts).
  { pattern: /^\/verify(\.data)?\/?$/, limit: 2 * MiB + 64 * KiB },
];

/** Routes whose action reads the raw body itself (never as a form): the credential verification API. */
export const RAW_BODY_ROUTES = [/^\/api\/v1\/credentials\/verify\/?$/];

export function bodyLimitFor(path) {
  return UPLOAD_ROUTES.find((r) => r.pattern.test(path))?.limit ?? DEFAULT_BODY_LIMIT;
}

/**
 * Refuse an oversized body before reading any of it: 413 when Content-Length says it is too big, 411 when a body
 * comes without a length (chunked), so it cannot be measured up front. Node's parser never reads past a declared
 * Content-Length, so a request that passes cannot bring more. `Connection: close` ends the socket rather than
 * reading the unwanted body to reuse it.
 */
export function bodyLimit({ limitFor = bodyLimitFor } = {}) {
  return (req, res, next) => {
    const declared = req.headers["content-length"];
    const chunked = req.headers["transfer-encoding"] !== undefined;
    if (declared === undefined && !chunked) return next();
    const limit = limitFor(req.path);
    if (declared === undefined) return refuse(res, 411, "A request body needs a Content-Length.");
    if (!/^\d+$/.test(declared)) return refuse(res, 400, "Bad Content-Length.");
    if (Number(declared) > limit) return refuse(res, 413, `The request is too large: at most ${Math.floor(limit / KiB)} KiB here.`);
    next();
  };
}

/**
 * Every page's forms post `application/x-www-form-urlencoded`; only the upload routes post `multipart/form-data`.
 * Anything else (no type, JSON, text, multipart where no upload is expected) is refused 415 here, because
 * `request.formData()` in an action throws on it, which would be a 500.
 */
export function formContentTypes() {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type === "application/x-www-form-urlencoded") return next();
    if (type === "multipart/form-data" && UPLOAD_ROUTES.some((r) => r.pattern.test(req.path))) return next();
    if (RAW_BODY_ROUTES.some((pattern) => pattern.test(req.path))) return next();
    refuse(res, 415, "This address takes the page's form, sent as the page sends it.");
  };
}

function refuse(res, status, message) {
  res.status(status).set("Connection", "close").type("text/plain").send(message);
}

/**
 * Security headers through helmet, except the Content-Security-Policy, which server.mjs builds per request (a
 * nonce) and the page cache per stored page (hashes). HSTS only when the public origin is https: sent over plain
 * http it would be ignored, and on localhost it would pin the developer's browser to https.
 */
export function securityHeaders({ https }) {
  return helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // The public JSON API is read cross-origin with CORS; nothing else is meant to be embedded elsewhere.
    crossOriginResourcePolicy: { policy: "same-site" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
  });
}

/** A Host header the URL parser cannot take (a space, say) would make every route answer 500: refuse it as 400. */
export function requireValidHost() {
  return (req, res, next) => {
    const host = req.headers.host;
    let ok = typeof host === "string" && host.length <= 255 && /^[a-z0-9._~-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host);
    if (ok) {
      try {
        new URL(`http://${host}`);
      } catch {
        ok = false;
      }
    }
    if (!ok) return refuse(res, 400, "Bad Host header.");
    next();
  };
}

/**
 * A response to a request that carries a session cookie is personal (the header shows who is signed in; the
 * page may show their data): no cache, shared or in the browser's history, may keep it. Set as the headers go
 * out, so it wins over a route's public cache headers. Anonymous responses keep theirs.
 */
export function noStoreWhenSignedIn({ cookieName = "session" } = {}) {
  const pattern = new RegExp(`(?:^|;\\s*)${cookieName}=[^;]+`);
  return (req, res, next) => {
    if (pattern.test(req.headers.cookie ?? "")) {
      onHeaders(res, function () {
        this.setHeader("Cache-Control", "private, no-store");
      });
    }
    next();
  };
}
