import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { recordDecision } from "~/services/board-decision.server";
import { changeAccreditationStatus } from "~/services/accreditations.server";
import { unbakePng, unbakeSvg } from "~/services/badge.server";
import * as credentialRoute from "~/routes/provider.accreditations.$id.credential[.]json";
import * as svgRoute from "~/routes/provider.accreditations.$id.badge[.]svg";
import * as pngRoute from "~/routes/provider.accreditations.$id.badge[.]png";
import * as statusBadgeRoute from "~/routes/badges.$badge";
import * as verifyPage from "~/routes/verify._index";
import * as verifyApi from "~/routes/api.v1.credentials.verify";
import { accreditations } from "../../db/schema";
import { createSession } from "~/services/sessions.server";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import { verifyAsThirdParty } from "../support/third-party-verifier";
import { blockNetwork } from "../support/no-network";

blockNetwork();

async function accredited() {
  const app = await createAwaitingDecision();
  for (const m of await createBoard(3)) await castVoteRow(app.application.id, m.user.id, "approve");
  const staff = await createStaff();
  const decided = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "B" });
  if (!decided.ok) throw new Error(decided.message);
  const [acc] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  const cookie = `session=${(await createSession(db, app.owner.user.id)).token}`;
  return { acc, staff, cookie };
}

async function download(route: typeof credentialRoute, path: string, id: string, cookie: string) {
  const response = (await callLoader(route.loader, getRequest(path, cookie), { id })) as Response;
  expect(response.status).toBe(200);
  return response;
}

test("the baked SVG and PNG give back the signed credential, which verifies; the status badge follows the status", async () => {
  const { acc, staff, cookie } = await accredited();
  const json = await (await download(credentialRoute, `/provider/accreditations/${acc.id}/credential.json`, acc.id, cookie)).text();
  const svg = await (await download(svgRoute, `/provider/accreditations/${acc.id}/badge.svg`, acc.id, cookie)).text();
  const png = new Uint8Array(await (await download(pngRoute, `/provider/accreditations/${acc.id}/badge.png`, acc.id, cookie)).arrayBuffer());
  expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
  expect(JSON.parse(unbakeSvg(svg) ?? "null")).toEqual(JSON.parse(json));
  expect(JSON.parse(unbakePng(png) ?? "null")).toEqual(JSON.parse(json));
  expect((await verifyAsThirdParty(JSON.parse(unbakePng(png) ?? "{}"))).verified).toBe(true);
  expect((await verifyAsThirdParty(JSON.parse(unbakeSvg(svg) ?? "{}"))).verified).toBe(true);

  // Upload each to /verify as a visitor: every check passes.
  for (const file of [new File([svg], "badge.svg", { type: "image/svg+xml" }), new File([png], "badge.png", { type: "image/png" }), new File([json], "c.json")]) {
    const form = new FormData();
    form.append("file", file);
    const result = await callAction(verifyPage.action, postRequest("/verify", form));
    expect(statusOf(result)).toBe(200);
    const report = payloadOf<{ report: { verified: boolean; checks: { ok: boolean }[] } }>(result).report;
    expect(report.verified).toBe(true);
    expect(report.checks.every((c) => c.ok)).toBe(true);
  }

  const badge = async () => (await callLoader(statusBadgeRoute.loader, getRequest(`/badges/${acc.certificateNumber}.svg`), { badge: `${acc.certificateNumber}.svg` })) as Response;
  const active = await badge();
  expect(active.headers.get("Cache-Control")).toMatch(/public/);
  expect(await active.text()).toContain("Active");
  await changeAccreditationStatus(db, staff.sessionUser, acc.id, "suspend", "Investigation");
  expect(await (await badge()).text()).toContain("Suspended");
  // A suspended accreditation has no live credential to hand out.
  expect(((await callLoader(credentialRoute.loader, getRequest(`/x`, cookie), { id: acc.id })) as Response).status).toBe(404);
});

test("garbage, oversized and unsigned input at /verify gets a clear message and a 4xx", async () => {
  const { acc, cookie } = await accredited();
  const json = await (await download(credentialRoute, `/provider/accreditations/${acc.id}/credential.json`, acc.id, cookie)).text();
  const unsigned = JSON.stringify({ ...JSON.parse(json), proof: undefined });
  const cases: [string, string | File, number, RegExp][] = [
    ["credential", "", 400, /Paste a credential/],
    ["credential", "hello, is this a badge?", 400, /not JSON/],
    ["credential", "[1,2,3]", 400, /JSON object/],
    ["credential", unsigned, 400, /unsigned/],
    ["file", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], "x.png"), 400, /no Open Badges credential/],
    ["file", new File(["<svg xmlns='http://www.w3.org/2000/svg'></svg>"], "x.svg"), 400, /no Open Badges credential/],
    ["file", new File([new Uint8Array(1_100_000)], "big.json"), 413, /too large/],
  ];
  for (const [field, value, status, message] of cases) {
    const form = new FormData();
    form.append(field, value);
    const result = await callAction(verifyPage.action, postRequest("/verify", form));
    expect(statusOf(result), String(message)).toBe(status);
    expect(payloadOf<{ error: string }>(result).error).toMatch(message);
  }
  const api = async (body: BodyInit) => (await callAction(verifyApi.action, new Request("http://localhost:3000/api/v1/credentials/verify", { method: "POST", body }))) as Response;
  expect((await api("garbage")).status).toBe(400);
  expect((await api(unsigned)).status).toBe(400);
  const fine = await api(json);
  expect(fine.status).toBe(200);
  expect(await fine.json()).toMatchObject({ verified: true });
  const tampered = await api(json.replace(/"validUntil": "[^"]+"/, '"validUntil": "2099-01-01T00:00:00Z"'));
  expect(tampered.status).toBe(200);
  expect(await tampered.json()).toMatchObject({ verified: false });
});
