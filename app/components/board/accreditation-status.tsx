import { ACCREDITATION_STATUS_LABELS, type EffectiveAccreditationStatus } from "~/domain/accreditation";

export function AccreditationStatusBadge({ status }: { status: EffectiveAccreditationStatus }) {
  return <span className={`badge ${status}`}>{ACCREDITATION_STATUS_LABELS[status]}</span>;
}
