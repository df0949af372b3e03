// Start the built app as `npm start` would, on a fresh embedded database, and check the first pages answer.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "../server/node-flags.mjs";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-smoke-"));
const port = 3200;
const started = Date.now();
const child = spawn("node", [...SERVER_NODE_FLAGS, "scripts/start.mjs"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", RESEND_API_KEY: "" },
});
let out = "";
child.stdout.on("data", (d) => {
  out += d;
  process.stdout.write(d);
});

async function get(p, headers = {}, at = port) {
  const res = await fetch(`http://127.0.0.1:${at}${p}`, { redirect: "manual", headers });
  return { status: res.status, body: await res.text(), cache: res.headers.get("x-cache") };
}

function check(label, ok) {
  console.log(`smoke: ${label} ${ok ? "ok" : "FAILED"}`);
  if (!ok) failed = true;
}

let failed = false;

/**
 * The same build with a Resend key, as in production: the development mailbox must not exist. The worker is
 * off and the key is never used, so nothing is sent anywhere.
 */
async function productionWithResend() {
  const at = port + 1;
  const server = spawn("node", [...SERVER_NODE_FLAGS, "server.mjs"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(at), DATA_DIR: dataDir + "-prod", DATABASE_URL: "", RESEND_API_KEY: "re_smoke_never_used", RESEND_BASE_URL: "http://127.0.0.1:9", EMAIL_WORKER: "off", DEV_MAILBOX: "" },
  });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  try {
    const deadline = Date.now() + 90_000;
    while (!log.includes("ready at")) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`production server did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    check("production with Resend: GET /dev/mailbox → 404", (await get("/dev/mailbox", {}, at)).status === 404);
    check("production with Resend: GET /dev/mailbox/anything → 404", (await get("/dev/mailbox/00000000-0000-0000-0000-000000000000", {}, at)).status === 404);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
    rmSync(dataDir + "-prod", { recursive: true, force: true });
  }
}
try {
  const deadline = Date.now() + 90_000;
  while (!out.includes("ready at")) {
    if (Date.now() > deadline) throw new Error("server did not start within 90 s");
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`smoke: ready after ${Date.now() - started} ms`);
  for (const [p, expected, text] of [
    ["/", 200, "Rust"],
    ["/login", 200, "Log in"],
    ["/providers", 200, "provider"],
    ["/verify", 200, "Verify"],
    ["/competencies", 200, "Competency"],
  ]) {
    const { status, body } = await get(p);
    check(`GET ${p} → ${status}`, status === expected && body.includes(text));
  }
  // The origin page cache (decision 010): a second anonymous request is a hit; a signed-in one never is.
  await get("/providers?q=rust");
  check("page cache hit on a repeated anonymous search", (await get("/providers?q=rust")).cache === "hit");
  check("page cache bypassed with a session cookie", (await get("/providers?q=rust", { cookie: "session=x" })).cache === null);
  await productionWithResend();
} catch (error) {
  console.error(`smoke: ${error.message}`);
  failed = true;
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
