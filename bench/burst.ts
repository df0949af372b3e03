/**
 * Issue 19: a burst of 50 page requests at once, against a running bench server (the uncached one). Each request is
 * a different page or address (public pages with words never searched, profiles, and signed-in pages as their
 * people), sent together, three times. Reports every status, the latency, and the server's event-loop delay during
 * each burst: on the embedded database the budget is p99 ≤ 100 ms and no 5xx.
 */
export const BURST_SIZE = 50;
export const BURST_LOOP_BUDGET_P99_MS = 100;

/** What bench/loop-delay.mjs reports of the server since it was last asked: event-loop delay and GC pauses, ms. */
export type LoopDelay = { p99_ms: number; max_ms: number; gc_max_ms: number; gc_total_ms: number };
export type Burst = { statuses: Record<string, number>; latencyMs: number[]; loop: LoopDelay };
type Request = { path: string; cookie?: string };

export async function benchBurst(
  base: string,
  requests: (round: number) => Request[],
  loopDelay: () => Promise<LoopDelay>,
  rounds = 3,
): Promise<Burst[]> {
  const bursts: Burst[] = [];
  for (let round = 0; round < rounds; round++) {
    const batch = requests(round).slice(0, BURST_SIZE);
    if (batch.length < BURST_SIZE) throw new Error(`a burst needs ${BURST_SIZE} requests, got ${batch.length}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await loopDelay(); // starts the server's histogram afresh
    const statuses: Record<string, number> = {};
    const latencyMs = await Promise.all(
      batch.map(async ({ path, cookie }) => {
        const started = performance.now();
        const res = await fetch(base + path, { headers: { accept: "text/html", ...(cookie ? { cookie } : {}) }, redirect: "manual" });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        return performance.now() - started;
      }),
    );
    bursts.push({ statuses, latencyMs: latencyMs.sort((a, b) => a - b), loop: await loopDelay() });
  }
  return bursts;
}
