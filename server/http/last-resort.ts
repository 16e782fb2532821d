// The last resort for an error no request or job caught: one log line, and the server keeps serving.
// Why keep serving: every write is one synchronous SQLite transaction, so a throw between them
// leaves nothing half-done, and exiting would drop the responses phones are sending right now
// (the crash tests show a restart loses nothing acknowledged, but respondents would see errors).
// Background jobs catch their own errors first (responses/upkeep.ts); this only catches a bug.

/** Installs the handlers once per process; returns a function that removes them (tests). */
export function keepServingOnStrayErrors(log: (line: string) => void = console.error) {
  const report = (event: "uncaught exception" | "unhandled rejection") => (reason: unknown) => {
    const error = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    // The message only, clipped: no stack, no request data (README: what the log keeps).
    log(JSON.stringify({ level: "error", event, error: error.slice(0, 300) }));
  };
  const onException = report("uncaught exception");
  const onRejection = report("unhandled rejection");
  process.on("uncaughtException", onException);
  process.on("unhandledRejection", onRejection);
  return () => {
    process.off("uncaughtException", onException);
    process.off("unhandledRejection", onRejection);
  };
}
