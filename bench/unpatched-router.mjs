// Preloaded (`node --import`) by `npm run bench` for its "router patch off" phase only (decision 016): every
// load of @remix-run/router's Node build, by name or by its path, gets an unpatched copy written by the bench
// (reverse-applying patches/@remix-run+router+*.patch), so one run measures the server with and without it.
import Module, { createRequire } from "node:module";
import path from "node:path";

const unpatched = process.env.BENCH_UNPATCHED_ROUTER;
if (!unpatched) throw new Error("BENCH_UNPATCHED_ROUTER is not set");
const patched = createRequire(path.join(process.cwd(), "package.json")).resolve("@remix-run/router");
const resolve = Module._resolveFilename;
let loads = 0;
Module._resolveFilename = function (request, ...rest) {
  const resolved = resolve.call(this, request, ...rest);
  if (path.resolve(resolved) !== patched) return resolved;
  if (loads++ === 0) process.stderr.write(`bench: @remix-run/router served unpatched from ${unpatched}\n`);
  return unpatched;
};
