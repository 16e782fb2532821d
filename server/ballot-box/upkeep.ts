// What happens after responses are acknowledged, off the respondent's path: due cohorts are
// released, released responses are expanded into the long answers table, the write-ahead log is
// emptied, and once submissions pause the whole file is rebuilt in key order, so no file the
// server writes keeps the order in which people answered (README: Threat model).

export interface Upkeep {
  /** Called after each commit with the number of responses it stored. */
  noteStored(count: number): void;
  /** Something that names responses was written outside a submission (e.g. the ledger). */
  noteChanged(): void;
  /** Releases what is due and expands everything released: readers call this first. */
  catchUp(): Promise<void>;
  /**
   * catchUp() in slices of CATCH_UP_SLICE responses with a rest between them, so a 20,000-response
   * backlog never holds a submission up for more than one short slice.
   */
  catchUpInSlices(): Promise<void>;
  /** Resolves once the file has been rebuilt after the last change (tests, the bench). */
  settled(): Promise<void>;
  /** Stops the timers and leaves the file rebuilt (graceful shutdown). */
  finish(): Promise<void>;
  stop(): void;
}

export interface UpkeepWork {
  /**
   * Releases due cohorts, whole cells only, stopping once `limit` responses are released (at least
   * one cell); returns how many it released.
   */
  release(limit: number): Promise<number>;
  /** Expands up to `limit` released responses into the long table; returns how many. */
  expand(limit: number): Promise<number>;
  pending(): Promise<number>;
  /** False when a reader in another process kept part of the log; retried. */
  truncateLog(): Promise<boolean>;
  rebuildFile(): Promise<void>;
  log(line: string): void;
}

export interface UpkeepOptions {
  /** Quiet time after the last submission before releasing and expanding. */
  idleMs?: number;
  /** Responses per expansion transaction: bounds how long the event loop is held. */
  chunk?: number;
  /** Past this backlog, expand even while submissions keep arriving. */
  maxBacklog?: number;
  /**
   * Quiet time after the last change before the file is rebuilt, at least. A large file takes
   * longer to rebuild, and a submission arriving meanwhile waits: the quiet wanted grows to ten
   * times the last rebuild, up to 50 s, so the rebuild still comes within a minute of a burst.
   */
  rebuildQuietMs?: number;
  /** A stream without such a pause still gets a rebuild this long after its first change. */
  rebuildMaxDelayMs?: number;
}

/** About 15 ms of expansion on a small server (28 questions each): what one submission may wait. */
const CATCH_UP_SLICE = 20;
/** Under a steady stream: a pass at least this often, each of at most STREAM_SLICE responses. */
const STREAM_PASS_MS = 1_000;
const STREAM_SLICE = 50;

