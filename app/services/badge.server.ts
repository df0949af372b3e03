/**
 * The badge image, drawn here (SVG by hand, PNG rasterised with pngjs), and Open Badges 3.0 baking:
 * PNG carries the credential in an iTXt chunk with keyword `openbadgecredential`; SVG in an
 * `<openbadges:credential>` element (namespace https://purl.imsglobal.org/ob/v3p0). Unbaking reads both.
 */
import { crc32, inflateSync } from "node:zlib";
import { PNG } from "pngjs";

const OB_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";
const PNG_KEYWORD = "openbadgecredential";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

const STATUS_COLOURS: Record<string, string> = { active: "#1f7a3a", suspended: "#a15c00", revoked: "#b3261e", expired: "#5f6368", superseded: "#5f6368", unknown: "#5f6368" };

/** The accreditation badge: a shield with the foundation's mark, the provider and certificate number. */
export function badgeSvg(input: { provider: string; certificate: string; validUntil: string }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="Accredited Rust training provider: ${escapeXml(input.provider)}, certificate ${escapeXml(input.certificate)}">
<title>Accredited Rust training provider: ${escapeXml(input.provider)}</title>
<circle cx="128" cy="128" r="124" fill="#b7410e"/>
<circle cx="128" cy="128" r="108" fill="#fff"/>
<circle cx="128" cy="128" r="100" fill="none" stroke="#b7410e" stroke-width="4"/>
<path d="M84 120 l30 32 l58 -64" fill="none" stroke="#1f7a3a" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/>
<text x="128" y="62" text-anchor="middle" font-family="sans-serif" font-size="15" font-weight="700" fill="#b7410e">ACCREDITED</text>
<text x="128" y="184" text-anchor="middle" font-family="sans-serif" font-size="13" fill="#202124">${escapeXml(input.provider.slice(0, 28))}</text>
<text x="128" y="204" text-anchor="middle" font-family="monospace" font-size="12" fill="#202124">${escapeXml(input.certificate)}</text>
<text x="128" y="222" text-anchor="middle" font-family="sans-serif" font-size="10" fill="#5f6368">until ${escapeXml(input.validUntil)}</text>
</svg>`;
}

/** The tiny embeddable status badge (public, always the current status). */
export function statusBadgeSvg(input: { certificate: string; status: string; label: string }): string {
  const colour = STATUS_COLOURS[input.status] ?? STATUS_COLOURS.unknown;
  const left = `Rust accredited ${input.certificate}`;
  const leftWidth = 8 + left.length * 6.2;
  const rightWidth = 12 + input.label.length * 6.6;
  const width = Math.round(leftWidth + rightWidth);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeXml(`${left}: ${input.label}`)}"><title>${escapeXml(`${left}: ${input.label}`)}</title><rect width="${Math.round(leftWidth)}" height="20" fill="#3c4043"/><rect x="${Math.round(leftWidth)}" width="${Math.round(rightWidth)}" height="20" fill="${colour}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11"><text x="6" y="14">${escapeXml(left)}</text><text x="${Math.round(leftWidth) + 6}" y="14">${escapeXml(input.label)}</text></g></svg>`;
}

/** Bake: the credential JSON inside the badge, in a CDATA section (a `]]>` in the JSON is split safely). */
export function bakeSvg(svg: string, credentialJson: string): string {
  const cdata = `<![CDATA[${credentialJson.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => `<svg${attrs} xmlns:openbadges="${OB_NAMESPACE}">\n<openbadges:credential>${cdata}</openbadges:credential>`);
}

export function unbakeSvg(svg: string): string | null {
  const match = /<openbadges:credential\b[^>]*>([\s\S]*?)<\/openbadges:credential>/.exec(svg);
  if (!match) return null;
  const body = match[1];
  const text = body.includes("<![CDATA[")
    ? [...body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join("")
    : body.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e] ?? "");
  return text.trim();
}

/** The badge as PNG: the same design without text (there is no font here), anti-aliased by coverage. */
export function badgePng(): Buffer {
  const size = 256;
  const png = new PNG({ width: size, height: size });
  const rust = [0xb7, 0x41, 0x0e];
  const green = [0x1f, 0x7a, 0x3a];
  const white = [0xff, 0xff, 0xff];
  const tick: [number, number, number, number][] = [
    [84, 120, 114, 152],
    [114, 152, 172, 88],
  ];
  const segmentDistance = (x: number, y: number, [x1, y1, x2, y2]: [number, number, number, number]) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
  };
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const r = Math.hypot(x + 0.5 - 128, y + 0.5 - 128);
      const cover = (edge: number) => Math.max(0, Math.min(1, edge + 0.5));
      let colour = white;
      let alpha = cover(124 - r);
      if (r > 108 || Math.abs(r - 100) < 2) colour = rust;
      const stroke = Math.min(...tick.map((s) => segmentDistance(x + 0.5, y + 0.5, s)));
      const tickCover = cover(8 - stroke);
      const i = (y * size + x) * 4;
      const mix = (c: number) => Math.round(colour[c] * (1 - tickCover) + green[c] * tickCover);
      png.data[i] = mix(0);
      png.data[i + 1] = mix(1);
      png.data[i + 2] = mix(2);
      alpha = Math.max(alpha, 0);
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return PNG.sync.write(png);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([head, typeAndData, crc]);
}

/** Bake: an uncompressed iTXt chunk (keyword, no language, no translated keyword) just before IEND. */
export function bakePng(png: Buffer, credentialJson: string): Buffer {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG");
  const data = Buffer.concat([Buffer.from(PNG_KEYWORD, "latin1"), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(credentialJson, "utf8")]);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), chunk("iTXt", data), png.subarray(iend)]);
}

export function isPng(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);
}

/** The baked credential of a PNG, or null; a malformed PNG is null too, never an exception. */
export function unbakePng(bytes: Uint8Array): string | null {
  const png = Buffer.from(bytes);
  if (!isPng(png)) return null;
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const end = at + 12 + length;
    if (end > png.length) return null;
    if (type === "iTXt") {
      const data = png.subarray(at + 8, at + 8 + length);
      const keywordEnd = data.indexOf(0);
      if (keywordEnd > 0 && data.toString("latin1", 0, keywordEnd) === PNG_KEYWORD) {
        const compressed = data[keywordEnd + 1] === 1;
        const languageEnd = data.indexOf(0, keywordEnd + 3);
        const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
        if (translatedEnd < 0) return null;
        const text = data.subarray(translatedEnd + 1);
        try {
          return (compressed ? inflateSync(text) : text).toString("utf8");
        } catch {
          return null;
        }
      }
    }
    if (type === "IEND") return null;
    at = end;
  }
  return null;
}
