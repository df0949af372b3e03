/** The HTTP guards of server.mjs (server/guards.mjs) on a bare Express app, spoken to over real sockets. */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, expect, test } from "vitest";
import { bodyLimit, DEFAULT_BODY_LIMIT, noStoreWhenSignedIn, requireValidHost, securityHeaders } from "../../server/guards.mjs";

let server: http.Server | undefined;
let bodiesRead = 0;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function start(https = false): Promise<number> {
  bodiesRead = 0;
  const app = express();
  app.use(requireValidHost());
  app.use(securityHeaders({ https }));
  app.use(bodyLimit());
  app.all("*", (req, res) => {
    bodiesRead += 1;
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => res.type("text/plain").send(String(bytes)));
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server?.once("listening", resolve));
  return (server.address() as AddressInfo).port;
}

/** Send only the head of a request (no body) and wait for the answer. */
function head(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}

/** A raw request line and headers, for what a well-behaved client will not send (a Host with a space). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (c) => (answer += c));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

test("a 24 MB form post to /login is answered 413 at once, before any of the body is read", async () => {
  const port = await start();
  const started = Date.now();
  const answer = await head(port, "/login", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(24 * 2 ** 20) });
  expect(answer.status).toBe(413);
  expect(answer.headers.connection).toBe("close");
  expect(bodiesRead).toBe(0);
  expect(Date.now() - started).toBeLessThan(2000);
});

test("a body without a length (chunked) is refused with 411; a body within the limit goes through", async () => {
  const port = await start();
  expect((await head(port, "/login", { "Transfer-Encoding": "chunked" })).status).toBe(411);
  const ok = await fetch(`http://127.0.0.1:${port}/login`, { method: "POST", body: "x".repeat(DEFAULT_BODY_LIMIT) });
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe(String(DEFAULT_BODY_LIMIT));
  const over = await fetch(`http://127.0.0.1:${port}/login`, { method: "POST", body: "x".repeat(DEFAULT_BODY_LIMIT + 1) });
  expect(over.status).toBe(413);
});

test("the upload routes take their own larger limit, and no more", async () => {
  const port = await start();
  const documents = "/provider/applications/0b3c9a9e-0000-4000-8000-000000000000/documents";
  expect((await head(port, documents, { "Content-Length": String(11 * 2 ** 20) })).status).toBe(413);
  expect((await head(port, "/admin/framework/import", { "Content-Length": String(6 * 2 ** 20) })).status).toBe(413);
  const fine = await fetch(`http://127.0.0.1:${port}${documents}`, { method: "POST", body: new Uint8Array(3 * 2 ** 20) });
  expect(fine.status).toBe(200);
  expect((await head(port, "/provider/applications/x/trainers", { "Content-Length": String(3 * 2 ** 20) })).status).toBe(413);
});

test("a Host header with a space, or none that parses, is a 400, not a 500", async () => {
  const port = await start();
  expect(await raw(port, "GET / HTTP/1.1\r\nHost: evil example\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
  expect(await raw(port, "GET / HTTP/1.1\r\nHost: a/b@c\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
  expect(await raw(port, "GET / HTTP/1.1\r\nHost: localhost:3000\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 /);
  expect(await raw(port, "GET / HTTP/1.1\r\nHost: [::1]:3000\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 /);
});

test("HSTS only when the public origin is https; the other headers always", async () => {
  const plain = await fetch(`http://127.0.0.1:${await start(false)}/`);
  expect(plain.headers.get("strict-transport-security")).toBeNull();
  expect(plain.headers.get("x-frame-options")).toBe("DENY");
  expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
  expect(plain.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  await new Promise((resolve) => server?.close(resolve));
  const secure = await fetch(`http://127.0.0.1:${await start(true)}/`);
  expect(secure.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
});

test("a signed-in person's answers are never stored, whatever the route said; a visitor's keep their cache headers", async () => {
  const app = express();
  app.use(noStoreWhenSignedIn());
  app.get("/providers", (_req, res) => res.set("Cache-Control", "public, max-age=60").type("text/html").send("<p>directory</p>"));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server?.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  const visitor = await fetch(`http://127.0.0.1:${port}/providers`);
  expect(visitor.headers.get("cache-control")).toBe("public, max-age=60");
  const signedIn = await fetch(`http://127.0.0.1:${port}/providers`, { headers: { Cookie: "theme=dark; session=abc.def" } });
  expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
  const otherCookie = await fetch(`http://127.0.0.1:${port}/providers`, { headers: { Cookie: "notsession=1" } });
  expect(otherCookie.headers.get("cache-control")).toBe("public, max-age=60");
});
