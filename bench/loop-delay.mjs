// Preloaded (`node --import`) into the server `npm run bench` starts: answers the bench's "loop" message over
// the IPC channel with the event-loop delay (p99 and max, ms) and the garbage collector's pauses (the longest and
// their sum, ms) since the previous message, then starts afresh. The pauses tell whether a long delay was the
// collector's or the application's own work.
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
let gcMax = 0;
let gcTotal = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMax = Math.max(gcMax, entry.duration);
    gcTotal += entry.duration;
  }
}).observe({ entryTypes: ["gc"] });
if (process.send) {
  process.channel?.unref();
  process.on("message", (m) => {
    if (m !== "loop") return;
    process.send({ loop: { p99_ms: h.percentile(99) / 1e6, max_ms: h.max / 1e6, gc_max_ms: gcMax, gc_total_ms: gcTotal } });
    h.reset();
    gcMax = 0;
    gcTotal = 0;
  });
}
