import { ScopeTable } from "~/components/scope-changes";
import type { ExtensionContext } from "~/domain/scope-changes";

/**
 * What an extension (decision 039) puts under review and what it does not: the new course(s) of this
 * application are assessed; the accredited scope is listed for context only and is not scored again.
 */
export function ExtensionNotice({ extension, audience }: { extension: ExtensionContext; audience: "reviewer" | "provider" }) {
  return (
    <section className="card stack" aria-labelledby="extension-heading">
      <h2 id="extension-heading">Scope extension of certificate {extension.certificateNumber}</h2>
      <p>
        {audience === "reviewer"
          ? "Score only the new course(s) of this application: their modules, mapping and coverage below. "
          : "Add only the new course(s): their modules, mapping, languages and delivery modes. "}
        What {extension.organisationName} already holds is accredited and <strong>not under review</strong>
        {extension.frameworkTitle ? `; map the new course(s) to ${extension.frameworkTitle}, like the rest of the scope` : ""}.
      </p>
      <details>
        <summary>Already accredited — not under review ({extension.accredited.length} combinations)</summary>
        <ScopeTable scope={extension.accredited} caption="Already accredited — not under review" />
      </details>
    </section>
  );
}
