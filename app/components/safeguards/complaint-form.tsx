import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/domain/forms";
import { ErrorSummary, Field } from "~/components/form";

type Values = Record<string, unknown> | undefined;
const str = (values: Values, key: string) => (typeof values?.[key] === "string" ? (values[key] as string) : "");

/**
 * The public complaint form: no account, no JavaScript needed, no third-party captcha. Its hidden
 * `website` field is a honeypot (people never see or fill it), and `formToken` is the server-signed
 * moment the form was shown. It always posts to /complaints/new, which shows errors next to the fields.
 */
export function ComplaintForm({
  provider,
  providerName,
  formToken,
  errors,
  values,
  headingLevel = 2,
}: {
  provider: string;
  providerName: string;
  formToken: string;
  errors?: FieldErrors | null;
  values?: Values;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const error = (name: string) => errors?.[name];
  return (
    <Form
      method="post"
      // The provider rides in the URL too: a refused post re-renders /complaints/new, whose loader needs it.
      action={`/complaints/new?provider=${encodeURIComponent(provider)}`}
      className="card stack" noValidate aria-labelledby="complaint-heading">
      <Heading id="complaint-heading">Complain about {providerName}</Heading>
      <p className="small">
        The foundation investigates complaints about accredited providers. No account is needed: we email you a link to confirm, and the same link shows
        your complaint&apos;s progress. The provider does not learn who you are unless you agree below.
      </p>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="provider" value={provider} />
      <input type="hidden" name="formToken" value={formToken} />
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="complaint-website">Leave this field empty</label>
        <input id="complaint-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <Field id="complaint-name" label="Your name" error={error("name")}>
        {(control) => <input {...control} name="name" autoComplete="name" defaultValue={str(values, "name")} />}
      </Field>
      <Field id="complaint-email" label="Your email address" hint="We send the confirmation link here." error={error("email")}>
        {(control) => <input {...control} name="email" type="email" autoComplete="email" defaultValue={str(values, "email")} />}
      </Field>
      <Field id="complaint-details" label="What happened" hint="When, which course, what went wrong. At least 20 characters." error={error("details")}>
        {(control) => <textarea {...control} name="details" rows={6} defaultValue={str(values, "details")} />}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" name="consent" defaultChecked={values?.consent === "on"} /> The provider may see my name and email address
        </label>
      </div>
      <Field id="complaint-truthful" label="Declaration" error={error("truthful")}>
        {(control) => (
          <label>
            <input {...control} type="checkbox" name="truthful" defaultChecked={values?.truthful === "on"} /> What I wrote is true to the best of my knowledge
          </label>
        )}
      </Field>
      <button type="submit">Send complaint</button>
    </Form>
  );
}
