// Preloaded (`node --import`) by `npm run bench` for its "routing-unpatched" phase only (decision 047): every load of
// a file the route-matching patches change (patches/@remix-run+router+*, react-router-dom+*, @remix-run+react+*) gets
// an unpatched copy the bench wrote beside it, so one run measures the server with and without the patches.
import Module from "node:module";
import path from "node:path";

const copies = JSON.parse(process.env.BENCH_UNPATCHED_ROUTING ?? "null");
if (!copies) throw new Error("BENCH_UNPATCHED_ROUTING is not set");
const resolve = Module._resolveFilename;
const served = new Set();
Module._resolveFilename = function (request, ...rest) {
  const resolved = resolve.call(this, request, ...rest);
  const copy = copies[path.resolve(resolved)];
  if (copy === undefined) return resolved;
  if (!served.has(copy)) {
    served.add(copy);
    process.stderr.write(`bench: ${path.relative(process.cwd(), resolved)} served unpatched\n`);
  }
  return copy;
};
