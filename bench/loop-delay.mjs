// Preloaded (`node --import`) into the server `npm run bench` starts: answers the bench's "loop" message over
// the IPC channel with the event-loop delay (p99 and max, ms) since the previous message, then starts afresh.
import { monitorEventLoopDelay } from "node:perf_hooks";

const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
if (process.send) {
  process.channel?.unref();
  process.on("message", (m) => {
    if (m !== "loop") return;
    process.send({ loop: { p99_ms: h.percentile(99) / 1e6, max_ms: h.max / 1e6 } });
    h.reset();
  });
}
