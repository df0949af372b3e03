/** Issue 12, findings 4 and 8: multipart bodies with too many parts, odd file names or broken framing are 4xx, never 500. */
import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import * as documentsSection from "~/routes/provider.applications.$id.documents";
import * as importRoute from "~/routes/admin.framework.import";
import { MAX_MULTIPART_PARTS } from "~/services/uploads.server";
import { cleanFilename } from "~/services/documents.server";
import { documents } from "../../db/schema";
import { signedIn } from "../support/factories";
import { providerWorld, startDraft, tinyPdf } from "../support/factories-application";
import { callAction, statusOf } from "../support/requests";

const BOUNDARY = "----portal-test-boundary";

/** A multipart body built byte by byte, so a test can send what a browser never would. */
function multipart(parts: { headers: string; body: Uint8Array | string }[], { close = true } = {}): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(new TextEncoder().encode(s));
  for (const part of parts) {
    text(`--${BOUNDARY}\r\n${part.headers}\r\n\r\n`);
    if (typeof part.body === "string") text(part.body);
    else chunks.push(part.body);
    text("\r\n");
  }
  if (close) text(`--${BOUNDARY}--\r\n`);
  const out = new Uint8Array(new ArrayBuffer(chunks.reduce((n, c) => n + c.length, 0)));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function post(path: string, body: Uint8Array<ArrayBuffer>, cookie: string): Request {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, Origin: "http://localhost:3000", "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
  });
}

const field = (name: string, value: string) => ({ headers: `Content-Disposition: form-data; name="${name}"`, body: value });
const file = (filenameHeader: string, bytes: Uint8Array) => ({ headers: `Content-Disposition: form-data; name="file"; ${filenameHeader}\r\nContent-Type: application/pdf`, body: bytes });

test("a document upload with odd file names, broken framing or a thousand parts is a 4xx, and odd names are stored as .pdf", async () => {
  const { owner, org } = await providerWorld();
  const id = await startDraft(owner.sessionUser, org.id);
  const path = `/provider/applications/${id}/documents`;
  const send = (body: Uint8Array<ArrayBuffer>) => callAction(documentsSection.action, post(path, body, owner.cookie), { id });

  const oddNames = [
    `filename="a;'\\\\b.pdf"`,
    `filename="poly.html"`,
    `filename*=UTF-8''%E2%82%AC%20rates.pdf`,
  ];
  for (const name of oddNames) {
    const answer = await send(multipart([field("intent", "upload"), field("kind", "syllabus"), file(name, tinyPdf())]));
    expect(statusOf(answer), name).toBeLessThan(500);
  }
  // A filename in raw bytes that are not UTF-8.
  const latin1 = new Uint8Array([...new TextEncoder().encode(`Content-Disposition: form-data; name="file"; filename="caf`), 0xe9, 0xff, ...new TextEncoder().encode(`.pdf"`)]);
  const rawName = new TextDecoder("latin1").decode(latin1);
  expect(statusOf(await send(multipart([field("intent", "upload"), field("kind", "syllabus"), { headers: rawName, body: tinyPdf() }])))).toBeLessThan(500);

  // Broken framing: no closing boundary, a part with no headers, garbage.
  expect(statusOf(await send(multipart([field("intent", "upload"), file(`filename="x.pdf"`, tinyPdf())], { close: false })))).toBeLessThan(500);
  expect(statusOf(await send(new TextEncoder().encode(`--${BOUNDARY}\r\n\r\n\r\n--${BOUNDARY}--`)))).toBeLessThan(500);
  expect(statusOf(await send(new TextEncoder().encode("not multipart at all")))).toBeLessThan(500);

  // A thousand tiny parts: refused as too large a request, nothing stored from it.
  const before = (await db.select({ id: documents.id }).from(documents)).length;
  const many = Array.from({ length: 1000 }, (_, i) => field(`f${i}`, "x"));
  const flood = await send(multipart([field("intent", "upload"), field("kind", "syllabus"), ...many, file(`filename="x.pdf"`, tinyPdf())]));
  expect(statusOf(flood)).toBe(413);
  expect((await db.select({ id: documents.id }).from(documents)).length).toBe(before);

  const stored = await db.select({ filename: documents.filename, contentType: documents.contentType }).from(documents);
  for (const doc of stored) {
    expect(doc.filename).toMatch(/\.pdf$/i);
    expect(doc.contentType).toBe("application/pdf");
  }
  expect(stored.map((d) => d.filename)).toContain("poly.pdf");
  expect(MAX_MULTIPART_PARTS).toBeLessThan(1000);
});

test("the framework import refuses broken multipart and a flood of parts with a 4xx", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  const send = (body: Uint8Array<ArrayBuffer>) => callAction(importRoute.action, post("/admin/framework/import", body, staff.cookie));
  expect(statusOf(await send(new TextEncoder().encode(`--${BOUNDARY}\r\nbroken`)))).toBe(400);
  const many = Array.from({ length: 500 }, (_, i) => field(`f${i}`, "x"));
  expect(statusOf(await send(multipart(many)))).toBe(413);
});

test("stored file names always end in .pdf and carry no control characters", () => {
  expect(cleanFilename("poly.html")).toBe("poly.pdf");
  expect(cleanFilename("report.PDF")).toBe("report.PDF");
  expect(cleanFilename("../../etc/passwd")).toBe("passwd.pdf");
  expect(cleanFilename("a\r\nb.svg")).toBe("ab.pdf");
  expect(cleanFilename(".htaccess")).toBe("document.pdf");
  expect(cleanFilename("")).toBe("document.pdf");
});
