import { expect, test } from "vitest";
import { accreditationActions, canStartRenewal, daysUntil, effectiveStatus, formatCertificateNumber, type StoredAccreditationStatus } from "~/domain/accreditation";
import { mayRequestScopeChange } from "~/domain/scope-changes";
import { mayReportMaterialChange } from "~/domain/material-changes";

test("an accreditation reads as expired the day after valid_until, not on it", () => {
  const a = { status: "active" as const, validUntil: "2029-11-24" };
  expect(effectiveStatus(a, "2029-11-24")).toBe("active");
  expect(effectiveStatus(a, "2029-11-25")).toBe("expired");
});

test("revoked stays revoked after expiry; suspended becomes expired", () => {
  expect(effectiveStatus({ status: "revoked", validUntil: "2020-01-01" }, "2026-01-01")).toBe("revoked");
  expect(effectiveStatus({ status: "suspended", validUntil: "2020-01-01" }, "2026-01-01")).toBe("expired");
  expect(effectiveStatus({ status: "suspended", validUntil: "2030-01-01" }, "2026-01-01")).toBe("suspended");
});

test("renewal opens exactly 90 days before expiry", () => {
  const a = { status: "active" as const, validUntil: "2027-03-31" };
  expect(daysUntil(a.validUntil, "2027-01-01")).toBe(89);
  expect(canStartRenewal(a, "2026-12-31")).toBe(true); // 90 days
  expect(canStartRenewal(a, "2026-12-30")).toBe(false); // 91 days
});

test("certificate numbers are zero-padded", () => {
  expect(formatCertificateNumber(2026, 42)).toBe("ACC-2026-0042");
  expect(formatCertificateNumber(2026, 12345)).toBe("ACC-2026-12345");
});

test("what a member may start from an accreditation follows its status today, and only an owner renews (inside the window) or appeals", () => {
  const a = (status: StoredAccreditationStatus, validUntil = "2029-01-01") => ({ status, validUntil });
  const today = "2026-06-01";
  expect(accreditationActions(a("active"), "provider_owner", today)).toEqual(["certificate", "change_scope", "report_change"]);
  expect(accreditationActions(a("active", "2026-08-30"), "provider_owner", today)).toEqual(["certificate", "change_scope", "report_change", "renew"]); // 90 days
  expect(accreditationActions(a("active", "2026-08-30"), "provider_member", today)).toEqual(["certificate", "change_scope", "report_change"]);
  expect(accreditationActions(a("suspended"), "provider_member", today)).toEqual(["report_change"]);
  expect(accreditationActions(a("revoked"), "provider_owner", today)).toEqual(["appeal"]);
  expect(accreditationActions(a("revoked"), "provider_member", today)).toEqual([]);
  expect(accreditationActions(a("superseded"), "provider_owner", today)).toEqual([]);
  expect(accreditationActions(a("active", "2026-05-31"), "provider_owner", today)).toEqual([]); // expired yesterday
  for (const role of ["staff", "reviewer", "board", null] as const) expect(accreditationActions(a("active", "2026-08-30"), role, today)).toEqual([]);
});

test("the services' refusals of a scope change and a material change answer from the same rows as the buttons", () => {
  const today = "2026-06-01";
  for (const status of ["active", "suspended", "revoked", "superseded"] as const)
    for (const role of ["provider_owner", "provider_member", "staff"] as const) {
      const offered = accreditationActions({ status, validUntil: "2029-01-01" }, role, today);
      expect(mayRequestScopeChange(role, status).ok, `${status} ${role}`).toBe(offered.includes("change_scope"));
      expect(mayReportMaterialChange(role, status).ok, `${status} ${role}`).toBe(offered.includes("report_change"));
    }
});
