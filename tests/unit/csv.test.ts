import { expect, test } from "vitest";
import { csvCell, toCsv } from "~/domain/csv";

test("cells a spreadsheet would run as a formula are neutralised with an apostrophe", () => {
  expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
  expect(csvCell("+1")).toBe("'+1");
  expect(csvCell("-2")).toBe("'-2");
  expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  expect(csvCell("\tx")).toBe("'\tx");
  expect(csvCell("\rx")).toBe(`"'\rx"`);
  expect(csvCell("Ferris Academy")).toBe("Ferris Academy");
});

test("quotes, commas and line breaks are quoted; rows end with CRLF", () => {
  expect(toCsv(["a", "b"], [["x, y", 'say "hi"'], [null, 3]])).toBe(`a,b\r\n"x, y","say ""hi"""\r\n,3\r\n`);
  expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
});
