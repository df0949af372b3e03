import { describe, expect, it } from "vitest";
import {
  countryLabel,
  daysLeftLabel,
  formatBytes,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatScore,
  humanize,
  labelOf,
  languageLabel,
  levelLabel,
  listLabel,
  modeLabel,
  plural,
} from "~/domain/format";
import { DELIVERY_MODE_LABELS as FORM_MODES } from "~/domain/application-forms";
import { DELIVERY_MODE_LABELS as ACCREDITATION_MODES } from "~/domain/accreditation";

describe("one format for dates", () => {
  it("writes a calendar day and an instant the same way, in UTC", () => {
    expect(formatDate("2026-09-16")).toBe("16 September 2026");
    expect(formatDate(new Date("2026-09-16T23:30:00Z"))).toBe("16 September 2026");
    expect(formatDate("2026-09-16T23:30:00.000Z")).toBe("16 September 2026");
  });
  it("never abbreviates a month (en-GB's short style writes 'Sept')", () => {
    for (let m = 1; m <= 12; m++) expect(formatDate(`2026-${String(m).padStart(2, "0")}-01`)).not.toMatch(/\b(Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec)\b/);
  });
  it("writes a moment with a 24-hour time and the zone", () => {
    expect(formatDateTime("2026-02-16T14:05:09Z")).toBe("16 February 2026 at 14:05 UTC");
    expect(formatDateTime("2026-02-16T00:05:00Z")).toMatch(/00:05 UTC$/);
  });
  it("shows a dash for a date that is not one", () => {
    expect(formatDate("not a date")).toBe("—");
    expect(formatDateTime(Number.NaN)).toBe("—");
  });
});

describe("numbers and counted nouns", () => {
  it("groups thousands and rounds percentages", () => {
    expect(formatNumber(12345)).toBe("12,345");
    expect(formatPercent(71.6)).toBe("72%");
    expect(formatPercent(null)).toBe("—");
    expect(formatScore(2.666)).toBe("2.67");
    expect(formatScore(null)).toBe("—");
  });
  it("agrees the noun with the count", () => {
    expect(plural(1, "criterion", "criteria")).toBe("1 criterion");
    expect(plural(2, "criterion", "criteria")).toBe("2 criteria");
    expect(plural(0, "accreditation")).toBe("0 accreditations");
    expect(plural(1, "accreditation")).toBe("1 accreditation");
    expect(plural(1500, "provider")).toBe("1,500 providers");
  });
  it("writes sizes and time left in words", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(daysLeftLabel(1)).toBe("1 day left");
    expect(daysLeftLabel(0)).toBe("0 days left");
    expect(daysLeftLabel(-3)).toBe("expired 3 days ago");
  });
});

describe("enum labels", () => {
  it("names delivery modes, levels, languages and countries in words", () => {
    expect(modeLabel("online_live")).toBe("Online, live");
    expect(levelLabel("intermediate")).toBe("Intermediate");
    expect(languageLabel("en")).toBe("English");
    expect(languageLabel("Deutsch")).toBe("Deutsch");
    expect(countryLabel("DE")).toBe("Germany");
    expect(listLabel(["online_live", "in_person"], modeLabel)).toBe("Online, live, In person");
    expect(listLabel([], modeLabel)).toBe("—");
  });
  it("turns a value no table names into words instead of showing it raw", () => {
    expect(modeLabel("blended_learning")).toBe("Blended learning");
    expect(humanize("changes_requested")).toBe("Changes requested");
    expect(labelOf({ a: "Alpha" }, "a")).toBe("Alpha");
    expect(labelOf({ a: "Alpha" }, "toString")).toBe("ToString");
  });
  it("has one delivery-mode table, shared by forms and accreditations", () => {
    expect(FORM_MODES).toBe(ACCREDITATION_MODES);
  });
});
