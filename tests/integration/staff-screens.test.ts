/**
 * Staff screens (issue 17): the decision form has no default outcome, so the server refuses a decision sent
 * without one, with the message next to the field and what was typed kept.
 */
import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { decisions } from "../../db/schema";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import * as decisionRoute from "~/routes/admin.applications.$id.decision";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";

test("a decision sent with no outcome chosen is refused next to the outcome field, and the rationale typed is kept", async () => {
  const app = await createAwaitingDecision({ reviews: [{ CUR: 3, TRN: 3, QA: 2 }, { CUR: 4, TRN: 2, QA: 3 }] });
  const board = await createBoard(3);
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const staff = await createStaff();
  const path = `/admin/applications/${app.application.id}/decision`;
  const params = { id: app.application.id };

  const view = payloadOf<{ tally: { majority: string | null } }>(await callLoader(decisionRoute.loader, getRequest(path, staff.cookie), params));
  expect(view.tally.majority, "the majority is shown as a hint, not chosen for staff").toBe("accredited");

  const refused = await callAction(decisionRoute.action, postRequest(path, { conditions: "", rationale: "Met on 12 March.", meetingReference: "BM-12" }, staff.cookie), params);
  expect(statusOf(refused)).toBe(400);
  const body = payloadOf<{ errors: Record<string, string>; values: Record<string, unknown> }>(refused);
  expect(body.errors.outcome).toBe("Choose the outcome");
  expect(body.values.rationale).toBe("Met on 12 March.");
  expect(await db.select().from(decisions).where(eq(decisions.applicationId, app.application.id))).toHaveLength(0);
});