export function createUpkeep(
  work: UpkeepWork,
  {
    idleMs = 50,
    chunk = 200,
    maxBacklog = 20_000,
    rebuildQuietMs = 5_000,
    rebuildMaxDelayMs = 300_000,
  }: UpkeepOptions = {},
): Upkeep {
  // Read on the first pass (the stores answer asynchronously); until then, unknown.
  let backlog: number | null = null;
  /** A pass awaits the database; a timer firing meanwhile must not start a second one. */
  let passing = false;
  let lastChange = 0;
  // Nothing to do until told: the server calls noteChanged() once it listens (a file left by a
  // crash may hold arrival order and unexpanded markers); a CLI command never starts a pass.
  let dirtySince: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = 0;
  let lastRebuildMs = 0;
  let lastPass = 0;
  /** When the current stream of changes began (null: quiet since the last pass). */
  let busySince: number | null = null;
  let failedRebuilds = 0;
  const quietWanted = () => Math.max(rebuildQuietMs, Math.min(50_000, 10 * lastRebuildMs));
  let waiters: (() => void)[] = [];

  const attempt = async <T>(what: string, step: () => Promise<T>, failed: T): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      // The responses themselves are safe; the step is retried on the next pass.
      work.log(
        JSON.stringify({ level: "error", route: "upkeep", error: `${what}: ${message(error)}` }),
      );
      return failed;
    }
  };
  /**
   * Releases and expansions of this process, one at a time: a reader's catch-up beside a pass's
   * step would otherwise return before that step's work is in place. On PostgreSQL a second release
   * is skipped while the first holds the release lock (alone()), and a second expansion skips the
   * rows the first has locked (SKIP LOCKED); SQLite's steps are synchronous and never overlapped.
   */
  let lastStep: Promise<unknown> = Promise.resolve();
  const oneStepAtATime = <T>(step: () => Promise<T>): Promise<T> => {
    const next = lastStep.then(step);
    lastStep = next.catch(() => undefined);
    return next;
  };
  const knownBacklog = async () => {
    backlog ??= await attempt("counting the backlog", work.pending, 0);
    return backlog;
  };
  const releaseSome = async (limit: number) => {
    const released = await attempt("releasing", () => oneStepAtATime(() => work.release(limit)), 0);
    backlog = (await knownBacklog()) + released;
    if (released > 0) dirtySince ??= Date.now();
    return released;
  };
  const releaseDue = async () => {
    await releaseSome(Number.POSITIVE_INFINITY);
  };
  const expand = async (limit: number): Promise<number> => {
    const expanded = await attempt(
      "expanding answers",
      () => oneStepAtATime(() => work.expand(limit)),
      0,
    );
    backlog = Math.max(0, (await knownBacklog()) - expanded);
    return expanded;
  };
  /** Runs a pass after `delay`, or sooner if one is already due sooner. */
  const schedule = (delay: number) => {
    // setTimeout fires at once past 2^31 − 1 ms; a longer wait is a wait that long, then a check.
    const wait = Math.min(Math.max(0, delay), 2 ** 31 - 1);
    const at = Date.now() + wait;
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(pass, wait);
    timer.unref();
  };
  const settle = () => {
    const waiting = waiters;
    waiters = [];
    for (const resolve of waiting) resolve();
  };
  const rebuild = async (): Promise<boolean> => {
    const startedAt = Date.now();
    const rebuilt = await attempt(
      "rebuilding the file",
      async () => {
        const started = performance.now();
        await work.rebuildFile();
        lastRebuildMs = performance.now() - started;
        return true;
      },
      false,
    );
    failedRebuilds = rebuilt ? 0 : failedRebuilds + 1;
    // The rebuild went through the log; empty it again (a failed truncation is retried). With
    // PostgreSQL the rebuild does not hold the event loop: what was stored meanwhile may sit in
    // arrival order, so the file stays dirty from then on.
    if (rebuilt) dirtySince = lastChange >= startedAt ? lastChange : null;
    return rebuilt && (await attempt("emptying the log", work.truncateLog, false));
  };
  /** 1 s after a log kept by a reader; after a failed rebuild (a full disk), 2, 4, … up to 5 min. */
  const retryDelay = () =>
    failedRebuilds === 0 ? 1_000 : Math.min(300_000, 1_000 * 2 ** failedRebuilds);
  /** One pass at a time; one that finds another running comes back shortly. */
  function pass() {
    timer = null;
    if (passing) return schedule(idleMs);
    passing = true;
    void run()
      .catch((error: unknown) =>
        work.log(JSON.stringify({ level: "error", route: "upkeep", error: message(error) })),
      )
      .finally(() => {
        passing = false;
      });
  }
  async function run(): Promise<void> {
    const now = Date.now();
    const quietFor = now - lastChange;
    // A steady stream is never quiet: then a small slice at least every STREAM_PASS_MS, so cells
    // go out as they fill (a cell is released whole, and a cell left to grow for minutes becomes
    // one long transaction that stalls every submission).
    const streaming = quietFor < idleMs && (backlog ?? 0) < maxBacklog;
    // A burst shorter than that is handled whole once it pauses, as before.
    if (streaming && now - Math.max(lastPass, busySince ?? now) < STREAM_PASS_MS)
      return schedule(idleMs - quietFor);
    lastPass = now;
    if (!streaming) busySince = null;
    // Small slices quiet or not: a 200-response expansion holds the loop ~200 ms on a 2-core box.
    const slice = Math.min(chunk, STREAM_SLICE);
    const released = await releaseSome(slice);
    const expanded = await expand(slice);
    if (streaming) return released + expanded > 0 ? schedule(0) : schedule(idleMs);
    if ((expanded > 0 && (backlog ?? 0) > 0) || released > 0) return schedule(0);
    // The log is a record in commit order, i.e. in submission order: fold it into the file as soon
    // as the burst is expanded, and rebuild the file itself once submissions pause.
    const truncated = await attempt("emptying the log", work.truncateLog, false);
    if (dirtySince === null) {
      if (!truncated) return schedule(1_000);
      return settle();
    }
    const due = Math.min(quietWanted() - quietFor, dirtySince + rebuildMaxDelayMs - now);
    if (due > 0) return schedule(due);
    if (!(await rebuild())) return schedule(retryDelay());
    // Stored while it ran: another rebuild once that burst is quiet.
    if (dirtySince !== null) return schedule(idleMs);
    settle();
  }

  return {
    noteStored(count) {
      if (count === 0) return;
      lastChange = Date.now();
      busySince ??= lastChange;
      dirtySince ??= lastChange;
      schedule(idleMs);
    },
    noteChanged() {
      lastChange = Date.now();
      dirtySince ??= lastChange;
      schedule(idleMs);
    },
    async catchUp() {
      await releaseDue();
      // Stops on a failed pass too, so a broken row can never spin a reader forever.
      while ((await expand(1000)) > 0);
      if (dirtySince !== null) schedule(idleMs);
    },
    async catchUpInSlices() {
      // Cohorts first, then their answers, a slice per turn: during a steady stream an analyst's
      // request can find thousands due at once.
      await inSlices(() => releaseSome(CATCH_UP_SLICE));
      await inSlices(() => expand(CATCH_UP_SLICE));
      if (dirtySince !== null) schedule(idleMs);
    },
    settled() {
      if (dirtySince === null && (backlog ?? 0) === 0 && !timer && !passing)
        return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    async finish() {
      if (timer) clearTimeout(timer);
      timer = null;
      await releaseDue();
      while ((await expand(1000)) > 0);
      if (dirtySince !== null) await rebuild();
      settle();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Repeats `step` until it does nothing, resting as long as each step took: a submission needs
 * several turns of the loop to be stored and acknowledged, and gets at least half of them.
 */
async function inSlices(step: () => Promise<number>) {
  for (;;) {
    const started = performance.now();
    if ((await step()) === 0) return;
    const took = performance.now() - started;
    await new Promise<void>((next) => setTimeout(next, Math.max(1, took)));
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
