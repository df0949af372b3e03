// `npm start`: build when the build is missing or older than the sources, then serve the built app.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const builtAt = existsSync("build/server/index.js") ? statSync("build/server/index.js").mtimeMs : 0;

function newestIn(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestIn(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

const sourcesAt = Math.max(newestIn("app"), newestIn("db"), newestIn("emails"), newestIn("public"), statSync("vite.config.ts").mtimeMs);
if (sourcesAt > builtAt) {
  console.log(builtAt ? "Sources changed since the last build: rebuilding…" : "First start: building the app…");
  // Always a production build: a NODE_ENV=development left in the shell would ship React's development build.
  const r = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

process.env.NODE_ENV = "production";
// Whether mail goes to the local mailbox, and whether the demo is seeded, is decided by app/config.server.ts:
// by itself only for the embedded database on a loopback HOST (SECURITY.md, deployment checklist).
await import("../server.mjs");
