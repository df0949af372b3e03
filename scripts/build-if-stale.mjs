// The production build, made when it is missing or older than the sources. `npm install` runs it (postinstall), so
// `npm start` finds the app built; `npm start` and the tests that start the real server run it again in case the
// sources changed since. Run directly: `node scripts/build-if-stale.mjs`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The newest modification time of a file, or of the files below a folder (0 when it does not exist). */
function newestIn(p) {
  if (!existsSync(p)) return 0;
  if (!statSync(p).isDirectory()) return statSync(p).mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestIn(path.join(p, name))));
}

/** Builds when needed; `quiet` keeps the build's output off the console (tests). Throws when the build fails. */
export function buildIfStale({ quiet = false } = {}) {
  const at = (p) => path.join(root, p);
  const builtAt = existsSync(at("build/server/index.js")) ? statSync(at("build/server/index.js")).mtimeMs : 0;
  const sourcesAt = Math.max(...["app", "db", "emails", "public", "vite.config.ts"].map((p) => newestIn(at(p))));
  if (sourcesAt <= builtAt) return false;
  if (!quiet) console.log(builtAt ? "Sources changed since the last build: rebuilding…" : "Building the app…");
  // Always a production build: a NODE_ENV=development (or vitest's test) left in the environment would ship React's
  // development build.
  const r = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: quiet ? "ignore" : "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) throw new Error("npx remix vite:build failed");
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildIfStale();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
