/** `npm start` runs the web server with the V8 flags the bench and the browser tests use (decision 064). */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.mjs";

const root = path.resolve(__dirname, "../..");

describe("the server's node flags", () => {
  it("are the ones `npm start` passes", () => {
    const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(" ")} scripts/start.mjs`);
  });

  it("are accepted by this node", () => {
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "process.stdout.write('ok')"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("ok");
    const refused = spawnSync(process.execPath, ["--max-semi-space-sise=64", "-e", ""], { encoding: "utf8" });
    expect(refused.status).not.toBe(0);
  });
});
