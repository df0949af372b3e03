import type { Duplex } from "node:stream";
import postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { startEmbeddedDatabase } from "../../db/pglite-thread";

// One PGlite backend is one session that every connection shares (db/pglite-worker.mjs): a connection that goes away
// inside a transaction must not leave it open for the next one, which would run inside it and see its writes.
const embedded = startEmbeddedDatabase({ dataDir: "memory://" });
afterAll(() => embedded.close());

/** A one-connection client, as the app's (db/client.server.ts); `socket` is missing from postgres.js's types. */
function client(socket: () => Promise<Duplex> = () => embedded.socket()) {
  const options: postgres.Options<Record<string, never>> & { socket: () => Promise<Duplex> } = { socket, max: 1, onnotice: () => {} };
  return postgres(options);
}

it("a connection that goes away inside a transaction leaves none open: its writes are rolled back, not seen by the next", async () => {
  const setup = client();
  await setup`create table kept (n int)`;
  await setup.end();

  let socket: Duplex | undefined;
  const gone = client(async () => (socket = await embedded.socket()));
  const reserved = await gone.reserve();
  await reserved`begin`;
  await reserved`insert into kept values (1)`;
  // In the transaction, the row is there.
  expect(await reserved`select count(*)::int as n from kept`).toEqual([{ n: 1 }]);
  // The client goes away without a word (a crashed request, a killed pool): no COMMIT, no ROLLBACK, no Terminate.
  const closed = new Promise((resolve) => socket!.once("close", resolve));
  socket!.destroy();
  await closed;

  const next = client();
  try {
    expect(await next`select count(*)::int as n from kept`).toEqual([{ n: 0 }]);
    // And it is not inside a transaction block: `begin` then `commit` of its own work keeps it.
    await next.begin((sql) => sql`insert into kept values (2)`);
    expect(await next`select array_agg(n)::int[] as ns from kept`).toEqual([{ ns: [2] }]);
  } finally {
    await next.end();
    await gone.end({ timeout: 0 }).catch(() => {});
  }
}, 60_000);
