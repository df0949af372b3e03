import { expect, test } from "vitest";
import { dueReminder, scopeFromCourses, validityFrom } from "~/domain/accreditation";

test("valid until the day before the anniversary, leap days included", () => {
  expect(validityFrom("2026-03-10", 3)).toEqual({ validFrom: "2026-03-10", validUntil: "2029-03-09" });
  expect(validityFrom("2028-02-29", 3)).toEqual({ validFrom: "2028-02-29", validUntil: "2031-02-28" });
  expect(validityFrom("2026-01-01", 1).validUntil).toBe("2026-12-31");
});

test("scope is every course × language × delivery mode", () => {
  const scope = scopeFromCourses([
    { id: "c1", title: "Rust basics", level: "foundation", languages: ["en", "de"], deliveryModes: ["in_person", "online_live"] },
    { id: "c2", title: "Async Rust", level: "advanced", languages: ["en"], deliveryModes: ["self_paced"] },
  ]);
  expect(scope).toHaveLength(5);
  expect(scope).toContainEqual({ courseId: "c1", courseTitle: "Rust basics", level: "foundation", language: "de", mode: "online_live" });
});

test("the reminder due is the nearest threshold reached; none after expiry", () => {
  const until = "2027-03-31";
  expect(dueReminder(until, "2026-12-30")).toBeNull(); // 91 days
  expect(dueReminder(until, "2026-12-31")).toBe(90);
  expect(dueReminder(until, "2027-02-14")).toBe(45);
  expect(dueReminder(until, "2027-02-20")).toBe(45); // 39 days: the 90-day one is not sent late
  expect(dueReminder(until, "2027-03-01")).toBe(30);
  expect(dueReminder(until, "2027-03-31")).toBe(30);
  expect(dueReminder(until, "2027-04-01")).toBeNull();
});
