import { ScopeTable } from "~/components/scope-table";
import { MATERIAL_CHANGE_KIND_LABELS } from "~/domain/material-changes";
import type { ExtensionContext } from "~/domain/scope-changes";

/**
 * What an extension (decision 039) or a delta review (decision 045) puts under review and what it does not:
 * the course(s) of this application are assessed; the rest of the accredited scope is listed for context
 * only and is not scored again.
 */
export function ExtensionNotice({ extension, audience }: { extension: ExtensionContext; audience: "reviewer" | "provider" }) {
  const delta = extension.delta;
  return (
    <section className="card stack" aria-labelledby="extension-heading">
      <h2 id="extension-heading">
        {delta ? "Delta review" : "Scope extension"} of certificate {extension.certificateNumber}
      </h2>
      {delta ? <DeltaIntro delta={delta} audience={audience} /> : null}
      <p>
        {delta
          ? audience === "reviewer"
            ? "Score only the revised course(s) of this application: their modules, mapping and coverage below. "
            : "Revise only the course(s) in this application: their modules, mapping, languages and delivery modes. "
          : audience === "reviewer"
            ? "Score only the new course(s) of this application: their modules, mapping and coverage below. "
            : "Add only the new course(s): their modules, mapping, languages and delivery modes. "}
        What else {extension.organisationName} holds is accredited and <strong>not under review</strong>
        {extension.frameworkTitle ? `; map the course(s) to ${extension.frameworkTitle}, like the rest of the scope` : ""}.
      </p>
      <details>
        <summary>Already accredited — not under review ({extension.accredited.length} combinations)</summary>
        <ScopeTable scope={extension.accredited} caption="Already accredited — not under review" />
      </details>
    </section>
  );
}

function DeltaIntro({ delta, audience }: { delta: NonNullable<ExtensionContext["delta"]>; audience: "reviewer" | "provider" }) {
  const kind = MATERIAL_CHANGE_KIND_LABELS[delta.changeKind];
  return (
    <>
      <p>
        The programme team opened this review on a reported material change ({kind.toLowerCase()}). If the board accredits it, the revised course(s)
        replace the accredited combinations below; if not, the accreditation keeps its scope as it is.
        {audience === "provider" ? " Upload the revised syllabus, then sign and submit." : ""}
      </p>
      {delta.description ? <p className="prewrap">Reported: {delta.description}</p> : null}
      <ScopeTable scope={delta.revising} caption="Accredited today — replaced by this review's courses" />
    </>
  );
}
