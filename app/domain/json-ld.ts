/**
 * schema.org JSON-LD of a provider profile. Typed with schema-dts (the schema.org vocabulary as
 * TypeScript types): a property outside its type's domain — e.g. `validFrom` on
 * EducationalOccupationalCredential, which schema.org gives only to Certification, Offer, Permit and
 * others — fails the typecheck instead of reaching search engines.
 */
import type { Course, EducationalOccupationalCredential, EducationalOrganization, ItemList } from "schema-dts";
import { publicModeWords } from "./directory";

export type JsonLdCourse = {
  id: string;
  title: string;
  description: string;
  level: string;
  hours: number;
  languages: string[];
  /** The portal's delivery modes (stored words); the JSON-LD says them in the public vocabulary. */
  modes: string[];
  competencies: { code: string; title: string }[];
};

export type JsonLdProfile = {
  slug: string;
  name: string;
  legalName: string;
  description: string;
  website: string | null;
  contactEmail: string | null;
  country: string | null;
  frameworkId: string | null;
  accreditations: { certificate: string; validFrom: string; validUntil: string }[];
  courses: JsonLdCourse[];
};

/** ISO 8601 duration from one date to another, both days included: whole years when it is, else months, else days. */
function validityDuration(from: string, until: string): string {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) + (b.getUTCDate() >= a.getUTCDate() ? 0 : -1);
  if (months > 0 && months % 12 === 0) return `P${months / 12}Y`;
  if (months > 0) return `P${months}M`;
  return `P${Math.max(1, Math.round((b.getTime() - a.getTime()) / 86_400_000))}D`;
}

type Node = EducationalOrganization | Course | ItemList;

/** The organisation with its accreditations as credentials, each course at the top level, and a list of 3+ courses. */
export function profileJsonLd(p: JsonLdProfile, base: string): { "@context": "https://schema.org"; "@graph": Node[] } {
  const orgId = `${base}/providers/${p.slug}#organisation`;
  const termSet = p.frameworkId ? `${base}/ims/case/v1p1/CFDocuments/${p.frameworkId}` : `${base}/competencies`;
  const credentials: EducationalOccupationalCredential[] = p.accreditations.map((a) => ({
    "@type": "EducationalOccupationalCredential",
    name: `Rust training accreditation ${a.certificate}`,
    identifier: a.certificate,
    credentialCategory: "accreditation",
    url: `${base}/verify/${a.certificate}`,
    // The credential's own properties carry its validity: how long it lasts, and when it ends (CreativeWork.expires).
    validFor: validityDuration(a.validFrom, a.validUntil),
    dateCreated: a.validFrom,
    expires: a.validUntil,
    recognizedBy: { "@type": "Organization", name: "Rust training foundation", url: `${base}/` },
  }));
  const organisation: EducationalOrganization = {
    "@type": "EducationalOrganization",
    "@id": orgId,
    name: p.name,
    legalName: p.legalName,
    ...(p.description ? { description: p.description } : {}),
    url: p.website ?? `${base}/providers/${p.slug}`,
    ...(p.contactEmail ? { email: p.contactEmail } : {}),
    ...(p.country ? { address: { "@type": "PostalAddress", addressCountry: p.country } } : {}),
    hasCredential: credentials,
  };
  const courses = p.courses.map((c) => {
    const id = `${base}/providers/${p.slug}#course-${c.id}`;
    const course: Course = {
      "@type": "Course",
      "@id": id,
      url: id,
      name: c.title,
      description: c.description || c.title,
      educationalLevel: c.level,
      inLanguage: c.languages,
      provider: { "@id": orgId },
      hasCourseInstance: c.modes.map((m) => ({
        "@type": "CourseInstance",
        courseMode: publicModeWords(m),
        courseWorkload: `PT${Math.round(c.hours)}H`,
      })),
      teaches: c.competencies.map((t) => ({ "@type": "DefinedTerm", termCode: t.code, name: t.title, inDefinedTermSet: termSet })),
    };
    return { id, course };
  });
  // A list of three or more courses is also given as an ItemList (schema.org's course list), pointing at them.
  const list: ItemList[] =
    courses.length >= 3
      ? [
          {
            "@type": "ItemList",
            name: `Accredited courses of ${p.name}`,
            numberOfItems: courses.length,
            itemListElement: courses.map(({ id }, i) => ({ "@type": "ListItem", position: i + 1, url: id, item: { "@id": id } })),
          },
        ]
      : [];
  return { "@context": "https://schema.org", "@graph": [organisation, ...courses.map((c) => c.course), ...list] };
}
