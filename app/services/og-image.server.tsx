/**
 * The Open Graph image of a provider profile: a 1200×630 PNG drawn on the server from the profile
 * (satori lays out the card as SVG, resvg rasterises it; both install from the registry with no
 * download step). Rendering costs tens of milliseconds, so each image is kept in a small in-process
 * cache keyed by what it shows, and sent with an ETag and a long public Cache-Control.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { etagMatches } from "~/domain/directory";
import type { ProviderProfile } from "./provider-profile.server";

const OG_WIDTH = 1200;
const OG_HEIGHT = 630;

type Card = { name: string; status: "active" | "suspended"; certificate: string | null; validUntil: string | null; courses: number; country: string | null };

function cardOf(p: ProviderProfile): Card {
  const current = p.accreditations[p.accreditations.length - 1];
  return { name: p.name, status: p.status, certificate: current?.certificate ?? null, validUntil: current?.validUntil ?? null, courses: p.courses.length, country: p.country };
}

/** A short digest of what the image shows: part of its URL and its ETag. */
export function ogImageVersion(p: ProviderProfile): string {
  return createHash("sha256").update(JSON.stringify(cardOf(p))).digest("base64url").slice(0, 16);
}

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: "normal" }[] | undefined;
function loadFonts() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const file = (weight: number) => readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`));
    fonts = [
      { name: "Inter", data: file(400), weight: 400, style: "normal" },
      { name: "Inter", data: file(700), weight: 700, style: "normal" },
    ];
  }
  return fonts;
}

function CardImage({ card }: { card: Card }) {
  const suspended = card.status === "suspended";
  return (
    <div style={{ display: "flex", flexDirection: "column", justifyContent: "space-between", width: "100%", height: "100%", padding: 72, background: "#1b1f24", color: "#f6f8fa", fontFamily: "Inter" }}>
      <div style={{ display: "flex", alignItems: "center", fontSize: 32, color: "#f0a875" }}>Rust Training Accreditation</div>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ display: "flex", fontSize: card.name.length > 40 ? 64 : 84, fontWeight: 700, lineHeight: 1.1 }}>{card.name}</div>
        <div style={{ display: "flex", marginTop: 28, fontSize: 36, color: "#c9d1d9" }}>
          {card.courses} accredited {card.courses === 1 ? "course" : "courses"}
          {card.country ? ` · ${card.country}` : ""}
        </div>
      </div>
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", fontSize: 32 }}>
        <div style={{ display: "flex", padding: "10px 24px", borderRadius: 12, background: suspended ? "#9a3412" : "#166534", fontWeight: 700 }}>
          {suspended ? "Accreditation suspended" : "Accredited"}
        </div>
        <div style={{ display: "flex", color: "#c9d1d9" }}>
          {card.certificate ? `${card.certificate}${card.validUntil ? ` · valid until ${card.validUntil}` : ""}` : ""}
        </div>
      </div>
    </div>
  );
}

const rendered = new Map<string, Buffer>();
const MAX_KEPT = 500;

async function renderOgImage(p: ProviderProfile): Promise<{ png: Buffer; version: string }> {
  const version = ogImageVersion(p);
  const key = `${p.slug}|${version}`;
  let png = rendered.get(key);
  if (!png) {
    const svg = await satori(<CardImage card={cardOf(p)} />, { width: OG_WIDTH, height: OG_HEIGHT, fonts: loadFonts() });
    png = new Resvg(svg, { fitTo: { mode: "width", value: OG_WIDTH } }).render().asPng();
    if (rendered.size >= MAX_KEPT) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, png);
  }
  return { png, version };
}

/** The image as an HTTP answer: public for a day (the profile's URL names the version it shows), with an ETag. */
export async function ogImageResponse(request: Request, p: ProviderProfile): Promise<Response> {
  const { png, version } = await renderOgImage(p);
  const etag = `"${version}"`;
  const headers = new Headers({ "Content-Type": "image/png", "Cache-Control": "public, max-age=86400, stale-while-revalidate=3600", ETag: etag, "Access-Control-Allow-Origin": "*" });
  if (etagMatches(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
  headers.set("Content-Length", String(png.length));
  return new Response(request.method === "HEAD" ? null : new Uint8Array(png), { status: 200, headers });
}
