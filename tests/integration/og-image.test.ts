import { expect, test } from "vitest";
import type { MetaDescriptor } from "@remix-run/node";
import { loader as ogImage } from "~/routes/providers.$slug.og[.]png";
import { loader as profilePage, meta } from "~/routes/providers.$slug";
import { setClock } from "~/services/clock.server";
import { callLoader, getRequest, payloadOf, statusOf } from "../support/requests";
import { createFramework } from "../support/factories";
import { createAccreditedProvider } from "../support/factories-directory";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test("every profile names its own generated Open Graph image, a cacheable 1200×630 PNG", async () => {
  setClock(() => new Date("2026-06-01T10:00:00Z"));
  const framework = await createFramework();
  await createAccreditedProvider({ framework, slug: "ferris-academy", name: "Ferris Academy" });

  const page = await callLoader(profilePage, getRequest("/providers/ferris-academy"), { slug: "ferris-academy" });
  expect(statusOf(page)).toBe(200);
  const data = payloadOf<Parameters<typeof meta>[0]["data"]>(page);
  // Remix's meta receives the loader data; only `data` is read by this route's meta.
  const tags = meta({ data } as Parameters<typeof meta>[0]) as MetaDescriptor[];
  const og = (property: string) => {
    const tag = tags.find((t) => "property" in t && t.property === property);
    return tag && "content" in tag ? String(tag.content) : undefined;
  };
  expect(og("og:title")).toMatch(/Ferris Academy/);
  expect(og("og:type")).toBe("website");
  expect(og("og:url")).toMatch(/\/providers\/ferris-academy$/);
  const image = og("og:image");
  expect(image).toMatch(/\/providers\/ferris-academy\/og\.png\?v=[\w-]{16}$/);

  const response = (await callLoader(ogImage, getRequest(new URL(String(image)).pathname), { slug: "ferris-academy" })) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  expect(response.headers.get("cache-control")).toMatch(/^public, max-age=86400/);
  const png = new Uint8Array(await response.arrayBuffer());
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset);
  // IHDR: width and height are the first two big-endian words of the first chunk's data.
  expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);

  const again = (await callLoader(ogImage, new Request("http://localhost:3000/providers/ferris-academy/og.png", { headers: { "If-None-Match": response.headers.get("etag")! } }), { slug: "ferris-academy" })) as Response;
  expect(again.status).toBe(304);
  expect(statusOf(await callLoader(ogImage, getRequest("/providers/nobody/og.png"), { slug: "nobody" }))).toBe(404);
});
