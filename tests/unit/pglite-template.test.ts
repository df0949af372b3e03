import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { ensureTemplate, templateFor, templatePath } from "../../db/pglite-template.mjs";

const scratch = mkdtempSync(path.join(os.tmpdir(), "pglite-template-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the embedded database's template (decision 052)", () => {
  it("is made once per PGlite version, and only a new data directory starts from it", async () => {
    await ensureTemplate();
    const file = templatePath();
    expect(file).toMatch(/pglite-\d+\.\d+\.\d+-initdb\.tar$/);
    const size = statSync(file).size;
    expect(await ensureTemplate()).toBe(false);

    expect(templateFor("memory://")?.size).toBe(size);
    expect(templateFor(path.join(scratch, "not-yet"))?.size).toBe(size);
    const existing = path.join(scratch, "existing");
    rmSync(existing, { recursive: true, force: true });
    mkdirSync(existing, { recursive: true });
    writeFileSync(path.join(existing, "PG_VERSION"), "17\n");
    expect(templateFor(existing)).toBeUndefined();
  }, 60_000); // making the template runs initdb once when the install did not

  it("gives a working database that keeps its data across a restart", async () => {
    const dataDir = path.join(scratch, "fresh");
    const first = new PGlite(dataDir, { loadDataDir: templateFor(dataDir) });
    await first.exec("create table kept (n int); insert into kept values (42)");
    await first.close();
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

    const again = new PGlite(dataDir, { loadDataDir: templateFor(dataDir) });
    expect((await again.query<{ n: number }>("select n from kept")).rows).toEqual([{ n: 42 }]);
    await again.close();
  }, 60_000); // two starts of PostgreSQL in WebAssembly
});
