import { expect, test } from "vitest";
import { z } from "zod";
import { longText, parseForm, text } from "~/domain/forms";

const schema = z.object({ name: text("the display name", { max: 120 }), notes: longText("notes") });
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};

test("single-line fields refuse CR, LF, tabs and Unicode line separators with a message next to the field", () => {
  for (const name of ["Ferris\r\nBcc: victim@example.org", "Ferris\nAcademy", "Ferris\rAcademy", "Ferris\tAcademy", "Ferris\u2028Academy", "Ferris\u0085Academy"]) {
    const parsed = parseForm(form({ name, notes: "" }), schema);
    expect(parsed.success, JSON.stringify(name)).toBe(false);
    if (!parsed.success) expect(parsed.errors.name).toBe("Display name must be one line, without line breaks or control characters");
  }
  const ok = parseForm(form({ name: "  Ferris Academy  ", notes: "line one\r\nline two" }), schema);
  expect(ok.success && ok.data).toEqual({ name: "Ferris Academy", notes: "line one\nline two" });
});
