// Benchmark only: the real server with the file rebuild switched off, the baseline that prices the
// order protection (npm run bench -- order). The server itself has no such switch.
import { readConfig } from "../../server/config.ts";
import { startServer } from "../../server/start-server.ts";

// setTimeout takes at most 2^31 − 1 ms; this is about 23 days: never, for a benchmark.
const NEVER = 2_000_000_000;
const started = await startServer(readConfig(), (line) => console.log(line), {
  rebuildQuietMs: NEVER,
  rebuildMaxDelayMs: NEVER,
});
if (!started.ok) {
  console.error(`Cannot start: ${started.problem}`);
  process.exit(1);
}
started.system.deps.upkeep.noteChanged();
