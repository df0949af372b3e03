import { expect, test } from "vitest";
import { canStartRenewal, daysUntil, effectiveStatus, formatCertificateNumber } from "~/domain/accreditation";

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
