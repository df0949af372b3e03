/**
 * What a provider takes away, per accreditation: the signed credential, the baked badge (SVG, PNG), the
 * printable certificate with its QR code, the embeddable status badge and the LinkedIn link. Only
 * members of the organisation get them (404 otherwise), and only while a live credential exists.
 */
import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { accreditations } from "../../db/schema";
import { ACCREDITATION_STATUS_LABELS, effectiveStatus, isoDate } from "~/domain/accreditation";
import { linkedInAddUrl } from "~/domain/credentials";
import { can, type SessionUser } from "~/domain/policy";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { backfillCredential, currentCredential } from "./credentials.server";
import { accreditationWithOrganisation } from "./accreditations.server";
import { badgePng, badgeSvg, bakePng, bakeSvg, statusBadgeSvg } from "./badge.server";

export async function credentialForMember(db: Database, user: SessionUser, accreditationId: string) {
  const row = await accreditationWithOrganisation(db, accreditationId);
  if (!row || !can(user, "credential:download", { kind: "organisation", organisationId: row.a.organisationId })) return null;
  // An accreditation granted before credentials existed gets its first one on demand (issued once, row locked).
  let credential = await currentCredential(db, accreditationId);
  if (!credential && (await backfillCredential(db, accreditationId))) credential = await currentCredential(db, accreditationId);
  if (!credential) return null;
  return { accreditation: row.a, organisation: { name: row.organisationName, slug: row.organisationSlug }, credential };
}

type Downloadable = NonNullable<Awaited<ReturnType<typeof credentialForMember>>>;

export function bakedSvg(d: Downloadable): string {
  return bakeSvg(badgeSvg({ provider: d.organisation.name, certificate: d.accreditation.certificateNumber, validUntil: d.accreditation.validUntil }), d.credential.document);
}

let plainPng: Buffer | undefined;
export function bakedPng(d: Downloadable): Buffer {
  plainPng ??= badgePng();
  return bakePng(plainPng, d.credential.document);
}

export async function certificateView(d: Downloadable) {
  const appUrl = config().appUrl;
  const verifyUrl = `${appUrl}/verify/${d.accreditation.certificateNumber}`;
  const badgeUrl = `${appUrl}/badges/${d.accreditation.certificateNumber}.svg`;
  const name = "Accredited Rust training provider";
  return {
    certificateNumber: d.accreditation.certificateNumber,
    organisationName: d.organisation.name,
    validFrom: d.accreditation.validFrom,
    validUntil: d.accreditation.validUntil,
    scope: d.accreditation.scope,
    conditions: d.accreditation.conditions,
    verifyUrl,
    badgeUrl,
    qrSvg: await QRCode.toString(verifyUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
    embedHtml: `<a href="${verifyUrl}"><img src="${badgeUrl}" alt="Rust training accreditation ${d.accreditation.certificateNumber}: current status" height="20"></a>`,
    linkedInUrl: linkedInAddUrl({ name, organizationName: "Rust Training Foundation", validFrom: d.accreditation.validFrom, validUntil: d.accreditation.validUntil, certUrl: verifyUrl, certId: d.accreditation.certificateNumber }),
  };
}

/** The public status badge: what /verify says today, as a tiny SVG. */
export async function statusBadge(db: Database, certificateNumber: string): Promise<string | null> {
  const [row] = await db.select({ status: accreditations.status, validUntil: accreditations.validUntil }).from(accreditations).where(eq(accreditations.certificateNumber, certificateNumber));
  if (!row) return null;
  const status = effectiveStatus(row, isoDate(now()));
  return statusBadgeSvg({ certificate: certificateNumber, status, label: ACCREDITATION_STATUS_LABELS[status] });
}
