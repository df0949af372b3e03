/**
 * A listed provider's public-profile change, proposed by the provider and reviewed by staff. The fields the
 * directory shows of a listed provider (public name, description, website) change only this way.
 */
import { z } from "zod";
import { organisationProfileFields } from "./application-forms";
import { longText, uuid } from "./forms";

export const PUBLIC_PROFILE_FIELDS = { displayName: "public name", description: "description", website: "website" } as const;
export type PublicProfile = { displayName: string; description: string; website: string | null };

export const proposeProfileChangeSchema = z.object({
  displayName: organisationProfileFields.displayName,
  description: organisationProfileFields.description,
  website: organisationProfileFields.website,
});

export const decideProfileChangeSchema = z
  .object({
    intent: z.enum(["approve", "reject"], { errorMap: () => ({ message: "Choose approve or reject" }) }),
    id: uuid("the profile change"),
    reason: longText("the reason", { max: 2000 }),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "reject" && v.reason.trim() === "") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reason"], message: "Say why the change is rejected: the provider reads it" });
  });

/** The public fields a proposal changes, by field: empty when it changes nothing. */
export function changedFields(current: PublicProfile, proposed: PublicProfile): (keyof PublicProfile)[] {
  return (Object.keys(PUBLIC_PROFILE_FIELDS) as (keyof PublicProfile)[]).filter((f) => (current[f] || null) !== (proposed[f] || null));
}
