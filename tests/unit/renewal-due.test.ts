import { expect, test } from "vitest";
import { renewalDue } from "~/domain/accreditation";

const acc = (id: string, daysLeft: number, status = "active") => ({ id, daysLeft, status });

test("the renewal banner lists accreditations in force expiring within 90 days, without an open renewal", () => {
  const list = [acc("a", 75), acc("b", 91), acc("c", 90), acc("d", 0), acc("e", -1), acc("f", 30, "suspended"), acc("g", 10), acc("h", 20)];
  const applications = [
    { renewsAccreditationId: "g", status: "submitted" },
    { renewsAccreditationId: "h", status: "withdrawn" },
    { renewsAccreditationId: null, status: "draft" },
  ];
  expect(renewalDue(list, applications).map((a) => a.id)).toEqual(["a", "c", "d", "h"]);
});
