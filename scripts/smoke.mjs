// Start the built app as `npm start` would, on a fresh embedded database, and check the first pages answer.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-smoke-"));
const port = 3200;
const started = Date.now();
const child = spawn("node", ["scripts/start.mjs"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", RESEND_API_KEY: "" },
});
let out = "";
child.stdout.on("data", (d) => {
  out += d;
  process.stdout.write(d);
});

async function get(p) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

let failed = false;
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
    const ok = status === expected && body.includes(text);
    console.log(`smoke: GET ${p} → ${status} ${ok ? "ok" : "FAILED"}`);
    if (!ok) failed = true;
  }
} catch (error) {
  console.error(`smoke: ${error.message}`);
  failed = true;
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
