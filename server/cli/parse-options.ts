// Command-line flags: one that cannot be read is a usage error (exit 2, one line), never a stack trace.
import { type ParseArgsConfig, parseArgs } from "node:util";

/**
 * parseArgs, but its refusals (an unknown flag, `--keep -1` read as a flag where a value was due)
 * end the run the way every other refusal of the CLI does: one line naming the flag, exit code 2,
 * before anything was opened or written.
 */
export function parseOptionsOrExit<T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`✗ ${message.replace(/\s+/g, " ").trim()} (--help lists the commands)`);
    process.exit(2);
  }
}
