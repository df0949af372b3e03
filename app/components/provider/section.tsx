import { useSearchParams } from "@remix-run/react";

/** "Saved" after a successful post-redirect-get, announced politely to screen readers. */
export function SavedNotice() {
  const [params] = useSearchParams();
  if (!params.get("saved")) return null;
  return (
    <p className="alert success" role="status">
      Saved.
    </p>
  );
}

/** Shown instead of the forms once the application is with the foundation. */
export function ReadOnlyNotice({ editable }: { editable: boolean }) {
  if (editable) return null;
  return <p className="alert info">This application is with the foundation, so it cannot be edited now. You can edit it again if changes are requested.</p>;
}

/** Which form on a page an action's answer belongs to (pages have one form per trainer, course, module…). */
export function answerFor<T extends { formId?: string }>(answer: T | undefined, formId: string): T | undefined {
  return answer?.formId === formId ? answer : undefined;
}
