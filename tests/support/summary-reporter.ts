// Ends the test run with one plain line, "N passed, N failed", that any CI log reader understands.
// An uncaught exception or unhandled rejection during the run counts as a failure there too: vitest
// already exits non-zero on one, and this line must not say "0 failed" while it does.
import type { SerializedError } from "vitest";
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    const stray = unhandledErrors.length;
    console.log(
      `\n${passed} passed, ${failed + stray} failed${skipped > 0 ? `, ${skipped} skipped` : ""}` +
        (stray > 0
          ? ` (${stray} uncaught error${stray > 1 ? "s" : ""} or unhandled rejection${stray > 1 ? "s" : ""})`
          : ""),
    );
  }
}
