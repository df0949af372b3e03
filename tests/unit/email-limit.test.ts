import { expect, it } from "vitest";
import { MAX_VERIFICATION_EMAILS_PER_HOUR, minutesUntilAnotherEmail } from "~/domain/email-limit";

const at = new Date("2026-12-04T12:00:00Z");
const minutesAgo = (m: number) => new Date(at.getTime() - m * 60_000);

it("lets an email go while fewer than the limit went in the last hour, then says when the oldest of them leaves it", () => {
  expect(MAX_VERIFICATION_EMAILS_PER_HOUR).toBe(3);
  expect(minutesUntilAnotherEmail([], at)).toBeNull();
  expect(minutesUntilAnotherEmail([minutesAgo(10), minutesAgo(5)], at)).toBeNull();
  // Three in the hour, in any order: the one sent 50 minutes ago leaves the window in 10 minutes.
  expect(minutesUntilAnotherEmail([minutesAgo(5), minutesAgo(50), minutesAgo(20)], at)).toBe(10);
  // Older ones do not count.
  expect(minutesUntilAnotherEmail([minutesAgo(61), minutesAgo(90), minutesAgo(5), minutesAgo(20)], at)).toBeNull();
  // Four in the hour: another may go when the second oldest leaves, and never "in 0 minutes".
  expect(minutesUntilAnotherEmail([minutesAgo(59.99), minutesAgo(59.995), minutesAgo(30), minutesAgo(1)], at)).toBe(1);
});
