import type { FieldValues, UseFormRegister } from "react-hook-form";
import { InputField, TextAreaField } from "~/components/form";

type FormLike = { register: UseFormRegister<FieldValues>; errorFor: (name: string) => string | undefined };

/** The organisation profile inputs, shared by "create an organisation" and the application's organisation section. */
export function OrganisationFields({ form, withSlug = false }: { form: FormLike; withSlug?: boolean }) {
  return (
    <>
      <InputField form={form} name="displayName" label="Display name" hint="How learners know you, e.g. Ferris Training" type="text" autoComplete="organization" />
      <InputField form={form} name="legalName" label="Legal name" hint="As registered, e.g. Ferris Training GmbH" type="text" />
      {withSlug ? (
        <InputField form={form} name="slug" label="Address name" hint="Your public profile lives at /providers/your-name: lowercase letters, digits and hyphens" type="text" autoCapitalize="none" spellCheck={false} />
      ) : null}
      <InputField form={form} name="website" label="Website (optional)" type="url" placeholder="https://" />
      <InputField form={form} name="country" label="Country" hint="Two-letter code of the country you are based in, e.g. DE, GB, US" type="text" maxLength={2} autoComplete="country" style={{ maxWidth: "6rem" }} />
      <TextAreaField form={form} name="description" label="Description" hint="What you teach and to whom; shown on your public profile once accredited" rows={5} />
      <InputField form={form} name="contactEmail" label="Contact email" hint="Where the foundation and learners reach you" type="email" autoComplete="email" />
    </>
  );
}
