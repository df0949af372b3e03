// A freshly initialised embedded database, kept as a tar file, from which a new data directory starts (decision 052).
// PGlite's initdb runs PostgreSQL's bootstrap in WebAssembly: about 4 of the 5.5 s a first `npm start` spent before
// migrating. The result depends only on PGlite's version, not on this app, so `npm install` makes it once (postinstall)
// and every new database starts from a copy, as PostgreSQL's own `createdb` copies template1. Migrations and the seed
// still run on every new database. Without the file a new database runs initdb as before, only slower.
//
// Plain JavaScript: the embedded database's worker thread (db/pglite-worker.mjs) imports it untransformed.
// Run directly: `node db/pglite-template.mjs`.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where the template for the installed PGlite lives: a tool cache, remade by every install of another version. */
export function templatePath() {
  const { version } = JSON.parse(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8"));
  return path.join(root, "node_modules/.cache/portal", `pglite-${version}-initdb.tar`);
}

/** The template's bytes for a new data directory, or undefined when there is none (or the directory is not new). */
export function templateFor(dataDir) {
  const isNew = dataDir.startsWith("memory://") || !existsSync(path.join(dataDir, "PG_VERSION"));
  const file = templatePath();
  if (!isNew || !existsSync(file)) return undefined;
  return new Blob([readFileSync(file)]);
}

/** Makes the template when it is missing. Returns whether it made one. */
export async function ensureTemplate() {
  const file = templatePath();
  if (existsSync(file)) return false;
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = new PGlite("memory://");
  await pg.waitReady;
  await pg.exec("CHECKPOINT");
  const tar = await pg.dumpDataDir("none");
  await pg.close();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside, then renamed: a reader never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await tar.arrayBuffer()));
  renameSync(partial, file);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const made = await ensureTemplate();
  console.log(made ? `Made the embedded database's template (${path.relative(root, templatePath())}).` : "The embedded database's template is up to date.");
}
