import type { FieldValues, UseFormRegister } from "react-hook-form";
import { Field } from "~/components/form";

type FormLike = { register: UseFormRegister<FieldValues>; errorFor: (name: string) => string | undefined };

/** The organisation profile inputs, shared by "create an organisation" and the application's organisation section. */
export function OrganisationFields({ form, withSlug = false }: { form: FormLike; withSlug?: boolean }) {
  return (
    <>
      <Field id="displayName" label="Display name" hint="How learners know you, e.g. Ferris Training" error={form.errorFor("displayName")}>
        {(p) => <input {...p} {...form.register("displayName")} type="text" autoComplete="organization" />}
      </Field>
      <Field id="legalName" label="Legal name" hint="As registered, e.g. Ferris Training GmbH" error={form.errorFor("legalName")}>
        {(p) => <input {...p} {...form.register("legalName")} type="text" />}
      </Field>
      {withSlug ? (
        <Field id="slug" label="Address name" hint="Your public profile lives at /providers/your-name: lowercase letters, digits and hyphens" error={form.errorFor("slug")}>
          {(p) => <input {...p} {...form.register("slug")} type="text" autoCapitalize="none" spellCheck={false} />}
        </Field>
      ) : null}
      <Field id="website" label="Website (optional)" error={form.errorFor("website")}>
        {(p) => <input {...p} {...form.register("website")} type="url" placeholder="https://" />}
      </Field>
      <Field id="country" label="Country" hint="Two-letter code of the country you are based in, e.g. DE, GB, US" error={form.errorFor("country")}>
        {(p) => <input {...p} {...form.register("country")} type="text" maxLength={2} autoComplete="country" style={{ maxWidth: "6rem" }} />}
      </Field>
      <Field id="description" label="Description" hint="What you teach and to whom; shown on your public profile once accredited" error={form.errorFor("description")}>
        {(p) => <textarea {...p} {...form.register("description")} rows={5} />}
      </Field>
      <Field id="contactEmail" label="Contact email" hint="Where the foundation and learners reach you" error={form.errorFor("contactEmail")}>
        {(p) => <input {...p} {...form.register("contactEmail")} type="email" autoComplete="email" />}
      </Field>
    </>
  );
}
